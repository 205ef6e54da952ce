export type {
  Comparator,
  Direction,
  EntryForJudging,
  GoalForJudging,
  GoalKind,
  Judgement,
  Light,
  StatusCode,
  StatusSettings,
} from "./types";
export { DEFAULT_STATUS_SETTINGS } from "./types";
export { STATUS_CODES, LIGHTS, statusLight, statusLabel, judgementLabel, isMetAtYearEnd, lightLabel, isStatusCode } from "./labels";
export { tolerance, meets, beyondGoodSide, onBadSide, shortfall, measureOf, targetOf, type Measure } from "./tolerance";
export { completionRatio } from "./completion";
export { judgeGoal, latestEntry, overduePeriods, EXCEEDED_RATIO, type JudgeOptions, type LatestEntry } from "./judge";
export { inferDirection, inferAccumulates } from "./infer";
