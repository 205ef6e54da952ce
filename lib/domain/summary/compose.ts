import { Dec } from "../decimal";
import { trimZeros } from "../labels";
import { periodLabel } from "../periods";
import { judgementLabel, LIGHTS, STATUS_CODES, type Light, type StatusCode } from "../status";

/** One goal as the summary needs it: its verdict as of the day and the plain facts around it. */
export interface SummaryGoalInput {
  id: string;
  metric: string;
  sectionId: string | null;
  /** The target as stated ("增长6%左右", "50万亩以上"). */
  targetText: string;
  target: string | null;
  unit: string;
  kind: string;
  code: StatusCode;
  light: Light;
  /** The counted figure the verdict rests on; null when none counts (未报送). */
  latest: { period: string; value: string } | null;
  /** 完成率 as a decimal ratio string ("1.2290"), null without a figure. */
  completion: string | null;
  leadDepartment: { id: string; name: string } | null;
  /** The counted version's note (the department's 说明). */
  explanation: string | null;
  /** The 说明 the department wrote for the summary; used before the note. */
  writtenExplanation?: string | null;
  baseline: { value: string; unit: string | null; year: number | null } | null;
  /** The previous year's goal of the same metric and its result, when one matches. */
  previousYear?: PreviousYearInput | null;
}

/** The previous year's goal and its verdict (the board's, as of the summary's day). */
export interface PreviousYearInput {
  year: number;
  goalId: string;
  unit: string;
  kind: string;
  code: StatusCode;
  latest: { period: string; value: string } | null;
  completion: string | null;
}

export type ExplanationSource = "summary" | "entry";

export interface SummaryInput {
  plan: { id: string; title: string; year: number };
  asOf: string;
  /** The plan's sections in report order; goals are grouped under their top-level section. */
  sections: { id: string; parentId: string | null; number: string | null; title: string }[];
  /** Goals in report order. */
  goals: SummaryGoalInput[];
  /** A lower government whose shares of the plan's goals are listed (the region filter); the narrative names it. */
  holder?: string | null;
}

export interface SummaryRow {
  id: string;
  metric: string;
  targetText: string;
  target: string | null;
  unit: string;
  /** "58.6万人" with its period, or null (未报送). */
  actual: string | null;
  /** The counted figure itself ("58.6"), for a number cell; null without one. */
  actualValue: string | null;
  actualPeriod: string | null;
  actualPeriodLabel: string | null;
  /** One-decimal percent text, "122.9%"; null without a figure. */
  completion: string | null;
  /** 完成率 as the status engine computed it ("1.2290"), for a percent cell. */
  completionRatio: string | null;
  status: StatusCode;
  /** 未报送 for a goal with no counted figure, else the verdict's label. */
  statusLabel: string;
  light: Light;
  reported: boolean;
  leadDepartment: { id: string; name: string } | null;
  explanation: string | null;
  /** Where the 说明 comes from: written for the summary, the counted version's note, or none. */
  explanationSource: ExplanationSource | null;
  /** Not met, behind, 未填报 or 未报送: the rows that call for a 说明. */
  explanationWanted: boolean;
  baseline: string | null;
  /** 上年: the previous year's goal, its actual figure, 完成率 and verdict; null when no goal matches. */
  previousYear: {
    year: number; goalId: string; actual: string | null; actualValue: string | null; completion: string | null; completionRatio: string | null; statusLabel: string;
  } | null;
}

export interface SummarySection {
  id: string | null;
  title: string;
  goals: SummaryRow[];
}

export interface Summary {
  plan: { id: string; title: string; year: number };
  /** The lower government holding the listed shares, under a region filter; else null. */
  holder: string | null;
  asOf: string;
  goalCount: number;
  /** By verdict code, as the board counts them. */
  totals: Record<StatusCode, number>;
  lights: Record<Light, number>;
  /** Goals with no counted figure (未报送), whatever their code. */
  unreported: number;
  sections: SummarySection[];
  /** Goals not met or behind (basically_met, behind, far_behind, not_met), in report order, with the explanation. */
  notMet: (SummaryRow & { section: string })[];
}

export const UNREPORTED_LABEL = "未报送";
const NOT_MET_CODES: readonly StatusCode[] = ["basically_met", "behind", "far_behind", "not_met"];
const OTHER_SECTION = "其他指标";
const CHAPTER_NUMBER = /^[（(][一二三四五六七八九十]+[）)]$/;

