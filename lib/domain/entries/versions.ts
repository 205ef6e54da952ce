/**
 * Entry versions over time (DOMAIN.md "Entries over time"). The one definition of "the counted version of a
 * period as of D": the latest version approved (or, without review, reported) by the end of D, Asia/Shanghai.
 * Its SQL twin is the lateral join in lib/server/board.ts; a test compares the two on generated data.
 */
import { addDays, assertIsoDate } from "../dates";

export const ENTRY_STATES = ["pending", "approved", "returned", "withdrawn"] as const;
export type EntryState = (typeof ENTRY_STATES)[number];

export const ENTRY_STATE_LABELS: Record<EntryState, string> = {
  pending: "待审核",
  approved: "已审核",
  returned: "已退回",
  withdrawn: "已撤回",
};

export interface VersionForCounting {
  period: string;
  value: string | { toString(): string };
  state: EntryState;
  version: number;
  /** From when an approved version counts; null for the others. */
  countedAt: Date | null;
  submittedAt: Date;
}

export interface CountingOptions {
  /** Also count pending versions submitted by the cut-off (the board's 含待审核 switch). */
  includePending?: boolean;
}

/** The first instant after the day D in Asia/Shanghai (UTC+8, no daylight saving): versions before it count as of D. */
export function endOfDay(asOf: string): Date {
  assertIsoDate(asOf, "asOf");
  return new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);
}

/** The first instant of the day D in Asia/Shanghai: a version reported "on D" by an admin counts from it. */
export function startOfDay(day: string): Date {
  assertIsoDate(day, "day");
  return new Date(`${day}T00:00:00+08:00`);
}

/** When the version starts to count, or null if it does not count by the cut-off. */
function countsFrom(v: VersionForCounting, cutoff: Date, options: CountingOptions): number | null {
  if (v.state === "approved" && v.countedAt && v.countedAt < cutoff) return v.countedAt.getTime();
  if (options.includePending && v.state === "pending" && v.submittedAt < cutoff) return v.submittedAt.getTime();
  return null;
}

/**
 * The counted version of each period as of the cut-off, in the order first seen. Among versions of one period
 * the one that started counting last wins (ties: the higher version number).
 */
export function countedVersions<V extends VersionForCounting>(versions: readonly V[], cutoff: Date, options: CountingOptions = {}): V[] {
  const best = new Map<string, { v: V; from: number }>();
  for (const v of versions) {
    const from = countsFrom(v, cutoff, options);
    if (from === null) continue;
    const current = best.get(v.period);
    if (!current || from > current.from || (from === current.from && v.version > current.v.version)) best.set(v.period, { v, from });
  }
  return [...best.values()].map((b) => b.v);
}

/** The newest version of each period (whatever its state): what the department last said. */
export function newestVersions<V extends { period: string; version: number }>(versions: readonly V[]): Map<string, V> {
  const newest = new Map<string, V>();
  for (const v of versions) {
    const current = newest.get(v.period);
    if (!current || v.version > current.version) newest.set(v.period, v);
  }
  return newest;
}
