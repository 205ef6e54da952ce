/**
 * 部门考评 (issue 8 item 5): per department, what it holds in a plan, how punctually it reported as of a day,
 * what review returned and how its led goals stand. Pure: the server passes goals, versions and verdicts.
 *
 * "Reported" is the department's side, as in lib/domain/entries/duty.ts: a period is reported once a version
 * for it or for a later period (a year-to-date figure covers the earlier periods) is standing — pending or
 * approved, or returned only after the as-of day; withdrawn versions never count.
 */
import { reportedBy } from "../entries/duty";
import { endOfDay, type EntryState } from "../entries/versions";
import { dueDate, periodEndDate, periodsOfYear, type Frequency } from "../periods";
import type { StatusCode } from "../status";

export interface ScorecardVersion {
  period: string;
  state: EntryState;
  submittedAt: Date;
  /** When a returned version was returned; null/undefined is read as "returned when submitted". */
  reviewedAt?: Date | null;
}

export interface ScorecardGoal {
  id: string;
  leadDepartmentId: string | null;
  coDepartmentIds: readonly string[];
  /** A share (分解任务) of another goal. */
  isShare: boolean;
  frequency: Frequency;
  /** The goal's verdict as of the day (the board's); null when unknown. */
  judgement: StatusCode | null;
  versions: readonly ScorecardVersion[];
}

export interface ScorecardInput {
  year: number;
  graceDays: number;
  /** "YYYY-MM-DD", Asia/Shanghai; everything up to the end of this day counts. */
  asOf: string;
  departments: readonly { id: string; name: string }[];
  goals: readonly ScorecardGoal[];
}

export interface ScorecardRow {
  id: string;
  name: string;
  /** Goals held: led (shares included) plus co-led, each goal once. */
  goals: number;
  lead: number;
  co: number;
  /** Of the led goals, those that are shares of another goal. */
  shares: number;
  due: number;
  onTime: number;
  late: number;
  missing: number;
  returned: number;
  met: number;
  behind: number;
  notMet: number;
  /** Percent with one decimal (66.7), null when nothing is due. */
  onTimeRate: number | null;
  /** Percent with one decimal, null when the department leads no goal. */
  completionRate: number | null;
  /** 1 = best; departments with equal rates share a rank. */
  rank: number;
}

/** Verdict → scorecard column. on_track, not_started and overdue count in none of the three. */
export const SCORECARD_VERDICTS: Readonly<Record<"met" | "behind" | "notMet", readonly StatusCode[]>> = Object.freeze({
  met: ["met", "exceeded"],
  behind: ["behind", "far_behind", "basically_met"],
  notMet: ["not_met"],
});

/** The rule of each column and rate, in Chinese, for the footnote under the table. */
export const SCORECARD_RULES: readonly { column: string; rule: string }[] = Object.freeze([
  { column: "承担指标", rule: "承担指标为本单位在本计划中牵头、配合的指标数（同一指标只计一次）；牵头指标含本单位承担的分解任务，分解任务另列。" },
  { column: "应报", rule: "应报为本单位牵头指标中，报送截止日（报告期末加宽限天数）在统计截止日当天或之前的报告期数。" },
  { column: "按时报送", rule: "按时报送为截止日当天结束前已报送（待审核或已审核，不含已撤回、已退回的版本）的报告期数；报送后续期间的累计数，视同已报送此前各期。" },
  { column: "逾期报送", rule: "逾期报送为截止日之后、统计截止日当天结束前才首次报送的报告期数。" },
  { column: "未报送", rule: "未报送为已到截止日、至统计截止日仍未报送的报告期数。" },
  { column: "被退回", rule: "被退回为统计截止日当天结束前经审核退回的版本数。" },
  { column: "完成情况", rule: "已完成含“已完成”“超额完成”；滞后含“滞后”“严重滞后”“基本完成”；未完成为“未完成”；均按统计截止日各牵头指标的状态计。" },
  { column: "按时报送率", rule: "按时报送率＝按时报送期数÷应报期数×100%，保留一位小数；无应报期数的不计算。" },
  { column: "完成率", rule: "完成率＝已完成指标数÷牵头指标数×100%，保留一位小数；无牵头指标的不计算。" },
  { column: "排名", rule: "排名依次按按时报送率、完成率从高到低（未计算的排在后面），两率均相同的并列，并列者按单位名称排序。" },
]);

/** a/b as a percent with one decimal, rounded half up in integer arithmetic; null when b is 0. */
export function percentOneDecimal(a: number, b: number): number | null {
  if (b === 0) return null;
  return Math.floor((a * 2000 + b) / (2 * b)) / 10;
}

