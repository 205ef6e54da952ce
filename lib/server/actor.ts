import "server-only";
import type { Actor, Role } from "@/lib/domain/permissions";
import { scopeOf, type RegionNode } from "@/lib/domain/regions";
import { dbPool } from "./db";
import { sql } from "./sql";

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
}, regions?: readonly RegionNode[]): Promise<Actor> {
  // In SQL, not through Prisma: every request of a signed-in user or a token reads it (lib/server/sql.ts); a caller
  // that read it along with the user passes it.
  const tree = regions ?? (await sql<RegionNode>(dbPool(), `SELECT "id", "parentId" FROM "Region"`));
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
