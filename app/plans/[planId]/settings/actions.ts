"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/server/auth";
import { setRequiresReview, updatePlanSettings } from "@/lib/server/plans";
import { lockPeriod, unlockPeriod } from "@/lib/server/locks";
import type { ActionResult } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { createGoal } from "@/lib/server/goals";
import { refusedState, type FormState } from "@/components/form-fields";
import { goalFormValues, goalInput } from "@/components/goal-form-values";
import type { GoalFormState } from "@/components/goal-form";
import { NOT_FOUND } from "@/lib/domain/messages";

const NO_PLAN = NOT_FOUND.plan;

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

export async function setRequiresReviewAction(planId: string, requiresReview: unknown): Promise<ActionResult> {
  if (!isPlausibleId(planId)) return { ok: false, message: NO_PLAN };
  if (typeof requiresReview !== "boolean") return { ok: false, message: "需要审核应为开启或关闭" };
  const result = await setRequiresReview(await currentActor(), planId, requiresReview);
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/", "layout");
  return { ok: true, message: requiresReview ? "已保存：审核已开启" : "已保存：审核已关闭" };
}

export interface LockValues {
  period: string;
  reason: string;
}

export type LockState = FormState<LockValues>;

export async function lockPeriodAction(planId: string, _prev: LockState, formData: FormData): Promise<LockState> {
  const values: LockValues = { period: String(formData.get("period") ?? ""), reason: String(formData.get("reason") ?? "") };
  if (!isPlausibleId(planId)) return refusedState({ message: NO_PLAN }, values);
  const result = await lockPeriod(await currentActor(), planId, values);
  if (!result.ok) return refusedState(result.error, values);
  revalidatePath("/", "layout");
  return { status: "saved", message: `${result.value.label}已关账`, fields: {}, values: { period: "", reason: "" }, at: Date.now() };
}

export async function unlockPeriodAction(planId: string, period: unknown): Promise<ActionResult> {
  if (!isPlausibleId(planId)) return { ok: false, message: NO_PLAN };
  if (typeof period !== "string") return { ok: false, message: "请选择期间" };
  const result = await unlockPeriod(await currentActor(), planId, { period });
  if (!result.ok) return { ok: false, message: result.error.fields?.period ?? result.error.message };
  revalidatePath("/", "layout");
  return { ok: true, message: "已解锁" };
}
