import "server-only";
import { cache } from "react";
import { withReadPriority } from "./write-gate";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { canRead, type Actor } from "@/lib/domain/permissions";
import { todayInShanghai, type Frequency } from "@/lib/domain/periods";
import {
  isMetAtYearEnd,
  judgeGoal,
  LIGHTS,
  type JudgeOptions,
  STATUS_CODES,
  type Judgement,
  type Light,
  type StatusCode,
  type StatusSettings,
} from "@/lib/domain/status";
import { Prisma } from "./generated/prisma/client";
import { db, dbPool } from "./db";
import { sql, sqlReads } from "./sql";
import { goalDuty } from "@/lib/domain/entries/duty";
import { countedVersions, endOfDay, type EntryState, type VersionForCounting } from "@/lib/domain/entries/versions";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authorizePlan } from "./scope";
import { sharesOf, visibleShares, type ShareSummary } from "./shares";
import { boardGoalColumns, clearedVerdicts, forgetVerdicts, keepPlanTallies, keepVerdicts, keptDutyByPlan, keptLightsByPlan, keptTotals, planTallies, staleGoals, verdictRows, type BoardGoalColumns, type ClearedVerdict, type JudgedVerdict, type StaleGoal, type VerdictScope } from "./verdicts";

type Client = Prisma.TransactionClient;

export interface BoardFilters {
  asOf?: string;
  section?: string;
  department?: string;
  status?: string;
  /** Count pending versions too (含待审核), marked as such. */
  includePending?: boolean;
}

export interface BoardRow {
  goalId: string;
  position: number;
  sectionId: string | null;
  sectionTitle: string | null;
  metric: string;
  target: string | null;
  targetHigh: string | null;
  unit: string;
  comparator: string;
  kind: string;
  direction: string;
  accumulates: boolean;
  frequency: Frequency;
  leadDepartment: { id: string; name: string } | null;
  judgement: Judgement;
  /** The state of the version the verdict rests on ("pending" only when pending versions are included). */
  latestState: string | null;
  /** 目标分解: the goal this one is a share of. */
  parentGoalId: string | null;
  /** A parent's shares as of the day (null for a goal without shares); for additive units its figure is their sum. */
  shares: ShareSummary | null;
}

export interface Board {
  plan: { id: string; region: string; year: number; title: string; settings: StatusSettings; requiresReview: boolean };
  asOf: string;
  /** The plan year is over as of asOf (本年度已结束). */
  yearEnded: boolean;
  includePending: boolean;
  /** Counts over the goals matching the section/department filters (not the status filter). */
  totals: Record<StatusCode, number>;
  /** Of totals.met, the goals met on the year's final figure (their rows read 完成, the card 已完成). */
  metAtYearEnd: number;
  lights: Record<Light, number>;
  goalCount: number;
  /** Rows after every filter (rows holds only view.page of them when a page was asked for). */
  rowCount: number;
  /** Rows after every filter, in report order. */
  rows: BoardRow[];
  /** The plan-part sections (a section filter includes its sub-sections). */
  sections: { id: string; parentId: string | null; title: string; number: string | null; part: string }[];
  departments: { id: string; name: string }[];
}

/** A goal of the board with the columns the board shows and its latest entry (by period end). */
interface BoardGoalRow extends BoardGoalColumns {
  /** One version at the goal's latest counted period end (several on a tie); null columns when none counts. */
  period: string | null;
  value: string | null;
  state: EntryState | null;
  version: number | null;
  /** Epoch milliseconds from which the version counts (approval, or submission for a pending one). */
  countsFrom: number | null;
}

/** A goal with the versions its verdict may rest on (those at its latest counted period end). */
interface BoardGoal {
  goal: BoardGoalRow;
  counted: { period: string; value: string; state: EntryState }[];
}

/**
 * The plan's goals in report order, each with the versions at its latest counted period end, in one query: one
 * probe of the (goalId, periodEnd DESC) index per goal, so the cost follows the plan's goals, not the entry table.
 * A version counts when approved before the cut-off (or, with includePending, pending and submitted before it).
 * SQL narrows to the latest period end (WITH TIES keeps every version there); which of them counts — periods
 * ending the same day, corrections of one period — is decided by the one TypeScript rule, countedVersions() and
 * latestEntry(), as on the goal page. Rows of one goal are adjacent.
 */
