import "server-only";
import { judgementLabel, type Judgement } from "@/lib/domain/status";
import type { Board, BoardRow } from "./board";
import type { GoalDetail } from "./goals";
import type { PlanSummary } from "./plans";
import type { SavedEntry } from "./entries";

// Plain JSON shapes of the domain objects, shared by the API and anything else that ships them as JSON.
// Figures stay decimal strings ("5.2"), never floats; dates are ISO strings.

interface DecimalLike {
  toString(): string;
}
const dec = (d: DecimalLike | null | undefined): string | null => (d === null || d === undefined ? null : d.toString());

/** The verdict of the status engine: code, Chinese label, light, 完成率, 序时进度 … */
export function judgementJson(j: Judgement) {
  return {
    latest: j.latest,
    status: j.code,
    statusLabel: judgementLabel(j),
    light: j.light,
    completion: j.completion,
    expectedShare: j.expectedShare,
    lag: j.lag,
    overduePeriod: j.overduePeriod,
  };
}

export function boardGoalJson(row: BoardRow) {
  return {
    id: row.goalId,
    section: row.sectionId ? { id: row.sectionId, title: row.sectionTitle } : null,
    metric: row.metric,
    target: row.target,
    targetHigh: row.targetHigh,
    unit: row.unit,
    comparator: row.comparator,
    kind: row.kind,
    direction: row.direction,
    accumulates: row.accumulates,
    frequency: row.frequency,
    leadDepartment: row.leadDepartment,
    ...judgementJson(row.judgement),
  };
}

export function boardJson(board: Board) {
  return {
    plan: { id: board.plan.id, region: board.plan.region, year: board.plan.year, title: board.plan.title },
    asOf: board.asOf,
    goalCount: board.goalCount,
    totals: board.totals,
    lights: board.lights,
    goals: board.rows.map(boardGoalJson),
  };
}

export function planSummaryJson(plan: PlanSummary) {
  return { id: plan.id, region: plan.region, level: plan.level, year: plan.year, title: plan.title, goalCount: plan.goalCount, lights: plan.lights };
}

export function planJson(plan: {
  id: string;
  region: string;
  level: string;
  year: number;
  title: string;
  graceDays: number;
  marginBehind: DecimalLike;
  marginFarBehind: DecimalLike;
  createdAt: Date;
  sections: { id: string; parentId: string | null; number: string | null; title: string; part: string }[];
}) {
  return {
    id: plan.id,
    region: plan.region,
    level: plan.level,
    year: plan.year,
    title: plan.title,
    settings: { graceDays: plan.graceDays, marginBehind: dec(plan.marginBehind), marginFarBehind: dec(plan.marginFarBehind) },
    createdAt: plan.createdAt.toISOString(),
    sections: plan.sections,
  };
}

type DetailEntry = GoalDetail["goal"]["entries"][number];

export function entryJson(e: DetailEntry) {
  return {
    id: e.id,
    period: e.period,
    value: e.value.toString(),
    rawInput: e.rawInput,
    note: e.note,
    state: e.state,
    submittedAt: e.submittedAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    submittedBy: e.submittedBy ? { username: e.submittedBy.username, name: e.submittedBy.name } : null,
  };
}

export function savedEntryJson(e: SavedEntry) {
  return { id: e.id, goalId: e.goalId, period: e.period, value: e.value, rawInput: e.rawInput, note: e.note };
}

/** A goal with its judgement as of `detail.asOf` and its entries, newest period first. */
export function goalDetailJson(detail: GoalDetail) {
  const g = detail.goal;
  return {
    id: g.id,
    plan: { id: g.plan.id, region: g.plan.region, year: g.plan.year, title: g.plan.title },
    section: g.section,
    position: g.position,
    metric: g.metric,
    target: dec(g.targetValue),
    targetHigh: dec(g.targetValueHigh),
    unit: g.unit,
    comparator: g.comparator,
    kind: g.kind,
    direction: g.direction,
    accumulates: g.accumulates,
    frequency: g.frequency,
    leadDepartment: g.leadDepartment,
    coDepartments: g.coDepartments.map((c) => c.department),
    quote: g.quote,
    baseline: g.baselineValue === null ? null : { value: dec(g.baselineValue), unit: g.baselineUnit, year: g.baselineYear, quote: g.baselineQuote },
    description: g.description,
    asOf: detail.asOf,
    ...judgementJson(detail.judgement),
    canEnter: detail.canEnter,
    openPeriods: detail.openPeriods,
    entries: g.entries.map(entryJson),
  };
}
