import type { Actor } from "@/lib/domain/permissions";
import { goalTrend } from "@/lib/server/charts/goal-trend";
import type { GoalDetail } from "@/lib/server/goals";
import { ChartFigure } from "./chart-figure";

/** The goal page's trend chart (server-rendered SVG and its 数据表). */
export async function GoalTrendChart({ actor, detail }: { actor: Actor; detail: GoalDetail }) {
  if (detail.goal.targetValue === null && detail.counted.length === 0) return null;
  const spec = await goalTrend(actor, detail);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="trend-heading">
      <h2 id="trend-heading" className="mb-2 font-semibold">进度走势</h2>
      <ChartFigure spec={spec} className="border-0 p-0" />
    </section>
  );
}
