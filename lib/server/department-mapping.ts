import "server-only";
import { fail, type Result } from "@/lib/domain/errors";
import type { Actor } from "@/lib/domain/permissions";

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

/** Admin of the region; seeded from the defaults on first read. */
export async function getDepartmentMapping(actor: Actor | null, regionId: string): Promise<Result<DepartmentMappingView>> {
  void actor, regionId;
  return fail("bad_request", "尚未实现");
}

/** Replaces the table: {rows: [{keyword, departmentId|null}]} in order (position = index). */
export async function putDepartmentMapping(actor: Actor | null, regionId: string, raw: unknown): Promise<Result<DepartmentMappingView>> {
  void actor, regionId, raw;
  return fail("bad_request", "尚未实现");
}
