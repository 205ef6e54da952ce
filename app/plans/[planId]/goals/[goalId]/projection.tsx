import { PROJECTION_METHOD_LABELS, projectionText } from "@/lib/domain/projection";
import { percentText, trimZeros } from "@/lib/domain/labels";
import { periodLabel } from "@/lib/domain/periods";
import type { GoalDetail } from "@/lib/server/goals";
import { projectGoals } from "@/lib/server/projection";

/** 预计全年 of an accumulating goal: an estimate with its method, set apart from the reported figures. */
export async function GoalProjection({ detail }: { detail: GoalDetail }) {
  const { goal, judgement, asOf } = detail;
  const projected = (await projectGoals([{ id: goal.id, accumulates: goal.accumulates, kind: goal.kind, direction: goal.direction, target: goal.targetValue?.toString() ?? null, judgement }], asOf)).get(goal.id);
  if (!projected) return null;
  const { projection, atRisk } = projected;
  return (
    <p className={`rounded-lg border border-dashed px-4 py-2 text-sm ${atRisk ? "border-amber-400 bg-amber-50 text-amber-950" : "border-slate-300 bg-white text-slate-700"}`} data-testid="goal-projection" data-method={projection.method}>
      <span className="font-medium">{projectionText(projection, goal.unit)}</span>
      {projection.projectedCompletion && <>，约为目标的{percentText(projection.projectedCompletion, 0)}</>}
      {atRisk && <strong className="ml-1 font-semibold">· 目前达到序时进度，但按此测算全年可能完不成</strong>}
      <span className="block text-xs text-slate-500">
        估算，非填报数据：以{periodLabel(projection.basisPeriod)}累计{trimZeros(projection.basisValue)}{goal.unit}为基础，
        {projection.method === "seasonal" ? `上年同期完成全年的${percentText(projection.share, 0)}` : `时间已过${percentText(projection.share, 0)}`}（{PROJECTION_METHOD_LABELS[projection.method]}）。
      </span>
    </p>
  );
}