/** "122.9%" from "1.2290". */
export function completionText(ratio: string | null): string | null {
  return ratio === null ? null : `${new Dec(ratio).times(100).toFixed(1)}%`;
}

function actualText(value: string, unit: string, kind: string): string {
  const verb = kind === "growth" ? "增长" : kind === "decrease" ? "下降" : "";
  return `${verb}${trimZeros(value)}${unit}`;
}

function sectionHeading(s: { number: string | null; title: string }): string {
  return s.number && !s.title.startsWith(s.number) ? `${s.number}${s.title}` : s.title;
}

/** The summary of a plan as of a day, from plain data: totals, rows per chapter (（一）…) or top-level section, the goals not met. */
export function composeSummary(input: SummaryInput): Summary {
  const byId = new Map(input.sections.map((s) => [s.id, s]));
  // A goal's group: its outermost （一）-numbered ancestor (the chapters of 重点工作任务), else its top-level section.
  const topOf = (id: string | null): string | null => {
    let s = id !== null ? byId.get(id) : undefined;
    let chapter: string | null = null;
    const seen = new Set<string>();
    while (s && !seen.has(s.id)) {
      seen.add(s.id);
      if (s.number && CHAPTER_NUMBER.test(s.number)) chapter = s.id;
      if (s.parentId === null || !byId.has(s.parentId)) break;
      s = byId.get(s.parentId);
    }
    return chapter ?? (s ? s.id : null);
  };
  const totals = Object.fromEntries(STATUS_CODES.map((c) => [c, 0])) as Record<StatusCode, number>;
  const lights = Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>;
  const groups = new Map<string | null, SummaryRow[]>();
  let unreported = 0;
  for (const g of input.goals) {
    totals[g.code]++;
    lights[g.light]++;
    const reported = g.latest !== null;
    if (!reported) unreported++;
    const written = g.writtenExplanation?.trim() || null;
    const note = g.explanation?.trim() || null;
    const prev = g.previousYear ?? null;
    const row: SummaryRow = {
      id: g.id,
      metric: g.metric,
      targetText: g.targetText,
      target: g.target,
      unit: g.unit,
      actual: g.latest ? actualText(g.latest.value, g.unit, g.kind) : null,
      actualValue: g.latest ? trimZeros(g.latest.value) : null,
      actualPeriod: g.latest?.period ?? null,
      actualPeriodLabel: g.latest ? periodLabel(g.latest.period) : null,
      completion: completionText(g.completion),
      completionRatio: g.completion,
      status: g.code,
      statusLabel: reported ? judgementLabel(g) : UNREPORTED_LABEL,
      light: g.light,
      reported,
      leadDepartment: g.leadDepartment,
      explanation: written ?? note,
      explanationSource: written ? "summary" : note ? "entry" : null,
      explanationWanted: !reported || g.code === "overdue" || NOT_MET_CODES.includes(g.code),
      previousYear: prev && {
        year: prev.year,
        goalId: prev.goalId,
        actual: prev.latest ? actualText(prev.latest.value, prev.unit, prev.kind) : null,
        actualValue: prev.latest ? trimZeros(prev.latest.value) : null,
        completion: completionText(prev.completion),
        completionRatio: prev.completion,
        statusLabel: prev.latest ? judgementLabel(prev) : UNREPORTED_LABEL,
      },
      baseline: g.baseline ? `${g.baseline.year ? `${g.baseline.year}年` : ""}${trimZeros(g.baseline.value)}${g.baseline.unit ?? g.unit}` : null,
    };
    const key = topOf(g.sectionId);
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const sections: SummarySection[] = [];
  if (groups.has(null)) sections.push({ id: null, title: OTHER_SECTION, goals: groups.get(null)! });
  for (const s of input.sections) {
    const goals = groups.get(s.id);
    if (goals) sections.push({ id: s.id, title: sectionHeading(s), goals });
  }
  const notMet = sections.flatMap((s) => s.goals.filter((r) => r.reported && NOT_MET_CODES.includes(r.status)).map((r) => ({ ...r, section: s.title })));
  return { plan: input.plan, holder: input.holder ?? null, asOf: input.asOf, goalCount: input.goals.length, totals, lights, unreported, sections, notMet };
}
