import "server-only";
import {
  AlignmentType, Document, Footer, Packer, PageNumber, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun,
  VerticalAlign, WidthType, type ISectionOptions,
} from "docx";
import { lightLabel, LIGHTS, statusLabel, STATUS_CODES } from "@/lib/domain/status";
import { asOfPhrase } from "@/lib/domain/summary";
import { chineseDate, exportTitle } from "@/lib/domain/summary/export";
import { SCORECARD_RULES } from "@/lib/domain/summary/scorecard";
import type { PlanSummary } from "../summary";
import { yieldToEventLoop } from "./yield";

// The summary as a Word document in the layout of an official report (GB/T 9704 habits): 方正小标宋 title, 黑体
// level-1 headings (一、), 楷体 level-2 (the sections' own （一）), 仿宋 三号 body, 小四 tables, page numbers.
// Every figure and sentence comes from the PlanSummary; nothing is computed here but layout.

const TITLE_FONT = "方正小标宋简体";
const HEADING_FONT = "黑体";
const SUBHEADING_FONT = "楷体_GB2312";
const BODY_FONT = "仿宋_GB2312";
const LATIN_FONT = "Times New Roman";

/** Word substitutes w:altName when a font is missing: 黑体 for the title face, 仿宋 / 楷体 for the GB2312 ones. */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${[
  [TITLE_FONT, HEADING_FONT, "modern"],
  [HEADING_FONT, "SimHei", "modern"],
  [SUBHEADING_FONT, "楷体", "script"],
  [BODY_FONT, "仿宋", "modern"],
  ["宋体", "SimSun", "auto"],
  [LATIN_FONT, null, "roman"],
].map(([name, alt, family]) => `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ""}${name === LATIN_FONT ? "" : '<w:charset w:val="86"/>'}<w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`).join("")}</w:fonts>`;

const font = (eastAsia: string) => ({ ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia, hint: "eastAsia" as const });
/** Half-points: 二号 22pt, 三号 16pt, 小四 12pt, 五号 10.5pt. */
const SIZE = { title: 44, body: 32, table: 24, small: 21 } as const;

const A4 = { width: 11906, height: 16838 }; // twips
const MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474 }; // 37mm / 35mm / 28mm / 26mm, as GB/T 9704

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: ["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"], font: font("宋体"), size: 28 }),
        ],
      }),
    ],
  });
}

function page(landscape: boolean): ISectionOptions["properties"] {
  return {
    page: {
      size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      margin: landscape ? { top: 1474, bottom: 1474, left: 1588, right: 1588 } : MARGIN,
    },
  };
}

const heading = (text: string) => new Paragraph({ style: "Heading1", children: [new TextRun(text)] });
const subheading = (text: string) => new Paragraph({ style: "Heading2", children: [new TextRun(text)] });
const body = (text: string, indent = true) => new Paragraph({ style: "Body", indent: indent ? { firstLine: 640 } : undefined, children: [new TextRun(text)] });
const note = (text: string) => new Paragraph({ style: "TableNote", children: [new TextRun(text)] });

function cell(text: string, options: { header?: boolean; align?: "left" | "center" | "right"; size?: number } = {}): TableCell {
  const align = options.align === "right" ? AlignmentType.RIGHT : options.align === "left" ? AlignmentType.LEFT : AlignmentType.CENTER;
  return new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: options.header ? { fill: "E7ECF2", type: "clear", color: "auto" } : undefined,
    children: [
      new Paragraph({
        alignment: align,
        spacing: { line: 300 },
        children: [new TextRun({ text, bold: options.header, font: font(options.header ? HEADING_FONT : BODY_FONT), size: options.size ?? SIZE.table })],
      }),
    ],
  });
}

/** A table whose first row repeats on every page; widths in percent of the text width. */
function table(headers: string[], rows: { text: string; align?: "left" | "center" | "right" }[][], widths: number[], size: number = SIZE.table): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h) => cell(h, { header: true, size })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c.text, { align: c.align, size })) })),
    ],
  });
}

/** Twips for percentages of a width (columnWidths wants absolute values). */
const widthsOf = (total: number, percents: number[]) => percents.map((p) => Math.round((total * p) / 100));

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The .docx of a summary; `generatedOn` is the day it is made ("YYYY-MM-DD", Asia/Shanghai). */
export async function summaryDocx(s: PlanSummary, generatedOn: string): Promise<Buffer> {
  const title = exportTitle(s.plan.title, s.narrativeKind);
  const portraitWidth = A4.width - MARGIN.left - MARGIN.right;
  const landscapeWidth = A4.height - 1588 * 2;
  let n = 0;
  const numbered = (text: string) => heading(`${CHINESE_NUMBERS[n++]}、${text}`);

  // 一、总体情况: the narrative and the totals.
  const overview: (Paragraph | Table)[] = [
    new Paragraph({ style: "Title", children: [new TextRun(title)] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `（${asOfPhrase(s.asOf, s.plan.year)}，数据统计截至${chineseDate(s.asOf)}）`, font: font(SUBHEADING_FONT), size: SIZE.body })],
    }),
    numbered("总体情况"),
    ...s.narrativeParagraphs.map((p) => body(p)),
  ];
  const totals = STATUS_CODES.filter((c) => s.totals[c] > 0).map((c) => [{ text: statusLabel(c), align: "left" as const }, { text: String(s.totals[c]) }]);
  overview.push(
    body(`量化指标共${s.goalCount}项，各状态指标数如下（其中无已审核数据、按“未报送”计的${s.unreported}项）：`),
    table(["状态", "指标数（项）"], [...totals, [{ text: "合计", align: "left" }, { text: String(s.goalCount) }]], widthsOf(portraitWidth, [60, 40])),
    body("各灯色指标数：" + LIGHTS.filter((l) => s.lights[l] > 0).map((l) => `${lightLabel(l)}${s.lights[l]}项`).join("，") + "。"),
  );
  await yieldToEventLoop();

  // 二、分项完成情况: one table per section (landscape: seven columns and the departments' notes).
  const sections: (Paragraph | Table)[] = [numbered("分项完成情况")];
  if (s.sections.length === 0) sections.push(body("没有符合条件的指标。"));
  const sectionWidths = widthsOf(landscapeWidth, [22, 12, 13, 8, 9, 12, 24]);
  for (const section of s.sections) {
    sections.push(subheading(`${section.title}（${section.goals.length}项）`));
    const rows = [];
    for (const [i, g] of section.goals.entries()) {
      rows.push([
        { text: g.metric, align: "left" as const },
        { text: g.baseline ? `${g.targetText}（上年${g.baseline}）` : g.targetText },
        { text: g.actual ? `${g.actual}${g.actualPeriodLabel ? `（${g.actualPeriodLabel}）` : ""}` : "—" },
        { text: g.completion ?? "—" },
        { text: g.statusLabel },
        { text: g.leadDepartment?.name ?? "—" },
        { text: g.explanation ?? "", align: "left" as const },
      ]);
      if (i % 200 === 199) await yieldToEventLoop();
    }
    sections.push(table(["指标", "目标值", "实际值（期间）", "完成率", "状态", "牵头单位", "说明"], rows, sectionWidths));
    await yieldToEventLoop();
  }

  // 三、未完成及滞后指标, each with the lead department's explanation.
  const notMet: Paragraph[] = [numbered("未完成及滞后指标")];
  if (s.notMet.length === 0) notMet.push(body("没有未完成、基本完成或滞后的指标。"));
  for (const [i, g] of s.notMet.entries()) {
    const facts = [g.leadDepartment?.name ?? "未分配牵头单位", g.statusLabel, ...(g.completion ? [`完成率${g.completion}`] : [])].join("，");
    notMet.push(body(`${i + 1}. ${g.metric}（${g.section}；${facts}）${g.explanation ? `：${g.explanation}` : "：牵头单位未作说明。"}`));
    if (i % 500 === 499) await yieldToEventLoop();
  }

  // 四、部门考评 and the rule of each column and rate.
  const scorecard: (Paragraph | Table)[] = [numbered("部门考评")];
  if (s.departments.length === 0) scorecard.push(body("没有可考评的单位。"));
  else {
    const rate = (r: number | null) => ({ text: r === null ? "—" : `${r.toFixed(1)}%` });
    scorecard.push(
      table(
        ["排名", "单位", "承担指标", "应报", "按时报送", "逾期报送", "未报送", "被退回", "已完成", "滞后", "未完成", "按时报送率", "完成率"],
        s.departments.map((d) => [
          { text: String(d.rank) }, { text: d.name, align: "left" }, { text: String(d.goals) }, { text: String(d.due) }, { text: String(d.onTime) },
          { text: String(d.late) }, { text: String(d.missing) }, { text: String(d.returned) }, { text: String(d.met) }, { text: String(d.behind) },
          { text: String(d.notMet) }, rate(d.onTimeRate), rate(d.completionRate),
        ]),
        widthsOf(landscapeWidth, [5, 17, 7, 6, 7, 7, 7, 7, 7, 6, 7, 9, 8]),
        SIZE.small,
      ),
    );
  }
  scorecard.push(note("计算规则："), ...SCORECARD_RULES.map((r, i) => note(`${i + 1}. ${r.rule}`)));
  scorecard.push(
    new Paragraph({ spacing: { before: 480 }, alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `生成日期：${chineseDate(generatedOn)}`, font: font(BODY_FONT), size: SIZE.body })] }),
  );
  await yieldToEventLoop();

  const doc = new Document({
    title,
    creator: "落实",
    description: `${title}（${asOfPhrase(s.asOf, s.plan.year)}）`,
    styles: {
      default: { document: { run: { font: font(BODY_FONT), size: SIZE.body }, paragraph: { spacing: { line: 560, lineRule: "exact" } } } },
      paragraphStyles: [
        { id: "Title", name: "Title", basedOn: "Normal", next: "Normal", run: { font: font(TITLE_FONT), size: SIZE.title }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120, line: 700, lineRule: "exact" } } },
        { id: "Heading1", name: "heading 1", basedOn: "Normal", next: "Body", quickFormat: true, run: { font: font(HEADING_FONT), size: SIZE.body }, paragraph: { outlineLevel: 0, keepNext: true, indent: { firstLine: 640 } } },
        { id: "Heading2", name: "heading 2", basedOn: "Normal", next: "Body", quickFormat: true, run: { font: font(SUBHEADING_FONT), size: SIZE.body }, paragraph: { outlineLevel: 1, keepNext: true, indent: { firstLine: 640 } } },
        { id: "Body", name: "正文（仿宋三号）", basedOn: "Normal", run: { font: font(BODY_FONT), size: SIZE.body }, paragraph: { alignment: AlignmentType.JUSTIFIED } },
        { id: "TableNote", name: "表注", basedOn: "Normal", run: { font: font(BODY_FONT), size: SIZE.small }, paragraph: { spacing: { line: 360, lineRule: "auto" } } },
      ],
    },
    sections: [
      { properties: page(false), footers: { default: footer() }, children: overview },
      { properties: page(true), footers: { default: footer() }, children: sections },
      { properties: page(false), footers: { default: footer() }, children: notMet },
      { properties: page(true), footers: { default: footer() }, children: scorecard },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: "word/fontTable.xml", data: FONT_TABLE }]);
}
