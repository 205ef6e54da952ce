import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { canRead, type Actor } from "@/lib/domain/permissions";
import { countedVersions, endOfDay, type EntryState } from "@/lib/domain/entries/versions";
import { targetText } from "@/lib/domain/labels";
import { NOT_FOUND } from "@/lib/domain/messages";
import { composeSummary, matchPreviousYear, narrative, narrativeParagraphs, type NarrativeKind, type PreviousYearInput, type Summary } from "@/lib/domain/summary";
import { db, dbPool } from "./db";
import { sql } from "./sql";
import { getBoard, type BoardRow } from "./board";
import { explanationsOf } from "./explanations";
import { getScorecard, type ScorecardRow } from "./scorecard";
import { authorizePlan } from "./scope";

export interface SummaryFilters {
  /** Default: today — for a finished plan year, the final state as known now (the narrative says 截至{year}年12月底). */
  asOf?: string;
  /** A lead department's own summary. */
  department?: string;
  /** A section with its sub-sections. */
  section?: string;
  /** A lower government: the plan's goals as shared to it (目标分解), judged on its own figures. The plan's own region: no filter. */
  region?: string;
}

export interface PlanSummary extends Summary {
  yearEnded: boolean;
  /** "year" once the plan year is over (年度完成情况), else "bulletin" (督办通报). */
  narrativeKind: NarrativeKind;
  narrative: string;
  narrativeParagraphs: string[];
  /** 部门考评 as of the same day (a reporter sees their own department; a department filter keeps its row). */
  departments: ScorecardRow[];
  /** The other narrative, for the page to offer both. */
  alternateNarrative: string;
  /** The filter choices (sections of the plan part, lead departments). */
  choices: {
    sections: { id: string; parentId: string | null; title: string; number: string | null; part: string }[];
    departments: { id: string; name: string }[];
    /** The region filter: the plan's own region, then the lower ones holding shares of its goals that the actor may read (empty without shares). */
    regions: { id: string; name: string }[];
  };
  filters: { department: string | null; section: string | null; region: string | null };
  /** Where the listed goals live: the plan itself, or under a region filter the holder's plan of the year (null when it has none). */
  source: { planId: string | null; regionId: string };
}

/**
 * The summary of a plan as of a day. The verdicts are the board's (one query path: the same counted versions);
 * one more query reads the counted versions' notes and the goals' baselines, one the 说明 written for the summary,
 * and the previous year's plan of the same region is read once (its board as of the same day) for the 上年 column.
 * With a region filter the rows are the shares of the plan's goals held by that region, from its own plan's board,
 * under the parent goals' sections.
 */
