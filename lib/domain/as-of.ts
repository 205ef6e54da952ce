/**
 * What is wrong with an "as of" date typed into a URL (?asOf=), in Chinese — so a page that falls back to today
 * says so instead of silently showing another day, and the API's 422 names the problem.
 */
import { daysInMonth } from "./dates";

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** null when s is a real calendar date "YYYY-MM-DD". */
export function dateProblem(s: string): string | null {
  const m = SHAPE.exec(s);
  if (!m) return "日期格式应为 YYYY-MM-DD（如 2024-06-30）";
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `日期“${s}”不存在：月份应为 01–12`;
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `日期“${s}”不存在：${year}年${month}月只有${last}天`;
  return null;
}

/** The notice a page shows when ?asOf= is not a date and it shows `shown` (today) instead; null when fine or absent. */
export function asOfNotice(raw: string | undefined, shown: string): string | null {
  const s = raw?.trim();
  if (!s) return null;
  const problem = dateProblem(s);
  return problem ? `截至日期有误：${problem}。以下按今天（${shown}）显示。` : null;
}
