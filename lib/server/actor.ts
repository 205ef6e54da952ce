import "server-only";
import type { Actor, Role } from "@/lib/domain/permissions";
import { scopeOf } from "@/lib/domain/regions";
import { db } from "./db";

export type { Actor };

/** The signed-in user as the permission rules see them, with their government's scope (the region tree is small). */
export async function actorFromUserRow(user: {
  id: string;
  username: string | null;
  name: string;
  role: string;
  regionId: string | null;
  departmentId: string | null;
  department: { name: string; regionId: string } | null;
}): Promise<Actor> {
  const tree = await db.region.findMany({ select: { id: true, parentId: true } });
  return {
    userId: user.id,
    username: user.username ?? user.id,
    name: user.name,
    role: user.role as Role,
    departmentId: user.departmentId,
    departmentName: user.department?.name ?? null,
    // A reporter works for their department's government.
    scope: scopeOf(tree, user.department?.regionId ?? user.regionId),
  };
}