async function boardGoals(client: Client, planId: string, filters: BoardFilters, cutoff: Date, ids?: readonly string[]): Promise<BoardGoal[]> {
  const counts = filters.includePending
    ? Prisma.sql`((e."state" = 'approved' AND e."countedAt" < ${cutoff}) OR (e."state" = 'pending' AND e."submittedAt" < ${cutoff}))`
    : Prisma.sql`(e."state" = 'approved' AND e."countedAt" < ${cutoff})`;
  const rows = await client.$queryRaw<BoardGoalRow[]>`
    SELECT ${boardGoalColumns},
           l."period", trim_scale(l."value")::text AS "value", l."state"::text AS "state", l."version",
           (extract(epoch FROM CASE WHEN l."state" = 'approved' THEN l."countedAt" ELSE l."submittedAt" END) * 1000)::float8 AS "countsFrom"
    FROM "Goal" g
    JOIN "Plan" p ON p."id" = g."planId"
    -- Entries of the plan year only, as the status engine counts them.
    LEFT JOIN LATERAL (
      SELECT e."period", e."value", e."state", e."version", e."countedAt", e."submittedAt" FROM "ProgressEntry" e
      WHERE e."goalId" = g."id" AND e."periodEnd" <= make_date(p."year", 12, 31) AND e."periodEnd" >= make_date(p."year", 1, 1)
        AND ${counts}
      ORDER BY e."periodEnd" DESC
      FETCH FIRST 1 ROWS WITH TIES
    ) l ON TRUE
    WHERE g."planId" = ${planId} AND g."archivedAt" IS NULL
      ${filters.section
        ? Prisma.sql`AND g."sectionId" IN (
            WITH RECURSIVE within AS (
              SELECT "id" FROM "Section" WHERE "id" = ${filters.section} AND "planId" = ${planId}
              UNION ALL
              SELECT c."id" FROM "Section" c JOIN within w ON c."parentId" = w."id"
            ) SELECT "id" FROM within)`
        : Prisma.empty}
      ${filters.department ? Prisma.sql`AND g."leadDepartmentId" = ${filters.department}` : Prisma.empty}
      ${ids ? Prisma.sql`AND g."id" = ANY(${ids as string[]}::text[])` : Prisma.empty}
    ORDER BY g."position", g."id"`;
  const goals: BoardGoal[] = [];
  for (let i = 0; i < rows.length; ) {
    const goal = rows[i]!;
    const versions: VersionForCounting[] = [];
    for (; i < rows.length && rows[i]!.id === goal.id; i++) {
      const r = rows[i]!;
      if (r.period !== null && r.value !== null && r.state !== null && r.version !== null && r.countsFrom !== null) {
        const from = new Date(r.countsFrom);
        versions.push({ period: r.period, value: r.value, state: r.state, version: r.version, countedAt: r.state === "approved" ? from : null, submittedAt: from });
      }
    }
    // The common case (one version, already known to count) needs no second pass.
    const counted = versions.length <= 1 ? versions : countedVersions(versions, cutoff, { includePending: filters.includePending });
    goals.push({ goal, counted: counted.map((v) => ({ period: v.period, value: v.value as string, state: v.state })) });
  }
  return goals;
}

export function planSettings(plan: { graceDays: number; marginBehind: Prisma.Decimal; marginFarBehind: Prisma.Decimal }): StatusSettings {
  return { graceDays: plan.graceDays, marginBehind: plan.marginBehind.toString(), marginFarBehind: plan.marginFarBehind.toString() };
}

export function judgeGoalRow(
  goal: {
    targetValue: Prisma.Decimal | string | null;
    unit: string;
    comparator: string;
    kind: string;
    direction: string;
    accumulates: boolean;
    frequency: string;
  },
  year: number,
  entries: { period: string; value: Prisma.Decimal | string }[],
  settings: StatusSettings,
  asOf: string,
  options: JudgeOptions = {},
): Judgement {
  if (goal.targetValue === null) {
    return { code: "not_started", light: "none", latest: null, completion: null, expectedShare: null, lag: null, overduePeriod: null };
  }
  return judgeGoal(
    {
      target: goal.targetValue.toString(),
      unit: goal.unit,
      comparator: goal.comparator as "gte" | "lte" | "approx" | "eq",
      kind: goal.kind as "growth" | "decrease" | "level" | "increment" | "ratio" | "milestone",
      direction: goal.direction as "higher" | "lower",
      accumulates: goal.accumulates,
      frequency: goal.frequency as Frequency,
      year,
    },
    entries.map((e) => ({ period: e.period, value: e.value.toString() })),
    settings,
    asOf,
    options,
  );
}

