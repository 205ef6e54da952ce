import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getGoalDetail } from "@/lib/server/goals";
import { getGoalSource } from "@/lib/server/goal-source";
import { calendarDate } from "@/lib/domain/inputs";
import { asOfNotice } from "@/lib/domain/as-of";
import { comparatorLabel, departmentLabel, directionLabel, kindLabel, percentText, targetText, trimZeros } from "@/lib/domain/labels";
import { frequencyLabel, periodLabel, type Frequency } from "@/lib/domain/periods";
import { judgementLabel } from "@/lib/domain/status";
import { StatusLight } from "@/components/status-light";
import { SampleDataNotice } from "@/components/sample-data-notice";
import { isSamplePlan } from "@/lib/server/sample";
import { EntryForm } from "./entry-form";
import { GoalShares, ShareParentNotice } from "./shares";
import { GoalProjection } from "./projection";
import { GoalAuditSection } from "./audit-section";
import { GoalTrendChart } from "@/components/goal-trend-chart";
import { ReviewButtons, WithdrawButton } from "./version-actions";
import { ENTRY_STATE_LABELS } from "@/lib/domain/entries/versions";
import { listLocks } from "@/lib/server/locks";
import { todayInShanghai } from "@/lib/domain/periods";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "指标详情与填报" };

const STATE_STYLE: Record<string, string> = {
  pending: "bg-amber-100 text-amber-900",
  approved: "bg-emerald-100 text-emerald-900",
  returned: "bg-red-100 text-red-900",
  withdrawn: "bg-slate-100 text-slate-600",
};

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

