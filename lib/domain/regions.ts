/**
 * Governments as a tree (DOMAIN.md "Governments and departments"): 牡丹江市 and 爱民区 under it. An office sees its
 * own government and those below; nothing crosses sideways. Pure: the tree is passed in.
 */

export interface RegionNode {
  id: string;
  parentId: string | null;
}

/** What an actor's government lets them see: their own region, every region below it, and the one above. */
export interface RegionScope {
  /** The actor's own region (null: an account without one sees nothing). */
  regionId: string | null;
  /** Own region and all below it. */
  below: readonly string[];
  /** The region directly above (a reporter may read its plans, whose goals they may hold shares of). */
  parentId: string | null;
}

/**
 * The region and every region below it, in breadth-first order, each level by id (code-unit order) — the order
 * the database's luoshi_region_scope gives (migration region_scope_function), so both build the same scope.
 */
export function regionAndBelow(tree: readonly RegionNode[], regionId: string): string[] {
  const children = new Map<string, string[]>();
  for (const r of tree) {
    if (r.parentId === null) continue;
    const list = children.get(r.parentId) ?? [];
    list.push(r.id);
    children.set(r.parentId, list);
  }
  if (!tree.some((r) => r.id === regionId)) return [];
  const out = [regionId];
  const seen = new Set(out);
  for (let level = [regionId]; level.length; ) {
    const next: string[] = [];
    for (const id of level) {
      for (const child of children.get(id) ?? []) {
        if (seen.has(child)) continue; // a cycle cannot widen anyone's scope
        seen.add(child);
        next.push(child);
      }
    }
    next.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out.push(...next);
    level = next;
  }
  return out;
}

export function scopeOf(tree: readonly RegionNode[], regionId: string | null): RegionScope {
  if (regionId === null) return { regionId: null, below: [], parentId: null };
  return { regionId, below: regionAndBelow(tree, regionId), parentId: tree.find((r) => r.id === regionId)?.parentId ?? null };
}

/** The ids an actor of this role may read plans of: admins and leaders their region and below; reporters their own and the one above. */
export function readableRegionIds(role: "admin" | "reporter" | "leader", scope: RegionScope): string[] {
  if (scope.regionId === null) return [];
  if (role === "reporter") return scope.parentId ? [scope.regionId, scope.parentId] : [scope.regionId];
  return [...scope.below];
}
