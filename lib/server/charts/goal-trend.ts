import "server-only";
import { goalTrendChart, type ChartSpec } from "@/lib/domain/charts";
import { countedVersions, endOfDay } from "@/lib/domain/entries/versions";
import { canRead, type Actor } from "@/lib/domain/permissions";
import type { Frequency } from "@/lib/domain/periods";
import { db } from "../db";
import { versionSelect } from "../entries";
import type { GoalDetail } from "../goals";

/**
 * The goal page's trend: the figures the page counts (the shares' sum for a rolled-up goal), the baseline, and the
 * linked previous year's goal's figures as counted on the same day — when the reader may read that plan.
 */
export async function goalTrend(actor: Actor, detail: GoalDetail): Promise<ChartSpec> {
  const { goal } = detail;
  const link = await db.goal.findUnique({
    where: { id: goal.id },
    select: { previousGoal: { select: { archivedAt: true, plan: { select: { year: true, regionId: true } }, entries: { select: versionSelect } } } },
  });
  const prev = link?.previousGoal && !link.previousGoal.archivedAt && canRead(actor, link.previousGoal.plan.regionId) ? link.previousGoal : null;
  const figures = detail.shares?.rolledUp ? detail.shares.counted : detail.counted;
  const sameUnit = !goal.baselineUnit || goal.baselineUnit === goal.unit;
  return goalTrendChart({
    metric: goal.metric,
    unit: goal.unit,
    year: goal.plan.year,
    frequency: goal.frequency as Frequency,
    accumulates: goal.accumulates,
    target: goal.targetValue?.toString() ?? null,
    targetHigh: goal.targetValueHigh?.toString() ?? null,
    comparator: goal.comparator,
    kind: goal.kind,
    figures: figures.map((f) => ({ period: f.period, value: f.value.toString() })),
    baseline: goal.baselineValue && sameUnit ? { value: goal.baselineValue.toString(), year: goal.baselineYear } : null,
    previous: prev ? { year: prev.plan.year, figures: countedVersions(prev.entries, endOfDay(detail.asOf)).map((v) => ({ period: v.period, value: v.value.toString() })) } : null,
  });
}
