import type { Actor } from "@/lib/domain/permissions";
import { getGoalAudit } from "@/lib/server/audit-view";
import { AuditTrail } from "@/components/audit-trail";

/** 变更记录 of the goal: every change to it, its 说明 and its figures (the newest 100). */
export async function GoalAuditSection({ actor, goalId }: { actor: Actor; goalId: string }) {
  const audit = await getGoalAudit(actor, goalId);
  if (!audit.ok) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="audit-heading" data-testid="goal-audit">
      <h2 id="audit-heading" className="mb-2 font-semibold">变更记录</h2>
      <AuditTrail rows={audit.value.rows} />
      {audit.value.nextCursor && <p className="mt-2 text-xs text-slate-500">仅显示最近 {audit.value.rows.length} 条。</p>}
    </section>
  );
}
