/**
 * The one check of an entry against its goal, period, lock and day (STYLE.md "One way to change data"). Pure:
 * the form, the API and bulk upload call it through lib/server/entries.ts. It returns typed errors (nothing may
 * be written) and plausibility warnings (DOMAIN.md "Plausibility": written only once confirmed).
 */
import type Decimal from "decimal.js";
import { toDecimal } from "../decimal";
import { parseFigure } from "../figures";
import { trimZeros } from "../labels";
import { comparePeriods, frequencyLabel, periodEndDate, periodLabel, periodsOfYear, periodStartDate, type Frequency } from "../periods";
import type { Direction, GoalKind } from "../status/types";
import { isPercentUnit } from "../units";
import type { EntryState } from "./versions";
import { ENTRY_MESSAGES, FORBIDDEN } from "../messages";

export interface GoalForEntry {
  year: number;
  frequency: Frequency;
  metric: string;
  unit: string;
  kind: GoalKind;
  direction: Direction;
  accumulates: boolean;
  /** T as a decimal string; null for milestones without one. */
  target: string | null;
}

export interface EntryDraft {
  period: string;
  /** What was typed. */
  value: string;
  note?: string;
  /** 填报日期 stated by an admin (YYYY-MM-DD); absent: today. */
  reportedAt?: string;
  /** The newest version number of the period the submitter saw (0: none); absent: not checked. */
  baseVersion?: number;
}

export interface KnownVersion {
  period: string;
  value: string;
  state: EntryState;
  version: number;
}

export interface EntryContext {
  role: "admin" | "reporter" | "leader";
  /** Today in Asia/Shanghai. */
  today: string;
  /** Every version of the goal so far. */
  versions: readonly KnownVersion[];
  /** Locked periods of the plan, with their reasons. */
  locks: ReadonlyMap<string, string>;
}

export type PlausibilityCode = "ytd_decreased" | "far_from_previous" | "far_from_target" | "fraction_for_percent";
export interface PlausibilityWarning {
  code: PlausibilityCode;
  message: string;
}

export type EntryCheck =
  | { ok: true; value: string; warnings: PlausibilityWarning[]; locked: string | null }
  | { ok: false; code: "validation"; fields: Record<string, string> }
  | { ok: false; code: "forbidden" | "conflict"; message: string; fields?: Record<string, string> };

/** The reason a period is locked, or null: locked itself, or the month it ends in is (2024-06 closes 2024-Q2, 2024-H1). */
export function lockOf(period: string, locks: ReadonlyMap<string, string>): string | null {
  return locks.get(period) ?? locks.get(periodEndDate(period).slice(0, 7)) ?? null;
}

const TEN = 10;

/** |v| ≥ 10·|ref| or |v| ≤ |ref|/10, for ref ≠ 0: a slipped unit (30亩 typed for 万亩) or a stray digit. */
function tenfold(v: Decimal, ref: Decimal): boolean {
  if (ref.isZero()) return false;
  const a = v.abs();
  const r = ref.abs();
  return a.gte(r.times(TEN)) || a.times(TEN).lte(r);
}

function shown(value: string | Decimal, unit: string): string {
  return `${trimZeros(value.toString())}${unit}`;
}

/** The newest counted-or-pending figure of the latest period before `period` (what the department said last). */
function previousFigure(period: string, versions: readonly KnownVersion[]): KnownVersion | null {
  let best: KnownVersion | null = null;
  for (const v of versions) {
    if (v.state === "returned" || v.state === "withdrawn") continue;
    if (comparePeriods(v.period, period) >= 0) continue;
    if (!best || comparePeriods(v.period, best.period) > 0 || (v.period === best.period && v.version > best.version)) best = v;
  }
  return best;
}

