"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/server/auth";
import { updatePlanSettings } from "@/lib/server/plans";
import { createGoal } from "@/lib/server/goals";
import { refusedState, type FormState } from "@/components/form-fields";
import { goalFormValues, goalInput } from "@/components/goal-form-values";
import type { GoalFormState } from "@/components/goal-form";

export interface PlanSettingsValues {
  graceDays: string;
  marginBehind: string;
  marginFarBehind: string;
}

export type PlanSettingsState = FormState<PlanSettingsValues>;

export async function updatePlanSettingsAction(planId: string, _prev: PlanSettingsState, formData: FormData): Promise<PlanSettingsState> {
  const values: PlanSettingsValues = {
    graceDays: String(formData.get("graceDays") ?? ""),
    marginBehind: String(formData.get("marginBehind") ?? ""),
    marginFarBehind: String(formData.get("marginFarBehind") ?? ""),
  };
  const result = await updatePlanSettings(await currentActor(), planId, values);
  if (!result.ok) return refusedState(result.error, values);
  // The lights of every goal of the plan depend on these settings.
  revalidatePath("/", "layout");
  return { status: "saved", message: "设置已保存，看板亮灯已按新阈值重新计算", fields: {}, values, at: Date.now() };
}

export async function createGoalAction(planId: string, _prev: GoalFormState, formData: FormData): Promise<GoalFormState> {
  const values = goalFormValues(formData);
  const result = await createGoal(await currentActor(), planId, goalInput(values));
  if (!result.ok) return refusedState(result.error, values);
  revalidatePath("/", "layout");
  redirect(`/plans/${planId}/goals/${result.value.id}`);
}
