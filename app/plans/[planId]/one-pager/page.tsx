import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getBoard } from "@/lib/server/board";
import { projectGoals } from "@/lib/server/projection";
import { isSamplePlan } from "@/lib/server/sample";
import { calendarDate } from "@/lib/domain/inputs";
import { percentText, trimZeros } from "@/lib/domain/labels";
import { attentionRows, bigNumbers, departmentsAtAGlance, sectionsAtAGlance } from "@/lib/domain/one-pager";
import { projectionText } from "@/lib/domain/projection";
import { judgementLabel } from "@/lib/domain/status";
import { chineseDate } from "@/lib/domain/entries/duty";
import { PlanNav } from "@/components/plan-nav";
import { StatusLight } from "@/components/status-light";
// One landscape A4 page in print (its own named page) and one projector screen (a stylesheet: the CSP refuses inline styles).
import "./one-pager.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "一张图" };

const ATTENTION_MAX = 14;
const AT_RISK_MAX = 6;
const GLANCE_MAX = 12;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);


/** 领导驾驶舱 / 一张图: the plan at a glance for leaders — big numbers, goals needing attention, sections, risks. */
export default async function OnePagerPage({ params, searchParams }: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  const { planId } = await params;
  const asOfParam = calendarDate.safeParse(first((await searchParams).asOf));
  const result = await getBoard(actor, planId, asOfParam.success ? { asOf: asOfParam.data } : {});
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    throw new Error(result.error.message);
  }
  const board = result.value;
  const [projected, sample] = await Promise.all([
    projectGoals(board.rows.map((r) => ({ id: r.goalId, accumulates: r.accumulates, kind: r.kind, direction: r.direction, target: r.target, judgement: r.judgement })), board.asOf),
    isSamplePlan(planId),
  ]);
  const numbers = bigNumbers(board.goalCount, board.totals, board.lights);
  const attention = attentionRows(board.rows);
  // Chapters at a glance; a plan whose goals all sit in one section is shown by lead department instead.
  const chapters = sectionsAtAGlance(board.sections, board.rows);
  const byDepartment = chapters.length <= 1;
  const glance = byDepartment ? departmentsAtAGlance(board.rows) : chapters;
  const atRisk = board.rows.filter((r) => projected.get(r.goalId)?.atRisk);
  const goalHref = (goalId: string) => `/plans/${planId}/goals/${goalId}${asOfParam.success ? `?asOf=${board.asOf}` : ""}`;
  const cards: [string, number, string, string][] = [
    ["指标总数", numbers.goals, "text-slate-900", "total"],
    ["已完成", numbers.met, "text-emerald-700", "met"],
    ["正常推进", numbers.onTrack, "text-emerald-700", "on-track"],
    ["滞后", numbers.behind, "text-amber-700", "behind"],
    ["红灯", numbers.red, "text-red-700", "red"],
    ["未填报", numbers.overdue, "text-slate-600", "overdue"],
  ];
  const th = "px-2 py-1 text-left font-medium";

  return (
    <div className="one-pager space-y-3" data-testid="one-pager">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{board.plan.title} · 一张图</h1>
        <p className="text-sm text-slate-600">
          截至{chineseDate(board.asOf)}{board.yearEnded ? "（本年度已结束）" : ""}{sample ? " · 示例数据" : ""}
        </p>
      </div>
      <PlanNav planId={planId} current="onePager" isAdmin={actor.role === "admin"} canAudit={actor.role !== "reporter"} />

      <ul className="grid grid-cols-3 gap-2 sm:grid-cols-6 print:grid-cols-6" aria-label="总体情况">
        {cards.map(([label, n, color, id]) => (
          <li key={id} className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-center" data-testid={`one-pager-${id}`}>
            <span className={`big block text-3xl font-bold tabular-nums ${color}`}>{n}</span>
            <span className="text-sm text-slate-600">{label}</span>
          </li>
        ))}
      </ul>

      {/* In print, three columns side by side (the right-hand pair unwrapped) so the page's height suffices. */}
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-[3fr_2fr] print:grid-cols-[8fr_6fr_4fr]!">
        <section className="min-w-0 rounded-lg border border-slate-200 bg-white p-3" aria-labelledby="attention-heading" data-testid="one-pager-attention">
          <h2 id="attention-heading" className="mb-1 font-semibold">需重点关注（红灯、未填报、滞后）</h2>
          {attention.length === 0 ? (
            <p className="text-sm text-slate-500">暂无红灯、未填报或滞后的指标。</p>
          ) : (
            <table className="stack-table w-full text-sm">
              <thead className="bg-slate-100 text-slate-600">
                <tr><th scope="col" className={th}>指标</th><th scope="col" className={th}>牵头单位</th><th scope="col" className={th}>状态</th><th scope="col" className={`${th} text-right`}>完成率</th><th scope="col" className={`${th} text-right`}>序时进度</th></tr>
              </thead>
              <tbody>
                {attention.slice(0, ATTENTION_MAX).map((r) => (
                  <tr key={r.goalId} className="border-t border-slate-100" data-testid="one-pager-attention-row" data-light={r.judgement.light}>
                    <td className="px-2 py-1 font-medium sm:font-normal"><Link href={goalHref(r.goalId)} className="hover:text-brand-700 hover:underline">{r.metric}</Link></td>
                    <td className="px-2 py-1 text-slate-700" data-label="牵头单位">{r.leadDepartment?.name ?? "未分配"}</td>
                    <td className="whitespace-nowrap px-2 py-1" data-label="状态"><StatusLight light={r.judgement.light} label={judgementLabel(r.judgement)} /></td>
                    <td className="px-2 py-1 text-right tabular-nums" data-label="完成率">{percentText(r.judgement.completion)}</td>
                    <td className="px-2 py-1 text-right tabular-nums" data-label="序时进度">{r.accumulates ? percentText(r.judgement.expectedShare) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {attention.length > ATTENTION_MAX && (
            <p className="mt-1 text-xs text-slate-500">另有 {attention.length - ATTENTION_MAX} 项，见<Link href={`/plans/${planId}`} className="underline">看板</Link>。</p>
          )}
        </section>

        <div className="min-w-0 space-y-3 print:contents">
          <section className="rounded-lg border border-slate-200 bg-white p-3" aria-labelledby="sections-heading" data-testid="one-pager-sections">
            <h2 id="sections-heading" className="mb-1 font-semibold">{byDepartment ? "各牵头单位一览" : "各章节一览"}</h2>
            <table className="w-full text-sm">
              <thead className="bg-slate-100 text-slate-600">
                <tr><th scope="col" className={th}>{byDepartment ? "牵头单位" : "章节"}</th><th scope="col" className={`${th} text-right`}>指标</th><th scope="col" className={`${th} text-right`}>绿灯</th><th scope="col" className={`${th} text-right`}>黄灯</th><th scope="col" className={`${th} text-right`}>红灯</th><th scope="col" className={`${th} text-right`}>灰灯</th></tr>
              </thead>
              <tbody>
                {glance.slice(0, GLANCE_MAX).map((g) => (
                  <tr key={g.id ?? "other"} className="border-t border-slate-100">
                    <td className="px-2 py-1">{g.title}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{g.total}</td>
                    <td className="px-2 py-1 text-right tabular-nums text-emerald-700">{g.lights.green || ""}</td>
                    <td className="px-2 py-1 text-right tabular-nums text-amber-700">{g.lights.yellow || ""}</td>
                    <td className="px-2 py-1 text-right tabular-nums font-semibold text-red-700">{g.lights.red || ""}</td>
                    <td className="px-2 py-1 text-right tabular-nums text-slate-600">{g.lights.grey || ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {glance.length > GLANCE_MAX && <p className="mt-1 text-xs text-slate-500">另有 {glance.length - GLANCE_MAX} 个{byDepartment ? "单位" : "章节"}，见看板。</p>}
          </section>

          <section className="rounded-lg border border-slate-200 bg-white p-3" aria-labelledby="risk-heading" data-testid="one-pager-at-risk">
            <h2 id="risk-heading" className="font-semibold">预计全年存在风险</h2>
            <p className="mb-1 text-xs text-slate-500">目前达到序时进度、但按今年进度测算全年可能完不成的指标（估算，非填报数据）。</p>
            {atRisk.length === 0 ? (
              <p className="text-sm text-slate-500">暂无。</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {atRisk.slice(0, AT_RISK_MAX).map((r) => (
                  <li key={r.goalId} data-testid="one-pager-at-risk-row">
                    <Link href={goalHref(r.goalId)} className="font-medium hover:text-brand-700 hover:underline">{r.metric}</Link>
                    <span className="text-slate-600">（{r.leadDepartment?.name ?? "未分配"}）：{projectionText(projected.get(r.goalId)!.projection, r.unit)}，目标{r.target !== null ? `${trimZeros(r.target)}${r.unit}` : "—"}</span>
                  </li>
                ))}
                {atRisk.length > AT_RISK_MAX && <li className="text-xs text-slate-500">另有 {atRisk.length - AT_RISK_MAX} 项。</li>}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
