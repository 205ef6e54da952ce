import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getPlan } from "@/lib/server/plans";
import { listPendingReviews, type PendingReview } from "@/lib/server/review";
import { can } from "@/lib/domain/permissions";
import { isPlausibleId } from "@/lib/domain/ids";
import { trimZeros } from "@/lib/domain/labels";
import { periodLabel } from "@/lib/domain/periods";
import { PlanNav } from "@/components/plan-nav";
import { ReviewList, type ReviewRowView } from "./review-list";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "待审核" };

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function rowView(planId: string, r: PendingReview): ReviewRowView {
  const value = `${trimZeros(r.value)}${r.unit}`;
  const typed = r.rawInput.trim();
  return {
    id: r.id,
    goalId: r.goalId,
    goalHref: `/plans/${planId}/goals/${r.goalId}`,
    metric: r.metric,
    department: r.department?.name ?? null,
    period: periodLabel(r.period),
    value,
    typed: typed && typed !== value && typed !== trimZeros(r.value) ? typed : null,
    previous: r.previousValue === null ? null : `${trimZeros(r.previousValue)}${r.unit}`,
    note: r.note,
    warnings: r.warnings.map((w) => w.message),
    submittedBy: r.submittedBy,
    submittedAt: dateTime.format(r.submittedAt),
  };
}

/** 待审核: the plan's newest pending versions, oldest first, for the supervising office to approve or return. */
export default async function ReviewPage({ params, searchParams }: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const { planId } = await params;
  if (!isPlausibleId(planId)) notFound();
  const departmentParam = first((await searchParams).department)?.trim() || undefined;
  // An id that cannot be an id names no department (and must not reach the database).
  const department = departmentParam && isPlausibleId(departmentParam) ? departmentParam : undefined;
  const unknownDepartment = Boolean(departmentParam && !department);
  const [plan, all] = await Promise.all([getPlan(actor, planId), listPendingReviews(actor, planId)]);
  if (!plan.ok || !all.ok) {
    if ((!plan.ok && plan.error.code === "not_found") || (!all.ok && all.error.code === "not_found")) notFound();
    throw new Error(!plan.ok ? plan.error.message : !all.ok ? all.error.message : "");
  }
  const filtered = department ? await listPendingReviews(actor, planId, { department }) : all;
  if (!filtered.ok) throw new Error(filtered.error.message);

  // The filter offers the departments with something pending, with their counts.
  const counts = new Map<string, { name: string; count: number }>();
  for (const r of all.value) {
    if (!r.department) continue;
    const c = counts.get(r.department.id) ?? { name: r.department.name, count: 0 };
    c.count++;
    counts.set(r.department.id, c);
  }
  if (department && !counts.has(department)) counts.set(department, { name: "所选单位", count: 0 });
  const filtering = Boolean(departmentParam);
  const rows = unknownDepartment ? [] : filtered.value.map((r) => rowView(planId, r));

  return (
    <div>
      <nav className="mb-1 text-sm text-slate-500">
        <Link href={`/plans/${planId}`} className="underline hover:text-brand-700">{plan.value.title}</Link> / 待审核
      </nav>
      <h1 className="text-xl font-semibold">待审核</h1>
      <p className="mb-3 text-sm text-slate-500">
        共 {all.value.length} 条待审核{filtering ? `，当前单位 ${rows.length} 条` : ""}，按提交时间从早到晚排列。通过后即计入看板；退回须写明原因，填报单位修改后重新提交。
      </p>
      <PlanNav planId={planId} current="review" isAdmin pendingCount={all.value.length} />
      {!plan.value.requiresReview && (
        <p className="mb-3 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          本计划已关闭审核：填报员新提交的数据立即计入。以下是关闭前提交、尚未处理的填报。
        </p>
      )}

      <form method="get" className="no-print mb-3 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">
          <span className="text-slate-600">牵头单位</span>
          <select name="department" defaultValue={department ?? ""} className="max-w-72 rounded border border-slate-300 bg-white px-2 py-1" data-testid="review-department">
            <option value="">全部单位（{all.value.length}）</option>
            {[...counts].map(([id, c]) => (
              <option key={id} value={id}>{c.name}（{c.count}）</option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white hover:bg-slate-700">筛选</button>
        {filtering && <Link href={`/plans/${planId}/review`} className="px-2 py-1.5 text-slate-600 underline">显示全部</Link>}
      </form>

      <ReviewList rows={rows} emptyText={filtering ? "该单位暂无待审核的填报。" : "暂无待审核的填报。"} />
    </div>
  );
}
