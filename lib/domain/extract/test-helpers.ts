// Helpers for the extraction tests (not used by the engine).
import { extractTargets } from "./extract";
import type { Extraction, Target } from "./types";

/** A minimal report: a review heading, a plan heading, then the given plan text. */
export function inPlan(planText: string, reviewText = "全市经济运行总体平稳。"): string {
  return `一、2023年工作回顾\n${reviewText}\n二、2024年重点工作任务\n${planText}\n`;
}

export function targetsOf(text: string): Target[] {
  return extractTargets(text).targets;
}

/** Compact view of a target for assertions. */
export function brief(t: Target): string {
  return `${t.metric}|${t.value}${t.valueHigh !== undefined ? `-${t.valueHigh}` : ""}|${t.unit}|${t.comparator}|${t.kind}`;
}

export function briefs(text: string): string[] {
  return targetsOf(text).map(brief);
}

/** Every offset contract an extraction must keep. */
export function offsetsHold(text: string, r: Extraction): boolean {
  const spans = [...r.targets, ...r.baselines, ...(r.milestones ?? [])];
  for (const t of spans) {
    if (!(t.start >= 0 && t.end <= text.length && t.start < t.end)) return false;
    if (text.slice(t.start, t.end) !== t.quote) return false;
  }
  for (const s of r.sections) if (!(s.start >= 0 && s.end <= text.length && s.start <= s.end)) return false;
  return true;
}
