// Who may do what. Pure, so the same rules serve server actions, route handlers and the UI's hiding of controls.
import { fail, ok, type Result } from "./errors";
import { FORBIDDEN, NOT_FOUND } from "./messages";
import { readableRegionIds, type RegionScope } from "./regions";

export type Role = "admin" | "reporter" | "leader";

export interface Actor {
  userId: string;
  username: string;
  name: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
  /** The actor's government and what it lets them see (lib/domain/regions.ts). */
  scope: RegionScope;
}

export interface GoalResponsibility {
  leadDepartmentId: string | null;
  coDepartmentIds: readonly string[];
}

export type Permission =
  /** Signed in: lists that then show only what the actor's scope allows. */
  | { action: "read" }
  /** An admin (督查室) of some government: admin pages, which then show only their scope. */
  | { action: "manage" }
  /** Read a plan of this region and everything in it (goals, figures, boards). */
  | { action: "readRegion"; regionId: string }
  /** Manage a plan, its goals, locks and reviews, or the departments and users of this region. */
  | { action: "manageRegion"; regionId: string }
  /** Enter or change figures of one goal of a plan of this region. */
  | { action: "enter"; regionId: string; goal: GoalResponsibility };

export function canRead(actor: Actor, regionId: string): boolean {
  return readableRegionIds(actor.role, actor.scope).includes(regionId);
}

export function can(actor: Actor, permission: Permission): boolean {
  switch (permission.action) {
    case "read":
      return true;
    case "manage":
      return actor.role === "admin";
    case "readRegion":
      return canRead(actor, permission.regionId);
    case "manageRegion":
      return actor.role === "admin" && actor.scope.below.includes(permission.regionId);
    case "enter":
      if (actor.role === "admin") return actor.scope.below.includes(permission.regionId);
      if (actor.role !== "reporter" || !actor.departmentId || !canRead(actor, permission.regionId)) return false;
      return (
        permission.goal.leadDepartmentId === actor.departmentId ||
        permission.goal.coDepartmentIds.includes(actor.departmentId)
      );
  }
}

const FORBIDDEN_MESSAGE: Partial<Record<Permission["action"], string>> = {
  enter: FORBIDDEN.enter,
  manage: FORBIDDEN.manage,
  manageRegion: FORBIDDEN.manage,
};

/** The one authorisation check used by every server action and route handler. */
/**
 * The one authorisation check used by every server action and route handler. Something of a region the actor
 * may not even read answers "not found" (no existence leak); what they may read but not change, "forbidden".
 */
export function authorize(actor: Actor | null, permission: Permission, notFound: string = NOT_FOUND.record): Result<Actor> {
  if (!actor) return fail("unauthenticated");
  if (!can(actor, permission)) {
    if ("regionId" in permission && !canRead(actor, permission.regionId)) return fail("not_found", notFound);
    return fail("forbidden", FORBIDDEN_MESSAGE[permission.action]);
  }
  return ok(actor);
}