export async function getSummary(actor: Actor | null, planId: string, filters: SummaryFilters = {}, now = new Date()): Promise<Result<PlanSummary>> {
  const allowed = await authorizePlan(actor, planId, "readRegion");
  if (!allowed.ok) return allowed;
  const me = allowed.value.actor;
  const planRegionId = allowed.value.regionId;
  const holderId = filters.region && filters.region !== planRegionId ? filters.region : null;
  const holder = holderId && canRead(me, holderId) ? await db.region.findUnique({ where: { id: holderId }, select: { id: true, name: true } }) : null;
  if (holderId && !holder) return fail("not_found", NOT_FOUND.region);

  const [board, shareRegions, planRegion] = await Promise.all([
    getBoard(me, planId, { asOf: filters.asOf, section: filters.section, department: holder ? undefined : filters.department }, now),
    // Lower governments holding live shares of the plan's live goals (the region filter's choices).
    db.region.findMany({
      where: { shares: { some: { archivedAt: null, parentGoal: { planId, archivedAt: null } } } },
      select: { id: true, name: true },
      orderBy: [{ position: "asc" }, { name: "asc" }],
    }),
    db.region.findUnique({ where: { id: planRegionId }, select: { id: true, name: true } }),
  ]);
  if (!board.ok) return board;
  const { plan, asOf } = board.value;
  let rows: BoardRow[] = board.value.rows;
  let departmentChoices = board.value.departments;
  let source: PlanSummary["source"] = { planId, regionId: planRegionId };
  if (holder) {
    const parentOrder = new Map(rows.map((r, i) => [r.goalId, i]));
    const parentSection = new Map(rows.map((r) => [r.goalId, r.sectionId]));
    const shares = await db.goal.findMany({
      where: { parentGoalId: { in: [...parentOrder.keys()] }, shareRegionId: holder.id, archivedAt: null, plan: { regionId: holder.id, year: plan.year } },
      select: { id: true, planId: true, parentGoalId: true },
    });
    const parentOf = new Map(shares.map((g) => [g.id, g.parentGoalId!]));
    const sharePlanId = shares[0]?.planId ?? null;
    source = { planId: sharePlanId, regionId: holder.id };
    rows = [];
    departmentChoices = [];
    if (sharePlanId) {
      const held = await getBoard(me, sharePlanId, { asOf, department: filters.department }, now);
      if (!held.ok) return held;
      rows = held.value.rows
        .filter((r) => parentOf.has(r.goalId))
        .map((r) => ({ ...r, sectionId: parentSection.get(parentOf.get(r.goalId)!) ?? null }))
        .sort((a, b) => parentOrder.get(parentOf.get(a.goalId)!)! - parentOrder.get(parentOf.get(b.goalId)!)!);
      const leading = new Set(held.value.rows.filter((r) => parentOf.has(r.goalId)).flatMap((r) => (r.leadDepartment ? [r.leadDepartment.id] : [])));
      departmentChoices = held.value.departments.filter((d) => leading.has(d.id));
    }
  }

  const cutoff = endOfDay(asOf);
  const periods = [...new Set(rows.flatMap((r) => (r.judgement.latest ? [r.judgement.latest.period] : [])))];
  const ids = rows.map((r) => r.goalId);
  const [extras, written, previous, scorecard] = await Promise.all([
    summaryExtras(ids, periods, cutoff),
    explanationsOf(ids.map((id) => ({ id, year: plan.year }))),
    ids.length ? previousYearBoard(me, source.regionId, plan.year, asOf, now) : Promise.resolve(null),
    source.planId ? getScorecard(me, source.planId, { asOf: filters.asOf }, now) : Promise.resolve(ok([] as ScorecardRow[])),
  ]);
  if (!scorecard.ok) return scorecard;
  const byGoal = new Map(extras.map((g) => [g.id, g]));
  const holderKey = (g: { parentGoalId: string | null; shareRegionId: string | null; leadDepartmentId: string | null }) =>
    g.parentGoalId === null ? null : g.shareRegionId ? `region:${g.shareRegionId}` : `department:${g.leadDepartmentId}`;
  const matched = previous
    ? matchPreviousYear(
        rows.map((r) => {
          const extra = byGoal.get(r.goalId);
          return { id: r.goalId, metric: r.metric, unit: r.unit, previousGoalId: extra?.previousGoalId ?? null, holder: extra ? holderKey(extra) : null };
        }),
        previous.goals.map((g) => ({ id: g.id, metric: g.metric, unit: g.unit, holder: holderKey(g) })),
      )
    : new Map<string, string>();
  const previousOf = (goalId: string): PreviousYearInput | null => {
    const id = matched.get(goalId);
    const row = id !== undefined ? previous?.rows.get(id) : undefined;
    if (!previous || !row) return null;
    return { year: previous.year, goalId: row.goalId, unit: row.unit, kind: row.kind, code: row.judgement.code, latest: row.judgement.latest, completion: row.judgement.completion };
  };

  const summary = composeSummary({
    plan: { id: plan.id, title: plan.title, year: plan.year },
    holder: holder?.name ?? null,
    asOf,
    sections: board.value.sections,
    goals: rows.map((r) => {
      const extra = byGoal.get(r.goalId);
      const latest = r.judgement.latest;
      const version = latest && extra ? countedVersions(extra.entries.filter((e) => e.period === latest.period), cutoff)[0] : undefined;
      return {
        id: r.goalId,
        metric: r.metric,
        sectionId: r.sectionId,
        targetText: targetText(r.target, r.unit, r.comparator, r.targetHigh, r.kind),
        target: r.target,
        unit: r.unit,
        kind: r.kind,
        code: r.judgement.code,
        light: r.judgement.light,
        latest,
        completion: r.judgement.completion,
        leadDepartment: r.leadDepartment,
        explanation: version?.note ?? null,
        writtenExplanation: written.get(r.goalId) ?? null,
        baseline: extra?.baselineValue != null ? { value: extra.baselineValue, unit: extra.baselineUnit, year: extra.baselineYear } : null,
        previousYear: previousOf(r.goalId),
      };
    }),
  });
  const yearEnded = board.value.yearEnded;
  const kind: NarrativeKind = yearEnded ? "year" : "bulletin";
  const leading = new Set(rows.flatMap((r) => (r.leadDepartment ? [r.leadDepartment.id] : [])));
  const departments = filters.department
    ? scorecard.value.filter((d) => d.id === filters.department)
    : holder
      ? scorecard.value.filter((d) => leading.has(d.id))
      : scorecard.value;
  const regionChoices = shareRegions.filter((r) => r.id !== planRegionId && canRead(me, r.id));
  return ok({
    ...summary,
    yearEnded,
    narrativeKind: kind,
    narrative: narrative(summary, kind),
    narrativeParagraphs: narrativeParagraphs(summary, kind),
    departments,
    alternateNarrative: narrative(summary, kind === "year" ? "bulletin" : "year"),
    choices: {
      sections: board.value.sections,
      departments: departmentChoices,
      regions: regionChoices.length && planRegion ? [planRegion, ...regionChoices] : [],
    },
    filters: { department: filters.department ?? null, section: filters.section ?? null, region: holder?.id ?? null },
    source,
  });
}

