import "server-only";
import ExcelJS from "exceljs";
import { ok, fail, type Result } from "@/lib/domain/errors";
import type { Actor } from "@/lib/domain/permissions";
import {
  COLUMNS, DATA_SHEET, FILL_INSTRUCTIONS, FIRST_DATA_ROW, HEADER_ROW, META_SHEET, NOTES_ROW, TEMPLATE_VERSION, TITLE_ROW,
  defaultTemplatePeriod, goalPeriodFor, periodInYear, signTemplate, templatePeriods, templateTitle, type TemplateQuery,
} from "@/lib/domain/bulk";
import { countedVersions, type EntryState } from "@/lib/domain/entries/versions";
import { targetText, trimZeros } from "@/lib/domain/labels";
import { comparePeriods, periodLabel, todayInShanghai, type Frequency } from "@/lib/domain/periods";
import { db } from "../db";
import { authorizeBulk, bulkDepartment, BULK_MESSAGES, templateKey } from "./shared";

export interface TemplateRow {
  goalId: string;
  metric: string;
  period: string;
  target: string;
  unit: string;
  /** "38.2（2024年5月）": the last counted figure before the period, or "—". */
  last: string;
}

export interface FillTemplate {
  plan: { id: string; title: string; year: number };
  department: { id: string; name: string };
  period: string;
  rows: TemplateRow[];
  signature: string;
}

