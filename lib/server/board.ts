import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import type { Actor } from "@/lib/domain/permissions";
import { authorize } from "@/lib/domain/permissions";
import { todayInShanghai, type Frequency } from "@/lib/domain/periods";
import {
  judgeGoal,
  STATUS_CODES,
  type Judgement,
  type Light,
  type StatusCode,
  type StatusSettings,
} from "@/lib/domain/status";
import { Prisma } from "./generated/prisma/client";
import { db } from "./db";

export interface BoardFilters {
  asOf?: string;
  section?: string;
  department?: string;
  status?: string;
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
}

export interface Board {
  plan: { id: string; region: string; year: number; title: string; settings: StatusSettings };
  asOf: string;
  /** Counts over the goals matching the section/department filters (not the status filter). */
  totals: Record<StatusCode, number>;
  lights: Record<Light, number>;
  goalCount: number;
  /** Rows after every filter, in report order. */
  rows: BoardRow[];
  sections: { id: string; title: string; number: string | null }[];
  departments: { id: string; name: string }[];
}

export const LIGHTS: readonly Light[] = ["green", "yellow", "red", "grey", "none"];

interface LatestEntryRow {
  goalId: string;
  period: string;
  value: Prisma.Decimal;
}

/**
 * The latest entry (by period end) of every goal of a plan, in one query.
 * Until review exists every entry counts (DOMAIN.md), so no state filter yet.
 */
async function latestEntries(planId: string, goalIds: string[] | null): Promise<Map<string, LatestEntryRow>> {
  const rows = await db.$queryRaw<LatestEntryRow[]>`
    SELECT DISTINCT ON (e."goalId") e."goalId", e."period", e."value"
    FROM "ProgressEntry" e
    JOIN "Goal" g ON g."id" = e."goalId"
    WHERE g."planId" = ${planId} AND g."archivedAt" IS NULL
      ${goalIds ? Prisma.sql`AND e."goalId" = ANY(${goalIds})` : Prisma.empty}
    ORDER BY e."goalId", e."periodEnd" DESC, e."submittedAt" DESC`;
  return new Map(rows.map((r) => [r.goalId, r]));
}

export function planSettings(plan: { graceDays: number; marginBehind: Prisma.Decimal; marginFarBehind: Prisma.Decimal }): StatusSettings {
  return { graceDays: plan.graceDays, marginBehind: plan.marginBehind.toString(), marginFarBehind: plan.marginFarBehind.toString() };
}

export function judgeGoalRow(
  goal: {
    targetValue: Prisma.Decimal | null;
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
  );
}

/** A plan's status board as of a date: totals by status and light, and one row per goal. Three queries. */
export async function getBoard(actor: Actor | null, planId: string, filters: BoardFilters = {}, now = new Date()): Promise<Result<Board>> {
  const allowed = authorize(actor, { action: "read" });
  if (!allowed.ok) return allowed;
  const plan = await db.plan.findUnique({
    where: { id: planId },
    select: {
      id: true, region: true, year: true, title: true, graceDays: true, marginBehind: true, marginFarBehind: true,
      sections: { select: { id: true, title: true, number: true, part: true }, orderBy: { position: "asc" } },
    },
  });
  if (!plan) return fail("not_found", "找不到该计划");
  const asOf = filters.asOf ?? todayInShanghai(now);
  const settings = planSettings(plan);

  const goals = await db.goal.findMany({
    where: {
      planId,
      archivedAt: null,
      ...(filters.section ? { sectionId: filters.section } : {}),
      ...(filters.department ? { leadDepartmentId: filters.department } : {}),
    },
    orderBy: { position: "asc" },
    select: {
      id: true, position: true, sectionId: true, metric: true, targetValue: true, targetValueHigh: true, unit: true,
      comparator: true, kind: true, direction: true, accumulates: true, frequency: true,
      section: { select: { title: true } },
      leadDepartment: { select: { id: true, name: true } },
    },
  });
  const filtered = Boolean(filters.section || filters.department);
  const latest = await latestEntries(planId, filtered ? goals.map((g) => g.id) : null);

  const totals = Object.fromEntries(STATUS_CODES.map((c) => [c, 0])) as Record<StatusCode, number>;
  const lights = Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>;
  const rows: BoardRow[] = [];
  for (const goal of goals) {
    const entry = latest.get(goal.id);
    const judgement = judgeGoalRow(goal, plan.year, entry ? [entry] : [], settings, asOf);
    totals[judgement.code]++;
    lights[judgement.light]++;
    if (filters.status && filters.status !== judgement.code && filters.status !== judgement.light) continue;
    rows.push({
      goalId: goal.id,
      position: goal.position,
      sectionId: goal.sectionId,
      sectionTitle: goal.section?.title ?? null,
      metric: goal.metric,
      target: goal.targetValue?.toString() ?? null,
      targetHigh: goal.targetValueHigh?.toString() ?? null,
      unit: goal.unit,
      comparator: goal.comparator,
      kind: goal.kind,
      direction: goal.direction,
      accumulates: goal.accumulates,
      frequency: goal.frequency as Frequency,
      leadDepartment: goal.leadDepartment,
      judgement,
    });
  }

  const departments = await db.department.findMany({
    where: { ledGoals: { some: { planId, archivedAt: null } } },
    select: { id: true, name: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  });
  return ok({
    plan: { id: plan.id, region: plan.region, year: plan.year, title: plan.title, settings },
    asOf,
    totals,
    lights,
    goalCount: goals.length,
    rows,
    sections: plan.sections.filter((s) => s.part === "plan").map(({ part: _part, ...s }) => s),
    departments,
  });
}
