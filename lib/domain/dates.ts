/**
 * Calendar dates as plain "YYYY-MM-DD" strings (Asia/Shanghai calendar days). All arithmetic goes through
 * Date.UTC so that the host time zone and DST can never shift a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function assertIsoDate(s: string, what = "date"): void {
  if (!isIsoDate(s)) throw new RangeError(`${what} must be a calendar date "YYYY-MM-DD": ${s}`);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** month is 1–12. A table, not a Date: the status engine asks this for every period of every goal. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function addDays(date: string, days: number): string {
  assertIsoDate(date);
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

const SHANGHAI_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date in Asia/Shanghai at the instant `now`, whatever the host's time zone. */
export function todayInShanghai(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError("now is an invalid Date");
  const parts = Object.fromEntries(SHANGHAI_DAY.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
