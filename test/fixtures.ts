// Small builders shared by the integration tests: a government (region) and an actor with its scope.
import type { Actor } from "../lib/domain/permissions";
import { scopeOf } from "../lib/domain/regions";
import type { PrismaClient } from "../lib/server/generated/prisma/client";

/** A region (government) for a test's plans, departments and users. */
export async function createRegion(db: PrismaClient, name = "测试市", options: { parentId?: string | null; level?: "city" | "district" | "county" | "province" } = {}) {
  return db.region.create({ data: { name, level: options.level ?? "city", parentId: options.parentId ?? null } });
}

/** The actor of a user row, with the scope its region gives (as lib/server/actor.ts builds it). */
export async function actorOf(
  db: PrismaClient,
  user: { id: string; username: string | null; name: string; role: string; departmentId: string | null; regionId?: string | null },
  departmentName: string | null = null,
): Promise<Actor> {
  const tree = await db.region.findMany({ select: { id: true, parentId: true } });
  const department = user.departmentId ? await db.department.findUnique({ where: { id: user.departmentId }, select: { regionId: true, name: true } }) : null;
  const row = await db.user.findUnique({ where: { id: user.id }, select: { regionId: true } });
  return {
    userId: user.id,
    username: user.username ?? user.id,
    name: user.name,
    role: user.role as Actor["role"],
    departmentId: user.departmentId,
    departmentName: departmentName ?? department?.name ?? null,
    scope: scopeOf(tree, department?.regionId ?? row?.regionId ?? user.regionId ?? null),
  };
}