export interface BoardView {
  /** Only these rows (after filtering) get completion, 序时进度 and lag; the rest carry the verdict alone. */
  detailRows?: { offset: number; limit: number };
  /** Only these rows (after filtering) are returned; `rowCount` still counts them all. */
  page?: { offset: number; limit: number };
  /** Judge every goal now even where a kept verdict is fresh (tests compare the two; see lib/server/verdicts.ts). */
  recompute?: boolean;
}

export type PlanForBoard = {
  id: string; region: string; year: number; title: string; graceDays: number; marginBehind: Prisma.Decimal; marginFarBehind: Prisma.Decimal;
  requiresReview: boolean; verdictEpoch: number;
  sections: { id: string; parentId: string | null; title: string; number: string | null; part: string }[];
};

/** What judging needs of a plan (its settings and epoch), without the sections a board shows. */
export type PlanForJudging = Omit<PlanForBoard, "sections">;
const planForJudging = {
  id: true, region: true, year: true, title: true, graceDays: true, marginBehind: true, marginFarBehind: true, requiresReview: true, verdictEpoch: true,
} satisfies Prisma.PlanSelect;

export const planForBoard = {
  id: true, region: true, year: true, title: true, graceDays: true, marginBehind: true, marginFarBehind: true, requiresReview: true, verdictEpoch: true,
  sections: { select: { id: true, parentId: true, title: true, number: true, part: true }, orderBy: { position: "asc" } },
} satisfies Prisma.PlanSelect;

interface JudgedGoal {
  goal: BoardGoalRow;
  counted: { period: string; value: string; state: EntryState }[];
  judgement: Judgement;
  shares: ShareSummary | null;
}

/**
 * Judges goals of one plan as of a day — the one way every verdict is made, whether shown at once or kept. Parents
 * with shares (目标分解) get their shares' summary, and an additive parent is judged on their sum.
 */
async function judgeGoals(
  client: Client,
  plan: PlanForJudging,
  goals: BoardGoal[],
  asOf: string,
  options: { includePending?: boolean; details?: boolean; parentIds?: readonly string[] } = {},
): Promise<JudgedGoal[]> {
  const ids = goals.map((g) => g.goal.id);
  // The goals that have shares (unless the caller knows): shares are few, so this walks the parentGoalId index's
  // non-null part instead of probing it once per goal.
  const parentIds = options.parentIds ? options.parentIds.map((id) => ({ id })) : ids.length
    ? await client.$queryRaw<{ id: string }[]>`
        SELECT DISTINCT s."parentGoalId" AS "id" FROM "Goal" s JOIN "Goal" p ON p."id" = s."parentGoalId"
        WHERE s."parentGoalId" IS NOT NULL AND s."archivedAt" IS NULL AND p."planId" = ${plan.id}`
    : [];
  const hasShares = new Set(parentIds.map((r) => r.id));
  const parents = goals.filter((g) => hasShares.has(g.goal.id));
  const shares = parents.length
    ? await sharesOf(parents.map((g) => ({ id: g.goal.id, unit: g.goal.unit, kind: g.goal.kind, year: plan.year })), asOf, { includePending: options.includePending }, client)
    : new Map<string, ShareSummary>();
  const settings = planSettings(plan);
  return goals.map(({ goal, counted: own }) => {
    const summary = shares.get(goal.id) ?? null;
    const counted = summary?.rolledUp ? summary.counted : own;
    return { goal, counted, judgement: judgeGoalRow(goal, plan.year, counted, settings, asOf, { details: options.details ?? true }), shares: summary };
  });
}

export function latestStateOf(judgement: Judgement, counted: JudgedGoal["counted"]): string | null {
  return judgement.latest ? (counted.find((v) => v.period === judgement.latest!.period)?.state ?? null) : null;
}

/** The section and its sub-sections, or nothing when it is not the plan's. */
function sectionAndBelow(plan: PlanForBoard, sectionId: string): string[] {
  if (!plan.sections.some((s) => s.id === sectionId)) return [];
  const out = [sectionId];
  for (let i = 0; i < out.length; i++) for (const s of plan.sections) if (s.parentId === out[i]) out.push(s.id);
  return out;
}

