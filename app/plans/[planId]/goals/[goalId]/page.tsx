import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getGoalDetail } from "@/lib/server/goals";
import { calendarDate } from "@/lib/domain/inputs";
import { comparatorLabel, directionLabel, kindLabel, percentText, targetText, trimZeros } from "@/lib/domain/labels";
import { frequencyLabel, periodLabel, type Frequency } from "@/lib/domain/periods";
import { judgementLabel } from "@/lib/domain/status";
import { StatusLight } from "@/components/status-light";
import { EntryForm } from "./entry-form";
import { DeleteEntryButton } from "./delete-entry-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "指标详情与填报" };

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
  const { goal, judgement, asOf, canEnter, canManage, openPeriods, suggestedPeriod } = result.value;
  if (goal.planId !== planId) notFound();
  const target = targetText(goal.targetValue?.toString() ?? null, goal.unit, goal.comparator, goal.targetValueHigh?.toString(), goal.kind);

  return (
    <div className="space-y-5">
      <nav className="text-sm text-slate-500">
        <Link href={`/plans/${planId}`} className="underline hover:text-brand-700">{goal.plan.title}</Link>
        {goal.section && <span> / {goal.section.number ?? ""}{goal.section.title}</span>}
      </nav>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-xl font-semibold" data-testid="goal-metric">{goal.metric}</h1>
            <p className="mt-1 text-lg">目标：<span className="font-semibold">{target}</span></p>
          </div>
          <div className="text-right" data-testid="goal-status" data-status={judgement.code}>
            <div className="text-lg"><StatusLight light={judgement.light} label={judgementLabel(judgement)} /></div>
            <p className="text-xs text-slate-500">截至 {asOf}</p>
          </div>
        </div>
        <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
          <div><dt className="text-slate-500">最新实际</dt><dd>{judgement.latest ? `${trimZeros(judgement.latest.value)}${goal.unit}（${periodLabel(judgement.latest.period)}）` : "尚未填报"}</dd></div>
          <div><dt className="text-slate-500">完成率</dt><dd>{percentText(judgement.completion)}</dd></div>
          <div><dt className="text-slate-500">序时进度</dt><dd>{goal.accumulates ? percentText(judgement.expectedShare) : "不适用（时点指标）"}</dd></div>
          <div><dt className="text-slate-500">最早未填报期间</dt><dd>{judgement.overduePeriod ? periodLabel(judgement.overduePeriod) : "无"}</dd></div>
          <div><dt className="text-slate-500">牵头单位</dt><dd>{goal.leadDepartment?.name ?? "未分配"}</dd></div>
          <div><dt className="text-slate-500">配合单位</dt><dd>{goal.coDepartments.length ? goal.coDepartments.map((c) => c.department.name).join("、") : "无"}</dd></div>
          <div><dt className="text-slate-500">指标类型</dt><dd>{kindLabel(goal.kind)} · {comparatorLabel(goal.comparator)} · {directionLabel(goal.direction)}</dd></div>
          <div><dt className="text-slate-500">填报频次</dt><dd>{frequencyLabel(goal.frequency as Frequency)}{goal.accumulates ? "，填年初至今累计" : "，填当期数值"}</dd></div>
          {goal.baselineValue && (
            <div className="col-span-2"><dt className="text-slate-500">上年基数</dt><dd>{trimZeros(goal.baselineValue.toString())}{goal.baselineUnit}{goal.baselineYear ? `（${goal.baselineYear}年）` : ""}</dd></div>
          )}
        </dl>
        <blockquote className="mt-4 border-l-4 border-slate-200 pl-3 text-sm text-slate-600">报告原文：“{goal.quote}”</blockquote>
        {canManage && (
          <p className="no-print mt-3 text-sm"><Link href={`/plans/${planId}/goals/${goalId}/edit`} className="underline hover:text-brand-700">编辑指标</Link></p>
        )}
      </section>

      {canEnter ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 no-print" aria-labelledby="entry-heading">
          <h2 id="entry-heading" className="mb-3 font-semibold">填报数据</h2>
          {openPeriods.length ? (
            <EntryForm goalId={goal.id} unit={goal.unit} periods={openPeriods} suggestedPeriod={suggestedPeriod} accumulates={goal.accumulates} />
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
        <h2 id="history-heading" className="mb-2 font-semibold">填报记录</h2>
        {goal.entries.length === 0 ? (
          <p className="text-sm text-slate-500">暂无填报记录。</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[640px] text-sm">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1.5 pr-3 font-medium">期间</th>
                  <th className="py-1.5 pr-3 text-right font-medium">数值</th>
                  <th className="py-1.5 pr-3 font-medium">说明</th>
                  <th className="py-1.5 pr-3 font-medium">填报人</th>
                  <th className="py-1.5 pr-3 font-medium">填报时间</th>
                  {canEnter && <th className="py-1.5 font-medium"><span className="sr-only">操作</span></th>}
                </tr>
              </thead>
              <tbody>
                {goal.entries.map((entry) => (
                  <tr key={entry.id} className="border-t border-slate-100" data-testid="entry-row">
                    <td className="py-1.5 pr-3">{periodLabel(entry.period)}</td>
                    <td className="py-1.5 pr-3 text-right">
                      {trimZeros(entry.value.toString())}{goal.unit}
                      {entry.rawInput.trim() !== trimZeros(entry.value.toString()) && <span className="ml-1 text-xs text-slate-400">（录入：{entry.rawInput}）</span>}
                    </td>
                    <td className="py-1.5 pr-3 text-slate-600">{entry.note ?? ""}</td>
                    <td className="py-1.5 pr-3 text-slate-600">{entry.submittedBy.name}</td>
                    <td className="py-1.5 pr-3 text-slate-500">{dateTime.format(entry.submittedAt)}</td>
                    {canEnter && <td className="py-1.5 text-right"><DeleteEntryButton entryId={entry.id} label={periodLabel(entry.period)} /></td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
