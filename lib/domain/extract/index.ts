// The extraction engine: quantitative targets, sections and review baselines of a 政府工作报告.
export { extractTargets, emptyExtraction } from "./extract";
export type {
  Baseline,
  Comparator,
  Direction,
  ExtractOptions,
  Extraction,
  Milestone,
  ReportPart,
  Section,
  Target,
  TargetKind,
} from "./types";