export function plausibilityWarnings(goal: GoalForEntry, period: string, value: string, versions: readonly KnownVersion[]): PlausibilityWarning[] {
  const warnings: PlausibilityWarning[] = [];
  const v = toDecimal(value);
  const previous = previousFigure(period, versions);
  if (previous) {
    const p = toDecimal(previous.value);
    if (goal.accumulates && v.lt(p)) {
      warnings.push({
        code: "ytd_decreased",
        message: `年初至今累计数 ${shown(v, goal.unit)} 低于上期（${periodLabel(previous.period)}）的 ${shown(p, goal.unit)}，累计数一般不会减少，请核对`,
      });
    }
    if (tenfold(v, p)) {
      warnings.push({
        code: "far_from_previous",
        message: `${shown(v, goal.unit)} 与上期（${periodLabel(previous.period)}）的 ${shown(p, goal.unit)} 相差10倍以上，请检查数字和单位（本指标单位：${goal.unit}）`,
      });
    }
  }
  if (goal.target !== null && goal.kind !== "milestone") {
    const t = toDecimal(goal.target);
    if (tenfold(v, t)) {
      warnings.push({
        code: "far_from_target",
        message: `${shown(v, goal.unit)} 与目标值 ${shown(t, goal.unit)} 相差10倍以上，请检查数字和单位是否填错（本指标单位：${goal.unit}）`,
      });
    }
    if (isPercentUnit(goal.unit) && t.gt(1) && v.gt(0) && v.lt(1)) {
      const percent = trimZeros(v.times(100).toString());
      warnings.push({
        code: "fraction_for_percent",
        message: `本指标按百分数填报（目标 ${shown(t, goal.unit)}），${trimZeros(v.toString())} 像是写成了小数；如实际为 ${percent}%，请填写 ${percent}`,
      });
    }
  }
  return warnings;
}

/** Checks a draft entry; see EntryCheck. Errors are per field, in Chinese. */
export function checkEntry(goal: GoalForEntry, draft: EntryDraft, context: EntryContext): EntryCheck {
  if (context.role !== "admin" && draft.reportedAt !== undefined) {
    return { ok: false, code: "forbidden", message: FORBIDDEN.reportedAt, fields: { reportedAt: FORBIDDEN.reportedAt } };
  }
  const fields: Record<string, string> = {};
  const periods = periodsOfYear(goal.year, goal.frequency);
  const day = draft.reportedAt ?? context.today;
  if (!periods.includes(draft.period)) {
    fields.period = `该指标${frequencyLabel(goal.frequency)}填报，期间应为 ${periods[0]} 至 ${periods[periods.length - 1]} 之一（${goal.year}年）`;
  } else if (periodStartDate(draft.period) > day) {
    fields.period = draft.reportedAt ? `填报日期 ${day} 早于${periodLabel(draft.period)}的开始，不能填报该期间` : ENTRY_MESSAGES.notYetBegun(periodLabel(draft.period));
  }
  if (draft.reportedAt !== undefined && draft.reportedAt > context.today) fields.reportedAt = ENTRY_MESSAGES.reportedAfterToday;

  const figure = parseFigure(draft.value, { unit: goal.unit, kind: goal.kind, direction: goal.direction, metric: goal.metric });
  if (!figure.ok) fields.value = figure.message;

  const locked = fields.period ? null : lockOf(draft.period, context.locks);
  if (locked !== null) {
    if (context.role !== "admin") {
      return { ok: false, code: "forbidden", message: ENTRY_MESSAGES.lockedForReporter(periodLabel(draft.period), locked) };
    }
    if (!draft.note?.trim()) fields.note = ENTRY_MESSAGES.lockedNeedsReason(periodLabel(draft.period));
  }
  if (Object.keys(fields).length || !figure.ok) return { ok: false, code: "validation", fields };

  if (draft.baseVersion !== undefined) {
    const newest = context.versions.filter((v) => v.period === draft.period).reduce((n, v) => Math.max(n, v.version), 0);
    if (newest !== draft.baseVersion) {
      return { ok: false, code: "conflict", message: ENTRY_MESSAGES.stale(periodLabel(draft.period)) };
    }
  }
  return { ok: true, value: figure.value, warnings: plausibilityWarnings(goal, draft.period, figure.value, context.versions), locked };
}
