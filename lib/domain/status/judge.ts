/**
 * The status engine: DOMAIN.md "Judging a goal", rules 1–6 in order, the first that applies gives the code.
 * Pure: the as-of date is a parameter and every figure is a Decimal, so the 0.10/0.30 margins and A = T
 * boundaries are exact.
 */
import type Decimal from "decimal.js";
import { Dec, decimalString, ratioString, toDecimal } from "../decimal";
import { assertIsoDate } from "../dates";
import {
  GRANULARITY_RANK,
  dueDate,
  elapsedFraction,
  granularityOfFrequency,
  isFinalPeriod,
  parsePeriod,
  periodEndDate,
  periodsOfYear,
  type Period,
} from "../periods";
import { completionOf } from "./completion";
import { statusLight } from "./labels";
import { type Measure, beyondGoodSide, measureOf, meets, onBadSide, shortfall } from "./tolerance";
import type { EntryForJudging, GoalForJudging, Judgement, StatusCode, StatusSettings } from "./types";

/** An accumulating goal is 超额完成 at the year end when A/T ≥ 1.10. */
export const EXCEEDED_RATIO = new Dec("1.10");

export interface LatestEntry {
  period: string;
  end: string;
  value: Decimal;
}

/**
 * The entry with the latest period (by end date). Entries whose period is not of the plan year, or is not a
 * period code at all, are not this goal's and are ignored. Periods ending the same day (2024-06, 2024-Q2,
 * 2024-H1) are all year-to-date figures at that day; the tie goes to the goal's own frequency, then to the
 * finer period (it was reported from fresher data), then to the later one in the list.
 */
export function latestEntry(goal: Pick<GoalForJudging, "year" | "frequency">, entries: readonly EntryForJudging[]): LatestEntry | null {
  const own = granularityOfFrequency(goal.frequency);
  const preference = (p: Period) => (p.granularity === own ? -1 : GRANULARITY_RANK[p.granularity]);
  let best: { entry: LatestEntry; parsed: Period } | null = null;
  for (const e of entries) {
    const parsed = parsePeriod(e.period);
    if (!parsed || parsed.year !== goal.year) continue;
    const entry = { period: e.period, end: periodEndDate(e.period), value: toDecimal(e.value, `entry ${e.period}`) };
    if (
      best === null ||
      entry.end > best.entry.end ||
      (entry.end === best.entry.end && preference(parsed) <= preference(best.parsed))
    ) {
      best = { entry, parsed };
    }
  }
  return best?.entry ?? null;
}

/**
 * The goal's periods that are overdue at asOf: due (end + grace days) before asOf, and no entry for the
 * period or any later one, i.e. ending after the latest entry's period.
 */
export function overduePeriods(
  goal: Pick<GoalForJudging, "year" | "frequency">,
  latestEnd: string | null,
  graceDays: number,
  asOf: string,
): string[] {
  const overdue: string[] = [];
  for (const period of reportingSchedule(goal.year, goal.frequency, graceDays)) {
    if ((latestEnd === null || period.end > latestEnd) && period.due < asOf) overdue.push(period.code);
  }
  return overdue;
}

interface ScheduledPeriod {
  code: string;
  end: string;
  due: string;
}

// A board judges thousands of goals that share a handful of (year, frequency, grace days) schedules; computing
// each period's end and due date once per schedule halves the time of judging a goal.
const schedules = new Map<string, readonly ScheduledPeriod[]>();

function reportingSchedule(year: number, frequency: GoalForJudging["frequency"], graceDays: number): readonly ScheduledPeriod[] {
  const key = `${year} ${frequency} ${graceDays}`;
  let schedule = schedules.get(key);
  if (!schedule) {
    schedule = periodsOfYear(year, frequency).map((code) => ({ code, end: periodEndDate(code), due: dueDate(code, graceDays) }));
    if (schedules.size >= 1000) schedules.clear(); // bounded: plan years × 4 frequencies × grace days in use
    schedules.set(key, schedule);
  }
  return schedule;
}

/** A/T as an exact fraction num/den with den > 0; for T = 0 the completion ratio (0 or 1) stands in. */
function achievedRatio(m: Measure, actual: Decimal, completion: Decimal | null): { num: Decimal; den: Decimal } {
  if (m.target.isZero()) return { num: completion!, den: new Dec(1) };
  return m.target.isNegative() ? { num: actual.neg(), den: m.target.neg() } : { num: actual, den: m.target };
}

