// The field names of <GoalForm> and how its FormData becomes the input of createGoal / updateGoal.
// Plain module (no "use client"), so server actions can import it.

export interface GoalFormValues {
  metric: string;
  targetValue: string;
  targetValueHigh: string;
  unit: string;
  comparator: string;
  kind: string;
  /** "" = inferred from metric, comparator and kind (create only). */
  direction: string;
  /** "true" | "false" | "" (inferred from kind, create only). */
  accumulates: string;
  frequency: string;
  sectionId: string;
  leadDepartmentId: string;
  coDepartmentIds: string[];
  description: string;
}

export const EMPTY_GOAL_VALUES: GoalFormValues = {
  metric: "",
  targetValue: "",
  targetValueHigh: "",
  unit: "",
  comparator: "gte",
  kind: "increment",
  direction: "",
  accumulates: "",
  frequency: "monthly",
  sectionId: "",
  leadDepartmentId: "",
  coDepartmentIds: [],
  description: "",
};

export function goalFormValues(formData: FormData): GoalFormValues {
  const text = (name: keyof GoalFormValues) => String(formData.get(name) ?? "");
  return {
    metric: text("metric"),
    targetValue: text("targetValue"),
    targetValueHigh: text("targetValueHigh"),
    unit: text("unit"),
    comparator: text("comparator"),
    kind: text("kind"),
    direction: text("direction"),
    accumulates: text("accumulates"),
    frequency: text("frequency"),
    sectionId: text("sectionId"),
    leadDepartmentId: text("leadDepartmentId"),
    coDepartmentIds: formData.getAll("coDepartmentIds").map(String).filter(Boolean),
    description: text("description"),
  };
}

/** Blank optional choices become undefined, so the server infers them (create) or clears them (upper bound). */
export function goalInput(values: GoalFormValues): Record<string, unknown> {
  const blank = (s: string) => (s.trim() === "" ? undefined : s);
  return {
    ...values,
    targetValueHigh: blank(values.targetValueHigh),
    direction: blank(values.direction),
    accumulates: blank(values.accumulates),
    // The lead department also co-operating would be listed twice.
    coDepartmentIds: values.coDepartmentIds.filter((id) => id !== values.leadDepartmentId),
  };
}
