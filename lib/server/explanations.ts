import "server-only";
import { fail, type Result } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { explanationInput, fieldErrors } from "@/lib/domain/inputs";
import { FORBIDDEN, NOT_FOUND } from "@/lib/domain/messages";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { db } from "./db";
import { recordAudit } from "./audit";
import { Refusal, withGoalLock } from "./entries";

/** The 说明 a department wrote for the year-end summary (年度总结) about one goal. */
export interface GoalExplanationView {
  goalId: string;
  year: number;
  text: string;
  author: { id: string; name: string } | null;
  updatedAt: string;
}

/**
 * Writes (or, with empty text, clears) the 说明 of a goal for its plan year. The goal's lead department's reporters
 * and the admins of its region (or above) may; a co-department, a leader or another department's reporter who can
 * read the plan gets 403, one who cannot 404. One transaction under the goal's row lock, audited before → after;
 * an unchanged text writes nothing.
 */
export async function setExplanation(actor: Actor | null, goalId: string, raw: unknown): Promise<Result<GoalExplanationView | null>> {
  if (!actor) return fail("unauthenticated");
  const goal = isPlausibleId(goalId)
    ? await db.goal.findUnique({ where: { id: goalId }, select: { archivedAt: true, leadDepartmentId: true, plan: { select: { regionId: true, year: true } } } })
    : null;
  if (!goal || goal.archivedAt) return fail("not_found", NOT_FOUND.goal);
  const allowed = authorize(actor, { action: "enter", regionId: goal.plan.regionId, goal: { leadDepartmentId: goal.leadDepartmentId, coDepartmentIds: [] } }, NOT_FOUND.goal);
  if (!allowed.ok) return allowed.error.code === "forbidden" ? fail("forbidden", FORBIDDEN.explanation) : allowed;
  const parsed = explanationInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const text = parsed.data.text;
  const year = goal.plan.year;

  return withGoalLock(goalId, async (tx) => {
    const current = await tx.goal.findUnique({ where: { id: goalId }, select: { archivedAt: true } });
    if (!current || current.archivedAt) throw new Refusal(fail("not_found", NOT_FOUND.goal));
    const before = await tx.goalExplanation.findUnique({ where: { goalId_year: { goalId, year } } });
    if (!text) {
      if (before) {
        await tx.goalExplanation.delete({ where: { id: before.id } });
        await recordAudit(tx, { actorId: actor.userId, action: "goal.explanation.clear", entityType: "GoalExplanation", entityId: goalId, before, after: null });
      }
      return null;
    }
    if (before?.text === text) return viewOf(await tx.goalExplanation.findUniqueOrThrow({ where: { id: before.id }, include: { author: { select: { id: true, name: true } } } }));
    const after = await tx.goalExplanation.upsert({
      where: { goalId_year: { goalId, year } },
      create: { goalId, year, text, authorId: actor.userId },
      update: { text, authorId: actor.userId },
      include: { author: { select: { id: true, name: true } } },
    });
    const { author: _author, ...row } = after;
    await recordAudit(tx, { actorId: actor.userId, action: before ? "goal.explanation.update" : "goal.explanation.create", entityType: "GoalExplanation", entityId: goalId, before, after: row });
    return viewOf(after);
  });
}

function viewOf(row: { goalId: string; year: number; text: string; updatedAt: Date; author: { id: string; name: string } | null }): GoalExplanationView {
  return { goalId: row.goalId, year: row.year, text: row.text, author: row.author, updatedAt: row.updatedAt.toISOString() };
}

/** The 说明 written for the summary, per goal, for the given goals (one query). */
export async function explanationsOf(goals: readonly { id: string; year: number }[]): Promise<Map<string, string>> {
  if (!goals.length) return new Map();
  const rows = await db.goalExplanation.findMany({
    where: { OR: [...groupByYear(goals)].map(([year, ids]) => ({ year, goalId: { in: ids } })) },
    select: { goalId: true, text: true },
  });
  return new Map(rows.map((r) => [r.goalId, r.text]));
}

function groupByYear(goals: readonly { id: string; year: number }[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const g of goals) out.set(g.year, [...(out.get(g.year) ?? []), g.id]);
  return out;
}