export default async function GoalPage({ params, searchParams }: {
  params: Promise<{ planId: string; goalId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  const { planId, goalId } = await params;
  const sp = await searchParams;
  const asOfParam = calendarDate.safeParse(Array.isArray(sp.asOf) ? sp.asOf[0] : sp.asOf);
  const result = await getGoalDetail(actor, goalId, asOfParam.success ? asOfParam.data : undefined);
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    throw new Error(result.error.message);
  }
  const { goal, judgement, asOf, canEnter, canManage, openPeriods, suggestedPeriod, newestVersion, counted } = result.value;
  if (goal.planId !== planId) notFound();
  const locks = await listLocks(actor, planId);
  const sourceResult = await getGoalSource(actor, goalId);
  const source = sourceResult.ok ? sourceResult.value : null;
  const lockedPeriods = Object.fromEntries((locks.ok ? locks.value : []).map((l) => [l.period, l.reason]));
  const countedIds = new Set(counted.map((c) => c.id));
  const newestIds = new Set(goal.entries.filter((e) => newestVersion[e.period] === e.version).map((e) => e.id));
  const yearEnded = asOf > `${goal.plan.year}-12-31`;
  const asOfError = asOfParam.success ? null : asOfNotice(Array.isArray(sp.asOf) ? sp.asOf[0] : sp.asOf, asOf);
  const target = targetText(goal.targetValue?.toString() ?? null, goal.unit, goal.comparator, goal.targetValueHigh?.toString(), goal.kind);

  return (
    <div className="space-y-5">
      <nav className="text-sm text-slate-500">
        <Link href={`/plans/${planId}`} className="underline hover:text-brand-700">{goal.plan.title}</Link>
        {goal.section && <span> / {goal.section.number ?? ""}{goal.section.title}</span>}
      </nav>
      {(await isSamplePlan(planId)) && <SampleDataNotice className="" />}
      <ShareParentNotice parent={result.value.parent} />
      {asOfError && <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="as-of-error">{asOfError}</p>}

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-xl font-semibold" data-testid="goal-metric">{goal.metric}</h1>
            <p className="mt-1 text-lg">目标：<span className="font-semibold">{target}</span></p>
          </div>
          <div className="text-right" data-testid="goal-status" data-status={judgement.code}>
            <div className="text-lg"><StatusLight light={judgement.light} label={judgementLabel(judgement)} /></div>
            <p className="text-xs text-slate-500">截至 {asOf}{yearEnded ? " · 本年度已结束" : ""}</p>
          </div>
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <div><dt className="text-slate-500">最新实际</dt><dd>{judgement.latest ? `${trimZeros(judgement.latest.value)}${goal.unit}（${periodLabel(judgement.latest.period)}）` : "尚未填报"}</dd></div>
          <div><dt className="text-slate-500">完成率</dt><dd>{percentText(judgement.completion)}</dd></div>
          <div><dt className="text-slate-500">序时进度</dt><dd>{goal.accumulates ? percentText(judgement.expectedShare) : "不适用（时点指标）"}</dd></div>
          <div><dt className="text-slate-500">最早未填报期间</dt><dd>{judgement.overduePeriod ? periodLabel(judgement.overduePeriod) : "无"}</dd></div>
          <div><dt className="text-slate-500">牵头单位</dt><dd>{goal.leadDepartment ? departmentLabel(goal.leadDepartment, actor.scope.regionId) : "未分配"}</dd></div>
          <div><dt className="text-slate-500">配合单位</dt><dd>{goal.coDepartments.length ? goal.coDepartments.map((c) => departmentLabel(c.department, actor.scope.regionId)).join("、") : "无"}</dd></div>
          <div><dt className="text-slate-500">指标类型</dt><dd>{kindLabel(goal.kind)} · {comparatorLabel(goal.comparator)} · {directionLabel(goal.direction)}</dd></div>
          <div><dt className="text-slate-500">填报频次</dt><dd>{frequencyLabel(goal.frequency as Frequency)}{goal.accumulates ? "，填年初至今累计" : "，填当期数值"}</dd></div>
          {goal.baselineValue && (
            <div className="col-span-2"><dt className="text-slate-500">上年基数</dt><dd>{trimZeros(goal.baselineValue.toString())}{goal.baselineUnit}{goal.baselineYear ? `（${goal.baselineYear}年）` : ""}</dd></div>
          )}
        </dl>
        {source ? (
          <blockquote className="mt-4 border-l-4 border-slate-200 pl-3 text-sm leading-6 text-slate-600" data-testid="goal-source">
            报告原文：{source.clippedBefore ? "…" : ""}{source.before}
            <mark className="rounded-sm bg-amber-100 px-0.5 text-slate-900" data-testid="goal-source-quote">{source.quote}</mark>
            {source.after}{source.clippedAfter ? "…" : ""}
          </blockquote>
        ) : (
          <blockquote className="mt-4 border-l-4 border-slate-200 pl-3 text-sm text-slate-600">报告原文：“{goal.quote}”</blockquote>
        )}
        {canManage && (
          <p className="no-print mt-3 text-sm"><Link href={`/plans/${planId}/goals/${goalId}/edit`} className="underline hover:text-brand-700">编辑指标</Link></p>
        )}
      </section>

      <GoalProjection detail={result.value} />

      <GoalTrendChart actor={actor} detail={result.value} />

      <GoalShares actor={actor} detail={result.value} />

      {canEnter ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 no-print" aria-labelledby="entry-heading">
          <h2 id="entry-heading" className="mb-3 font-semibold">填报数据</h2>
          {openPeriods.length ? (
            <>
              {goal.plan.requiresReview && actor.role !== "admin" && (
                <p className="mb-3 text-sm text-slate-600">本计划需要审核：提交后为“待审核”，督查室审核通过后计入看板。</p>
              )}
              <EntryForm
                goalId={goal.id}
                unit={goal.unit}
                periods={openPeriods}
                suggestedPeriod={suggestedPeriod}
                accumulates={goal.accumulates}
                newestVersion={newestVersion}
                lockedPeriods={lockedPeriods}
                isAdmin={actor.role === "admin"}
                today={todayInShanghai(new Date())}
              />
            </>
          ) : (
            <p className="text-sm text-slate-500">{goal.plan.year}年尚未开始，暂不能填报。</p>
          )}
        </section>
      ) : (
        <p className="text-sm text-slate-500" data-testid="no-entry-permission">
          {actor.role === "reporter" ? "该指标不由本单位牵头或配合，不能填报。" : "只读：您可以查看该指标的填报记录。"}
        </p>
      )}

      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-2 font-semibold">填报记录（每次提交一个版本，最新在前）</h2>
        {goal.entries.length === 0 ? (
          <p className="text-sm text-slate-500">暂无填报记录。</p>
        ) : (
          <ol className="divide-y divide-slate-100 text-sm">
            {goal.entries.map((entry) => (
              <li key={entry.id} className="grid gap-1 py-2 sm:grid-cols-[9rem_8rem_1fr_auto] sm:gap-3" data-testid="entry-row" data-state={entry.state} data-version-id={entry.id}>
                <div>
                  <span className="font-medium">{periodLabel(entry.period)}</span>
                  <span className="ml-1 text-xs text-slate-500">第{entry.version}版</span>
                </div>
                <div className="sm:text-right">
                  <span className="font-medium">{trimZeros(entry.value.toString())}{goal.unit}</span>
                  {entry.rawInput.trim() !== trimZeros(entry.value.toString()) && <span className="ml-1 text-xs text-slate-500">（录入：{entry.rawInput}）</span>}
                </div>
                <div className="min-w-0 text-slate-600">
                  <span className={`mr-2 inline-block rounded px-1.5 text-xs ${STATE_STYLE[entry.state]}`} data-testid="entry-state">
                    {ENTRY_STATE_LABELS[entry.state]}{countedIds.has(entry.id) ? "·计入" : ""}
                  </span>
                  {entry.submittedBy.name} 于 {dateTime.format(entry.submittedAt)} 提交
                  {entry.reportedAt.toISOString().slice(0, 10) !== todayInShanghai(entry.submittedAt) && <>（填报日期 {entry.reportedAt.toISOString().slice(0, 10)}）</>}
                  {entry.reviewedBy && entry.state !== "pending" && entry.reviewedBy.username !== entry.submittedBy.username && <>，{entry.reviewedBy.name}{entry.state === "returned" ? "退回" : "审核"}</>}
                  {entry.note && <p className="break-words text-slate-700">说明：{entry.note}</p>}
                  {entry.state === "returned" && entry.reviewNote && <p className="break-words text-red-700" data-testid="return-reason">退回原因：{entry.reviewNote}</p>}
                  {Array.isArray(entry.warnings) && entry.warnings.length > 0 && <p className="text-xs text-amber-800">提交时已确认提示：{(entry.warnings as { message: string }[]).map((w) => w.message).join("；")}</p>}
                </div>
                <div className="no-print flex items-start gap-2 sm:justify-end">
                  {entry.state === "pending" && newestIds.has(entry.id) && canManage && <ReviewButtons versionId={entry.id} />}
                  {entry.state === "pending" && newestIds.has(entry.id) && canEnter && <WithdrawButton versionId={entry.id} label={periodLabel(entry.period)} />}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <GoalAuditSection actor={actor} goalId={goal.id} />
    </div>
  );
}
