import "server-only";
import { ok, type Result } from "@/lib/domain/errors";
import type { Actor } from "@/lib/domain/permissions";
import { countedVersions, endOfDay } from "@/lib/domain/entries/versions";
import { targetText } from "@/lib/domain/labels";
import { composeSummary, narrative, narrativeParagraphs, type NarrativeKind, type Summary } from "@/lib/domain/summary";
import { db } from "./db";
import { getBoard } from "./board";
import { getScorecard, type ScorecardRow } from "./scorecard";

export interface SummaryFilters {
  /** Default: today — for a finished plan year, the final state as known now (the narrative says 截至{year}年12月底). */
  asOf?: string;
  /** A lead department's own summary. */
  department?: string;
  /** A section with its sub-sections. */
  section?: string;
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
  choices: { sections: { id: string; parentId: string | null; title: string; number: string | null; part: string }[]; departments: { id: string; name: string }[] };
  filters: { department: string | null; section: string | null };
}

/**
 * The summary of a plan as of a day. The verdicts are the board's (one query path: the same counted versions);
 * one more query reads the counted versions' notes (the departments' 说明) and the goals' baselines.
 */
export async function getSummary(actor: Actor | null, planId: string, filters: SummaryFilters = {}, now = new Date()): Promise<Result<PlanSummary>> {
  const [board, scorecard] = await Promise.all([
    getBoard(actor, planId, { asOf: filters.asOf, section: filters.section, department: filters.department }, now),
    getScorecard(actor, planId, { asOf: filters.asOf }, now),
  ]);
  if (!board.ok) return board;
  if (!scorecard.ok) return scorecard;
  const { plan, asOf, rows } = board.value;
  const cutoff = endOfDay(asOf);
  const periods = [...new Set(rows.flatMap((r) => (r.judgement.latest ? [r.judgement.latest.period] : [])))];
  const extras = rows.length
    ? await db.goal.findMany({
        where: { id: { in: rows.map((r) => r.goalId) } },
        select: {
          id: true, baselineValue: true, baselineUnit: true, baselineYear: true,
          entries: {
            where: { state: "approved", countedAt: { lt: cutoff }, period: { in: periods.length ? periods : ["-"] } },
            select: { period: true, value: true, state: true, version: true, countedAt: true, submittedAt: true, note: true },
          },
        },
      })
    : [];
  const byGoal = new Map(extras.map((g) => [g.id, g]));
  const summary = composeSummary({
    plan: { id: plan.id, title: plan.title, year: plan.year },
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
        baseline: extra?.baselineValue != null ? { value: extra.baselineValue.toString(), unit: extra.baselineUnit, year: extra.baselineYear } : null,
      };
    }),
  });
  const yearEnded = board.value.yearEnded;
  const kind: NarrativeKind = yearEnded ? "year" : "bulletin";
  return ok({
    ...summary,
    yearEnded,
    narrativeKind: kind,
    narrative: narrative(summary, kind),
    narrativeParagraphs: narrativeParagraphs(summary, kind),
    departments: filters.department ? scorecard.value.filter((d) => d.id === filters.department) : scorecard.value,
    alternateNarrative: narrative(summary, kind === "year" ? "bulletin" : "year"),
    choices: { sections: board.value.sections, departments: board.value.departments },
    filters: { department: filters.department ?? null, section: filters.section ?? null },
  });
}

/** The API's shape (GET /api/v1/plans/:id/summary). */
export function summaryJson(s: PlanSummary) {
  return {
    plan: { id: s.plan.id, title: s.plan.title, year: s.plan.year },
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
        actualPeriod: g.actualPeriod,
        completion: g.completion,
        status: g.status,
        statusLabel: g.statusLabel,
        leadDepartment: g.leadDepartment,
        explanation: g.explanation,
        baseline: g.baseline,
      })),
    })),
    notMet: s.notMet.map((g) => ({
      id: g.id, metric: g.metric, section: g.section, status: g.status, statusLabel: g.statusLabel, completion: g.completion,
      leadDepartment: g.leadDepartment, explanation: g.explanation,
    })),
    departments: s.departments,
    narrativeKind: s.narrativeKind,
    narrative: s.narrative,
  };
}