function emptyCounts() {
  return {
    totals: Object.fromEntries(STATUS_CODES.map((c) => [c, 0])) as Record<StatusCode, number>,
    lights: Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>,
  };
}

/** A plan's status board as of a date: totals by status and light, and one row per goal. */
async function readBoard(
  actor: Actor | null,
  planId: string,
  filters: BoardFilters = {},
  now = new Date(),
  view: BoardView = {},
): Promise<Result<Board>> {
  const allowed = await authorizePlan(actor, planId, "readRegion");
  if (!allowed.ok) return allowed;
  const asOf = filters.asOf ?? todayInShanghai(now);
  const canReadRegion = (regionId: string) => canRead(allowed.value.actor, regionId);
  // Today's board (what is approved now) reads kept verdicts; a past or future day, or 含待审核, is judged in full.
  if (asOf === todayInShanghai(now) && !filters.includePending && !view.recompute) {
    const board = await keptBoard(planId, filters, asOf, view, canReadRegion);
    return board ? ok(board) : fail("not_found", NOT_FOUND.plan);
  }
  const [plan, goals, departments] = await Promise.all([
    // Section titles and department names come with these lists, not once per goal row.
    db.plan.findUnique({ where: { id: planId }, select: planForBoard }),
    boardGoals(db, planId, filters, endOfDay(asOf)),
    planDepartments(planId),
  ]);
  if (!plan) return fail("not_found", NOT_FOUND.plan);
  // Totals need every goal's verdict; completion and 序时进度 only the rows shown.
  const judged = await judgeGoals(db, plan, goals, asOf, { includePending: filters.includePending, details: !view.detailRows });

  const { totals, lights } = emptyCounts();
  let metAtYearEnd = 0;
  const rows: BoardRow[] = [];
  const sectionTitles = new Map(plan.sections.map((s) => [s.id, s.title]));
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  for (const { goal, counted, judgement, shares } of judged) {
    totals[judgement.code]++;
    if (isMetAtYearEnd(judgement)) metAtYearEnd++;
    lights[judgement.light]++;
    if (filters.status && filters.status !== judgement.code && filters.status !== judgement.light) continue;
    rows.push(boardRow(goal, judgement, latestStateOf(judgement, counted), shares, sectionTitles, departmentNames, canReadRegion));
  }
  if (view.detailRows) {
    const byId = new Map(judged.map((g) => [g.goal.id, g]));
    for (const row of rows.slice(view.detailRows.offset, view.detailRows.offset + view.detailRows.limit)) {
      const { goal, counted } = byId.get(row.goalId)!;
      row.judgement = judgeGoalRow(goal, plan.year, counted, planSettings(plan), asOf);
    }
  }
  const rowCount = rows.length;
  return ok({
    ...boardHead(plan, asOf, Boolean(filters.includePending), departments),
    totals,
    metAtYearEnd,
    lights,
    goalCount: goals.length,
    rowCount,
    rows: view.page ? rows.slice(view.page.offset, view.page.offset + view.page.limit) : rows,
  });
}

/** getBoard with priority over figure writes in this process (lib/server/write-gate.ts withReadPriority). */
export async function getBoard(...args: Parameters<typeof readBoard>): ReturnType<typeof readBoard> {
  return withReadPriority(() => readBoard(...args));
}

