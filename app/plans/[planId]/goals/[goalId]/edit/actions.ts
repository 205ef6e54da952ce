"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/server/auth";
import { archiveGoal, updateGoal } from "@/lib/server/goals";
import { refusedState } from "@/components/form-fields";
import { goalFormValues, goalInput } from "@/components/goal-form-values";
import type { GoalFormState } from "@/components/goal-form";

// Back to the goal under its own plan: a plan id sent with the form would be one more thing to trust.
export async function updateGoalAction(goalId: string, _prev: GoalFormState, formData: FormData): Promise<GoalFormState> {
  const values = goalFormValues(formData);
  const result = await updateGoal(await currentActor(), goalId, goalInput(values));
  if (!result.ok) return refusedState(result.error, values);
  revalidatePath("/", "layout");
  redirect(`/plans/${result.value.planId}/goals/${goalId}`);
}

export async function archiveGoalAction(goalId: string, _prev: { message: string }): Promise<{ message: string }> {
  const result = await archiveGoal(await currentActor(), goalId);
  if (!result.ok) return { message: result.error.message };
  revalidatePath("/", "layout");
  redirect(`/plans/${result.value.planId}`);
}
