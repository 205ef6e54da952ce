// Who may do what. Pure, so the same rules serve server actions, route handlers and the UI's hiding of controls.
import { fail, ok, type Result } from "./errors";
import { FORBIDDEN } from "./messages";

export type Role = "admin" | "reporter" | "leader";

export interface Actor {
  userId: string;
  username: string;
  name: string;
  role: Role;
  departmentId: string | null;
  departmentName: string | null;
}

export interface GoalResponsibility {
  leadDepartmentId: string | null;
  coDepartmentIds: readonly string[];
}

export type Permission =
  /** Read plans, goals, entries and boards. */
  | { action: "read" }
  /** Manage plans, goals, departments, users and API tokens. */
  | { action: "manage" }
  /** Enter or change figures of one goal. */
  | { action: "enter"; goal: GoalResponsibility };

export function can(actor: Actor, permission: Permission): boolean {
  switch (permission.action) {
    case "read":
      return true;
    case "manage":
      return actor.role === "admin";
    case "enter":
      if (actor.role === "admin") return true;
      if (actor.role !== "reporter" || !actor.departmentId) return false;
      return (
        permission.goal.leadDepartmentId === actor.departmentId ||
        permission.goal.coDepartmentIds.includes(actor.departmentId)
      );
  }
}

/** The one authorisation check used by every server action and route handler. */
export function authorize(actor: Actor | null, permission: Permission): Result<Actor> {
  if (!actor) return fail("unauthenticated");
  if (!can(actor, permission)) {
    return fail(
      "forbidden",
      permission.action === "enter" ? FORBIDDEN.enter : permission.action === "manage" ? FORBIDDEN.manage : undefined,
    );
  }
  return ok(actor);
}
