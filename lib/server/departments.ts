import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { departmentCreateInput, departmentInput, fieldErrors } from "@/lib/domain/inputs";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { db, isUniqueViolation } from "./db";
import { recordAudit } from "./audit";
import { NOT_FOUND } from "@/lib/domain/messages";
import { readableRegionIds } from "@/lib/domain/regions";

/**
 * Departments: of one region (a plan's own government: its pickers offer only its units), or else of every region
 * the actor manages (admins) or reads.
 */
export async function listDepartments(actor: Actor | null, options: { regionId?: string } = {}) {
  const allowed = authorize(actor, options.regionId !== undefined ? { action: "readRegion", regionId: options.regionId } : { action: "read" });
  if (!allowed.ok) return allowed;
  const me = allowed.value;
  const regionIds = options.regionId !== undefined ? [options.regionId] : me.role === "admin" ? [...me.scope.below] : readableRegionIds(me.role, me.scope);
  return ok(
    await db.department.findMany({
      where: { regionId: { in: regionIds } },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, regionId: true, region: { select: { name: true } }, _count: { select: { users: true, ledGoals: { where: { archivedAt: null } } } } },
    }),
  );
}

export async function createDepartment(actor: Actor | null, raw: unknown): Promise<Result<{ id: string }>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const parsed = departmentCreateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  // A department of the chosen government of the admin's scope, else of their own.
  const regionId = parsed.data.regionId ?? allowed.value.scope.regionId;
  if (regionId === null) return fail("forbidden", "您的账号未归属任何地区，不能新增单位");
  const inScope = authorize(allowed.value, { action: "manageRegion", regionId }, NOT_FOUND.region);
  if (!inScope.ok) return fail(inScope.error.code, inScope.error.message, { regionId: "所选地区不在您的管辖范围内" });
  try {
    const dept = await db.$transaction(async (tx) => {
      const last = await tx.department.aggregate({ where: { regionId }, _max: { position: true } });
      const created = await tx.department.create({ data: { regionId, name: parsed.data.name, position: (last._max.position ?? 0) + 1 } });
      await recordAudit(tx, { actorId: allowed.value.userId, action: "department.create", entityType: "Department", entityId: created.id, after: created });
      return created;
    });
    return ok({ id: dept.id });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail("conflict", "单位名称已存在", { name: "单位名称已存在" });
    }
    throw error;
  }
}

export async function renameDepartment(actor: Actor | null, departmentId: string, raw: unknown): Promise<Result<{ id: string }>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const parsed = departmentInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const before = isPlausibleId(departmentId) ? await db.department.findUnique({ where: { id: departmentId } }) : null;
  if (!before) return fail("not_found", NOT_FOUND.department);
  const scoped = authorize(allowed.value, { action: "manageRegion", regionId: before.regionId }, NOT_FOUND.department);
  if (!scoped.ok) return scoped;
  try {
    await db.$transaction(async (tx) => {
      const after = await tx.department.update({ where: { id: departmentId }, data: { name: parsed.data.name } });
      await recordAudit(tx, { actorId: allowed.value.userId, action: "department.rename", entityType: "Department", entityId: departmentId, before, after });
    });
    return ok({ id: departmentId });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail("conflict", "单位名称已存在", { name: "单位名称已存在" });
    }
    throw error;
  }
}
