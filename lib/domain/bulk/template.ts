/**
 * The Excel fill-in template (填报模板) of a department and a period: its columns, which period each goal reports
 * in, and the signature that ties a returned sheet to the plan, department, period and goals it was made for.
 * Pure: lib/server/bulk builds and reads the workbook with exceljs; the secret is passed in.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { currentPeriodFor, parsePeriod, periodEndDate, periodLabel, periodsOfYear, type Frequency } from "../periods";

/** Bumped when the layout changes: a sheet of another layout is refused (download it again). */
export const TEMPLATE_VERSION = "1";
export const DATA_SHEET = "填报表";
export const META_SHEET = "模板信息";

/** The columns of the data sheet, in order (1-based Excel column numbers). */
export const COLUMNS = {
  index: { col: 1, header: "序号", width: 6 },
  metric: { col: 2, header: "指标", width: 40 },
  period: { col: 3, header: "填报期间", width: 14 },
  target: { col: 4, header: "目标值", width: 18 },
  unit: { col: 5, header: "单位", width: 8 },
  last: { col: 6, header: "上期已报", width: 22 },
  value: { col: 7, header: "本期累计值", width: 14 },
  note: { col: 8, header: "说明", width: 36 },
  goalId: { col: 9, header: "指标编号", width: 28 },
} as const;
export type ColumnKey = keyof typeof COLUMNS;

/** Rows above the header: the title (1), the instructions (2); the header is row 3, the goals from row 4. */
export const TITLE_ROW = 1;
export const NOTES_ROW = 2;
export const HEADER_ROW = 3;
export const FIRST_DATA_ROW = 4;

export const BULK_LIMITS = {
  /** Bytes of an uploaded file. */
  fileBytes: 5 * 1024 * 1024,
  /** Rows of the data sheet. */
  rows: 5_000,
  /** What the zip may unpack to, in all (a zip bomb declares far more). */
  unpackedBytes: 60 * 1024 * 1024,
  /** Parts in the zip (a workbook of ours has about a dozen). */
  zipEntries: 200,
} as const;

export const FILL_INSTRUCTIONS = [
  "填写说明：",
  "1.只填“本期累计值”和“说明”两列，其他单元格已锁定，请勿增删行或修改隐藏的指标编号。",
  "2.“本期累计值”填年初至本期末的累计数（增长率、比重等填本期末的当期值），单位以“单位”列为准，只填数字，如 6.5；不要写“约”“左右”。",
  "3.下降的指标写负号，如 -3.5；“下降X%”类指标填下降的幅度（下降3.5%填 3.5）。",
  "4.不需要本期填报的指标留空即可；数据异常（如比上期减少、与目标相差10倍以上）须在“说明”中写明原因。",
].join("\n");

export interface TemplateMeta {
  planId: string;
  departmentId: string;
  period: string;
  version: string;
  signature: string;
}

/**
 * The period a goal reports in for the template's period: the one of its frequency that ends on the same day
 * (2024-06 → 2024-Q2 for a quarterly goal, 2024-H1 half-yearly), or null when it reports at no such time.
 */
export function goalPeriodFor(templatePeriod: string, year: number, frequency: Frequency): string | null {
  const end = periodEndDate(templatePeriod);
  return periodsOfYear(year, frequency).find((p) => periodEndDate(p) === end) ?? null;
}

/** The template's choice of periods: the months of the plan year (each reaches the goals that end then). */
export function templatePeriods(year: number): { value: string; label: string }[] {
  return periodsOfYear(year, "monthly").map((p) => ({ value: p, label: periodLabel(p) }));
}

/**
 * The period most recently due: the latest month of the plan year that has ended by today (its figures are being
 * reported now); before the year's first month ends, January; after the year, December.
 */
export function defaultTemplatePeriod(year: number, today: string): string {
  return currentPeriodFor("monthly", year, today) ?? `${year}-01`;
}

/** Whether a period code belongs to the plan year (any granularity). */
export function periodInYear(period: string, year: number): boolean {
  return parsePeriod(period)?.year === year;
}

/** What is signed: the layout version, plan, department, period and the goal ids in row order. */
export function signaturePayload(meta: Omit<TemplateMeta, "signature">, goalIds: readonly string[]): string {
  return [`luoshi-template-v${meta.version}`, meta.planId, meta.departmentId, meta.period, goalIds.join(",")].join("|");
}

export function signTemplate(meta: Omit<TemplateMeta, "signature">, goalIds: readonly string[], secret: string): string {
  return createHmac("sha256", secret).update(signaturePayload(meta, goalIds), "utf8").digest("base64url");
}

export function signatureMatches(meta: TemplateMeta, goalIds: readonly string[], secret: string): boolean {
  const expected = Buffer.from(signTemplate(meta, goalIds, secret), "utf8");
  const given = Buffer.from(meta.signature, "utf8");
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The sheet's title: plan, department and period. */
export function templateTitle(planTitle: string, department: string, period: string): string {
  return `${planTitle} · ${department} · ${periodLabel(period)}数据填报表`;
}
