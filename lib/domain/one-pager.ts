/**
 * 领导驾驶舱 / 一张图: the board boiled down to one page — the big numbers, the goals needing attention (red, then
 * 未填报, then yellow), and the sections at a glance by light. Pure: it takes the board's rows.
 */
import type { Judgement, Light, StatusCode } from "./status";

export interface OnePagerRow {
  goalId: string;
  metric: string;
  sectionId: string | null;
  leadDepartment: { name: string } | null;
  judgement: Judgement;
}

export interface OnePagerSection {
  id: string;
  parentId: string | null;
  title: string;
  number: string | null;
}

export interface BigNumbers {
  goals: number;
  /** 已完成 (met, exceeded, basically met). */
  met: number;
  onTrack: number;
  behind: number;
  red: number;
  overdue: number;
}

export function bigNumbers(goalCount: number, totals: Record<StatusCode, number>, lights: Record<Light, number>): BigNumbers {
  return {
    goals: goalCount,
    met: totals.met + totals.exceeded + totals.basically_met,
    onTrack: totals.on_track,
    behind: totals.behind,
    red: lights.red,
    overdue: totals.overdue,
  };
}

/** Where a goal needs attention: red first, then 未填报 (grey), then yellow; within each, report order. */
const ATTENTION: Partial<Record<Light, number>> = { red: 0, grey: 1, yellow: 2 };

export function attentionRows<R extends OnePagerRow>(rows: readonly R[]): R[] {
  return rows
    .map((row, index) => ({ row, index, rank: ATTENTION[row.judgement.light] }))
    .filter((x): x is { row: R; index: number; rank: number } => x.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.row);
}

export interface SectionGlance {
  id: string | null;
  title: string;
  total: number;
  lights: Record<Light, number>;
}

/**
 * Per section, the goals by light. The sections shown are the chapters: the children of the plan's only top
 * section when there is one (a part heading such as "二、2024年重点工作任务"), else the top sections; a goal in a
 * sub-section counts in its chapter, one without a section under 其他.
 */
export function sectionsAtAGlance(sections: readonly OnePagerSection[], rows: readonly OnePagerRow[]): SectionGlance[] {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const roots = sections.filter((s) => !s.parentId || !byId.has(s.parentId));
  const rootChildren = roots.length === 1 ? sections.filter((s) => s.parentId === roots[0]!.id) : [];
  const chapters = rootChildren.length ? rootChildren : roots;
  const chapterIds = new Set(chapters.map((c) => c.id));
  const chapterOf = (sectionId: string | null): string | null => {
    const seen = new Set<string>();
    let id = sectionId;
    while (id && !chapterIds.has(id) && !seen.has(id)) {
      seen.add(id);
      id = byId.get(id)?.parentId ?? null;
    }
    return id && chapterIds.has(id) ? id : null;
  };
  const empty = (): Record<Light, number> => ({ green: 0, yellow: 0, red: 0, grey: 0, none: 0 });
  const glance = new Map<string | null, SectionGlance>(
    chapters.map((c) => [c.id, { id: c.id, title: `${c.number ?? ""}${c.title}`, total: 0, lights: empty() }]),
  );
  for (const row of rows) {
    const key = chapterOf(row.sectionId);
    if (!glance.has(key)) glance.set(key, { id: null, title: "其他", total: 0, lights: empty() });
    const g = glance.get(key)!;
    g.total++;
    g.lights[row.judgement.light]++;
  }
  return [...glance.values()].filter((g) => g.total > 0);
}

/** Per lead department, the goals by light (most red first): the glance for a plan whose goals sit in one section. */
export function departmentsAtAGlance(rows: readonly (OnePagerRow & { leadDepartment: { id: string; name: string } | null })[]): SectionGlance[] {
  const glance = new Map<string | null, SectionGlance>();
  for (const row of rows) {
    const key = row.leadDepartment?.id ?? null;
    if (!glance.has(key)) glance.set(key, { id: key, title: row.leadDepartment?.name ?? "未分配牵头单位", total: 0, lights: { green: 0, yellow: 0, red: 0, grey: 0, none: 0 } });
    const g = glance.get(key)!;
    g.total++;
    g.lights[row.judgement.light]++;
  }
  return [...glance.values()].sort((a, b) => b.lights.red - a.lights.red || b.lights.grey - a.lights.grey || b.lights.yellow - a.lights.yellow || b.total - a.total);
}
