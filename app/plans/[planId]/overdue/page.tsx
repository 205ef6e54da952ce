import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getPlanOverdue, type DepartmentDuty } from "@/lib/server/duty";
import { calendarDate } from "@/lib/domain/inputs";
import { asOfNotice } from "@/lib/domain/as-of";
import { todayInShanghai } from "@/lib/domain/periods";
import { chineseDate } from "@/lib/domain/entries/duty";
import { CopyText } from "@/components/copy-text";
import { DutySummary } from "@/components/duty-summary";
import { PlanNav } from "@/components/plan-nav";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "未填报" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const UNASSIGNED = "（未分配牵头单位）";

/** 未填报: per lead department, the goals overdue, returned and not resubmitted, or due soon, with a 催报通知 to copy. */
export default async function OverduePage({ params, searchParams }: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  const { planId } = await params;
  const asOfParam = first((await searchParams).asOf)?.trim();
  const asOf = asOfParam ? calendarDate.safeParse(asOfParam) : null;
  const asOfError = asOf && !asOf.success ? asOfNotice(asOfParam, todayInShanghai(new Date())) : null;
  const result = await getPlanOverdue(actor, planId, asOf?.success ? asOf.data : undefined);
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    throw new Error(result.error.message);
  }
  const { plan, departments } = result.value;
  const isAdmin = actor.role === "admin";
  const sum = (pick: (d: DepartmentDuty) => number) => departments.reduce((n, d) => n + pick(d), 0);

  return (
    <div>
      <nav className="mb-1 text-sm text-slate-500">
        <Link href={`/plans/${planId}`} className="underline hover:text-brand-700">{plan.title}</Link> / 未填报
      </nav>
      <h1 className="text-xl font-semibold">未填报与催报</h1>
      <p className="mb-3 text-sm text-slate-600" data-testid="overdue-summary">
        截至{chineseDate(result.value.asOf)}，
        {departments.length === 0
          ? "各牵头单位均已按时报送。"
          : `${departments.length} 个牵头单位有待报数据：逾期 ${sum((d) => d.overdueGoals)} 项指标，退回待重报 ${sum((d) => d.returnedGoals)} 项，即将到期 ${sum((d) => d.dueGoals)} 项。`}
        <span className="text-slate-500">每期数据应在期末后 {plan.graceDays} 天内报送，逾期天数从应报日期起算。</span>
      </p>
      <PlanNav planId={planId} current="overdue" isAdmin={isAdmin} />

      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">
          <span className="text-slate-600">截至日期</span>
          <input type="date" name="asOf" defaultValue={result.value.asOf} className="rounded border border-slate-300 bg-white px-2 py-1" data-testid="overdue-asof" />
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white hover:bg-slate-700">查询</button>
        {asOfParam && <Link href={`/plans/${planId}/overdue`} className="px-2 py-1.5 text-slate-600 underline">按今天</Link>}
        <p role="alert" aria-live="assertive" className="w-full text-red-700 empty:hidden" data-testid="overdue-asof-error">{asOfError}</p>
      </form>

      {departments.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-500" data-testid="overdue-empty">
          暂无逾期、退回待重报或即将到期的数据。
        </p>
      ) : (
        <div className="space-y-4">
          {departments.map((d) => {
            const name = d.department?.name ?? UNASSIGNED;
            return (
              <section
                key={d.department?.id ?? "none"}
                className="break-inside-avoid-page rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
                data-testid="overdue-department"
                data-department-name={name}
                aria-label={name}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <h2 className="text-base font-semibold">{name}</h2>
                  <p className="flex flex-wrap gap-x-3 text-sm" data-testid="overdue-counts">
                    <span className={d.overdueGoals ? "" : "text-slate-500"}>逾期 <strong>{d.overdueGoals}</strong> 项</span>
                    <span className={d.returnedGoals ? "text-red-800" : "text-slate-500"}>退回待重报 <strong>{d.returnedGoals}</strong> 项</span>
                    <span className={d.dueGoals ? "text-amber-800" : "text-slate-500"}>即将到期 <strong>{d.dueGoals}</strong> 项</span>
                    {d.maxDaysOverdue > 0 && <span>最长逾期 <strong className="text-red-700">{d.maxDaysOverdue}</strong> 天</span>}
                  </p>
                </div>
                <div className="mt-2 grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
                  <ul className="divide-y divide-slate-100">
                    {d.goals.map((g) => (
                      <li key={g.goalId} className="grid gap-1 py-2 md:grid-cols-[14rem_minmax(0,1fr)] md:gap-3" data-testid="overdue-goal">
                        <a href={`/plans/${planId}/goals/${g.goalId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{g.metric}</a>
                        <DutySummary duty={g.duty} />
                      </li>
                    ))}
                  </ul>
                  <details open={isAdmin} className="no-print self-start rounded border border-slate-200 bg-slate-50 p-2">
                    <summary className="cursor-pointer text-sm font-medium text-slate-700">催报通知（可复制到工作群）</summary>
                    <div className="mt-2">
                      <CopyText text={d.reminder} label={`${name}催报通知`} rows={9} textTestId="reminder-text" buttonTestId="copy-reminder" />
                    </div>
                  </details>
                </div>
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}
