import "server-only";
import { judgementLabel, type Judgement } from "@/lib/domain/status";
import type { Board, BoardRow } from "./board";
import type { GoalDetail } from "./goals";
import type { PlanSummary } from "./plans";
import type { EntryVersion } from "./entries";
import type { PeriodLockView } from "./locks";
import type { PlanOverdue, Inbox, GoalDutyView } from "./duty";
import type { PendingReview } from "./review";
import type { ShareSummary, ShareView } from "./shares";
import type { RegionView } from "./regions";

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
    /** "pending" when the figure counted is a pending version (includePending=1). */
    latestState: row.latestState,
    ...shareFieldsJson(row.parentGoalId, row.shares),
  };
}

/** A board; with `page`, its rows are that page and the answer says where the next one starts (null at the end). */
export function boardJson(board: Board, page?: { offset: number; limit: number }) {
  return {
    plan: { id: board.plan.id, region: board.plan.region, year: board.plan.year, title: board.plan.title },
    asOf: board.asOf,
    includePending: board.includePending,
    yearEnded: board.yearEnded,
    goalCount: board.goalCount,
    totals: board.totals,
    lights: board.lights,
    rowCount: board.rowCount,
    ...(page ? { offset: page.offset, limit: page.limit, nextOffset: page.offset + page.limit < board.rowCount ? page.offset + page.limit : null } : {}),
    goals: board.rows.map(boardGoalJson),
  };
}

/** A department with its government: `region` is the government's name, as on plans. */
export function departmentJson(d: { id: string; name: string; regionId: string; region: { name: string } }) {
  return { id: d.id, name: d.name, regionId: d.regionId, region: d.region.name };
}

/** A government: "path" names it from the top of the tree ("牡丹江市 / 爱民区"). */
export function regionJson(r: RegionView) {
  return { id: r.id, name: r.name, level: r.level, parentId: r.parentId, path: r.path };
}

export function planSummaryJson(plan: PlanSummary) {
  return { id: plan.id, regionId: plan.regionId, region: plan.region, level: plan.level, year: plan.year, title: plan.title, goalCount: plan.goalCount, lights: plan.lights };
}

export function planJson(plan: {
  id: string;
  regionId: string;
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
    regionId: plan.regionId,
    region: plan.region,
    level: plan.level,
    year: plan.year,
    title: plan.title,
    settings: { graceDays: plan.graceDays, marginBehind: dec(plan.marginBehind), marginFarBehind: dec(plan.marginFarBehind) },
    createdAt: plan.createdAt.toISOString(),
    sections: plan.sections,
  };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** One version of a figure: state pending | approved | returned | withdrawn, who reviewed it and why. */
export function entryJson(e: EntryVersion) {
  return {
    id: e.id,
    goalId: e.goalId,
    period: e.period,
    version: e.version,
    value: e.value.toString(),
    rawInput: e.rawInput,
    note: e.note,
    state: e.state,
    reportedAt: isoDay(e.reportedAt),
    submittedAt: e.submittedAt.toISOString(),
    countedFrom: e.countedAt ? e.countedAt.toISOString() : null,
    submittedBy: e.submittedBy ? { username: e.submittedBy.username, name: e.submittedBy.name } : null,
    reviewedAt: e.reviewedAt ? e.reviewedAt.toISOString() : null,
    reviewedBy: e.reviewedBy ? { username: e.reviewedBy.username, name: e.reviewedBy.name } : null,
    reason: e.reviewNote,
    warnings: Array.isArray(e.warnings) ? e.warnings : [],
  };
}

export function lockJson(l: PeriodLockView) {
  return { period: l.period, label: l.label, reason: l.reason, lockedAt: l.lockedAt.toISOString(), lockedBy: l.lockedBy };
}

export function pendingReviewJson(p: PendingReview) {
  return {
    id: p.id, goalId: p.goalId, metric: p.metric, unit: p.unit, period: p.period, version: p.version, value: p.value,
    rawInput: p.rawInput, note: p.note, warnings: p.warnings, submittedAt: p.submittedAt.toISOString(), submittedBy: p.submittedBy,
    department: p.department, previousValue: p.previousValue,
  };
}

function dutyJson(d: GoalDutyView) {
  return { goalId: d.goalId, planId: d.planId, metric: d.metric, department: d.department, ...d.duty };
}

export function overdueJson(o: PlanOverdue) {
  return {
    plan: { id: o.plan.id, title: o.plan.title, year: o.plan.year, region: o.plan.region },
    asOf: o.asOf,
    departments: o.departments.map((d) => ({
      department: d.department,
      overdueGoals: d.overdueGoals,
      returnedGoals: d.returnedGoals,
      dueGoals: d.dueGoals,
      maxDaysOverdue: d.maxDaysOverdue,
      goals: d.goals.map(dutyJson),
      reminder: d.reminder,
    })),
  };
}

export function inboxJson(inbox: Inbox) {
  switch (inbox.role) {
    case "reporter":
      return { role: inbox.role, asOf: inbox.asOf, department: inbox.department, items: inbox.items.map(dutyJson), reminders: inbox.reminders };
    case "admin":
      return {
        role: inbox.role,
        asOf: inbox.asOf,
        reviews: inbox.reviews.map((r) => ({ plan: r.plan, count: r.count, pending: r.pending.map(pendingReviewJson) })),
        overdue: inbox.overdue,
        reminders: inbox.reminders,
      };
    case "leader":
      return { role: inbox.role, asOf: inbox.asOf, plans: inbox.plans.map((p) => ({ plan: p.plan, goals: p.rows.map(boardGoalJson) })), reminders: inbox.reminders };
  }
}

/**
 * 目标分解: `latest` of an additive parent is already the roll-up (its judgement rests on it); `rolledUp` says so,
 * `reportedShares`/`totalShares` say how many shares the latest period holds (null without shares).
 */
function shareFieldsJson(parentGoalId: string | null, shares: ShareSummary | null) {
  return {
    parentGoalId,
    rolledUp: shares?.rolledUp ?? false,
    reportedShares: shares ? shares.reportedShares : null,
    totalShares: shares ? shares.totalShares : null,
  };
}

/** One share of a parent goal: its holder, target, verdict and latest counted figure. */
export function shareJson(s: ShareView) {
  return {
    id: s.id,
    plan: { id: s.planId, title: s.planTitle },
    holder: s.holder,
    target: s.target,
    unit: s.unit,
    status: s.judgement.code,
    statusLabel: judgementLabel(s.judgement),
    light: s.judgement.light,
    latest: s.judgement.latest,
    completion: s.judgement.completion,
  };
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
    leadDepartment: g.leadDepartment && departmentJson(g.leadDepartment),
    coDepartments: g.coDepartments.map((c) => departmentJson(c.department)),
    quote: g.quote,
    baseline: g.baselineValue === null ? null : { value: dec(g.baselineValue), unit: g.baselineUnit, year: g.baselineYear, quote: g.baselineQuote },
    description: g.description,
    asOf: detail.asOf,
    requiresReview: g.plan.requiresReview,
    ...judgementJson(detail.judgement),
    ...shareFieldsJson(g.parentGoalId, detail.shares),
    parentGoal: detail.parent && { id: detail.parent.id, metric: detail.parent.metric, plan: { id: detail.parent.planId, title: detail.parent.planTitle } },
    shares: (detail.shares?.shares ?? []).map(shareJson),
    canEnter: detail.canEnter,
    openPeriods: detail.openPeriods,
    entries: g.entries.map(entryJson),
  };
}
