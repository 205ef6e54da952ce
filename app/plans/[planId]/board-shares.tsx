import { trimZeros } from "@/lib/domain/labels";
import { judgementLabel } from "@/lib/domain/status";
import type { ShareSummary } from "@/lib/server/shares";
import { StatusLight } from "@/components/status-light";

/** "已报 1/3" beside a parent's figure on the board. */
export function ReportedShares({ shares }: { shares: ShareSummary | null }) {
  if (!shares) return null;
  return (
    <small data-testid="reported-shares" title={shares.rolledUp ? "按分解任务合计" : "该指标不按分解任务合计"}>
      已报 {shares.reportedShares}/{shares.totalShares}
    </small>
  );
}

/** A parent's shares under its metric, folded: holder, target, status. Plain links keep a 200-row board light. */
export function BoardShares({ shares }: { shares: ShareSummary | null }) {
  if (!shares) return null;
  return (
    <details className="mt-0.5 text-xs text-slate-600" data-testid="board-shares">
      <summary className="cursor-pointer select-none">分解任务 {shares.totalShares} 项{shares.rolledUp ? "（合计）" : ""}</summary>
      <ul className="mt-1 space-y-0.5 pl-3">
        {shares.shares.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-x-2">
            <a href={`/plans/${s.planId}/goals/${s.id}`}>{s.holder.name || "（未指定）"}</a>
            <span>{s.target === null ? "—" : `${trimZeros(s.target)}${s.unit}`}</span>
            <span>{s.judgement.latest ? `已报 ${trimZeros(s.judgement.latest.value)}${s.unit}` : "未报"}</span>
            <StatusLight light={s.judgement.light} label={judgementLabel(s.judgement)} />
          </li>
        ))}
      </ul>
    </details>
  );
}
