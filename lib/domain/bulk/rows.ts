/**
 * An uploaded sheet's rows → the drafts the entry check takes, and the checks' results → the preview and its
 * verdict. Every figure goes through the same zod schema (entrySubmitInput) and checkEntry as the form; this file
 * only reads cells and names the row and the column in each message.
 */
import Decimal from "decimal.js";
import { entrySubmitInput, type EntrySubmitInput } from "../entries/inputs";
import type { EntryCheck, PlausibilityWarning } from "../entries/check";
import { fieldErrors } from "../inputs";
import { COLUMNS, type ColumnKey } from "./template";

/** A cell's value as exceljs gives it: text, a number, a date, rich text, a formula with its result, an error … */
export type CellValue = unknown;

export type CellText = { ok: true; text: string | null } | { ok: false; message: string };

const plain = (n: number) => new Decimal(n).toFixed();

/**
 * The text a person typed in a cell. A number stays as written (6.5, never 6.4999…); one shown as a percentage
 * (Excel stores 6.5% as 0.065) becomes "6.5%"; a formula counts by its result; a date or an error is refused.
 */
export function cellText(value: CellValue, numFmt?: string): CellText {
  if (value === null || value === undefined) return { ok: true, text: null };
  if (typeof value === "string") return { ok: true, text: value.trim() === "" ? null : value };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return { ok: false, message: "不是有效的数字" };
    return { ok: true, text: numFmt?.includes("%") ? `${new Decimal(value).times(100).toFixed()}%` : plain(value) };
  }
  if (typeof value === "boolean") return { ok: false, message: "应为数字，不能是“是/否”" };
  if (value instanceof Date) return { ok: false, message: "应为数字，Excel 把它识别成了日期；请把单元格设为文本后重新填写" };
  if (typeof value === "object") {
    const v = value as { richText?: { text?: unknown }[]; formula?: unknown; sharedFormula?: unknown; result?: unknown; error?: unknown; text?: unknown };
    if (Array.isArray(v.richText)) return cellText(v.richText.map((r) => (typeof r?.text === "string" ? r.text : "")).join(""));
    if (v.formula !== undefined || v.sharedFormula !== undefined) {
      if (v.result === undefined || v.result === null) return { ok: false, message: "公式没有计算结果，请填写数字" };
      return cellText(v.result, numFmt);
    }
    if (v.error !== undefined) return { ok: false, message: `单元格有错误值（${String(v.error)}），请填写数字` };
    if (typeof v.text === "string") return cellText(v.text);
  }
  return { ok: false, message: "无法识别该单元格的内容" };
}

/** One data row as read from the sheet. */
export interface SheetRow {
  /** The Excel row number (第N行). */
  row: number;
  goalId: string;
  value: CellValue;
  valueFormat?: string;
  note: CellValue;
}

export type RowStatus = "ok" | "skipped" | "error" | "warning";

/** "第5行“本期累计值”：应为数字" */
export function rowMessage(row: number, column: ColumnKey | null, message: string): string {
  return column ? `第${row}行“${COLUMNS[column].header}”：${message}` : `第${row}行：${message}`;
}

/** Which column a field of the entry schema / check is typed in. */
const FIELD_COLUMN: Record<string, ColumnKey | null> = { value: "value", note: "note", period: "period", reportedAt: null, baseVersion: null, confirm: null };

export type RowDraft =
  | { kind: "skipped"; text: null; note: string | null }
  | { kind: "error"; text: string | null; note: string | null; errors: string[] }
  | { kind: "draft"; text: string; note: string | null; input: EntrySubmitInput };

/**
 * A row's draft for the goal's period: skipped when the fill cell is empty, refused when a cell cannot be read or
 * the schema refuses it (per column, in Chinese), otherwise the input the entry check takes.
 */
export function rowDraft(row: SheetRow, period: string, options: { confirm: boolean; reportedAt?: string }): RowDraft {
  const value = cellText(row.value, row.valueFormat);
  const note = cellText(row.note);
  const errors: string[] = [];
  if (!value.ok) errors.push(rowMessage(row.row, "value", value.message));
  if (!note.ok) errors.push(rowMessage(row.row, "note", note.message));
  const text = value.ok ? value.text : null;
  const noteText = note.ok ? note.text : null;
  if (errors.length) return { kind: "error", text, note: noteText, errors };
  if (text === null) return { kind: "skipped", text: null, note: noteText };
  const parsed = entrySubmitInput.safeParse({
    period,
    value: text,
    ...(noteText !== null && { note: noteText }),
    confirm: options.confirm,
    ...(options.reportedAt !== undefined && { reportedAt: options.reportedAt }),
  });
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    return { kind: "error", text, note: noteText, errors: Object.entries(fields).map(([field, message]) => rowMessage(row.row, FIELD_COLUMN[field] ?? null, message)) };
  }
  return { kind: "draft", text, note: noteText, input: parsed.data };
}

/** What the preview says of one row once checked. */
export interface RowOutcome {
  status: RowStatus;
  value: string | null;
  errors: string[];
  warnings: PlausibilityWarning[];
}

/** A draft row's check as the preview shows it; a confirmed warning needs a 说明 (as the form asks for one). */
export function rowOutcome(row: number, check: EntryCheck, note: string | null, confirm: boolean): RowOutcome {
  if (!check.ok) {
    const errors = check.code === "validation"
      ? Object.entries(check.fields).map(([field, message]) => rowMessage(row, FIELD_COLUMN[field] ?? null, message))
      : [rowMessage(row, null, check.message)];
    return { status: "error", value: null, errors, warnings: [] };
  }
  if (!check.warnings.length) return { status: "ok", value: check.value, errors: [], warnings: [] };
  if (confirm && !note?.trim()) {
    return { status: "error", value: check.value, errors: [rowMessage(row, "note", "数据需要确认，请在“说明”列写明数据无误的理由")], warnings: check.warnings };
  }
  return { status: "warning", value: check.value, errors: [], warnings: check.warnings };
}

export interface BulkSummary {
  rows: number;
  ok: number;
  warning: number;
  error: number;
  skipped: number;
}

export function summarise(statuses: readonly RowStatus[]): BulkSummary {
  const count = (s: RowStatus) => statuses.filter((x) => x === s).length;
  return { rows: statuses.length, ok: count("ok"), warning: count("warning"), error: count("error"), skipped: count("skipped") };
}

/**
 * What the upload comes to: refused when any row has an error; waiting for confirmation when a row has a warning
 * that was not confirmed; empty when no row was filled; otherwise ready to write.
 */
export function bulkVerdict(summary: BulkSummary, confirm: boolean): "errors" | "needs_confirmation" | "nothing" | "ready" {
  if (summary.error) return "errors";
  if (summary.warning && !confirm) return "needs_confirmation";
  if (!summary.ok && !summary.warning) return "nothing";
  return "ready";
}
