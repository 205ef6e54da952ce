import "server-only";
import { countedVersions, endOfDay } from "@/lib/domain/entries/versions";
import { isFinalPeriod } from "@/lib/domain/periods";
import { isAtRisk, projectYearEnd, type PeriodFigure, type Projection } from "@/lib/domain/projection";
import type { Judgement } from "@/lib/domain/status";
import { db } from "./db";

// 预计全年 for goals already judged (board rows, the goal page): the projection starts from the figure the judgement
// rests on (so a parent of shares starts from their sum, as the board does) and follows the linked previous year's
// counted figures where there are any (lib/domain/projection).

export interface ProjectableGoal {
  id: string;
  accumulates: boolean;
  kind: string;
  direction: string;
  target: string | null;
  previousGoalId?: string | null;
  judgement: Judgement;
}

/** The previous years' goals of `goalIds`, each with its figures counted as of the day. */
async function previousFigures(goalIds: readonly string[], asOf: string): Promise<Map<string, PeriodFigure[]>> {
  if (!goalIds.length) return new Map();
  const goals = await db.goal.findMany({
    where: { id: { in: [...goalIds] }, previousGoalId: { not: null } },
    select: {
      id: true,
      previousGoal: { select: { entries: { select: { period: true, value: true, state: true, version: true, countedAt: true, submittedAt: true } } } },
    },
  });
  const cutoff = endOfDay(asOf);
  return new Map(
    goals.map((g) => [g.id, countedVersions(g.previousGoal?.entries ?? [], cutoff).map((v) => ({ period: v.period, value: v.value.toString() }))]),
  );
}

const projectable = (g: ProjectableGoal) =>
  g.accumulates && g.kind !== "milestone" && g.target !== null && g.judgement.latest !== null && !isFinalPeriod(g.judgement.latest.period);

/**
 * The projection of each accumulating goal with a figure before the year's last period (after it the figure is the
 * year's own), by goal id, and whether it is at risk (on track today, projected short).
 */
export async function projectGoals(goals: readonly ProjectableGoal[], asOf: string): Promise<Map<string, { projection: Projection; atRisk: boolean }>> {
  const candidates = goals.filter(projectable);
  const previous = await previousFigures(candidates.map((g) => g.id), asOf);
  const out = new Map<string, { projection: Projection; atRisk: boolean }>();
  for (const g of candidates) {
    const projection = projectYearEnd({
      target: g.target,
      direction: g.direction === "lower" ? "lower" : "higher",
      current: [g.judgement.latest!],
      previous: previous.get(g.id) ?? null,
    });
    if (projection) out.set(g.id, { projection, atRisk: isAtRisk(g.judgement.code, projection) });
  }
  return out;
}

/** The projection as the API shows it: an estimate with its method, never a reported figure. */
export function projectionJson(p: { projection: Projection; atRisk: boolean } | undefined) {
  if (!p) return null;
  const { projection } = p;
  return {
    estimate: true,
    value: projection.value,
    method: projection.method,
    basisPeriod: projection.basisPeriod,
    basisValue: projection.basisValue,
    share: projection.share,
    projectedCompletion: projection.projectedCompletion,
    fallsShort: projection.fallsShort,
    atRisk: p.atRisk,
  };
}