/** Compares a1/b1 with a2/b2 exactly (higher first); a missing rate (b = 0) sorts last. */
function compareRatesDesc(a1: number, b1: number, a2: number, b2: number): number {
  if (b1 === 0 || b2 === 0) return (b1 === 0 ? 1 : 0) - (b2 === 0 ? 1 : 0);
  return a2 * b1 - a1 * b2;
}


function returnedBy(v: ScorecardVersion, cutoff: Date): boolean {
  return v.state === "returned" && (v.reviewedAt ?? v.submittedAt) < cutoff;
}

/** Reporting punctuality of one led goal: due, on time, late, missing. */
export function goalPunctuality(
  goal: { frequency: Frequency; versions: readonly ScorecardVersion[] },
  year: number,
  graceDays: number,
  asOf: string,
): { due: number; onTime: number; late: number; missing: number } {
  const cutoff = endOfDay(asOf);
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const standing = goal.versions
    .filter((v) => reportedBy(v, cutoff))
    .map((v) => ({ end: periodEndDate(v.period), at: v.submittedAt.getTime() }))
    .filter((v) => v.end >= yearStart && v.end <= yearEnd);
  const tally = { due: 0, onTime: 0, late: 0, missing: 0 };
  for (const period of periodsOfYear(year, goal.frequency)) {
    const dueOn = dueDate(period, graceDays);
    if (dueOn > asOf) continue;
    tally.due++;
    const end = periodEndDate(period);
    let first: number | null = null;
    for (const v of standing) if (v.end >= end && (first === null || v.at < first)) first = v.at;
    if (first === null) tally.missing++;
    else if (first < endOfDay(dueOn).getTime()) tally.onTime++;
    else tally.late++;
  }
  return tally;
}

export function composeScorecard(input: ScorecardInput): ScorecardRow[] {
  const cutoff = endOfDay(input.asOf);
  const rows = new Map<string, ScorecardRow>();
  for (const d of input.departments) {
    rows.set(d.id, {
      id: d.id, name: d.name, goals: 0, lead: 0, co: 0, shares: 0, due: 0, onTime: 0, late: 0, missing: 0, returned: 0,
      met: 0, behind: 0, notMet: 0, onTimeRate: null, completionRate: null, rank: 0,
    });
  }
  const held = new Map<string, Set<string>>();
  const hold = (departmentId: string, goalId: string) => {
    let s = held.get(departmentId);
    if (!s) held.set(departmentId, (s = new Set()));
    s.add(goalId);
  };
  for (const goal of input.goals) {
    for (const coId of new Set(goal.coDepartmentIds)) {
      const row = rows.get(coId);
      if (!row || coId === goal.leadDepartmentId) continue;
      row.co++;
      hold(coId, goal.id);
    }
    const row = goal.leadDepartmentId !== null ? rows.get(goal.leadDepartmentId) : undefined;
    if (!row) continue;
    row.lead++;
    if (goal.isShare) row.shares++;
    hold(row.id, goal.id);
    const p = goalPunctuality(goal, input.year, input.graceDays, input.asOf);
    row.due += p.due;
    row.onTime += p.onTime;
    row.late += p.late;
    row.missing += p.missing;
    row.returned += goal.versions.filter((v) => returnedBy(v, cutoff)).length;
    if (goal.judgement !== null) {
      if (SCORECARD_VERDICTS.met.includes(goal.judgement)) row.met++;
      else if (SCORECARD_VERDICTS.behind.includes(goal.judgement)) row.behind++;
      else if (SCORECARD_VERDICTS.notMet.includes(goal.judgement)) row.notMet++;
    }
  }
  const result = [...rows.values()].filter((r) => held.has(r.id));
  for (const r of result) {
    r.goals = held.get(r.id)!.size;
    r.onTimeRate = percentOneDecimal(r.onTime, r.due);
    r.completionRate = percentOneDecimal(r.met, r.lead);
  }
  const byRates = (a: ScorecardRow, b: ScorecardRow) =>
    compareRatesDesc(a.onTime, a.due, b.onTime, b.due) || compareRatesDesc(a.met, a.lead, b.met, b.lead);
  result.sort((a, b) => byRates(a, b) || a.name.localeCompare(b.name, "zh-Hans-CN") || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  result.forEach((r, i) => {
    r.rank = i > 0 && byRates(result[i - 1]!, r) === 0 ? result[i - 1]!.rank : i + 1;
  });
  return result;
}
