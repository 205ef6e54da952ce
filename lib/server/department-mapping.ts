import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import type { PlanLevel } from "@/lib/domain/departments";
import { mappingInput } from "@/lib/domain/import/inputs";
import { defaultMapping, regionDepartmentFor, type MappingEntry } from "@/lib/domain/import/mapping";
import { fieldErrors } from "@/lib/domain/inputs";
import { isPlausibleId } from "@/lib/domain/ids";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { leadDepartmentKeywords } from "@/lib/domain/departments";
import { db } from "./db";
import { recordAudit } from "./audit";

// A region's editable table from metric / section words to its own departments (lead-department suggestions of
// import drafts). Seeded from the generic rules (lib/domain/departments.ts), mapped to the region's own units only.

export interface MappingRow {
  id: string;
  keyword: string;
  /** The region's department, or null (未匹配: the region has no such unit yet). */
  department: { id: string; name: string } | null;
  /** The generic department the default row was made for ("农业农村局"), if any. */
  standardName: string | null;
  position: number;
}

export interface DepartmentMappingView {
  regionId: string;
  region: string;
  rows: MappingRow[];
  departments: { id: string; name: string }[];
}

/** The table seeded with the defaults when the region has none yet (an emptied table is seeded again). */
async function ensureMapping(regionId: string, level: PlanLevel): Promise<void> {
  if (await db.departmentMapping.findFirst({ where: { regionId }, select: { id: true } })) return;
  const departments = await db.department.findMany({ where: { regionId }, select: { id: true, name: true }, orderBy: { position: "asc" } });
  const rows = defaultMapping(level, departments);
  // Two first readers at once: the unique (region, keyword) keeps one copy of each row.
  await db.departmentMapping.createMany({
    data: rows.map((r, position) => ({ regionId, keyword: r.keyword, departmentId: r.departmentId, standardName: r.standardName, position })),
    skipDuplicates: true,
  });
}

/** The table as the suggester reads it, the region's departments, and how a generic name resolves among them. */
export async function loadMappingForSuggestions(regionId: string, level: PlanLevel) {
  await ensureMapping(regionId, level);
  const [rows, departments] = await Promise.all([
    db.departmentMapping.findMany({ where: { regionId }, orderBy: [{ position: "asc" }, { keyword: "asc" }], select: { keyword: true, departmentId: true, standardName: true } }),
    db.department.findMany({ where: { regionId }, orderBy: { position: "asc" }, select: { id: true, name: true } }),
  ]);
  const entries: MappingEntry[] = rows;
  return {
    entries,
    departments,
    resolveStandard: (standardName: string) => regionDepartmentFor(standardName, level, departments)?.id ?? null,
  };
}

async function authorizeRegion(actor: Actor | null, regionId: string): Promise<Result<{ actor: Actor; region: { id: string; name: string; level: PlanLevel } }>> {
  if (!actor) return fail("unauthenticated");
  const region = isPlausibleId(regionId) ? await db.region.findUnique({ where: { id: regionId }, select: { id: true, name: true, level: true } }) : null;
  if (!region) return fail("not_found", NOT_FOUND.region);
  const allowed = authorize(actor, { action: "manageRegion", regionId: region.id }, NOT_FOUND.region);
  return allowed.ok ? ok({ actor: allowed.value, region }) : allowed;
}

async function view(region: { id: string; name: string }): Promise<DepartmentMappingView> {
  const [rows, departments] = await Promise.all([
    db.departmentMapping.findMany({
      where: { regionId: region.id },
      orderBy: [{ position: "asc" }, { keyword: "asc" }],
      select: { id: true, keyword: true, standardName: true, position: true, department: { select: { id: true, name: true } } },
    }),
    db.department.findMany({ where: { regionId: region.id }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } }),
  ]);
  return { regionId: region.id, region: region.name, rows, departments };
}

/** Admin of the region; seeded from the defaults on first read. */
export async function getDepartmentMapping(actor: Actor | null, regionId: string): Promise<Result<DepartmentMappingView>> {
  const allowed = await authorizeRegion(actor, regionId);
  if (!allowed.ok) return allowed;
  await ensureMapping(allowed.value.region.id, allowed.value.region.level);
  return ok(await view(allowed.value.region));
}

/** Replaces the table: {rows: [{keyword, departmentId|null}]} in order (position = index). */
export async function putDepartmentMapping(actor: Actor | null, regionId: string, raw: unknown): Promise<Result<DepartmentMappingView>> {
  const allowed = await authorizeRegion(actor, regionId);
  if (!allowed.ok) return allowed;
  const parsed = mappingInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const region = allowed.value.region;
  const rows = parsed.data.rows;
  const ids = [...new Set(rows.map((r) => r.departmentId).filter((id): id is string => id !== null))];
  if (ids.length) {
    const found = await db.department.findMany({ where: { id: { in: ids } }, select: { id: true, regionId: true } });
    const foreign = rows.findIndex((r) => r.departmentId !== null && found.find((d) => d.id === r.departmentId)?.regionId !== region.id);
    if (foreign >= 0) return fail("validation", undefined, { [`rows.${foreign}.departmentId`]: "所选单位不属于本地区" });
  }
  // A default keyword keeps its generic department, so a row left 未匹配 resolves once the unit exists.
  const standard = new Map(leadDepartmentKeywords().map((k) => [k.keyword.toUpperCase(), k.department]));
  await db.$transaction(async (tx) => {
    const before = await tx.departmentMapping.findMany({ where: { regionId: region.id }, orderBy: { position: "asc" }, select: { keyword: true, departmentId: true } });
    await tx.departmentMapping.deleteMany({ where: { regionId: region.id } });
    await tx.departmentMapping.createMany({
      data: rows.map((r, position) => ({
        regionId: region.id,
        keyword: r.keyword,
        departmentId: r.departmentId,
        standardName: r.departmentId ? null : (standard.get(r.keyword.toUpperCase()) ?? null),
        position,
      })),
    });
    await recordAudit(tx, { actorId: allowed.value.actor.userId, action: "departmentMapping.update", entityType: "Region", entityId: region.id, before: { rows: before }, after: { rows } });
  });
  return ok(await view(region));
}
