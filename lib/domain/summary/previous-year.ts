// The previous year's goal of the same metric: the goal linked by previousGoalId, else the one goal of the previous
// year's plan (same region) whose metric and unit read the same once normalised. Two candidates are no match:
// the summary states nothing it cannot pin to one goal.

/**
 * A metric with its unit as compared across years: NFKC (全角 → 半角), no white space, lower case; a share (目标分解)
 * carries its holder too, so that a department's share is not taken for the goal it was split from.
 */
export function metricKey(metric: string, unit: string, holder?: string | null): string {
  const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
  return `${norm(metric)}|${norm(unit)}${holder ? `|${holder}` : ""}`;
}

export interface GoalForMatching {
  id: string;
  metric: string;
  unit: string;
  /** Goal.previousGoalId, when a re-import linked the years. */
  previousGoalId?: string | null;
  /** For a share: who holds it ("department:<id>" / "region:<id>"); null for a goal of the report itself. */
  holder?: string | null;
}

/** current goal id → previous year's goal id, for the goals that have exactly one counterpart. */
export function matchPreviousYear(current: readonly GoalForMatching[], previous: readonly GoalForMatching[]): Map<string, string> {
  const previousIds = new Set(previous.map((g) => g.id));
  const count = (goals: readonly GoalForMatching[]) => {
    const byKey = new Map<string, string[]>();
    for (const g of goals) {
      const key = metricKey(g.metric, g.unit, g.holder);
      byKey.set(key, [...(byKey.get(key) ?? []), g.id]);
    }
    return byKey;
  };
  const previousByKey = count(previous);
  const currentByKey = count(current);
  const out = new Map<string, string>();
  for (const g of current) {
    if (g.previousGoalId && previousIds.has(g.previousGoalId)) {
      out.set(g.id, g.previousGoalId);
      continue;
    }
    const key = metricKey(g.metric, g.unit, g.holder);
    const candidates = previousByKey.get(key) ?? [];
    if (candidates.length === 1 && currentByKey.get(key)!.length === 1) out.set(g.id, candidates[0]!);
  }
  return out;
}
