// Chinese names of the codes used in data and API (the UI shows these; code and API keep the codes).

export const ROLE_LABELS = { admin: "管理员", reporter: "填报员", leader: "领导" } as const;
export const LEVEL_LABELS = { national: "国家", province: "省级", city: "市级", county: "县级", district: "区级" } as const;
export const COMPARATOR_LABELS = { gte: "不低于", lte: "不超过", approx: "左右", eq: "达到" } as const;
export const KIND_LABELS = {
  growth: "增长率",
  decrease: "下降率",
  level: "总量/水平",
  increment: "新增累计",
  ratio: "比率",
  milestone: "节点任务",
} as const;
export const DIRECTION_LABELS = { higher: "越高越好", lower: "越低越好" } as const;

const pick = <T extends Record<string, string>>(table: T, key: string): string => (table as Record<string, string>)[key] ?? key;

export const roleLabel = (role: string) => pick(ROLE_LABELS, role);
export const levelLabel = (level: string) => pick(LEVEL_LABELS, level);
export const comparatorLabel = (c: string) => pick(COMPARATOR_LABELS, c);
export const kindLabel = (k: string) => pick(KIND_LABELS, k);
export const directionLabel = (d: string) => pick(DIRECTION_LABELS, d);

/** "增长6%以上", "5%以内", "下降3.2%", "6%左右", "50万亩" — the target as a report would state it. */
export function targetText(value: string | null, unit: string, comparator: string, high?: string | null, kind?: string): string {
  if (value === null) return "—";
  const v = trimZeros(value);
  const range = high ? `${v}–${trimZeros(high)}` : v;
  const suffix = comparator === "gte" ? "以上" : comparator === "lte" ? "以内" : comparator === "approx" ? "左右" : "";
  const verb = kind === "growth" ? "增长" : kind === "decrease" ? "下降" : "";
  return `${verb}${range}${unit}${suffix}`;
}

/** "12.500000" → "12.5"; keeps integers and negative signs. */
export function trimZeros(value: string): string {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

/** A ratio as a percentage: "0.8333" → "83.3%". */
export function percentText(ratio: string | null, digits = 1): string {
  if (ratio === null) return "—";
  const n = Number(ratio) * 100;
  return `${n.toFixed(digits)}%`;
}

/**
 * A department as shown where units of several governments meet: "爱民区 · 农业农村局" when it belongs to another
 * government than the viewer's own (or always, with `always`), else its name alone.
 */
export function departmentLabel(
  department: { name: string; regionId: string; region: { name: string } },
  viewerRegionId: string | null,
  always = false,
): string {
  return always || department.regionId !== viewerRegionId ? `${department.region.name} · ${department.name}` : department.name;
}
