import "server-only";
import { createHmac } from "node:crypto";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { FORBIDDEN, NOT_FOUND } from "@/lib/domain/messages";
import { db } from "../db";
import { authSecret } from "../secret";
import { authorizePlan } from "../scope";

export const BULK_MESSAGES = {
  leader: "领导账号只能查看，不能下载或上传填报模板",
  ownDepartmentOnly: "只能下载或上传本单位的填报模板",
  chooseDepartment: "请选择要填报的单位",
  departmentOutside: "该单位不属于本计划所在的政府",
  periodOutside: (year: number) => `期间应在计划年度（${year}年）之内`,
} as const;

/** The key that signs templates: derived from the server secret, so it is never the session key itself. */
export function templateKey(): string {
  return createHmac("sha256", authSecret()).update("luoshi fill-in template").digest("hex");
}

export interface BulkPlan {
  id: string;
  title: string;
  year: number;
  regionId: string;
  requiresReview: boolean;
  graceDays: number;
}

/**
 * Who may fill in a department's sheet of a plan: the plan must be readable (404); leaders read only (403); a
 * reporter only their own department (403); an admin any department of a plan they manage.
 */
export async function authorizeBulk(actor: Actor | null, planId: string): Promise<Result<{ actor: Actor; plan: BulkPlan }>> {
  const readable = await authorizePlan(actor, planId, "readRegion");
  if (!readable.ok) return readable;
  const me = readable.value.actor;
  if (me.role === "leader") return fail("forbidden", BULK_MESSAGES.leader);
  if (me.role === "admin") {
    const managed = authorize(me, { action: "manageRegion", regionId: readable.value.regionId }, NOT_FOUND.plan);
    if (!managed.ok) return managed;
  } else if (!me.departmentId) {
    return fail("forbidden", FORBIDDEN.enter);
  }
  const plan = await db.plan.findUnique({ where: { id: planId }, select: { id: true, title: true, year: true, regionId: true, requiresReview: true, graceDays: true } });
  if (!plan) return fail("not_found", NOT_FOUND.plan);
  return ok({ actor: me, plan });
}

/** The department a sheet is for: the reporter's own (403 for another), any of the plan's government for an admin. */
export async function bulkDepartment(actor: Actor, plan: BulkPlan, departmentId: string | undefined): Promise<Result<{ id: string; name: string }>> {
  const id = departmentId ?? (actor.role === "reporter" ? actor.departmentId ?? undefined : undefined);
  if (!id) return fail("validation", undefined, { department: BULK_MESSAGES.chooseDepartment });
  if (actor.role === "reporter" && id !== actor.departmentId) return fail("forbidden", BULK_MESSAGES.ownDepartmentOnly);
  const department = await db.department.findUnique({ where: { id }, select: { id: true, name: true, regionId: true } });
  if (!department || department.regionId !== plan.regionId) return fail("validation", undefined, { department: BULK_MESSAGES.departmentOutside });
  return ok({ id: department.id, name: department.name });
}
