import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { fieldErrors, userCreateInput, userUpdateInput } from "@/lib/domain/inputs";
import { passwordProblem } from "@/lib/domain/passwords";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { Prisma } from "./generated/prisma/client";
import { db, isUniqueViolation } from "./db";
import { recordAudit } from "./audit";
import { NOT_FOUND } from "@/lib/domain/messages";

type Tx = Prisma.TransactionClient;

/** Accounts are username-based; better-auth still wants a unique e-mail, so one is derived. */
const syntheticEmail = (username: string) => `${username}@users.luoshi.invalid`;

const userSelect = {
  id: true, username: true, name: true, role: true, departmentId: true, regionId: true, disabledAt: true, createdAt: true,
  department: { select: { id: true, name: true } },
  region: { select: { id: true, name: true } },
} satisfies Prisma.UserSelect;

export async function listUsers(actor: Actor | null) {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  // The users of the admin's government and of those below it.
  return ok(await db.user.findMany({ where: { regionId: { in: [...allowed.value.scope.below] } }, orderBy: [{ role: "asc" }, { username: "asc" }], select: userSelect }));
}

/** Creates a user with a credential account; shared by the admin page, the API and the seed. */
export async function insertUser(
  tx: Tx,
  input: { username: string; name: string; password: string; role: "admin" | "reporter" | "leader"; departmentId: string | null; regionId?: string | null },
) {
  const id = randomUUID();
  // A reporter works for their department's government; an admin or leader for the region given.
  const department = input.departmentId ? await tx.department.findUnique({ where: { id: input.departmentId }, select: { regionId: true } }) : null;
  const user = await tx.user.create({
    data: {
      id,
      username: input.username,
      displayUsername: input.username,
      name: input.name,
      email: syntheticEmail(input.username),
      role: input.role,
      departmentId: input.departmentId,
      regionId: department?.regionId ?? input.regionId ?? null,
    },
    select: userSelect,
  });
  await tx.account.create({
    data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: await hashPassword(input.password) },
  });
  return user;
}

const DEPARTMENT_MISSING = "所选单位不存在";
const REGION_MISSING = "所选地区不存在";

/**
 * The region a user will belong to: their department's (which must be in the admin's scope; one outside it is
 * "not found", as one that never was), else the region given or kept (in scope), else the admin's own.
 */
async function userRegion(admin: Actor, departmentId: string | null, regionId: string | null | undefined): Promise<Result<string | null>> {
  // A region named must be one the admin manages, even where the department's decides.
  if (regionId && !admin.scope.below.includes(regionId)) return fail("validation", undefined, { regionId: REGION_MISSING });
  if (departmentId) {
    const department = await db.department.findUnique({ where: { id: departmentId }, select: { regionId: true } });
    if (!department || !admin.scope.below.includes(department.regionId)) return fail("validation", undefined, { departmentId: DEPARTMENT_MISSING });
    return ok(department.regionId);
  }
  const region = regionId ?? admin.scope.regionId;
  if (region === null || !admin.scope.below.includes(region)) return fail("validation", undefined, { regionId: REGION_MISSING });
  return ok(region);
}

export async function createUser(actor: Actor | null, raw: unknown): Promise<Result<{ id: string }>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const parsed = userCreateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const input = parsed.data;
  if (input.role === "reporter" && !input.departmentId) return fail("validation", undefined, { departmentId: "填报人员必须属于一个单位" });
  const region = await userRegion(allowed.value, input.departmentId, input.regionId);
  if (!region.ok) return region;
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await insertUser(tx, { ...input, regionId: region.value });
      await recordAudit(tx, { actorId: allowed.value.userId, action: "user.create", entityType: "User", entityId: created.id, after: created });
      return created;
    });
    return ok({ id: user.id });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail("conflict", "用户名已存在", { username: "用户名已存在" });
    }
    throw error;
  }
}

export async function updateUser(actor: Actor | null, userId: string, raw: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const parsed = userUpdateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const input = parsed.data;
  const before = isPlausibleId(userId) ? await db.user.findUnique({ where: { id: userId }, select: userSelect }) : null;
  // A user of a government outside the admin's scope is not found: their existence is not told.
  if (!before || !before.regionId || !allowed.value.scope.below.includes(before.regionId)) return fail("not_found", NOT_FOUND.user);
  const weak = input.password ? passwordProblem(input.password, before.username ?? undefined) : null;
  if (weak) return fail("validation", undefined, { password: weak });
  const role = input.role ?? before.role;
  const departmentId = input.departmentId !== undefined ? input.departmentId : before.departmentId;
  if (role === "reporter" && !departmentId) return fail("validation", undefined, { departmentId: "填报人员必须属于一个单位" });
  const region = await userRegion(allowed.value, departmentId, input.regionId ?? before.regionId);
  if (!region.ok) return region;
  if (userId === allowed.value.userId && (input.disabled || role !== "admin")) {
    return fail("validation", "不能停用自己或取消自己的管理员角色", { role: "不能停用自己或取消自己的管理员角色" });
  }
  await db.$transaction(async (tx) => {
    const after = await tx.user.update({
      where: { id: userId },
      data: {
        ...(input.name !== undefined && { name: input.name }),
        role,
        departmentId,
        regionId: region.value,
        ...(input.disabled !== undefined && { disabledAt: input.disabled ? before.disabledAt ?? now : null }),
      },
      select: userSelect,
    });
    if (input.password) {
      await tx.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: await hashPassword(input.password) } });
    }
    // Role, department or access changes take effect at once: end the user's sessions.
    if (input.disabled || input.password || role !== before.role || departmentId !== before.departmentId || region.value !== before.regionId) {
      await tx.session.deleteMany({ where: { userId } });
    }
    await recordAudit(tx, {
      actorId: allowed.value.userId,
      action: "user.update",
      entityType: "User",
      entityId: userId,
      before,
      after: { ...after, passwordChanged: Boolean(input.password) },
    });
  });
  return ok({ id: userId });
}
