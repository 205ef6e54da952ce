import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getPlan } from "@/lib/server/plans";
import { getPlanAudit } from "@/lib/server/audit-view";
import { AUDIT_ACTIONS, auditActionLabel } from "@/lib/domain/audit/format";
import { AUDIT_PAGE_SIZE } from "@/lib/domain/audit/inputs";
import { AuditTrail } from "@/components/audit-trail";
import { Forbidden } from "@/components/forbidden";
import { PlanNav } from "@/components/plan-nav";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "变更记录" };

const FILTERS = ["user", "action", "period", "from", "to"] as const;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** 变更记录 of a plan (admins and leaders): every change, filtered by user, action, period and date, 50 a page. */
export default async function PlanAuditPage({ params, searchParams }: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  const { planId } = await params;
  const sp = await searchParams;
  const plan = await getPlan(actor, planId);
  if (!plan.ok) notFound();
  if (actor.role === "reporter") return <Forbidden message="计划的变更记录仅督查室（管理员）和领导可以查看；指标的变更记录见各指标页面。" />;
  const query = Object.fromEntries([...FILTERS, "cursor" as const].map((k) => [k, first(sp[k]).trim()]));
  const result = await getPlanAudit(actor, planId, query);
  if (!result.ok && result.error.code !== "validation") notFound();
  const errors = !result.ok ? Object.values(result.error.fields ?? {}).join("；") || result.error.message : null;
  const page = result.ok ? result.value : null;
  const filtered = FILTERS.some((k) => query[k]);
  const nextHref = page?.nextCursor ? `?${new URLSearchParams({ ...Object.fromEntries(FILTERS.filter((k) => query[k]).map((k) => [k, query[k]!])), cursor: page.nextCursor })}` : null;
  const field = "rounded border border-slate-300 bg-white px-2 py-1";

  return (
    <div>
      <nav className="mb-1 text-sm text-slate-500">
        <Link href={`/plans/${planId}`} className="underline hover:text-brand-700">{plan.value.title}</Link> / 变更记录
      </nav>
      <h1 className="text-xl font-semibold">变更记录</h1>
      <p className="mb-3 text-sm text-slate-600">本计划及其指标、填报数据的每一次变更：谁、何时、改了什么（原值 → 新值）、原因。最新在前，每页 {AUDIT_PAGE_SIZE} 条。</p>
      <PlanNav planId={planId} current="audit" isAdmin={actor.role === "admin"} canAudit />

      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-2 text-sm" data-testid="audit-filters">
        <label className="flex flex-col">
          <span className="text-slate-600">操作人</span>
          <select name="user" defaultValue={query.user} className={field} data-testid="audit-filter-user">
            <option value="">全部</option>
            {page?.users.map((u) => <option key={u.id} value={u.id}>{u.name}（{u.username}）</option>)}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">操作</span>
          <select name="action" defaultValue={query.action} className={field} data-testid="audit-filter-action">
            <option value="">全部</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{auditActionLabel(a)}</option>)}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">期间</span>
          <input name="period" defaultValue={query.period} placeholder={`${plan.value.year}-06`} className={`${field} w-28`} data-testid="audit-filter-period" />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">起始日期</span>
          <input type="date" name="from" defaultValue={query.from} className={field} />
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">截止日期</span>
          <input type="date" name="to" defaultValue={query.to} className={field} />
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white hover:bg-slate-700">筛选</button>
        {filtered && <Link href={`/plans/${planId}/audit`} className="px-2 py-1.5 text-slate-600 underline">清除筛选</Link>}
        <p role="alert" aria-live="assertive" className="w-full text-red-700 empty:hidden" data-testid="audit-filter-error">{errors}</p>
      </form>

      <section className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4" aria-label="变更记录列表">
        {page && <AuditTrail rows={page.rows} planId={planId} />}
      </section>
      <nav aria-label="翻页" className="no-print mt-3 flex gap-3 text-sm">
        {query.cursor && <Link href={`?${new URLSearchParams(Object.fromEntries(FILTERS.filter((k) => query[k]).map((k) => [k, query[k]!])))}`} className="underline hover:text-brand-700">回到最新</Link>}
        {nextHref && <Link href={nextHref} className="underline hover:text-brand-700" data-testid="audit-next">下一页（更早）</Link>}
      </nav>
    </div>
  );
}
