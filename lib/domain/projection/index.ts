/**
 * 预计全年: the year-end figure of an accumulating goal projected from this year's pace — an estimate, never a
 * reported figure. With the linked previous year's figures it follows last year's seasonal shape (year-end = YTD now
 * ÷ the share of last year's year-end reached by the same period); without them, or where that share is unusable,
 * it is linear (YTD ÷ the elapsed share of the year at the figure's period end).
 */
import Decimal from "decimal.js";
import { Dec, decimalString, ratioString, toDecimal } from "../decimal";
import { comparePeriods, elapsedShare, periodEndDate } from "../periods";

export type ProjectionMethod = "seasonal" | "linear";

export const PROJECTION_METHOD_LABELS: Record<ProjectionMethod, string> = {
  seasonal: "按上年进度测算",
  linear: "按序时线性测算",
};

export interface PeriodFigure {
  period: string;
  value: string | { toString(): string };
}

export interface ProjectionInput {
  /** Target T (null: nothing to compare with). */
  target: string | null;
  direction: "higher" | "lower";
  /** This year's counted year-to-date figures, any order. */
  current: readonly PeriodFigure[];
  /** The previous year's counted figures of the linked goal (previousGoalId), any order. */
  previous?: readonly PeriodFigure[] | null;
}

export interface Projection {
  /** The projected year-end figure, rounded to the places of the figure or the target (at most 2). */
  value: string;
  method: ProjectionMethod;
  /** The period of the latest figure the projection starts from, and that figure. */
  basisPeriod: string;
  basisValue: string;
  /** The share of the year-end assumed reached by the basis period (last year's, or the elapsed share). */
  share: string;
  /** Projected value ÷ target (completion at the year end, as the estimate goes); null without a target. */
  projectedCompletion: string | null;
  /** The projection misses the target (on the bad side of it). */
  fallsShort: boolean;
}

/** Month and day of a period's end ("03-31"): 2023-03 and 2024-Q1 end on the same day of their years. */
const endOfYearPart = (period: string) => periodEndDate(period).slice(5);

function latestOf(figures: readonly PeriodFigure[]): PeriodFigure | null {
  return figures.reduce<PeriodFigure | null>((best, f) => (!best || comparePeriods(f.period, best.period) > 0 ? f : best), null);
}

/** The share of last year's year-end figure reached by the same point of the year, or null if unusable. */
function seasonalShare(previous: readonly PeriodFigure[] | null | undefined, basisPeriod: string): Decimal | null {
  if (!previous?.length) return null;
  const yearEnd = previous.find((f) => endOfYearPart(f.period) === "12-31");
  const same = previous.find((f) => endOfYearPart(f.period) === endOfYearPart(basisPeriod));
  if (!yearEnd || !same) return null;
  const end = toDecimal(yearEnd.value.toString());
  if (end.lte(0)) return null;
  const share = toDecimal(same.value.toString()).div(end);
  // A zero or negative share says nothing about the pace; above 1 last year fell back, which is no shape to follow.
  return share.gt(0) && share.lte(1) ? share : null;
}

/** The year-end projection of an accumulating goal, or null without a figure to start from. */
export function projectYearEnd(input: ProjectionInput): Projection | null {
  const basis = latestOf(input.current);
  if (!basis) return null;
  const ytd = toDecimal(basis.value.toString());
  const seasonal = seasonalShare(input.previous, basis.period);
  const method: ProjectionMethod = seasonal ? "seasonal" : "linear";
  const share = seasonal ?? elapsedShare(basis.period);
  const target = input.target !== null ? toDecimal(input.target) : null;
  // As precise as the figures themselves (a count of 个 stays whole), at most 2 places: it is an estimate.
  const places = Math.min(2, Math.max(ytd.decimalPlaces(), target?.decimalPlaces() ?? 0));
  const projected = ytd.div(share).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  const fallsShort = target !== null && (input.direction === "higher" ? projected.lt(target) : projected.gt(target));
  let projectedCompletion: string | null = null;
  if (target !== null && !target.isZero()) projectedCompletion = ratioString(input.direction === "higher" ? projected.div(target) : (projected.isZero() ? new Dec(1) : target.div(projected)));
  return {
    value: decimalString(projected),
    method,
    basisPeriod: basis.period,
    basisValue: decimalString(ytd),
    share: ratioString(share),
    projectedCompletion,
    fallsShort,
  };
}

/** At risk: on track by 序时进度 today, yet projected to fall short of the target by the year end. */
export function isAtRisk(statusCode: string, projection: Projection | null): boolean {
  return statusCode === "on_track" && projection !== null && projection.fallsShort;
}

/** "预计全年约12.5万亩（按上年进度测算）" — always worded as an estimate. */
export function projectionText(projection: Projection, unit: string): string {
  return `预计全年约${projection.value}${unit}（${PROJECTION_METHOD_LABELS[projection.method]}）`;
}
