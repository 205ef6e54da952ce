import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { fieldErrors, regionCreateInput } from "@/lib/domain/inputs";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { readableRegionIds } from "@/lib/domain/regions";
import { db, isUniqueViolation } from "./db";
import { recordAudit } from "./audit";

/** A government as lists and pickers show it: "牡丹江市 / 爱民区" and how deep it sits in the caller's tree. */
export interface RegionView {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
  /** Names from the top of the whole tree down to this one, joined by " / ". */
  path: string;
  /** 0 for the top of the caller's visible tree, 1 for its children … (for indenting). */
  depth: number;
}

interface RegionRow {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
  position: number;
}

const regionSelect = { id: true, name: true, level: true, parentId: true, position: true } as const;

function pathOf(byId: Map<string, RegionRow>, id: string): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let r = byId.get(id); r && !seen.has(r.id); r = r.parentId ? byId.get(r.parentId) : undefined) {
    seen.add(r.id);
    names.unshift(r.name);
  }
  return names.join(" / ");
}

/** The regions of `visible`, parents before their children (siblings by position, then name). */
function asTree(all: RegionRow[], visible: ReadonlySet<string>): RegionView[] {
  const byId = new Map(all.map((r) => [r.id, r]));
  const rows = all.filter((r) => visible.has(r.id)).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name, "zh-CN"));
  const children = new Map<string | null, RegionRow[]>();
  const roots: RegionRow[] = [];
  for (const r of rows) {
    // A region whose parent is not visible to the caller is a top of their tree.
    if (r.parentId && visible.has(r.parentId)) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
    else roots.push(r);
  }
  const out: RegionView[] = [];
  const walk = (r: RegionRow, depth: number) => {
    if (out.some((o) => o.id === r.id)) return;
    out.push({ id: r.id, name: r.name, level: r.level, parentId: r.parentId, path: pathOf(byId, r.id), depth });
    for (const child of children.get(r.id) ?? []) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return out;
}

/**
 * The caller's visible tree: admins and leaders their region and every region below it; reporters their region
 * and the one above (whose plans they read).
 */
export async function listVisibleRegions(actor: Actor | null): Promise<Result<RegionView[]>> {
  const allowed = authorize(actor, { action: "read" });
  if (!allowed.ok) return allowed;
  const visible = new Set(readableRegionIds(allowed.value.role, allowed.value.scope));
  if (visible.size === 0) return ok([]);
  const all = await db.region.findMany({ select: regionSelect });
  return ok(asTree(all, visible));
}

/** The regions an admin manages (their own and below), for pickers; empty for anyone else. */
export async function listManagedRegions(actor: Actor | null): Promise<Result<RegionView[]>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const visible = new Set(allowed.value.scope.below);
  if (visible.size === 0) return ok([]);
  return ok(asTree(await db.region.findMany({ select: regionSelect }), visible));
}

/** Adds a government under the admin's own region or one below it; a parent outside their scope is "not found". */
export async function createRegion(actor: Actor | null, raw: unknown): Promise<Result<RegionView>> {
  const admin = authorize(actor, { action: "manage" });
  if (!admin.ok) return admin;
  const parsed = regionCreateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const input = parsed.data;
  const inScope = authorize(admin.value, { action: "manageRegion", regionId: input.parentId }, NOT_FOUND.region);
  if (!inScope.ok) return fail(inScope.error.code, inScope.error.message, { parentId: "所选上级地区不在您的管辖范围内" });
  try {
    const created = await db.$transaction(async (tx) => {
      const last = await tx.region.aggregate({ where: { parentId: input.parentId }, _max: { position: true } });
      const region = await tx.region.create({
        data: { name: input.name, level: input.level, parentId: input.parentId, position: (last._max.position ?? -1) + 1 },
        select: regionSelect,
      });
      await recordAudit(tx, { actorId: admin.value.userId, action: "region.create", entityType: "Region", entityId: region.id, after: region });
      return region;
    });
    // The actor's scope was read before the new region existed.
    const tree = asTree(await db.region.findMany({ select: regionSelect }), new Set([...admin.value.scope.below, created.id]));
    return ok(tree.find((r) => r.id === created.id)!);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const message = `该上级地区下已有名为“${input.name}”的地区`;
      return fail("conflict", message, { name: message });
    }
    throw error;
  }
}
