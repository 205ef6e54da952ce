import "server-only";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { Dec } from "@/lib/domain/decimal";
import { lightLabel, LIGHTS, statusLabel, STATUS_CODES } from "@/lib/domain/status";
import { asOfPhrase, type SummaryRow } from "@/lib/domain/summary";
import { chineseDate, decimalValue, exportTitle, previousYearText, sheetNames } from "@/lib/domain/summary/export";
import { SCORECARD_RULES } from "@/lib/domain/summary/scorecard";
import type { PlanSummary } from "../summary";
import { yieldToEventLoop } from "./yield";

// The summary as an Excel workbook, written as a stream (rows are committed as they are made, with a pause for
// other requests every few hundred): 汇总, one sheet per section, 未完成, 部门考评. Figures are number cells
// (完成率 a ratio formatted 0.0%); the target as stated stays beside them as text.

type Cell = string | number | null;
interface Column {
  header: string;
  width: number;
  numFmt?: string;
  /** Long text: wrapped. */
  wrap?: boolean;
}

const PERCENT = "0.0%";
const NUMBER = "#,##0.####";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7ECF2" } };
const ROWS_PER_PAUSE = 100;

/** The columns of a goal row and its cells, in one place so a new summary field is one line here. */
const GOAL_COLUMNS: (Column & { value: (g: SummaryRow) => Cell })[] = [
  { header: "指标", width: 30, wrap: true, value: (g) => g.metric },
  { header: "目标值（原文）", width: 18, wrap: true, value: (g) => g.targetText },
  { header: "目标值", width: 11, numFmt: NUMBER, value: (g) => decimalValue(g.target) },
  { header: "单位", width: 8, value: (g) => g.unit },
  { header: "基期值", width: 14, wrap: true, value: (g) => g.baseline },
  { header: "实际值", width: 11, numFmt: NUMBER, value: (g) => decimalValue(g.actualValue) },
  { header: "实际值（表述）", width: 16, wrap: true, value: (g) => g.actual },
  { header: "期间", width: 12, value: (g) => g.actualPeriodLabel },
  { header: "完成率", width: 9, numFmt: PERCENT, value: (g) => decimalValue(g.completionRatio) },
  { header: "状态", width: 11, value: (g) => g.statusLabel },
  { header: "灯色", width: 8, value: (g) => (g.reported ? lightLabel(g.light) : lightLabel("grey")) },
  { header: "牵头单位", width: 18, wrap: true, value: (g) => g.leadDepartment?.name ?? null },
  { header: "说明", width: 40, wrap: true, value: (g) => g.explanation },
  { header: "上年实际值", width: 11, numFmt: NUMBER, value: (g) => decimalValue(g.previousYear?.actualValue) },
  { header: "上年完成情况", width: 24, wrap: true, value: (g) => { const p = g.previousYear; return p ? previousYearText(p) : null; } },
  { header: "上年完成率", width: 10, numFmt: PERCENT, value: (g) => decimalValue(g.previousYear?.completionRatio) },
];

/** A sheet with a frozen, filtered, bold header row; `rows` are committed one by one. */
async function tableSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[], rows: Iterable<Cell[]>): Promise<void> {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1, xSplit: 0 }],
    autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: { numFmt: c.numFmt, alignment: { vertical: "top", wrapText: Boolean(c.wrap) } } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.eachCell((c) => (c.fill = HEADER_FILL));
  header.commit();
  let count = 0;
  for (const values of rows) {
    sheet.addRow(values).commit();
    if (++count % ROWS_PER_PAUSE === 0) await yieldToEventLoop();
  }
  sheet.commit();
}

function* goalRows(goals: readonly SummaryRow[], before: (g: SummaryRow) => Cell[] = () => []): Generator<Cell[]> {
  for (const g of goals) yield [...before(g), ...GOAL_COLUMNS.map((c) => c.value(g))];
}

/** The .xlsx of a summary; `generatedOn` is the day it is made ("YYYY-MM-DD", Asia/Shanghai). */
export async function summaryXlsx(s: PlanSummary, generatedOn: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const title = exportTitle(s.plan.title, s.narrativeKind);
  workbook.creator = "落实";
  workbook.title = title;

  // 汇总: what, as of when, the totals by verdict and light, the narrative.
  const summary = workbook.addWorksheet("汇总");
  summary.columns = [{ width: 26 }, { width: 12 }, { width: 80 }];
  const line = (values: Cell[], style?: { bold?: boolean; size?: number; wrap?: boolean }) => {
    const row = summary.addRow(values);
    if (style?.bold || style?.size) row.font = { bold: style.bold, size: style.size };
    if (style?.wrap) {
      row.getCell(1).alignment = { wrapText: true, vertical: "top" };
      summary.mergeCells(row.number, 1, row.number, 3);
    }
    row.commit();
  };
  line([title], { bold: true, size: 16 });
  line([`${asOfPhrase(s.asOf, s.plan.year)}（数据统计截至${chineseDate(s.asOf)}，仅计入已审核数据）；生成日期：${chineseDate(generatedOn)}`]);
  line([]);
  line(["状态", "指标数（项）"], { bold: true });
  for (const code of STATUS_CODES) line([statusLabel(code), s.totals[code]]);
  line(["其中无已审核数据（未报送）", s.unreported]);
  line(["合计", s.goalCount], { bold: true });
  line([]);
  line(["灯色", "指标数（项）"], { bold: true });
  for (const light of LIGHTS) line([lightLabel(light), s.lights[light]]);
  line([]);
  line(["总体情况"], { bold: true });
  for (const p of s.narrativeParagraphs) line([p], { wrap: true });
  summary.commit();
  await yieldToEventLoop();

  // One sheet per section, then 未完成 and 部门考评 (names fixed, section names made to fit around them).
  const names = sheetNames(s.sections.map((x) => x.title), ["汇总", "未完成", "部门考评"]);
  for (const [i, section] of s.sections.entries()) {
    await tableSheet(workbook, names[i]!, GOAL_COLUMNS, goalRows(section.goals));
    await yieldToEventLoop();
  }
  await tableSheet(
    workbook,
    "未完成",
    [{ header: "章节", width: 22, wrap: true }, ...GOAL_COLUMNS],
    goalRows(s.notMet, (g) => [(g as SummaryRow & { section: string }).section]),
  );
  const rate = (r: number | null) => (r === null ? null : new Dec(r).div(100).toNumber());
  await tableSheet(
    workbook,
    "部门考评",
    [
      { header: "排名", width: 6 }, { header: "单位", width: 22, wrap: true }, { header: "承担指标", width: 9 }, { header: "牵头", width: 7 },
      { header: "配合", width: 7 }, { header: "分解任务", width: 9 }, { header: "应报", width: 7 }, { header: "按时报送", width: 9 },
      { header: "逾期报送", width: 9 }, { header: "未报送", width: 8 }, { header: "被退回", width: 8 }, { header: "已完成", width: 8 },
      { header: "滞后", width: 7 }, { header: "未完成", width: 8 }, { header: "按时报送率", width: 11, numFmt: PERCENT }, { header: "完成率", width: 9, numFmt: PERCENT },
    ],
    [
      ...s.departments.map((d): Cell[] => [
        d.rank, d.name, d.goals, d.lead, d.co, d.shares, d.due, d.onTime, d.late, d.missing, d.returned, d.met, d.behind, d.notMet,
        rate(d.onTimeRate), rate(d.completionRate),
      ]),
      [],
      ["计算规则："],
      ...SCORECARD_RULES.map((r, i): Cell[] => [`${i + 1}. ${r.rule}`]),
    ],
  );
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}
