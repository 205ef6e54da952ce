/**
 * Reporting periods (DOMAIN.md "A goal's fields"): written "2024-06" (month), "2024-Q2" (quarter),
 * "2024-H1" (half year) and "2024" (annual) in code and the API; shown as 2024年6月 … 2024年全年.
 */
import type Decimal from "decimal.js";
import { Dec } from "./decimal";
import { addDays, assertIsoDate, daysInMonth, isoDate } from "./dates";

export { todayInShanghai } from "./dates";

export type Frequency = "monthly" | "quarterly" | "half_yearly" | "annual";
export type Granularity = "month" | "quarter" | "half" | "year";

export interface Period {
  year: number;
  granularity: Granularity;
  /** month 1–12, quarter 1–4, half 1–2; always 1 for a year */
  index: number;
}

export const FREQUENCIES: readonly Frequency[] = ["monthly", "quarterly", "half_yearly", "annual"];

const GRANULARITY_OF: Record<Frequency, Granularity> = {
  monthly: "month",
  quarterly: "quarter",
  half_yearly: "half",
  annual: "year",
};
const FREQUENCY_OF: Record<Granularity, Frequency> = {
  month: "monthly",
  quarter: "quarterly",
  half: "half_yearly",
  year: "annual",
};
/** Periods per year, which is also the denominator of the elapsed share. */
const PER_YEAR: Record<Granularity, number> = { month: 12, quarter: 4, half: 2, year: 1 };
const MONTHS_IN: Record<Granularity, number> = { month: 1, quarter: 3, half: 6, year: 12 };
/** Finer first: used to order periods that end on the same day. */
export const GRANULARITY_RANK: Record<Granularity, number> = { month: 0, quarter: 1, half: 2, year: 3 };

const PERIOD_CODE = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])|H([12])))?$/;

/** Strict: only the canonical codes; month 01–12, Q1–Q4, H1–H2, years 1000–9999. */
export function parsePeriod(s: string): Period | null {
  const m = PERIOD_CODE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1000) return null;
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { year, granularity: "month", index: month } : null;
  }
  if (m[3] !== undefined) return { year, granularity: "quarter", index: Number(m[3]) };
  if (m[4] !== undefined) return { year, granularity: "half", index: Number(m[4]) };
  return { year, granularity: "year", index: 1 };
}

/** Parses a code that is known to be valid; a malformed one is a bug. */
export function periodOf(code: string): Period {
  const p = parsePeriod(code);
  if (!p) throw new RangeError(`not a period code: ${JSON.stringify(code)}`);
  return p;
}

export function formatPeriod(p: Period): string {
  const y = String(p.year);
  switch (p.granularity) {
    case "month":
      return `${y}-${String(p.index).padStart(2, "0")}`;
    case "quarter":
      return `${y}-Q${p.index}`;
    case "half":
      return `${y}-H${p.index}`;
    case "year":
      return y;
  }
}

const QUARTER_NAMES = ["一", "二", "三", "四"];

export function periodLabel(code: string): string {
  const p = periodOf(code);
  switch (p.granularity) {
    case "month":
      return `${p.year}年${p.index}月`;
    case "quarter":
      return `${p.year}年第${QUARTER_NAMES[p.index - 1]}季度`;
    case "half":
      return `${p.year}年${p.index === 1 ? "上" : "下"}半年`;
    case "year":
      return `${p.year}年全年`;
  }
}

const FREQUENCY_LABELS: Record<Frequency, string> = {
  monthly: "按月",
  quarterly: "按季",
  half_yearly: "按半年",
  annual: "按年",
};

export function frequencyLabel(f: Frequency): string {
  return FREQUENCY_LABELS[f];
}

export function granularityOfFrequency(f: Frequency): Granularity {
  return GRANULARITY_OF[f];
}

export function frequencyOfPeriod(code: string): Frequency {
  return FREQUENCY_OF[periodOf(code).granularity];
}

/** The periods of a plan year at the given frequency, in order. */
export function periodsOfYear(year: number, frequency: Frequency): string[] {
  const granularity = GRANULARITY_OF[frequency];
  const codes: string[] = [];
  for (let index = 1; index <= PER_YEAR[granularity]; index++) codes.push(formatPeriod({ year, granularity, index }));
  return codes;
}

function lastMonth(p: Period): number {
  return p.index * MONTHS_IN[p.granularity];
}

/** First day of the period, "YYYY-MM-DD". */
export function periodStartDate(code: string): string {
  const p = periodOf(code);
  return isoDate(p.year, lastMonth(p) - MONTHS_IN[p.granularity] + 1, 1);
}

/** Last day of the period, "YYYY-MM-DD" (2024-02 → 2024-02-29). */
export function periodEndDate(code: string): string {
  const p = periodOf(code);
  const month = lastMonth(p);
  return isoDate(p.year, month, daysInMonth(p.year, month));
}

/** The day an entry for the period is due: the period's end plus the grace days. */
export function dueDate(code: string, graceDays: number): string {
  if (!Number.isInteger(graceDays) || graceDays < 0) throw new RangeError(`graceDays must be a whole number ≥ 0: ${graceDays}`);
  return addDays(periodEndDate(code), graceDays);
}

/** The elapsed share of the year at the period's end as an exact fraction (month N → N/12, quarter Q → Q/4, …). */
export function elapsedFraction(code: string): { numerator: number; denominator: number } {
  const p = periodOf(code);
  return { numerator: p.index, denominator: PER_YEAR[p.granularity] };
}

/** 序时进度 f: month N → N/12, quarter Q → Q/4, half H → H/2, annual → 1 (100 significant digits). */
export function elapsedShare(code: string): Decimal {
  const { numerator, denominator } = elapsedFraction(code);
  return new Dec(numerator).div(denominator);
}

/** The last period of the year: month 12, Q4, H2 or the annual period. */
export function isFinalPeriod(code: string): boolean {
  const p = periodOf(code);
  return p.index === PER_YEAR[p.granularity];
}

/**
 * Orders by end date. Periods ending on the same day (2024-06, 2024-Q2, 2024-H1) are ordered finer first,
 * so a sort is deterministic; the status engine has its own tie rule for picking the latest entry.
 */
export function comparePeriods(a: string, b: string): number {
  const ea = periodEndDate(a);
  const eb = periodEndDate(b);
  if (ea !== eb) return ea < eb ? -1 : 1;
  return GRANULARITY_RANK[periodOf(a).granularity] - GRANULARITY_RANK[periodOf(b).granularity];
}

/** The latest period of the year (at this frequency) that has ended on or before asOf; null if none has. */
export function currentPeriodFor(frequency: Frequency, year: number, asOf: string): string | null {
  assertIsoDate(asOf, "asOf");
  let current: string | null = null;
  for (const code of periodsOfYear(year, frequency)) if (periodEndDate(code) <= asOf) current = code;
  return current;
}

/** The periods of the plan year that have begun by asOf: a reporter may enter any of them. */
export function periodsOpenForEntry(year: number, frequency: Frequency, asOf: string): string[] {
  assertIsoDate(asOf, "asOf");
  return periodsOfYear(year, frequency).filter((code) => periodStartDate(code) <= asOf);
}
