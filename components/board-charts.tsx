import { boardCharts, type ChartRow } from "@/lib/domain/charts";
import type { Light } from "@/lib/domain/status";
import { ChartFigure } from "./chart-figure";

/** The board's charts above its table, folded away with one click so the table stays a short reach. */
export function BoardCharts({ lights, rows }: { lights: Record<Light, number>; rows: readonly ChartRow[] }) {
  return (
    <details open className="board-charts mb-4" data-testid="board-charts">
      <summary className="mb-2 cursor-pointer text-sm font-medium text-slate-700">图表（灯色分布、分章节与分单位进度、落后最多的指标）</summary>
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
        {boardCharts(lights, rows).map((spec) => <ChartFigure key={spec.id} spec={spec} />)}
      </div>
    </details>
  );
}
