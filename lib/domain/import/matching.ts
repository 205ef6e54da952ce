// Matching a new reading of a report with goals that exist: the previous year's goal of the same metric, and a
// re-import's diff (new / changed / removed / unchanged). Pure: the caller loads goals and stores the result.

/** A metric compared across texts: NFKC, no spaces or punctuation, upper-case Latin, 「全年」-style fillers dropped. */
export function normaliseMetric(metric: string): string {
  return metric
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\p{P}\p{S}]/gu, "")
    .replace(/^(全年|今年|年内|力争|确保|争取|实现|完成)+/u, "");
}

export function normaliseUnit(unit: string): string {
  return unit.normalize("NFKC").replace(/\s+/g, "");
}

export interface ComparableGoal {
  id: string;
  metric: string;
  unit: string;
  value: string | null;
  valueHigh: string | null;
  comparator: string;
  kind: string;
  quote: string;
}

export interface ComparableCandidate extends ComparableGoal {
  start: number;
  end: number;
}

/** The goal of the same metric (normalised) and unit, the first in the given order; else null. */
export function findSameMetric<G extends { metric: string; unit: string }>(candidate: { metric: string; unit: string }, goals: readonly G[]): G | null {
  const metric = normaliseMetric(candidate.metric);
  const unit = normaliseUnit(candidate.unit);
  if (!metric) return null;
  return goals.find((g) => normaliseMetric(g.metric) === metric && normaliseUnit(g.unit) === unit) ?? null;
}

/** Character-bigram overlap (Dice) of two normalised metrics, 0–1: "新建高标准农田" vs "建设高标准农田" is high. */
export function metricSimilarity(a: string, b: string): number {
  const x = normaliseMetric(a);
  const y = normaliseMetric(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const grams = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < s.length; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const gx = grams(x);
  const gy = grams(y);
  let shared = 0;
  for (const [g, n] of gx) shared += Math.min(n, gy.get(g) ?? 0);
  const total = Math.max(1, x.length - 1) + Math.max(1, y.length - 1);
  return (2 * shared) / total;
}

const SIMILAR_ENOUGH = 0.6;

export type DiffStatus = "new" | "changed" | "unchanged";

export interface DiffResult {
  /** Per candidate (same order): the matched goal's id or null, and the status. */
  matches: { goalId: string | null; status: DiffStatus }[];
  /** Goals no candidate matched: "removed" from the new text. */
  removedGoalIds: string[];
}

/** Whether a candidate states the same target as a goal: same figure(s), unit, comparator, kind and metric. */
export function sameTarget(candidate: ComparableGoal, goal: ComparableGoal): boolean {
  const num = (s: string | null) => (s === null ? null : Number(s));
  return (
    normaliseMetric(candidate.metric) === normaliseMetric(goal.metric) &&
    normaliseUnit(candidate.unit) === normaliseUnit(goal.unit) &&
    num(candidate.value) === num(goal.value) &&
    num(candidate.valueHigh) === num(goal.valueHigh) &&
    candidate.comparator === goal.comparator &&
    candidate.kind === goal.kind
  );
}

/**
 * One-to-one matching of candidates (from the new text) with goals (of the plan), in passes from the surest:
 * same metric and unit; same metric; the goal's quote found in the new text where the candidate is; a similar
 * metric in the same unit. Each goal is matched once, each candidate once.
 */
export function diffAgainstGoals(text: string, candidates: readonly ComparableCandidate[], goals: readonly ComparableGoal[]): DiffResult {
  const goalOf: (string | null)[] = candidates.map(() => null);
  const taken = new Set<string>();
  const pass = (test: (c: ComparableCandidate, g: ComparableGoal) => boolean) => {
    candidates.forEach((c, i) => {
      if (goalOf[i] !== null) return;
      const goal = goals.find((g) => !taken.has(g.id) && test(c, g));
      if (goal) {
        goalOf[i] = goal.id;
        taken.add(goal.id);
      }
    });
  };
  pass((c, g) => normaliseMetric(c.metric) === normaliseMetric(g.metric) && normaliseUnit(c.unit) === normaliseUnit(g.unit));
  pass((c, g) => normaliseMetric(c.metric) !== "" && normaliseMetric(c.metric) === normaliseMetric(g.metric));
  const quoteAt = new Map<string, number[]>();
  for (const g of goals) {
    if (!g.quote) continue;
    const at: number[] = [];
    for (let i = text.indexOf(g.quote); i >= 0 && at.length < 20; i = text.indexOf(g.quote, i + 1)) at.push(i);
    quoteAt.set(g.id, at);
  }
  pass((c, g) => (quoteAt.get(g.id) ?? []).some((i) => i < c.end && i + g.quote.length > c.start));
  pass((c, g) => normaliseUnit(c.unit) === normaliseUnit(g.unit) && metricSimilarity(c.metric, g.metric) >= SIMILAR_ENOUGH);
  const byId = new Map(goals.map((g) => [g.id, g]));
  return {
    matches: candidates.map((c, i) => {
      const goal = goalOf[i] ? byId.get(goalOf[i]!) : undefined;
      if (!goal) return { goalId: null, status: "new" as const };
      return { goalId: goal.id, status: sameTarget(c, goal) ? ("unchanged" as const) : ("changed" as const) };
    }),
    removedGoalIds: goals.filter((g) => !taken.has(g.id)).map((g) => g.id),
  };
}
