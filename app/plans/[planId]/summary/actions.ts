"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/server/auth";
import { setExplanation } from "@/lib/server/explanations";
import { isPlausibleId } from "@/lib/domain/ids";
import { NOT_FOUND } from "@/lib/domain/messages";

export interface ExplanationFormState {
  status: "idle" | "saved" | "error";
  message: string;
  fields: Record<string, string>;
  at: number;
}

/** The summary page's 填写说明 form: writes the goal's 说明 for the summary (empty clears it). */
export async function saveExplanationAction(goalId: unknown, _prev: ExplanationFormState, formData: FormData): Promise<ExplanationFormState> {
  if (typeof goalId !== "string" || !isPlausibleId(goalId)) return { status: "error", message: NOT_FOUND.goal, fields: {}, at: Date.now() };
  const text = formData.get("text");
  const result = await setExplanation(await currentActor(), goalId, { text: typeof text === "string" ? text : "" });
  if (!result.ok) {
    const fields = result.error.fields ?? {};
    return { status: "error", message: fields.text ?? result.error.message, fields, at: Date.now() };
  }
  revalidatePath("/", "layout");
  return { status: "saved", message: result.value ? "说明已保存" : "说明已清除", fields: {}, at: Date.now() };
}
