import "server-only";
import { lightLabel, LIGHTS, statusLabel, STATUS_CODES } from "@/lib/domain/status";
import { asOfPhrase, type SummaryRow } from "@/lib/domain/summary";
import { chineseDate, exportTitle, previousYearText } from "@/lib/domain/summary/export";
import { SCORECARD_RULES } from "@/lib/domain/summary/scorecard";
import { totalsChart } from "@/lib/domain/charts";
import { renderChartPng } from "../charts/render";
import type { PlanSummary } from "../summary";
import type { DocxBlock, DocxSpec } from "./docx-render";
import { docxBytes } from "./docx-worker";
import { yieldToEventLoop } from "./yield";

// The summary as a Word document: 一、总体情况 (narrative, totals), 二、分项完成情况 (a table per section, landscape),
// 三、未完成及滞后指标 (with the departments' explanations), 四、部门考评 (landscape, the rules under it).
// Every figure and sentence comes from the PlanSummary; here only the layout is decided (docx-render.ts draws it).

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const ROWS_PER_PAUSE = 500;

/** 目标值 as stated, with the baseline and, when the summary has it, the previous year's result. */
function targetCell(g: SummaryRow): string {
  const prev = g.previousYear;
  return [g.baseline ? `${g.targetText}（上年${g.baseline}）` : g.targetText, ...(prev ? [`上年完成情况：${previousYearText(prev)}`] : [])].join("\n");
}

/** The totals chart of the page, rasterised, at the portrait text width (156 mm ≈ 590 px). */
function totalsImage(s: PlanSummary): DocxBlock {
  const spec = totalsChart(s.totals, s.goalCount);
  const width = 580;
  return { t: "image", png: renderChartPng(spec), width, height: Math.round((width * spec.height) / spec.width), alt: spec.label };
}

const rateText = (r: number | null) => (r === null ? "—" : `${r.toFixed(1)}%`);

/** The layout of the summary's document, as plain data. */
export async function summaryDocxSpec(s: PlanSummary, generatedOn: string): Promise<DocxSpec> {
  const title = exportTitle(s.plan.title, s.narrativeKind);
  let n = 0;
  const heading = (text: string): DocxBlock => ({ t: "heading", text: `${CHINESE_NUMBERS[n++]}、${text}` });
  const body = (text: string): DocxBlock => ({ t: "body", text });

  const overview: DocxBlock[] = [
    { t: "title", text: title },
    { t: "subtitle", text: `（${asOfPhrase(s.asOf, s.plan.year)}，数据统计截至${chineseDate(s.asOf)}）` },
    { t: "dateline", text: `生成日期：${chineseDate(generatedOn)}` },
    heading("总体情况"),
    ...s.narrativeParagraphs.map(body),
    body(`量化指标共${s.goalCount}项，各状态指标数如下${s.unreported ? `（其中无已审核数据、按“未报送”计的${s.unreported}项）` : ""}：`),
    {
      t: "table",
      headers: ["状态", "指标数（项）"],
      rows: [...STATUS_CODES.filter((c) => s.totals[c] > 0).map((c) => [statusLabel(c), String(s.totals[c])]), ["合计", String(s.goalCount)]],
      align: ["left", "center"],
      widths: [60, 40],
    },
    totalsImage(s),
    body(`各灯色指标数：${LIGHTS.filter((l) => s.lights[l] > 0).map((l) => `${lightLabel(l)}${s.lights[l]}项`).join("，") || "无"}。`),
  ];

  const sections: DocxBlock[] = [heading("分项完成情况")];
  if (s.sections.length === 0) sections.push(body("没有符合条件的指标。"));
  let count = 0;
  for (const section of s.sections) {
    sections.push({ t: "subheading", text: `${section.title}（${section.goals.length}项）` });
    const rows: string[][] = [];
    for (const g of section.goals) {
      rows.push([
        g.metric,
        targetCell(g),
        g.actual ? `${g.actual}${g.actualPeriodLabel ? `（${g.actualPeriodLabel}）` : ""}` : "—",
        g.completion ?? "—",
        g.statusLabel,
        g.leadDepartment?.name ?? "—",
        g.explanation ?? "",
      ]);
      if (++count % ROWS_PER_PAUSE === 0) await yieldToEventLoop();
    }
    sections.push({
      t: "table",
      headers: ["指标", "目标值", "实际值（期间）", "完成率", "状态", "牵头单位", "说明"],
      rows,
      align: ["left", "center", "center", "center", "center", "center", "left"],
      widths: [21, 15, 14, 8, 8, 12, 22],
    });
  }

  const notMet: DocxBlock[] = [heading("未完成及滞后指标")];
  if (s.notMet.length === 0) notMet.push(body("没有未完成、基本完成或滞后的指标。"));
  // Grouped under their chapters (the section titles carry their own （一） numbers), numbered straight through.
  let lastSection: string | null = null;
  for (const [i, g] of s.notMet.entries()) {
    if (g.section !== lastSection) notMet.push({ t: "subheading", text: (lastSection = g.section) });
    const facts = [g.leadDepartment?.name ?? "未分配牵头单位", g.statusLabel, ...(g.completion ? [`完成率${g.completion}`] : [])].join("，");
    notMet.push(body(`${i + 1}. ${g.metric}（${facts}）${g.explanation ? `：${g.explanation}` : "：牵头单位未作说明。"}`));
  }

  const scorecard: DocxBlock[] = [heading("部门考评")];
  if (s.departments.length === 0) scorecard.push(body("没有可考评的单位。"));
  else {
    scorecard.push({
      t: "table",
      headers: ["排名", "单位", "承担指标", "应报", "按时报送", "逾期报送", "未报送", "被退回", "已完成", "滞后", "未完成", "按时报送率", "完成率"],
      rows: s.departments.map((d) => [
        String(d.rank), d.name, String(d.goals), String(d.due), String(d.onTime), String(d.late), String(d.missing), String(d.returned),
        String(d.met), String(d.behind), String(d.notMet), rateText(d.onTimeRate), rateText(d.completionRate),
      ]),
      align: ["center", "left", ...Array<"center">(11).fill("center")],
      widths: [5, 17, 7, 6, 7, 7, 7, 7, 7, 6, 7, 9, 8],
      small: true,
    });
  }
  scorecard.push({ t: "note", text: "计算规则：" }, ...SCORECARD_RULES.map((r, i): DocxBlock => ({ t: "note", text: `${i + 1}. ${r.rule}` })));

  return {
    title,
    description: `${title}（${asOfPhrase(s.asOf, s.plan.year)}）`,
    sections: [
      { landscape: false, blocks: overview },
      { landscape: true, blocks: sections },
      { landscape: false, blocks: notMet },
      { landscape: true, blocks: scorecard },
    ],
  };
}

/** The .docx of a summary; `generatedOn` is the day it is made ("YYYY-MM-DD", Asia/Shanghai). */
export async function summaryDocx(s: PlanSummary, generatedOn: string): Promise<Buffer> {
  const spec = await summaryDocxSpec(s, generatedOn);
  const rows = s.goalCount + s.departments.length;
  const bytes = await docxBytes(spec, rows);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
