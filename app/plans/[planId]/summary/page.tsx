import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getSummary } from "@/lib/server/summary";
import { asOfNotice } from "@/lib/domain/as-of";
import { todayInShanghai } from "@/lib/domain/periods";
import { EXPLANATION_MAX, summaryQuery } from "@/lib/domain/inputs";
import { can } from "@/lib/domain/permissions";
import { STATUS_CODES, statusLabel, statusLight } from "@/lib/domain/status";
import { LightDot, StatusLight } from "@/components/status-light";
import { sectionOptions } from "@/components/section-options";
import { PlanNav } from "@/components/plan-nav";
import { DownloadLink } from "@/components/download-link";
import { SCORECARD_RULES } from "@/lib/domain/summary/scorecard";
import { ExplanationForm } from "./explanation-form";
import { ChartFigure } from "@/components/chart-figure";
import { totalsChart } from "@/lib/domain/charts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "年度总结" };

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The last day of each month of the plan year: the as-of choices of a bulletin (督办通报) or the year end. */
function monthEnds(year: number): { value: string; label: string }[] {
  return Array.from({ length: 12 }, (_, i) => {
    const last = new Date(Date.UTC(year, i + 1, 0)).getUTCDate();
    return { value: `${year}-${String(i + 1).padStart(2, "0")}-${String(last).padStart(2, "0")}`, label: `${year}年${i + 1}月底` };
  });
}

// A4 for this page only: landscape so the seven columns fit; the screen chrome is hidden.
const PRINT_CSS = `
@page { size: A4 landscape; margin: 12mm 10mm; }
@media print {
  .summary-page { font-size: 10pt; }
  .summary-page table { width: 100%; table-layout: fixed; border-collapse: collapse; }
  .summary-page th, .summary-page td { border: 0.5pt solid #94a3b8; padding: 2pt 4pt; word-break: break-all; white-space: normal !important; }
  .summary-page thead { display: table-header-group; }
  .summary-page tr { break-inside: avoid; }
  .summary-page h3 { break-after: avoid; }
  .summary-page .scorecard { table-layout: auto; }
  .summary-wrap { overflow: visible !important; border: 0 !important; }
}`;

