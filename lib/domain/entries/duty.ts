/**
 * Who has not reported (未填报): a goal's reporting duty as of a day. A period is reported once its department
 * submitted a version (pending or approved) for it or for a later period by the end of the day; a returned
 * version must be resubmitted. This is the department's side; the board's `overdue` verdict counts approved
 * figures only (DOMAIN.md "Judging a goal").
 */
import { addDays, assertIsoDate } from "../dates";
import { comparePeriods, dueDate, periodEndDate, periodLabel, periodsOfYear, type Frequency } from "../periods";
import { endOfDay, type EntryState } from "./versions";

export interface DutyVersion {
  period: string;
  state: EntryState;
  version: number;
  submittedAt: Date;
  reviewedAt?: Date | null;
  reviewNote?: string | null;
}

export interface GoalDuty {
  /** Periods past their due date with nothing reported for them or any later period, earliest first. */
  overdue: { period: string; due: string }[];
  /** Days from the earliest overdue period's due date to asOf (0 when none is overdue). */
  daysOverdue: number;
  /** Periods whose newest version was returned and not yet resubmitted. */
  returned: { period: string; reason: string | null }[];
  /** Periods that have ended, are not yet reported and are still within their grace days. */
  due: { period: string; due: string }[];
}

/** Whole days from a to b ("YYYY-MM-DD"), b after a positive. */
export function daysBetween(a: string, b: string): number {
  assertIsoDate(a);
  assertIsoDate(b);
  const t = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/**
 * Whether a version stood as reported at the cut-off: submitted before it, and pending or approved then — a version
 * returned after the cut-off was still pending (so reported) on it; a withdrawn one never counts. The one rule
 * behind 未填报 and the department scorecard.
 */
export function reportedBy(v: { state: EntryState; submittedAt: Date; reviewedAt?: Date | null }, cutoff: Date): boolean {
  if (v.submittedAt >= cutoff) return false;
  if (v.state === "pending" || v.state === "approved") return true;
  return v.state === "returned" && !!v.reviewedAt && v.reviewedAt >= cutoff;
}

export function goalDuty(
  goal: { year: number; frequency: Frequency },
  versions: readonly DutyVersion[],
  graceDays: number,
  asOf: string,
): GoalDuty {
  const cutoff = endOfDay(asOf);
  const known = versions.filter((v) => v.submittedAt < cutoff);
  const newest = new Map<string, DutyVersion>();
  for (const v of known) {
    const current = newest.get(v.period);
    if (!current || v.version > current.version) newest.set(v.period, v);
  }
  // The latest period the department has reported (a later figure covers the earlier periods of a year-to-date series).
  let reportedUpTo: string | null = null;
  // Any reported version counts, not only the newest: an approved figure still stands while a later correction
  // is withdrawn or returned (as in countedVersions), so its period is not overdue.
  for (const v of known) {
    if (!reportedBy(v, cutoff)) continue;
    if (reportedUpTo === null || comparePeriods(v.period, reportedUpTo) > 0) reportedUpTo = v.period;
  }
  const reportedEnd = reportedUpTo ? periodEndDate(reportedUpTo) : null;
  const overdue: GoalDuty["overdue"] = [];
  const due: GoalDuty["due"] = [];
  for (const period of periodsOfYear(goal.year, goal.frequency)) {
    const end = periodEndDate(period);
    if (end > asOf || (reportedEnd !== null && end <= reportedEnd)) continue;
    const dueOn = dueDate(period, graceDays);
    (dueOn < asOf ? overdue : due).push({ period, due: dueOn });
  }
  const returned = [...newest.values()]
    .filter((v) => v.state === "returned" && !(v.reviewedAt && v.reviewedAt >= cutoff))
    .sort((a, b) => comparePeriods(a.period, b.period))
    .map((v) => ({ period: v.period, reason: v.reviewNote ?? null }));
  return { overdue, daysOverdue: overdue.length ? daysBetween(overdue[0]!.due, asOf) : 0, returned, due };
}

export interface ReminderItem {
  metric: string;
  duty: GoalDuty;
}

/** "2024-07-15" → "2024年7月15日". */
export function chineseDate(day: string): string {
  assertIsoDate(day);
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/**
 * 催报通知: a reminder to one department, in formal Chinese, ready to paste into a work group chat. Lists every
 * overdue, returned or due goal with its period and due date; asks for the figures within `replyDays` days.
 */
export function reminderText(input: {
  department: string;
  planTitle: string;
  office: string;
  asOf: string;
  items: readonly ReminderItem[];
  replyDays?: number;
}): string {
  const lines: string[] = [];
  let n = 0;
  for (const { metric, duty } of input.items) {
    for (const o of duty.overdue.slice(-1)) {
      const periods = duty.overdue.length > 1 ? `${periodLabel(duty.overdue[0]!.period)}至${periodLabel(o.period)}` : periodLabel(o.period);
      lines.push(`${++n}. ${metric}：${periods}数据应于${chineseDate(duty.overdue[0]!.due)}前报送，已逾期${duty.daysOverdue}天；`);
    }
    for (const r of duty.returned) {
      lines.push(`${++n}. ${metric}：${periodLabel(r.period)}数据已被退回${r.reason ? `（原因：${r.reason}）` : ""}，请修改后重新报送；`);
    }
    for (const d of duty.due) {
      lines.push(`${++n}. ${metric}：${periodLabel(d.period)}数据请于${chineseDate(d.due)}前报送；`);
    }
  }
  if (n === 0) return `${input.department}：截至${chineseDate(input.asOf)}，贵单位牵头的指标均已按时报送，无需催报。`;
  const deadline = chineseDate(addDays(input.asOf, input.replyDays ?? 3));
  const last = lines.length - 1;
  lines[last] = lines[last]!.replace(/；$/, "。");
  return [
    "【催报通知】",
    `${input.department}：`,
    `根据《${input.planTitle}》填报要求，截至${chineseDate(input.asOf)}，贵单位牵头的以下${n}项数据尚未按时报送或需重新报送：`,
    ...lines,
    `请于${deadline}前登录“落实”系统完成填报。如有困难，请及时与${input.office}联系。`,
    "",
    input.office,
    chineseDate(input.asOf),
  ].join("\n");
}
