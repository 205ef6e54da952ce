import "server-only";
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
import { db } from "./db";
import { countedVersions, endOfDay, type EntryState, type VersionForCounting } from "@/lib/domain/entries/versions";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authorizePlan } from "./scope";
import { sharesOf, visibleShares, type ShareSummary } from "./shares";

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
  /** Rows after every filter, in report order. */
  rows: BoardRow[];
  /** The plan-part sections (a section filter includes its sub-sections). */
  sections: { id: string; parentId: string | null; title: string; number: string | null; part: string }[];
  departments: { id: string; name: string }[];
}

/** A goal of the board with the columns the board shows and its latest entry (by period end). */
interface BoardGoalRow {
  id: string;
  position: number;
  sectionId: string | null;
  metric: string;
  /** Numerics arrive as text: exact, and no Decimal objects to build for thousands of rows. */
  targetValue: string | null;
  targetValueHigh: string | null;
  unit: string;
  comparator: string;
  kind: string;
  direction: string;
  accumulates: boolean;
  frequency: string;
  leadDepartmentId: string | null;
  parentGoalId: string | null;
  /** Some live goal is a share of this one (目标分解). */
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
async function boardGoals(planId: string, filters: BoardFilters, cutoff: Date): Promise<BoardGoal[]> {
  const counts = filters.includePending
    ? Prisma.sql`((e."state" = 'approved' AND e."countedAt" < ${cutoff}) OR (e."state" = 'pending' AND e."submittedAt" < ${cutoff}))`
    : Prisma.sql`(e."state" = 'approved' AND e."countedAt" < ${cutoff})`;
  const rows = await db.$queryRaw<BoardGoalRow[]>`
    SELECT g."id", g."position", g."sectionId", g."metric", trim_scale(g."targetValue")::text AS "targetValue",
           trim_scale(g."targetValueHigh")::text AS "targetValueHigh", g."unit", g."comparator"::text, g."kind"::text, g."direction"::text, g."accumulates",
           g."frequency"::text, g."leadDepartmentId", g."parentGoalId",
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

/** A plan's status board as of a date: totals by status and light, and one row per goal. Three queries, run together. */
export interface BoardView {
  /** Only these rows (after filtering) get completion, 序时进度 and lag; the rest carry the verdict alone. */
  detailRows?: { offset: number; limit: number };
}

export async function getBoard(
  actor: Actor | null,
  planId: string,
  filters: BoardFilters = {},
  now = new Date(),
  view: BoardView = {},
): Promise<Result<Board>> {
  const allowed = await authorizePlan(actor, planId, "readRegion");
  if (!allowed.ok) return allowed;
  const asOf = filters.asOf ?? todayInShanghai(now);
  const [plan, goals, departments, parentIds] = await Promise.all([
    // Section titles and department names come with these lists, not once per goal row.
    db.plan.findUnique({
      where: { id: planId },
      select: {
        id: true, region: true, year: true, title: true, graceDays: true, marginBehind: true, marginFarBehind: true, requiresReview: true,
        sections: { select: { id: true, parentId: true, title: true, number: true, part: true }, orderBy: { position: "asc" } },
      },
    }),
    boardGoals(planId, filters, endOfDay(asOf)),
    db.department.findMany({
      where: { ledGoals: { some: { planId, archivedAt: null } } },
      select: { id: true, name: true },
      orderBy: [{ position: "asc" }, { name: "asc" }],
    }),
    // The plan's goals that have shares: shares are few, so this walks the parentGoalId index's non-null part
    // instead of probing it once per goal.
    db.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT s."parentGoalId" AS "id" FROM "Goal" s JOIN "Goal" p ON p."id" = s."parentGoalId"
      WHERE s."parentGoalId" IS NOT NULL AND s."archivedAt" IS NULL AND p."planId" = ${planId}`,
  ]);
  if (!plan) return fail("not_found", NOT_FOUND.plan);
  const hasShares = new Set(parentIds.map((r) => r.id));
  const settings = planSettings(plan);
  // 目标分解: one more query, for the shares of the plan's parent goals; an additive parent is judged on their sum.
  const parents = goals.filter((g) => hasShares.has(g.goal.id));
  const shares = parents.length
    ? await sharesOf(parents.map((g) => ({ id: g.goal.id, unit: g.goal.unit, kind: g.goal.kind, year: plan.year })), asOf, { includePending: filters.includePending })
    : new Map<string, ShareSummary>();
  for (const g of parents) {
    const summary = shares.get(g.goal.id);
    if (summary?.rolledUp) g.counted = summary.counted;
  }

  const totals = Object.fromEntries(STATUS_CODES.map((c) => [c, 0])) as Record<StatusCode, number>;
  const lights = Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>;
  let metAtYearEnd = 0;
  const rows: BoardRow[] = [];
  const sectionTitles = new Map(plan.sections.map((s) => [s.id, s.title]));
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  const details = { details: !view.detailRows };
  for (const { goal, counted } of goals) {
    const judgement = judgeGoalRow(goal, plan.year, counted, settings, asOf, details);
    totals[judgement.code]++;
    if (isMetAtYearEnd(judgement)) metAtYearEnd++;
    lights[judgement.light]++;
    if (filters.status && filters.status !== judgement.code && filters.status !== judgement.light) continue;
    rows.push({
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
      latestState: judgement.latest ? (counted.find((v) => v.period === judgement.latest!.period)?.state ?? null) : null,
      parentGoalId: goal.parentGoalId,
      shares: visibleShares(shares.get(goal.id) ?? null, (regionId) => canRead(allowed.value.actor, regionId)),
    });
  }
  // Totals need every goal's verdict; completion and 序时进度 only the rows shown.
  if (view.detailRows) {
    const byId = new Map(goals.map((g) => [g.goal.id, g]));
    for (const row of rows.slice(view.detailRows.offset, view.detailRows.offset + view.detailRows.limit)) {
      const { goal, counted } = byId.get(row.goalId)!;
      row.judgement = judgeGoalRow(goal, plan.year, counted, settings, asOf);
    }
  }

  return ok({
    plan: { id: plan.id, region: plan.region, year: plan.year, title: plan.title, settings, requiresReview: plan.requiresReview },
    asOf,
    yearEnded: asOf > `${plan.year}-12-31`,
    includePending: Boolean(filters.includePending),
    totals,
    metAtYearEnd,
    lights,
    goalCount: goals.length,
    rows,
    sections: plan.sections.filter((s) => s.part === "plan"),
    departments,
  });
}