export default async function SummaryPage({ params, searchParams }: { params: Promise<{ planId: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const { planId } = await params;
  const sp = await searchParams;
  const query = summaryQuery.safeParse({ asOf: first(sp.asOf) || undefined, section: first(sp.section) || undefined, department: first(sp.department) || undefined, region: first(sp.region) || undefined });
  const queryError = query.success ? null : (asOfNotice(first(sp.asOf), todayInShanghai(new Date())) ?? "筛选条件无效，已显示全部指标（按今天）");
  const result = await getSummary(actor, planId, query.success ? query.data : {});
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    throw new Error(result.error.message);
  }
  const s = result.value;
  const asOfChoices = monthEnds(s.plan.year);
  const chosenAsOf = query.success ? query.data.asOf : undefined;
  const apiQuery = new URLSearchParams(Object.entries({ asOf: chosenAsOf, section: s.filters.section, department: s.filters.department, region: s.filters.region }).filter((e): e is [string, string] => Boolean(e[1])));
  const shownTotals = STATUS_CODES.filter((c) => s.totals[c] > 0);
  // 填写说明: the lead department's reporters and the region's admins (the same rule as the API's).
  const mayExplain = (lead: { id: string } | null) =>
    can(actor, { action: "enter", regionId: s.source.regionId, goal: { leadDepartmentId: lead?.id ?? null, coDepartmentIds: [] } });

  return (
    <div className="summary-page">
      <style>{PRINT_CSS}</style>
      <nav className="no-print mb-1 text-sm text-slate-500">
        <Link href={`/plans/${planId}`} className="underline hover:text-brand-700">{s.plan.title}</Link> / 年度总结
      </nav>
      <h1 className="text-xl font-semibold" data-testid="summary-title">
        {s.plan.title}{s.holder ? `（${s.holder}承担部分）` : ""}{s.narrativeKind === "year" ? "量化指标完成情况" : "量化指标督办通报"}
      </h1>
      <p className="mb-3 text-sm text-slate-500">
        截至 {s.asOf} · 量化指标 {s.goalCount} 项{s.yearEnded ? " · 本年度已结束，为最终状态" : ""} · 仅计入已审核数据
      </p>
      <PlanNav planId={planId} current="summary" isAdmin={actor.role === "admin"} />

      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">
          <span className="text-slate-600">截至</span>
          <select name="asOf" defaultValue={chosenAsOf ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1" data-testid="summary-asof">
            <option value="">{s.yearEnded ? "年度最终状态" : "今天"}</option>
            {chosenAsOf && !asOfChoices.some((c) => c.value === chosenAsOf) && <option value={chosenAsOf}>{chosenAsOf}</option>}
            {asOfChoices.map((c) => (
              <option key={c.value} value={c.value}>{c.label}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">章节</span>
          <select name="section" defaultValue={s.filters.section ?? ""} className="max-w-64 rounded border border-slate-300 bg-white px-2 py-1" data-testid="summary-section">
            <option value="">全部</option>
            {sectionOptions(s.choices.sections).map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">牵头单位</span>
          <select name="department" defaultValue={s.filters.department ?? ""} className="max-w-56 rounded border border-slate-300 bg-white px-2 py-1" data-testid="summary-department">
            <option value="">全部</option>
            {s.choices.departments.map((d) => (
              <option key={d.id} value={d.id}>{d.name}</option>
            ))}
          </select>
        </label>
        {s.choices.regions.length > 0 && (
          <label className="flex flex-col">
            <span className="text-slate-600">地区（含分解任务）</span>
            <select name="region" defaultValue={s.filters.region ?? ""} className="max-w-56 rounded border border-slate-300 bg-white px-2 py-1" data-testid="summary-region">
              {s.choices.regions.map((r, i) => (
                <option key={r.id} value={i === 0 ? "" : r.id}>{i === 0 ? `${r.name}（本级，全部指标）` : `${r.name}承担的分解任务`}</option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white hover:bg-slate-700">查询</button>
        <Link href={`/plans/${planId}/summary`} className="px-2 py-1.5 text-slate-600 underline">重置</Link>
        <a href={`/api/v1/plans/${planId}/summary${apiQuery.size ? `?${apiQuery}` : ""}`} className="px-2 py-1.5 text-slate-600 underline">JSON</a>
        <DownloadLink href={`/api/v1/plans/${planId}/summary.docx${apiQuery.size ? `?${apiQuery}` : ""}`} label="下载 Word" fallbackName="summary.docx" testId="summary-download-docx" />
        <DownloadLink href={`/api/v1/plans/${planId}/summary.xlsx${apiQuery.size ? `?${apiQuery}` : ""}`} label="下载 Excel" fallbackName="summary.xlsx" testId="summary-download-xlsx" />
        <p role="alert" aria-live="assertive" className="w-full text-red-700 empty:hidden">{queryError}</p>
      </form>

      <section aria-label="总体情况" className="mb-4 rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
        <h2 className="mb-2 text-base font-semibold">一、总体情况</h2>
        <div className="space-y-2 leading-7 text-slate-900" data-testid="summary-narrative">
          {s.narrativeParagraphs.map((p, i) => <p key={i} className="indent-8">{p}</p>)}
        </div>
        <details className="no-print mt-2 text-sm text-slate-600">
          <summary className="cursor-pointer">{s.narrativeKind === "year" ? "督办通报口径" : "年度完成情况口径"}</summary>
          <p className="mt-1 leading-6" data-testid="summary-alternate-narrative">{s.alternateNarrative}</p>
        </details>
        <dl className="mt-3 flex flex-wrap gap-2 text-sm" data-testid="summary-totals">
          {shownTotals.map((code) => (
            <div key={code} className="rounded border border-slate-200 px-2 py-1" data-testid={`summary-total-${code}`}>
              <dt className="inline-flex items-center gap-1.5 text-slate-600"><LightDot light={statusLight(code)} />{statusLabel(code)}</dt>
              <dd className="ml-1 inline font-semibold">{s.totals[code]}</dd>
            </div>
          ))}
          <div className="rounded border border-slate-200 px-2 py-1" data-testid="summary-total-unreported">
            <dt className="inline text-slate-600">其中无已审核数据（未报送）</dt>
            <dd className="ml-1 inline font-semibold">{s.unreported}</dd>
          </div>
        </dl>
        <ChartFigure spec={totalsChart(s.totals, s.goalCount)} className="mt-3" />
      </section>

      <section aria-label="分项完成情况" className="mb-4">
        <h2 className="mb-2 text-base font-semibold">二、分项完成情况</h2>
        {s.sections.length === 0 && <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-center text-slate-500">没有符合条件的指标。</p>}
        {s.sections.map((section) => (
          <div key={section.id ?? "other"} className="mb-4" data-testid="summary-section-table">
            <h3 className="mb-1 font-medium">{section.title}（{section.goals.length}项）</h3>
            <div className="summary-wrap stack-wrap overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="stack-table">
                <colgroup>
                  <col className="w-[22%]" /><col className="w-[12%]" /><col className="w-[13%]" /><col className="w-[8%]" /><col className="w-[9%]" /><col className="w-[13%]" /><col />
                </colgroup>
                <thead className="bg-slate-50 text-slate-600">
                  <tr><th>指标</th><th>目标值</th><th>实际值</th><th>完成率</th><th>状态</th><th>牵头单位</th><th>说明</th></tr>
                </thead>
                <tbody>
                  {section.goals.map((g) => (
                    <tr key={g.id} data-testid="summary-row" data-status={g.status}>
                      <td className="font-medium"><Link href={`/plans/${planId}/goals/${g.id}`} className="hover:text-brand-700 hover:underline">{g.metric}</Link></td>
                      <td data-label="目标值">
                        {g.targetText}
                        {g.baseline && <span className="block text-xs text-slate-500">上年 {g.baseline}</span>}
                        {g.previousYear && (
                          <span className="block text-xs text-slate-500" data-testid="summary-previous-year">
                            {g.previousYear.year}年目标：{g.previousYear.actual ? `实际${g.previousYear.actual}，` : ""}{g.previousYear.completion ? `完成率${g.previousYear.completion}，` : ""}{g.previousYear.statusLabel}
                          </span>
                        )}
                      </td>
                      <td data-label="实际值">{g.actual ?? "—"}{g.actualPeriodLabel && <span className="block text-xs text-slate-500">{g.actualPeriodLabel}</span>}</td>
                      <td data-label="完成率" className="tabular-nums">{g.completion ?? "—"}</td>
                      <td data-label="状态"><StatusLight light={g.reported ? g.light : "grey"} label={g.statusLabel} /></td>
                      <td data-label="牵头单位">{g.leadDepartment?.name ?? "—"}</td>
                      <td data-label="说明" className="text-slate-700" data-testid="summary-explanation" data-source={g.explanationSource ?? ""}>
                        {g.explanation ?? ""}
                        {g.explanationSource === "entry" && g.explanationWanted && <span className="block text-xs text-slate-500">（填报备注）</span>}
                        {g.explanationWanted && mayExplain(g.leadDepartment) && (
                          <ExplanationForm goalId={g.id} metric={g.metric} current={g.explanationSource === "summary" ? (g.explanation ?? "") : ""} max={EXPLANATION_MAX} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      </section>

      <section aria-label="未完成及滞后指标" className="mb-4 break-inside-avoid-page">
        <h2 className="mb-2 text-base font-semibold">三、未完成及滞后指标</h2>
        {s.notMet.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="summary-notmet-empty">没有未完成、基本完成或滞后的指标。</p>
        ) : (
          <ol className="list-decimal space-y-1 pl-6 text-sm" data-testid="summary-notmet">
            {s.notMet.map((g) => (
              <li key={g.id}>
                <span className="font-medium">{g.metric}</span>（{g.leadDepartment?.name ?? "未分配牵头单位"}，{g.statusLabel}{g.completion ? `，完成率${g.completion}` : ""}）
                {g.explanation ? `：${g.explanation}` : "：牵头单位未作说明。"}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-label="部门考评" className="mb-4 break-before-page">
        <h2 className="mb-2 text-base font-semibold">四、部门考评</h2>
        {s.departments.length === 0 ? (
          <p className="text-sm text-slate-600">没有可考评的单位。</p>
        ) : (
          <div className="summary-wrap stack-wrap overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="stack-table scorecard" data-testid="summary-scorecard">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th>排名</th><th>单位</th><th>承担指标</th><th>应报</th><th>按时报送</th><th>逾期报送</th><th>未报送</th><th>被退回</th>
                  <th>已完成</th><th>滞后</th><th>未完成</th><th>按时报送率</th><th>完成率</th>
                </tr>
              </thead>
              <tbody>
                {s.departments.map((d) => (
                  <tr key={d.id} data-testid="summary-scorecard-row">
                    <td data-label="排名">{d.rank}</td>
                    <td className="font-medium">{d.name}</td>
                    <td data-label="承担指标">{d.goals}</td>
                    <td data-label="应报">{d.due}</td>
                    <td data-label="按时报送">{d.onTime}</td>
                    <td data-label="逾期报送">{d.late}</td>
                    <td data-label="未报送">{d.missing}</td>
                    <td data-label="被退回">{d.returned}</td>
                    <td data-label="已完成">{d.met}</td>
                    <td data-label="滞后">{d.behind}</td>
                    <td data-label="未完成">{d.notMet}</td>
                    <td data-label="按时报送率">{d.onTimeRate === null ? "—" : `${d.onTimeRate.toFixed(1)}%`}</td>
                    <td data-label="完成率">{d.completionRate === null ? "—" : `${d.completionRate.toFixed(1)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ul className="mt-2 space-y-0.5 text-xs leading-5 text-slate-600" data-testid="summary-scorecard-rules">
          {SCORECARD_RULES.map((r) => <li key={r.column}>{r.rule}</li>)}
        </ul>
      </section>
    </div>
  );
}