function planDepartments(planId: string, client: Client = db) {
  return client.department.findMany({
    where: { ledGoals: { some: { planId, archivedAt: null } } },
    select: { id: true, name: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  });
}

function boardHead(plan: PlanForBoard, asOf: string, includePending: boolean, departments: { id: string; name: string }[]) {
  return {
    plan: { id: plan.id, region: plan.region, year: plan.year, title: plan.title, settings: planSettings(plan), requiresReview: plan.requiresReview },
    asOf,
    yearEnded: asOf > `${plan.year}-12-31`,
    includePending,
    sections: plan.sections.filter((s) => s.part === "plan"),
    departments,
  };
}

function boardRow(
  goal: BoardGoalColumns,
  judgement: Judgement,
  latestState: string | null,
  shares: ShareSummary | null,
  sectionTitles: Map<string, string>,
  departmentNames: Map<string, string>,
  canReadRegion: (regionId: string) => boolean,
): BoardRow {
  return {
    goalId: goal.id,
    position: goal.position,
    sectionId: goal.sectionId,
    sectionTitle: goal.sectionId !== null ? (sectionTitles.get(goal.sectionId) ?? null) : null,
    metric: goal.metric,
    target: goal.targetValue,
    targetHigh: goal.targetValueHigh,
    unit: goal.unit,
    comparator: goal.comparator,
    kind: goal.kind,
    direction: goal.direction,
    accumulates: goal.accumulates,
    frequency: goal.frequency as Frequency,
    leadDepartment: goal.leadDepartmentId !== null ? { id: goal.leadDepartmentId, name: departmentNames.get(goal.leadDepartmentId) ?? "" } : null,
    judgement,
    latestState,
    parentGoalId: goal.parentGoalId,
    shares: visibleShares(shares, canReadRegion),
  };
}

/**
 * Judges, on the client's snapshot, the goals of the plans that have no fresh kept verdict for `day`. The verdicts
 * carry the stamps seen, for keepVerdicts.
 */
export async function judgeStale(client: Client, plans: readonly PlanForJudging[], day: string, known?: readonly StaleGoal[]): Promise<JudgedVerdict[]> {
  const stale = known ?? (await staleGoals(client, plans, day));
  if (!stale.length) return [];
  const byPlan = new Map<string, { stamp: Map<string, number> }>();
  for (const g of stale) {
    const entry = byPlan.get(g.planId) ?? { stamp: new Map<string, number>() };
    entry.stamp.set(g.id, g.stamp);
    byPlan.set(g.planId, entry);
  }
  const out: JudgedVerdict[] = [];
  for (const plan of plans) {
    const entry = byPlan.get(plan.id);
    if (!entry) continue;
    // The whole plan at once when most of it is stale (the day's first read): one pass, no id list.
    const ids = [...entry.stamp.keys()];
    const whole = ids.length > 1000;
    const goals = await boardGoals(client, plan.id, {}, endOfDay(day), whole ? undefined : ids);
    const judged = await judgeGoals(client, plan, whole ? goals.filter((g) => entry.stamp.has(g.goal.id)) : goals, day);
    // 未填报 (goalDuty) rests on every version, whatever its state.
    const versions = await client.progressEntry.findMany({
      where: whole ? { goal: { planId: plan.id } } : { goalId: { in: ids } },
      select: { goalId: true, period: true, state: true, version: true, submittedAt: true, reviewedAt: true, reviewNote: true },
    });
    const versionsOf = new Map<string, typeof versions>();
    for (const v of versions) {
      const list = versionsOf.get(v.goalId) ?? [];
      list.push(v);
      versionsOf.set(v.goalId, list);
    }
    for (const { goal, counted, judgement, shares } of judged) {
      const duty = goalDuty(
        { year: plan.year, frequency: goal.frequency as Frequency },
        (versionsOf.get(goal.id) ?? []).map((v) => ({ ...v, state: v.state as EntryState })),
        plan.graceDays,
        day,
      );
      out.push({
        goalId: goal.id, planId: plan.id, sectionId: goal.sectionId, leadDepartmentId: goal.leadDepartmentId,
        stamp: entry.stamp.get(goal.id)!, epoch: plan.verdictEpoch,
        code: judgement.code, light: judgement.light, metAtYearEnd: isMetAtYearEnd(judgement), judgement,
        latestState: latestStateOf(judgement, counted), shares,
        dutyOverdue: duty.overdue.length > 0, dutyReturned: duty.returned.length > 0,
      });
    }
  }
  return out;
}

/** Today's board from kept verdicts (those missing or stale judged now, then kept); null when there is no such plan. */
async function keptBoard(
  planId: string,
  filters: BoardFilters,
  asOf: string,
  view: BoardView,
  canReadRegion: (regionId: string) => boolean,
): Promise<Board | null> {
  const read = await db.$transaction(
    async (tx) => {
      const plan = await tx.plan.findUnique({ where: { id: planId }, select: planForBoard });
      if (!plan) return null;
      const judged = await judgeStale(tx, [plan], asOf);
      const scope: VerdictScope = {
        planId, day: asOf, epoch: plan.verdictEpoch,
        sectionIds: filters.section ? sectionAndBelow(plan, filters.section) : null,
        departmentId: filters.department ?? null,
      };
      const sectionSet = scope.sectionIds ? new Set(scope.sectionIds) : null;
      const [kept, rows, departments] = await Promise.all([
        keptTotals(tx, scope),
        verdictRows(tx, scope, judged, filters.status, view.page),
        planDepartments(planId, tx),
      ]);
      return { plan, judged, kept, rows, departments, sectionSet };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 30_000, timeout: 300_000 },
  );
  if (!read) return null;
  const { plan, judged, kept, rows, departments, sectionSet } = read;
  await keepVerdicts(judged, asOf);

  const { totals, lights } = emptyCounts();
  let metAtYearEnd = 0;
  let goalCount = 0;
  for (const k of kept) {
    totals[k.code] += k.count;
    lights[k.light] += k.count;
    if (k.metAtYearEnd) metAtYearEnd += k.count;
    goalCount += k.count;
  }
  for (const j of judged) {
    // The section and department filters, as keptTotals applies them in SQL.
    if (sectionSet && (j.sectionId === null || !sectionSet.has(j.sectionId))) continue;
    if (filters.department && j.leadDepartmentId !== filters.department) continue;
    totals[j.code]++;
    lights[j.light]++;
    if (j.metAtYearEnd) metAtYearEnd++;
    goalCount++;
  }
  const sectionTitles = new Map(plan.sections.map((s) => [s.id, s.title]));
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  const status = filters.status;
  const rowCount = !status ? goalCount : (totals[status as StatusCode] ?? lights[status as Light] ?? 0);
  return {
    ...boardHead(plan, asOf, false, departments),
    totals,
    metAtYearEnd,
    lights,
    goalCount,
    rowCount,
    rows: rows.map((r) => boardRow(r, r.judgement, r.latestState, r.shares, sectionTitles, departmentNames, canReadRegion)),
  };
}

export interface PlanTodayCounts {
  lights: Record<Light, number>;
  /** 未填报: goals with a period overdue, plus goals with a returned version not resubmitted (a goal may be both). */
  dutyGoals: number;
  /** Lead departments (no department counts as one) with such goals. */
  dutyDepartments: number;
}

/**
 * Every plan's goals by light and 未填报 as of today (the plan list, 待我处理), in one snapshot per plan:
 *  - a fresh tally as it is (a row per plan, decision 0019);
 *  - a usable tally (fresh but for goals written to since, decision 0021): the tally, less what those goals' cleared
 *    verdicts held, plus what they are judged now — a plan written to all day is not recounted;
 *  - otherwise counted from the plan's kept verdicts, its stale goals judged; counted with nothing to judge, the
 *    count is kept as the plan's tally.
 * The goals judged are kept (their change reaches a usable tally through its trigger). 未填报's departments, not a
 * sum, are counted from the verdicts that have 未填报 where the tally does not know them.
 */
export async function planTodayCounts(planIds: readonly string[], day: string): Promise<Map<string, PlanTodayCounts>> {
  const out = new Map<string, PlanTodayCounts>();
  if (!planIds.length) return out;
  const asIs = (t: { lights: Record<Light, number>; dutyGoals: number; dutyDepartments: number }) => ({ lights: { ...t.lights }, dutyGoals: t.dutyGoals, dutyDepartments: t.dutyDepartments });
  // Usually every tally is fresh (a province's 1,266 plans, a few written to): one statement, on the app's pool.
  const first = await planTallies(sqlReads(), planIds, day);
  for (const t of first) if (t.fresh && t.dutyDepartments >= 0) out.set(t.planId, asIs(t));
  const rest = first.filter((t) => !out.has(t.planId)).map((t) => t.planId);
  if (!rest.length) return out;
  // The others on one snapshot: their tallies, cleared or kept verdicts, and the goals to judge.
  const read = await db.$transaction(
    async (tx) => {
      const tallies = await planTallies(tx, rest, day);
      const usable = tallies.filter((t) => t.usable);
      const cleared = await clearedVerdicts(tx, usable.filter((t) => !t.fresh).map((t) => t.planId));
      const open = tallies.filter((t) => !t.usable).map((t) => t.planId);
      const needed = [...new Set([...open, ...cleared.map((c) => c.planId)])];
      const plans = needed.length ? await tx.plan.findMany({ where: { id: { in: needed } }, select: planForJudging }) : [];
      const counted = plans.filter((p) => open.includes(p.id));
      const judged = [
        ...(await judgeStale(tx, counted, day)),
        ...(await judgeStale(tx, plans.filter((p) => !open.includes(p.id)), day, cleared)),
      ];
      // Kept 未填报 by department: of every plan counted, and of the usable tallies' plans where the tally does not know it.
      const dutyPlans = tallies.filter((t) => !t.usable || t.dutyDepartments < 0 || !t.fresh).map((t) => ({ id: t.planId, epoch: t.epoch }));
      const epochs = counted.map((p) => ({ id: p.id, epoch: p.verdictEpoch }));
      const [kept, duty] = await Promise.all([keptLightsByPlan(tx, epochs, day), keptDutyByPlan(tx, dutyPlans, day)]);
      return { tallies, counted, cleared, judged, kept, duty };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, maxWait: 30_000, timeout: 300_000 },
  );
  await keepVerdicts(read.judged, day);
  const countsOf = (planId: string) => {
    let counts = out.get(planId);
    if (!counts) out.set(planId, (counts = { lights: emptyCounts().lights, dutyGoals: 0, dutyDepartments: 0 }));
    return counts;
  };
  const recounted = new Set<string>();
  for (const t of read.tallies) {
    if (!t.usable) continue;
    // The tally's lights, less what the cleared verdicts held (added back as judged below).
    const counts = asIs(t);
    out.set(t.planId, counts);
    if (!t.fresh || t.dutyDepartments < 0) {
      recounted.add(t.planId);
      counts.dutyGoals = 0;
    }
  }
  for (const c of read.cleared as ClearedVerdict[]) if (c.light) countsOf(c.planId).lights[c.light]--;
  const departments = new Map<string, Set<string>>();
  const addDuty = (planId: string, departmentId: string | null, overdue: number, returned: number) => {
    if (!overdue && !returned) return;
    countsOf(planId).dutyGoals += overdue + returned;
    const set = departments.get(planId) ?? new Set<string>();
    set.add(departmentId ?? "");
    departments.set(planId, set);
  };
  for (const k of read.kept) countsOf(k.planId).lights[k.light] += k.count;
  for (const d of read.duty) addDuty(d.planId, d.departmentId, d.overdue, d.returned);
  for (const j of read.judged) {
    countsOf(j.planId).lights[j.light]++;
    addDuty(j.planId, j.leadDepartmentId, j.dutyOverdue ? 1 : 0, j.dutyReturned ? 1 : 0);
  }
  for (const planId of [...read.counted.map((p) => p.id), ...recounted]) countsOf(planId).dutyDepartments = departments.get(planId)?.size ?? 0;
  // Counted from kept verdicts alone (nothing of the plan judged): complete on the snapshot, kept as its tally. A
  // plan with goals just judged gets its tally on a later read, once they are kept.
  const judgedPlans = new Set(read.judged.map((j) => j.planId));
  const seen = new Map(read.tallies.map((t) => [t.planId, t]));
  // So is a fresh tally whose 未填报 departments were unknown (-1 after a kept change of 未填报), now counted: else
  // every read would count them again.
  const recountedDuty = read.tallies.filter((t) => t.fresh && t.dutyDepartments < 0 && !judgedPlans.has(t.planId));
  await keepPlanTallies(
    [
      ...read.counted.filter((p) => !judgedPlans.has(p.id)).map((p) => ({ planId: p.id, epoch: p.verdictEpoch, seen: seen.get(p.id)!, ...countsOf(p.id) })),
      ...recountedDuty.map((t) => ({ planId: t.planId, epoch: t.epoch, seen: t, ...countsOf(t.planId) })),
    ],
    day,
  );
  return out;
}

/** One page render's plan counts, per plan (React's cache lasts one server render; elsewhere each call is its own). */
const renderCounts = cache((_day: string) => new Map<string, Promise<PlanTodayCounts | undefined>>());

/**
 * planTodayCounts, read once per page render: the home page's 待我处理 and plan list both count the same plans, and
 * under writes a plan recounted twice costs twice. Outside a render (API routes, jobs, tests) it is planTodayCounts.
 */
export async function planTodayCountsOnce(planIds: readonly string[], day: string): Promise<Map<string, PlanTodayCounts>> {
  const known = renderCounts(day);
  const missing = planIds.filter((id) => !known.has(id));
  if (missing.length) {
    const read = planTodayCounts(missing, day);
    for (const id of missing) {
      const one = read.then((counts) => counts.get(id));
      one.catch(() => undefined); // a failed read is thrown to the caller below, once, not left unhandled
      known.set(id, one);
    }
  }
  const out = new Map<string, PlanTodayCounts>();
  for (const id of planIds) {
    const counts = await known.get(id)!;
    if (counts) out.set(id, counts);
  }
  return out;
}

/**
 * One live goal's judgement as of a day, by the board's own path (the goal's latest counted versions, its shares'
 * sum for an additive parent): the answer to a write, without the goal page's whole history. Null when the goal is
 * gone or archived. The caller has checked who may read it.
 */
export async function judgeOneGoal(goalId: string, asOf: string, known?: GoalJudging): Promise<Judgement | null> {
  // In SQL (lib/server/sql.ts): every write's answer carries it; a write passes what it read of the plan.
  const judging = known ?? (await goalJudging(goalId));
  if (!judging) return null;
  const reads = sqlReads();
  const goals = await boardGoals(reads, judging.plan.id, {}, endOfDay(asOf), [goalId]);
  if (!goals.length) return null;
  const [judged] = await judgeGoals(reads, judging.plan, goals, asOf, { parentIds: judging.hasShares ? [goalId] : [] });
  return judged?.judgement ?? null;
}

/** What judging one goal needs besides its versions: its plan's settings, and whether it has shares. */
export interface GoalJudging {
  plan: PlanForJudging;
  hasShares: boolean;
}

/** The plan columns and share test of GoalJudging, for a statement on "Goal" g joined to "Plan" p. */
export const GOAL_JUDGING_COLUMNS = `p."id" AS "planId", p."region", p."year", p."title", p."graceDays", p."marginBehind"::text AS "marginBehind",
  p."marginFarBehind"::text AS "marginFarBehind", p."requiresReview", p."verdictEpoch",
  EXISTS (SELECT 1 FROM "Goal" s WHERE s."parentGoalId" = g."id" AND s."archivedAt" IS NULL) AS "hasShares"`;

export type GoalJudgingRow = Omit<PlanForJudging, "id" | "marginBehind" | "marginFarBehind"> & { planId: string; marginBehind: string; marginFarBehind: string; hasShares: boolean };

export function goalJudgingOf(row: GoalJudgingRow): GoalJudging {
  return {
    plan: {
      id: row.planId, region: row.region, year: row.year, title: row.title, graceDays: row.graceDays, marginBehind: new Prisma.Decimal(row.marginBehind),
      marginFarBehind: new Prisma.Decimal(row.marginFarBehind), requiresReview: row.requiresReview, verdictEpoch: row.verdictEpoch,
    },
    hasShares: row.hasShares,
  };
}

async function goalJudging(goalId: string): Promise<GoalJudging | null> {
  const [row] = await sql<GoalJudgingRow>(dbPool(), `SELECT ${GOAL_JUDGING_COLUMNS} FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId" WHERE g."id" = $1`, [goalId]);
  return row ? goalJudgingOf(row) : null;
}

/** Judges and keeps, for today, whatever of every live plan is stale (the daily job just after midnight). */
export async function warmVerdicts(now = new Date()): Promise<{ plans: number; judgedAt: string }> {
  const plans = await db.plan.findMany({ where: { archivedAt: null }, select: { id: true } });
  const day = todayInShanghai(now);
  await planTodayCounts(plans.map((p) => p.id), day);
  return { plans: plans.length, judgedAt: day };
}

/**
 * `npm run verdicts:rebuild`: forgets every kept verdict and judges every live plan's goals afresh for today, from
 * their versions (the derived table rebuilt from the entries). Returns what was judged.
 */
export async function rebuildVerdicts(now = new Date()): Promise<{ plans: number; goals: number }> {
  await forgetVerdicts();
  const plans = await db.plan.findMany({ where: { archivedAt: null }, select: { id: true } });
  const day = todayInShanghai(now);
  let goals = 0;
  for (const { lights } of (await planTodayCounts(plans.map((p) => p.id), day)).values()) goals += Object.values(lights).reduce((a, b) => a + b, 0);
  return { plans: plans.length, goals };
}