/** What a department's template holds for a period (rows, signature); the workbook is built from it. */
export async function getFillTemplate(actor: Actor | null, planId: string, query: Partial<TemplateQuery>, now = new Date()): Promise<Result<FillTemplate>> {
  const allowed = await authorizeBulk(actor, planId);
  if (!allowed.ok) return allowed;
  const { plan } = allowed.value;
  const period = query.period ?? defaultTemplatePeriod(plan.year, todayInShanghai(now));
  if (!periodInYear(period, plan.year)) return fail("validation", undefined, { period: BULK_MESSAGES.periodOutside(plan.year) });
  const department = await bulkDepartment(allowed.value.actor, plan, query.department);
  if (!department.ok) return department;
  const goals = await db.goal.findMany({
    where: { planId, archivedAt: null, OR: [{ leadDepartmentId: department.value.id }, { coDepartments: { some: { departmentId: department.value.id } } }] },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: {
      id: true, metric: true, targetValue: true, targetValueHigh: true, unit: true, comparator: true, kind: true, frequency: true,
      entries: { where: { state: "approved" }, select: { period: true, value: true, state: true, version: true, countedAt: true, submittedAt: true } },
    },
  });
  const rows: TemplateRow[] = [];
  for (const goal of goals) {
    const goalPeriod = goalPeriodFor(period, plan.year, goal.frequency as Frequency);
    if (!goalPeriod) continue;
    const earlier = countedVersions(goal.entries.map((e) => ({ ...e, state: e.state as EntryState })), now).filter((e) => comparePeriods(e.period, goalPeriod) < 0);
    const last = earlier.sort((a, b) => comparePeriods(b.period, a.period))[0];
    const unit = goal.kind === "milestone" ? "%（完成进度）" : goal.unit;
    rows.push({
      goalId: goal.id,
      metric: goal.metric,
      period: goalPeriod,
      target: targetText(goal.targetValue?.toString() ?? null, goal.unit, goal.comparator, goal.targetValueHigh?.toString() ?? null, goal.kind),
      unit,
      last: last ? `${trimZeros(last.value.toString())}（${periodLabel(last.period)}）` : "—",
    });
  }
  const meta = { planId, departmentId: department.value.id, period, version: TEMPLATE_VERSION };
  return ok({
    plan: { id: plan.id, title: plan.title, year: plan.year },
    department: department.value,
    period,
    rows,
    signature: signTemplate(meta, rows.map((r) => r.goalId), templateKey()),
  });
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
const FILL_IN: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF7D6" } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };

/** The .xlsx of a template: a protected data sheet (only 本期累计值 and 说明 open) and a very hidden, protected 模板信息. */
export async function templateWorkbook(t: FillTemplate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "落实";
  wb.created = new Date();
  const ws = wb.addWorksheet(DATA_SHEET, {
    views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` },
  });
  const cols = Object.values(COLUMNS);
  ws.columns = cols.map((c) => ({ width: c.width }));
  ws.getColumn(COLUMNS.goalId.col).hidden = true;
  const lastVisible = COLUMNS.note.col;

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, lastVisible);
  const title = ws.getCell(TITLE_ROW, 1);
  title.value = templateTitle(t.plan.title, t.department.name, t.period);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(TITLE_ROW).height = 28;
  ws.mergeCells(NOTES_ROW, 1, NOTES_ROW, lastVisible);
  const notes = ws.getCell(NOTES_ROW, 1);
  notes.value = FILL_INSTRUCTIONS;
  notes.alignment = { wrapText: true, vertical: "top" };
  notes.font = { size: 10, color: { argb: "FF475569" } };
  ws.getRow(NOTES_ROW).height = 84;

  const header = ws.getRow(HEADER_ROW);
  for (const c of cols) {
    const cell = header.getCell(c.col);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  }
  header.height = 22;

  t.rows.forEach((r, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    row.getCell(COLUMNS.index.col).value = i + 1;
    row.getCell(COLUMNS.metric.col).value = r.metric;
    row.getCell(COLUMNS.period.col).value = periodLabel(r.period);
    row.getCell(COLUMNS.target.col).value = r.target;
    row.getCell(COLUMNS.unit.col).value = r.unit;
    row.getCell(COLUMNS.last.col).value = r.last;
    row.getCell(COLUMNS.goalId.col).value = r.goalId;
    for (const c of cols) {
      const cell = row.getCell(c.col);
      cell.border = THIN;
      cell.alignment = { vertical: "middle", wrapText: c.col === COLUMNS.metric.col || c.col === COLUMNS.note.col };
    }
    const value = row.getCell(COLUMNS.value.col);
    // Text, so 6.5% stays "6.5%" and 1.2万 is kept as typed (parseFigure reads both).
    value.numFmt = "@";
    value.fill = FILL_IN;
    value.protection = { locked: false };
    const note = row.getCell(COLUMNS.note.col);
    note.numFmt = "@";
    note.fill = FILL_IN;
    note.protection = { locked: false };
  });
  await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  const entries: [string, string][] = [
    ["planId", t.plan.id],
    ["departmentId", t.department.id],
    ["period", t.period],
    ["version", TEMPLATE_VERSION],
    ["signature", t.signature],
  ];
  entries.forEach(([key, value], i) => {
    meta.getCell(i + 1, 1).value = key;
    meta.getCell(i + 1, 2).value = value;
  });
  await meta.protect("", {});
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** "农业农村局-2024年6月-填报模板.xlsx" for Content-Disposition. */
export function templateFileName(t: FillTemplate): string {
  return `${t.department.name}-${periodLabel(t.period)}-填报模板.xlsx`;
}

export interface BulkPageData {
  plan: { id: string; title: string; year: number; requiresReview: boolean };
  /** The departments the actor may fill in for: a reporter's own, every department of the plan's government for an admin. */
  departments: { id: string; name: string }[];
  periods: { value: string; label: string }[];
  defaultPeriod: string;
  role: Actor["role"];
}

/** What the 批量填报 page offers: 404 outside the actor's view, 403 for a leader or a reporter without a department. */
export async function getBulkPage(actor: Actor | null, planId: string, now = new Date()): Promise<Result<BulkPageData>> {
  const allowed = await authorizeBulk(actor, planId);
  if (!allowed.ok) return allowed;
  const { plan, actor: me } = allowed.value;
  const departments =
    me.role === "admin"
      ? await db.department.findMany({ where: { regionId: plan.regionId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } })
      : await db.department.findMany({ where: { id: me.departmentId ?? "", regionId: plan.regionId }, select: { id: true, name: true } });
  return ok({
    plan: { id: plan.id, title: plan.title, year: plan.year, requiresReview: plan.requiresReview },
    departments,
    periods: templatePeriods(plan.year),
    defaultPeriod: defaultTemplatePeriod(plan.year, todayInShanghai(now)),
    role: me.role,
  });
}
