"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/server/auth";
import { deleteEntry, submitEntry } from "@/lib/server/entries";
import { periodLabel } from "@/lib/domain/periods";

export interface EntryFormState {
  status: "idle" | "saved" | "error";
  message: string;
  fields: Record<string, string>;
  /** What the user typed, so a refused entry keeps the form filled. */
  values: { period: string; value: string; note: string };
  /** Changes with every response so the form re-mounts with `values` (React resets forms after actions). */
  at: number;
}

export async function submitEntryAction(goalId: string, _prev: EntryFormState, formData: FormData): Promise<EntryFormState> {
  const values = {
    period: String(formData.get("period") ?? ""),
    value: String(formData.get("value") ?? ""),
    note: String(formData.get("note") ?? ""),
  };
  const result = await submitEntry(await currentActor(), goalId, values);
  if (!result.ok) {
    return { status: "error", message: result.error.message, fields: result.error.fields ?? {}, values, at: Date.now() };
  }
  revalidatePath("/plans", "layout");
  const verb = result.value.created ? "已保存" : "已更新";
  return {
    status: "saved",
    message: `${verb}${periodLabel(result.value.period)}的数据：${result.value.rawInput}`,
    fields: {},
    values: { period: values.period, value: "", note: "" },
    at: Date.now(),
  };
}

export async function deleteEntryAction(entryId: string): Promise<{ ok: boolean; message: string }> {
  const result = await deleteEntry(await currentActor(), entryId);
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/plans", "layout");
  return { ok: true, message: "已删除" };
}
