import type { CandidateView, ImportView } from "@/lib/server/imports";
import { COMPARATOR_LABELS, DIRECTION_LABELS, KIND_LABELS } from "@/lib/domain/labels";

export type Candidate = CandidateView;
export type Draft = ImportView;
export type Kind = Candidate["kind"];

export const KINDS = Object.keys(KIND_LABELS) as Kind[];
export const COMPARATORS = Object.keys(COMPARATOR_LABELS) as Candidate["comparator"][];
export const DIRECTIONS = Object.keys(DIRECTION_LABELS) as Candidate["direction"][];
export const FREQUENCIES: Candidate["frequency"][] = ["monthly", "quarterly", "half_yearly", "annual"];

export const DIFF_LABELS = { new: "新增", changed: "变更", removed: "删除", unchanged: "不变" } as const;

/** Highlight colours by kind (the legend shows the same); milestones and hints are underlined instead. */
export const KIND_MARK: Record<Kind, string> = {
  growth: "bg-sky-100 decoration-sky-500",
  decrease: "bg-teal-100 decoration-teal-500",
  level: "bg-emerald-100 decoration-emerald-500",
  increment: "bg-amber-100 decoration-amber-500",
  ratio: "bg-violet-100 decoration-violet-500",
  milestone: "bg-transparent underline decoration-rose-500 decoration-2 underline-offset-4",
};
export const KIND_SWATCH: Record<Kind, string> = {
  growth: "bg-sky-200",
  decrease: "bg-teal-200",
  level: "bg-emerald-200",
  increment: "bg-amber-200",
  ratio: "bg-violet-200",
  milestone: "border-b-2 border-rose-500",
};

/** A candidate the commit will not turn into a goal unless the reviewer decides so (hints, removed goals). */
export const needsOwnDecision = (c: Candidate) => c.origin === "milestone_hint" || c.diff === "removed";
