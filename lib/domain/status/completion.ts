/**
 * 完成率 (DOMAIN.md): higher-is-better A/T (not capped: 超额 shows above 100%); lower-is-better 100% while
 * A ≤ T, else T/A; T = 0 → 100% when it meets, else 0%.
 */
import type Decimal from "decimal.js";
import { Dec, toDecimal } from "../decimal";
import { type Measure, type MeasuredGoal, measureOf, meets } from "./tolerance";

export function completionRatio(goal: MeasuredGoal, actual: Decimal.Value): Decimal {
  return completionOf(measureOf(goal), toDecimal(actual, "actual"));
}

export function completionOf(m: Measure, actual: Decimal): Decimal {
  const t = m.target;
  if (t.isZero()) return new Dec(meets(m, actual) ? 1 : 0);
  if (m.higher) return actual.div(t);
  if (actual.lte(t)) return new Dec(1);
  // Over the cap. T/A lies in (0, 1) for a positive cap. For a negative cap (rare: "−1以内") T/A would
  // exceed 1 or flip sign, so use |A|/|T| while A is still negative and 0 once it is not.
  if (t.isPositive()) return t.div(actual);
  return actual.isNegative() ? actual.div(t) : new Dec(0);
}
