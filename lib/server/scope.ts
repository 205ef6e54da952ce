import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { db } from "./db";

/** What may be done with a record of a region: read it, or manage it (lib/domain/permissions.ts decides). */
export type RegionAction = "readRegion" | "manageRegion";

/**
 * The record's region checked against the one set of rules: a plan that does not exist and one the actor may not
 * read both answer 404 (no existence leak); one they may read but not change, 403.
 */
export async function authorizePlan(actor: Actor | null, planId: string, action: RegionAction): Promise<Result<{ actor: Actor; regionId: string }>> {
  if (!actor) return fail("unauthenticated");
  const plan = isPlausibleId(planId) ? await db.plan.findUnique({ where: { id: planId }, select: { regionId: true } }) : null;
  if (!plan) return fail("not_found", NOT_FOUND.plan);
  const allowed = authorize(actor, { action, regionId: plan.regionId }, NOT_FOUND.plan);
  return allowed.ok ? ok({ actor: allowed.value, regionId: plan.regionId }) : allowed;
}

/** As authorizePlan, for a goal (by its plan's region); an archived goal is not found. */
export async function authorizeGoal(actor: Actor | null, goalId: string, action: RegionAction): Promise<Result<{ actor: Actor; regionId: string; planId: string }>> {
  if (!actor) return fail("unauthenticated");
  const goal = isPlausibleId(goalId) ? await db.goal.findUnique({ where: { id: goalId }, select: { planId: true, archivedAt: true, plan: { select: { regionId: true } } } }) : null;
  if (!goal || goal.archivedAt) return fail("not_found", NOT_FOUND.goal);
  const allowed = authorize(actor, { action, regionId: goal.plan.regionId }, NOT_FOUND.goal);
  return allowed.ok ? ok({ actor: allowed.value, regionId: goal.plan.regionId, planId: goal.planId }) : allowed;
}
