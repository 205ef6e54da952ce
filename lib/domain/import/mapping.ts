// Lead-department suggestions from a region's own mapping table (keyword → one of its departments, in order).
// Never another region's unit, and never a made-up one: no match is 未匹配, for the reviewer to choose.
import { departmentName, leadDepartmentKeywords, STANDARD_DEPARTMENTS, type PlanLevel } from "@/lib/domain/departments";

export interface MappingEntry {
  keyword: string;
  departmentId: string | null;
  /** The generic department a default row stands for, used while `departmentId` is unset. */
  standardName: string | null;
}

export interface RegionDepartment {
  id: string;
  name: string;
}

/** Short names a government's units are often given ("人社局"), by generic name. */
const ALIASES: Partial<Record<string, readonly string[]>> = {
  政府办公室: ["政府办公厅", "政府办"],
  发展和改革委员会: ["发展改革委员会", "发展和改革局", "发展改革局", "发改委", "发改局"],
  科学技术局: ["科技局", "科学技术厅", "科技厅"],
  工业和信息化局: ["工业和信息化厅", "工信局", "工信厅", "工业信息化局"],
  人力资源和社会保障局: ["人力资源和社会保障厅", "人社局", "人社厅"],
  自然资源局: ["自然资源和规划局", "自然资源厅", "资规局"],
  住房和城乡建设局: ["住房和城乡建设厅", "住建局", "住建厅"],
  城市管理局: ["城市管理综合执法局", "城管局"],
  交通运输局: ["交通运输厅", "交通局"],
  水务局: ["水利局", "水利厅"],
  农业农村局: ["农业农村厅", "农业农村委员会"],
  商务局: ["商务厅"],
  文化广电和旅游局: ["文化和旅游局", "文化和旅游厅", "文旅局", "文体广电和旅游局", "文化广电旅游局"],
  卫生健康委员会: ["卫生健康局", "卫健委", "卫健局", "卫生健康厅"],
  退役军人事务局: ["退役军人事务厅", "退役军人局"],
  应急管理局: ["应急管理厅", "应急局"],
  市场监督管理局: ["市场监管局", "市场监督管理厅"],
  医疗保障局: ["医保局"],
  林业和草原局: ["林草局", "林业局"],
  营商环境建设监督局: ["营商环境局", "营商局", "营商环境建设局"],
  投资促进局: ["投促局", "招商局", "招商引资局"],
};

/**
 * The region's own unit for a generic department: the name it has at the region's level ("市农业农村局"), else a unit
 * whose name ends with the generic name or a customary short name ("牡丹江市人社局"). Null when the region has none.
 */
export function regionDepartmentFor(standardName: string, level: PlanLevel, departments: readonly RegionDepartment[]): RegionDepartment | null {
  const exact = departmentName(standardName, level);
  const byExact = departments.find((d) => d.name === exact) ?? departments.find((d) => d.name === standardName);
  if (byExact) return byExact;
  const provinceName = departmentName(standardName, "province").slice(1);
  const endings = [standardName, provinceName, ...(ALIASES[standardName] ?? [])];
  return departments.find((d) => endings.some((ending) => d.name.endsWith(ending))) ?? null;
}

/** The default table of a region: every keyword of the generic rules, pointed at the region's own unit if it has one. */
export function defaultMapping(level: PlanLevel, departments: readonly RegionDepartment[]): MappingEntry[] {
  const resolved = new Map<string, string | null>();
  for (const name of STANDARD_DEPARTMENTS) resolved.set(name, regionDepartmentFor(name, level, departments)?.id ?? null);
  return leadDepartmentKeywords().map(({ keyword, department }) => ({ keyword, departmentId: resolved.get(department) ?? null, standardName: department }));
}

export interface MappingMatch {
  departmentId: string | null;
  keyword: string;
  /** Where the keyword was found. */
  source: "metric" | "section";
}

function firstMatch(text: string, entries: readonly MappingEntry[]): MappingEntry | null {
  const t = text.normalize("NFKC").toUpperCase();
  for (const entry of entries) if (entry.keyword && t.includes(entry.keyword.normalize("NFKC").toUpperCase())) return entry;
  return null;
}

/**
 * The mapping row that decides a candidate's lead department: the first whose keyword occurs in the metric, else in
 * the section's title. The row's unit is its `departmentId`, else the region's unit for its generic name.
 */
export function suggestFromMapping(
  metric: string,
  sectionTitle: string | null,
  entries: readonly MappingEntry[],
  resolveStandard: (standardName: string) => string | null,
): MappingMatch | null {
  const byMetric = firstMatch(metric, entries);
  const entry = byMetric ?? (sectionTitle ? firstMatch(sectionTitle, entries) : null);
  if (!entry) return null;
  const departmentId = entry.departmentId ?? (entry.standardName ? resolveStandard(entry.standardName) : null);
  return { departmentId, keyword: entry.keyword, source: byMetric ? "metric" : "section" };
}

/** "指标含“就业” → 市人力资源和社会保障局", or why nothing was suggested. */
export function leadReason(match: MappingMatch | null, departmentName: string | null): string {
  if (!match) return "未匹配：对照表中没有适用的关键词";
  const where = match.source === "metric" ? "指标" : "所在章节";
  return departmentName ? `${where}含“${match.keyword}” → ${departmentName}` : `未匹配：${where}含“${match.keyword}”，但本地区没有对应单位`;
}
