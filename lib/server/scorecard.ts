import "server-only";
import { ok, type Result } from "@/lib/domain/errors";
import type { EntryState } from "@/lib/domain/entries/versions";
import type { Actor } from "@/lib/domain/permissions";
import type { Frequency } from "@/lib/domain/periods";
import { composeScorecard, type ScorecardRow } from "@/lib/domain/summary/scorecard";
import { db } from "./db";
import { getBoard } from "./board";
import { authorizePlan } from "./scope";

export type { ScorecardRow } from "@/lib/domain/summary/scorecard";

/**
 * 部门考评 of a plan as of a day (default today, Asia/Shanghai): every department holding a live goal of the plan,
 * ranked, with its reporting punctuality and its led goals' verdicts as the board judges them on that day.
 * A reporter gets their own department's row only (none if it holds nothing); admins and leaders get all.
 */
export async function getScorecard(actor: Actor | null, planId: string, options: { asOf?: string } = {}, now = new Date()): Promise<Result<ScorecardRow[]>> {
  const allowed = await authorizePlan(actor, planId, "readRegion");
  if (!allowed.ok) return allowed;
  const me = allowed.value.actor;
  const [board, goals] = await Promise.all([
    // Verdicts only: no completion or 序时进度 details are needed.
    getBoard(me, planId, { asOf: options.asOf }, now, { detailRows: { offset: 0, limit: 0 } }),
    db.goal.findMany({
      where: { planId, archivedAt: null },
      select: {
        id: true, frequency: true, parentGoalId: true,
        leadDepartment: { select: { id: true, name: true } },
        coDepartments: { select: { department: { select: { id: true, name: true } } } },
        entries: { select: { period: true, state: true, submittedAt: true, reviewedAt: true } },
      },
    }),
  ]);
  if (!board.ok) return board;
  const verdicts = new Map(board.value.rows.map((r) => [r.goalId, r.judgement.code]));
  const departments = new Map<string, { id: string; name: string }>();
  for (const g of goals) {
    if (g.leadDepartment) departments.set(g.leadDepartment.id, g.leadDepartment);
    for (const c of g.coDepartments) departments.set(c.department.id, c.department);
  }
  const rows = composeScorecard({
    year: board.value.plan.year,
    graceDays: board.value.plan.settings.graceDays,
    asOf: board.value.asOf,
    departments: [...departments.values()],
    goals: goals.map((g) => ({
      id: g.id,
      leadDepartmentId: g.leadDepartment?.id ?? null,
      coDepartmentIds: g.coDepartments.map((c) => c.department.id),
      isShare: g.parentGoalId !== null,
      frequency: g.frequency as Frequency,
      judgement: verdicts.get(g.id) ?? null,
      versions: g.entries.map((e) => ({ period: e.period, state: e.state as EntryState, submittedAt: e.submittedAt, reviewedAt: e.reviewedAt })),
    })),
  });
  const visible = me.role === "reporter" ? rows.filter((r) => r.id === me.departmentId) : rows;
  return ok(visible);
}