interface SummaryExtra {
  id: string; baselineValue: string | null; baselineUnit: string | null; baselineYear: number | null; previousGoalId: string | null;
  parentGoalId: string | null; shareRegionId: string | null; leadDepartmentId: string | null;
  /** Approved versions counted before the cutoff, of the periods some goal's latest figure is for. */
  entries: { period: string; value: string; state: EntryState; version: number; countedAt: Date | null; submittedAt: Date; note: string | null }[];
}

/**
 * What the summary adds to the board's rows: baselines, last year's goals, holders, and the versions whose notes may
 * explain a figure. In SQL, flat (lib/server/sql.ts): for a province's 10,000 goals Prisma's nested read took most
 * of a second.
 */
async function summaryExtras(ids: string[], periods: string[], cutoff: Date): Promise<SummaryExtra[]> {
  if (!ids.length) return [];
  const [goals, entries] = await Promise.all([
    sql<Omit<SummaryExtra, "entries">>(dbPool(), `
      SELECT g."id", trim_scale(g."baselineValue")::text AS "baselineValue", g."baselineUnit", g."baselineYear", g."previousGoalId", g."parentGoalId",
             g."shareRegionId", g."leadDepartmentId"
      FROM "Goal" g WHERE g."id" = ANY($1::text[])`, [ids]),
    periods.length
      ? sql<SummaryExtra["entries"][number] & { goalId: string }>(dbPool(), `
          SELECT e."goalId", e."period", trim_scale(e."value")::text AS "value", e."state"::text AS "state", e."version", e."countedAt", e."submittedAt", e."note"
          FROM "ProgressEntry" e
          WHERE e."goalId" = ANY($1::text[]) AND e."state" = 'approved' AND e."countedAt" < $2 AND e."period" = ANY($3::text[])`, [ids, cutoff, periods])
      : Promise.resolve([]),
  ]);
  const byGoal = new Map(goals.map((g) => [g.id, { ...g, entries: [] as SummaryExtra["entries"] }]));
  for (const { goalId, ...entry } of entries) byGoal.get(goalId)?.entries.push(entry);
  return [...byGoal.values()];
}

/**
 * The previous year's plan of a region with its goals (one query) and its board as of `asOf` (the final state as
 * known that day); null when the region has no plan that year or the actor may not read it.
 */
async function previousYearBoard(actor: Actor, regionId: string, year: number, asOf: string, now: Date) {
  const plan = await db.plan.findUnique({
    where: { regionId_year: { regionId, year: year - 1 } },
    select: { id: true, year: true, goals: { where: { archivedAt: null }, select: { id: true, metric: true, unit: true, parentGoalId: true, shareRegionId: true, leadDepartmentId: true } } },
  });
  if (!plan || !plan.goals.length) return null;
  const board = await getBoard(actor, plan.id, { asOf: asOf > `${plan.year}-12-31` ? asOf : undefined }, now);
  if (!board.ok) return null;
  return { year: plan.year, goals: plan.goals, rows: new Map(board.value.rows.map((r) => [r.goalId, r])) };
}

/** The API's shape (GET /api/v1/plans/:id/summary). */
export function summaryJson(s: PlanSummary) {
  return {
    plan: { id: s.plan.id, title: s.plan.title, year: s.plan.year },
    region: s.filters.region && s.holder ? { id: s.filters.region, name: s.holder } : null,
    asOf: s.asOf,
    totals: { ...s.totals, unreported: s.unreported },
    lights: s.lights,
    goalCount: s.goalCount,
    sections: s.sections.map((x) => ({
      id: x.id,
      title: x.title,
      goals: x.goals.map((g) => ({
        id: g.id,
        metric: g.metric,
        targetText: g.targetText,
        target: g.target,
        unit: g.unit,
        actual: g.actual,
        actualValue: g.actualValue,
        actualPeriod: g.actualPeriod,
        completion: g.completion,
        completionRatio: g.completionRatio,
        status: g.status,
        statusLabel: g.statusLabel,
        leadDepartment: g.leadDepartment,
        explanation: g.explanation,
        explanationSource: g.explanationSource,
        baseline: g.baseline,
        previousYear: g.previousYear,
      })),
    })),
    notMet: s.notMet.map((g) => ({
      id: g.id, metric: g.metric, section: g.section, status: g.status, statusLabel: g.statusLabel, completion: g.completion,
      leadDepartment: g.leadDepartment, explanation: g.explanation, explanationSource: g.explanationSource,
    })),
    departments: s.departments,
    narrativeKind: s.narrativeKind,
    narrative: s.narrative,
  };
}
