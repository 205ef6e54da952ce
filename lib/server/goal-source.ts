import "server-only";
import { ok, type Result } from "@/lib/domain/errors";
import { sourceContext, type SourceContext } from "@/lib/domain/import/context";
import type { Actor } from "@/lib/domain/permissions";
import { db } from "./db";
import { authorizeGoal } from "./scope";

/** The goal's 原文 sentence in its plan's report (null when the plan keeps no text or the quote is not in it). */
export async function getGoalSource(actor: Actor | null, goalId: string): Promise<Result<SourceContext | null>> {
  const allowed = await authorizeGoal(actor, goalId, "readRegion");
  if (!allowed.ok) return allowed;
  const goal = await db.goal.findUnique({ where: { id: goalId }, select: { quote: true, sourceStart: true, sourceEnd: true, plan: { select: { sourceText: true } } } });
  if (!goal?.plan.sourceText) return ok(null);
  return ok(sourceContext(goal.plan.sourceText, goal.quote, goal.sourceStart, goal.sourceEnd));
}
