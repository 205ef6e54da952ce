import "server-only";
import { ok, type Result } from "@/lib/domain/errors";
import type { EntryState } from "@/lib/domain/entries/versions";
import type { Actor } from "@/lib/domain/permissions";
import type { Frequency } from "@/lib/domain/periods";
import { composeScorecard, type ScorecardRow } from "@/lib/domain/summary/scorecard";
import { dbPool } from "./db";
import { sql } from "./sql";
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
  const [board, goals, versions] = await Promise.all([
    // Verdicts only: no completion or 序时进度 details are needed.
    getBoard(me, planId, { asOf: options.asOf }, now, { detailRows: { offset: 0, limit: 0 } }),
    // In SQL, flat (lib/server/sql.ts): a province's plan has 10,000 goals and 100,000 versions, which Prisma's
    // nested read took seconds to build (the summary and its .docx wait for it).
    sql<{ id: string; frequency: string; isShare: boolean; leadId: string | null; leadName: string | null; co: [string, string][] }>(dbPool(), `
      SELECT g."id", g."frequency"::text AS "frequency", g."parentGoalId" IS NOT NULL AS "isShare", d."id" AS "leadId", d."name" AS "leadName",
             coalesce((SELECT json_agg(json_build_array(cd."id", cd."name")) FROM "GoalCoDepartment" c JOIN "Department" cd ON cd."id" = c."departmentId"
                       WHERE c."goalId" = g."id"), '[]') AS "co"
      FROM "Goal" g LEFT JOIN "Department" d ON d."id" = g."leadDepartmentId"
      WHERE g."planId" = $1 AND g."archivedAt" IS NULL
      ORDER BY g."id"`, [planId]),
    sql<{ goalId: string; period: string; state: EntryState; submittedAt: Date; reviewedAt: Date | null }>(dbPool(), `
      SELECT e."goalId", e."period", e."state"::text AS "state", e."submittedAt", e."reviewedAt"
      FROM "ProgressEntry" e JOIN "Goal" g ON g."id" = e."goalId"
      WHERE g."planId" = $1 AND g."archivedAt" IS NULL`, [planId]),
  ]);
  if (!board.ok) return board;
  const versionsOf = new Map<string, { period: string; state: EntryState; submittedAt: Date; reviewedAt: Date | null }[]>();
  for (const v of versions) {
    let list = versionsOf.get(v.goalId);
    if (!list) versionsOf.set(v.goalId, (list = []));
    list.push({ period: v.period, state: v.state, submittedAt: v.submittedAt, reviewedAt: v.reviewedAt });
  }
  const verdicts = new Map(board.value.rows.map((r) => [r.goalId, r.judgement.code]));
  const departments = new Map<string, { id: string; name: string }>();
  for (const g of goals) {
    if (g.leadId !== null) departments.set(g.leadId, { id: g.leadId, name: g.leadName! });
    for (const [id, name] of g.co) departments.set(id, { id, name });
  }
  const rows = composeScorecard({
    year: board.value.plan.year,
    graceDays: board.value.plan.settings.graceDays,
    asOf: board.value.asOf,
    departments: [...departments.values()],
    goals: goals.map((g) => ({
      id: g.id,
      leadDepartmentId: g.leadId,
      coDepartmentIds: g.co.map(([id]) => id),
      isShare: g.isShare,
      frequency: g.frequency as Frequency,
      judgement: verdicts.get(g.id) ?? null,
      versions: versionsOf.get(g.id) ?? [],
    })),
  });
  const visible = me.role === "reporter" ? rows.filter((r) => r.id === me.departmentId) : rows;
  return ok(visible);
}
