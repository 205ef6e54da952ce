import Link from "next/link";
import type { FieldChange } from "@/lib/domain/audit/format";
import { periodLabel } from "@/lib/domain/periods";

/** One event of the 变更记录 as the pages show it (lib/server/audit-view.ts AuditRow). */
export interface AuditTrailRow {
  id: string;
  at: Date;
  action: string;
  actionLabel: string;
  actor: { name: string } | null;
  goal: { id: string; metric: string } | null;
  period: string | null;
  changes: FieldChange[];
  reason: string | null;
}

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });
const EMPTY = "（空）";

/**
 * 变更记录: who, when, what (before → after, with Chinese field names) and why, newest first. With `planId`, each
 * event names the goal it concerns, linked.
 */
export function AuditTrail({ rows, planId }: { rows: readonly AuditTrailRow[]; planId?: string }) {
  if (!rows.length) return <p className="text-sm text-slate-500" data-testid="audit-empty">暂无变更记录。</p>;
  return (
    <ol className="divide-y divide-slate-100 text-sm" data-testid="audit-list">
      {rows.map((r) => (
        <li key={r.id} className="grid gap-1 py-2 sm:grid-cols-[9rem_1fr] sm:gap-3" data-testid="audit-row" data-action={r.action}>
          <div className="text-slate-500">
            <time dateTime={r.at.toISOString()}>{dateTime.format(r.at)}</time>
            <div className="text-slate-700">{r.actor?.name ?? "系统"}</div>
          </div>
          <div className="min-w-0">
            <p>
              <span className="font-medium">{r.actionLabel}</span>
              {r.period && <span className="ml-2 text-slate-600">{periodLabel(r.period)}</span>}
              {planId && r.goal && (
                <Link href={`/plans/${planId}/goals/${r.goal.id}`} className="ml-2 break-words text-slate-600 underline hover:text-brand-700">{r.goal.metric}</Link>
              )}
            </p>
            {r.changes.length > 0 && (
              <ul className="mt-0.5 space-y-0.5 text-slate-700" data-testid="audit-changes">
                {r.changes.map((c) => (
                  <li key={c.field} className="break-words">
                    <span className="text-slate-500">{c.label}：</span>
                    {c.before !== null || c.after === null ? <><del className="text-slate-500">{c.before ?? EMPTY}</del> → </> : null}
                    <ins className="no-underline">{c.after ?? EMPTY}</ins>
                  </li>
                ))}
              </ul>
            )}
            {r.changes.length === 0 && !r.reason && <p className="text-slate-500">（所列字段均无变化）</p>}
            {r.reason && <p className="mt-0.5 break-words text-slate-700" data-testid="audit-reason">原因/说明：{r.reason}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
