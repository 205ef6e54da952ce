import "server-only";
import type { Actor, Role } from "@/lib/domain/permissions";
import type { RegionScope } from "@/lib/domain/regions";
import { dbPool } from "./db";
import { sql } from "./sql";

export type { Actor };

/** The signed-in user as the permission rules see them, with their government's scope. */
export async function actorFromUserRow(user: {
  id: string;
  username: string | null;
  name: string;
  role: string;
  regionId: string | null;
  departmentId: string | null;
  department: { name: string; regionId: string } | null;
}, scope?: Omit<RegionScope, "regionId">): Promise<Actor> {
  // A reporter works for their department's government.
  const regionId = user.department?.regionId ?? user.regionId;
  return {
    userId: user.id,
    username: user.username ?? user.id,
    name: user.name,
    role: user.role as Role,
    departmentId: user.departmentId,
    departmentName: user.department?.name ?? null,
    scope: { regionId, ...(scope ?? (await regionScope(regionId))) },
  };
}

/**
 * The region and every region below it, and the one above (lib/domain/regions.ts scopeOf), in SQL: every request of
 * a signed-in user or a token reads it, so not through Prisma (lib/server/sql.ts) and without reading the whole tree
 * (migration region_scope_function). A caller that read it along with the user passes it to actorFromUserRow.
 */
export async function regionScope(regionId: string | null): Promise<Omit<RegionScope, "regionId">> {
  if (regionId === null) return { below: [], parentId: null };
  const [row] = await sql<{ below: string[]; parentId: string | null }>(dbPool(), `SELECT "below", "parentId" FROM "luoshi_region_scope"($1)`, [regionId]);
  return { below: row?.below ?? [], parentId: row?.parentId ?? null };
}