export interface JudgeOptions {
  /** false: only the verdict (code, light, latest, overdue); completion, expectedShare and lag stay null. */
  details?: boolean;
}

export function judgeGoal(
  goal: GoalForJudging,
  entries: readonly EntryForJudging[],
  settings: StatusSettings,
  asOf: string,
  options: JudgeOptions = {},
): Judgement {
  assertIsoDate(asOf, "asOf");
  const latest = latestEntry(goal, entries);
  const overdue = overduePeriods(goal, latest?.end ?? null, settings.graceDays, asOf);
  const overduePeriod = overdue[0] ?? null;
  const verdict = (
    code: StatusCode,
    extra: Partial<Pick<Judgement, "completion" | "expectedShare" | "lag">> = {},
  ): Judgement => ({
    code,
    light: statusLight(code),
    latest: latest ? { period: latest.period, value: decimalString(latest.value) } : null,
    completion: null,
    expectedShare: null,
    lag: null,
    overduePeriod,
    ...extra,
  });

  // 1. No entry at all.
  if (!latest) return verdict(overduePeriod ? "overdue" : "not_started");

  const isMilestone = goal.kind === "milestone";
  // A milestone's figure is its percentage done: more is always better and "done" is exact.
  const m = isMilestone ? { ...measureOf(goal), higher: true, approx: false } : measureOf(goal);
  const a = latest.value;
  const ok = meets(m, a);
  // The ratios shown (完成率, 序时进度, lag) cost divisions; a board judging thousands of goals for its totals
  // asks for them only on the rows it shows. The verdict never depends on them (T = 0 aside, computed below).
  const detailed = options.details !== false;
  const completion = detailed || m.target.isZero() ? completionOf(m, a) : null;
  const final = isFinalPeriod(latest.period);
  const shown = detailed && completion ? { completion: ratioString(completion) } : {};

  if (isMilestone) {
    // DOMAIN.md: 未启动 / 推进中 / 已完成, judged against the plan year end (no 序时 expectation).
    if (final || ok) return verdict(ok ? "met" : "not_met", shown);
    if (overduePeriod) return verdict("overdue", shown);
    return verdict(a.lte(0) ? "not_started" : "on_track", shown);
  }

  if (goal.accumulates) {
    const { numerator: p, denominator: q } = elapsedFraction(latest.period);
    const r = achievedRatio(m, a, completion);
    const accumulating = !detailed ? {} : {
      ...shown,
      expectedShare: ratioString(new Dec(p).div(q)),
      lag: ratioString(new Dec(p).div(q).minus(r.num.div(r.den))),
    };
    // 2. Final, accumulating.
    if (final) {
      if (ok && m.higher && r.num.gte(EXCEEDED_RATIO.times(r.den))) return verdict("exceeded", accumulating);
      return verdict(ok ? "met" : "not_met", accumulating);
    }
    // 3. Reached before the year end (销号).
    if (ok) return verdict("met", accumulating);
    // 4.
    if (overduePeriod) return verdict("overdue", accumulating);
    // 5. lag = f − A/T ≤ margin, compared exactly as p·den − q·num ≤ margin·q·den. Applied as written to
    // lower-is-better goals too: over the cap A/T > 1, so the lag is negative and the goal reads on_track
    // until the year end says not_met (DOMAIN.md defines no other lag for them).
    const lagTimesQDen = r.den.times(p).minus(r.num.times(q));
    const within = (margin: Decimal.Value) => lagTimesQDen.lte(toDecimal(margin, "margin").times(q).times(r.den));
    if (within(settings.marginBehind)) return verdict("on_track", accumulating);
    if (within(settings.marginFarBehind)) return verdict("behind", accumulating);
    return verdict("far_behind", accumulating);
  }

  // 2. Final, point goal.
  if (final) {
    if (m.approx) {
      if (beyondGoodSide(m, a)) return verdict("exceeded", shown);
      if (ok && onBadSide(m, a)) return verdict("basically_met", shown);
    }
    return verdict(ok ? "met" : "not_met", shown);
  }
  // 4.
  if (overduePeriod) return verdict("overdue", shown);
  // 6.
  if (ok) return verdict("on_track", shown);
  return verdict(shortfall(m, a).lte(m.tol.times(2)) ? "behind" : "far_behind", shown);
}
