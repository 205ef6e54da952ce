// Output types of the extraction engine. Offsets are JavaScript string indices (UTF-16 code units)
// into the input text, end exclusive; `quote === text.slice(start, end)` always holds.

export type Comparator = "gte" | "lte" | "approx" | "eq";
export type TargetKind = "growth" | "decrease" | "level" | "increment" | "ratio";
export type Direction = "higher" | "lower";
export type ReportPart = "review" | "plan" | "other";

export interface Section {
  /** Hierarchical id: "3", "3.2", "3.2.1" — position among siblings, 1-based. */
  id: string;
  /** The numbering as written: "二、", "（一）", "1.", "一是". */
  number: string;
  title: string;
  level: number;
  part: ReportPart;
  start: number;
  end: number;
  parentId: string | null;
}

export interface Baseline {
  metric: string;
  value: number;
  valueHigh?: number;
  unit: string;
  kind: TargetKind;
  /** The year the figure describes, when the text says (a 工作回顾 of 2023 → 2023); null for multi-year sums. */
  year: number | null;
  quote: string;
  start: number;
  end: number;
}

export interface Target {
  quote: string;
  start: number;
  end: number;
  metric: string;
  value: number;
  /** Upper end of a range ("增长4.5%-5%" → value 4.5, valueHigh 5). */
  valueHigh?: number;
  /** As written in the report, with full-width forms folded ("％" → "%"). */
  unit: string;
  comparator: Comparator;
  kind: TargetKind;
  direction: Direction;
  accumulates: boolean;
  /** Section titles from the outermost to the innermost section holding the target. */
  sectionPath: string[];
  sectionId: string | null;
  /** Index into `baselines` of the review figure with the same metric, when there is one. */
  baselineIndex?: number;
  baseline?: Baseline;
}

/**
 * A qualitative target of the plan part (DOMAIN.md "Milestones"): a clause with a target-like cue and
 * no figure ("全面完成老旧小区改造", "开工建设…", "动态清零", "全覆盖", "收入增长与经济增长同步").
 * Candidates for a reviewer, returned only with `{ milestones: true }`.
 */
export interface Milestone {
  quote: string;
  start: number;
  end: number;
  /** The clause as written, without leading fillers ("全年", "确保"). */
  metric: string;
  kind: "milestone";
  /** The word that makes it a target ("开工建设", "全覆盖"). */
  cue: string;
  sectionPath: string[];
  sectionId: string | null;
}

export interface ExtractOptions {
  /** Also return the qualitative candidates of the plan part (default off). */
  milestones?: boolean;
}

export interface Extraction {
  planYear: number | null;
  sections: Section[];
  targets: Target[];
  baselines: Baseline[];
  /** Present only when asked for with `{ milestones: true }`. */
  milestones?: Milestone[];
}
