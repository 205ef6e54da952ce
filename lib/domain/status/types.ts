import type Decimal from "decimal.js";
import type { Frequency } from "../periods";

export type StatusCode =
  | "not_started"
  | "overdue"
  | "on_track"
  | "behind"
  | "far_behind"
  | "met"
  | "exceeded"
  | "basically_met"
  | "not_met";

export type Light = "green" | "yellow" | "red" | "grey" | "none";

export type Comparator = "gte" | "lte" | "approx" | "eq";
export type GoalKind = "growth" | "decrease" | "level" | "increment" | "ratio" | "milestone";
export type Direction = "higher" | "lower";

export interface GoalForJudging {
  /** T. Milestone goals may leave it null: their figure is the percentage done and T is then 100. */
  target: Decimal.Value | null;
  unit: string;
  comparator: Comparator;
  kind: GoalKind;
  direction: Direction;
  accumulates: boolean;
  frequency: Frequency;
  /** The plan year; entries for periods of other years are not this goal's. */
  year: number;
}

export interface EntryForJudging {
  period: string;
  value: Decimal.Value;
}

export interface StatusSettings {
  graceDays: number;
  /** margin1: lag up to this is on track (yellow beyond it) */
  marginBehind: Decimal.Value;
  /** margin2: lag up to this is behind (red beyond it) */
  marginFarBehind: Decimal.Value;
}

export const DEFAULT_STATUS_SETTINGS: Readonly<StatusSettings> = Object.freeze({
  graceDays: 10,
  marginBehind: "0.10",
  marginFarBehind: "0.30",
});

export interface Judgement {
  code: StatusCode;
  light: Light;
  /** The entry the verdict rests on: the one with the latest period. */
  latest: { period: string; value: string } | null;
  /** 完成率 as a decimal string rounded to 4 places ("0.8333"); null when there is no entry. */
  completion: string | null;
  /** 序时进度 f of the latest entry's period (accumulating goals with an entry), else null. */
  expectedShare: string | null;
  /** f − A/T (accumulating goals with an entry; positive = behind 序时进度), else null. */
  lag: string | null;
  /** The earliest overdue period, whatever the verdict; null when none is overdue. */
  overduePeriod: string | null;
}
