/**
 * DOMAIN.md "Judging a goal": tolerance, *meets*, *beyond on the good side* and *shortfall*.
 * `eq` is judged as `gte`; only `approx` uses the tolerance for meeting.
 */
import type Decimal from "decimal.js";
import { Dec, toDecimal } from "../decimal";
import { isPercentUnit } from "../units";
import type { GoalForJudging } from "./types";

/** A milestone's figure is the percentage done; with no target of its own it is done at 100. */
const MILESTONE_DONE = new Dec(100);
const PERCENT_TOLERANCE = new Dec("0.5");
const RELATIVE_TOLERANCE = new Dec("0.05");

/** What a goal asks for, in the form the rules need. */
export interface Measure {
  target: Decimal;
  higher: boolean;
  approx: boolean;
  tol: Decimal;
}

export type MeasuredGoal = Pick<GoalForJudging, "target" | "unit" | "comparator" | "direction" | "kind">;

export function targetOf(goal: Pick<GoalForJudging, "target" | "kind">): Decimal {
  if (goal.target === null || goal.target === undefined || goal.target === "") {
    if (goal.kind === "milestone") return MILESTONE_DONE;
    throw new TypeError(`a ${goal.kind} goal needs a target`);
  }
  return toDecimal(goal.target, "target");
}

/** `tol`: 0.5 (percentage points) when the unit is %, else 5% of |T|. */
export function tolerance(unit: string, target: Decimal.Value): Decimal {
  return isPercentUnit(unit) ? PERCENT_TOLERANCE : toDecimal(target, "target").abs().times(RELATIVE_TOLERANCE);
}

export function measureOf(goal: MeasuredGoal): Measure {
  const target = targetOf(goal);
  return {
    target,
    higher: goal.direction === "higher",
    approx: goal.comparator === "approx",
    tol: tolerance(goal.unit, target),
  };
}

/** Higher-is-better: A ≥ T (approx: A ≥ T − tol). Lower-is-better: A ≤ T (approx: A ≤ T + tol). */
export function meets(m: Measure, actual: Decimal): boolean {
  const slack = m.approx ? m.tol : new Dec(0);
  return m.higher ? actual.gte(m.target.minus(slack)) : actual.lte(m.target.plus(slack));
}

/** Approx only: higher-is-better A > T + tol; lower-is-better A < T − tol. */
export function beyondGoodSide(m: Measure, actual: Decimal): boolean {
  if (!m.approx) return false;
  return m.higher ? actual.gt(m.target.plus(m.tol)) : actual.lt(m.target.minus(m.tol));
}

/** A is strictly on the bad side of T (below it when higher is better, above it when lower is better). */
export function onBadSide(m: Measure, actual: Decimal): boolean {
  return m.higher ? actual.lt(m.target) : actual.gt(m.target);
}

/** How far A is from T on the bad side; 0 when it meets. */
export function shortfall(m: Measure, actual: Decimal): Decimal {
  if (meets(m, actual)) return new Dec(0);
  return m.higher ? m.target.minus(actual) : actual.minus(m.target);
}
