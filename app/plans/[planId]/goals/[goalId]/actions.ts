"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/server/auth";
import { submitEntry, withdrawEntry } from "@/lib/server/entries";
import { reviewVersion } from "@/lib/server/review";
import { ENTRY_STATE_LABELS } from "@/lib/domain/entries/versions";
import { periodLabel } from "@/lib/domain/periods";
import type { ActionResult } from "@/lib/domain/errors";

export interface EntryFormState {
  status: "idle" | "saved" | "error" | "confirm";
  message: string;
  fields: Record<string, string>;
  /** Plausibility warnings awaiting confirmation (status "confirm"). */
  warnings: { code: string; message: string }[];
  /** What the user typed, so a refused entry keeps the form filled. */
  values: { period: string; value: string; note: string; reportedAt: string };
  /** Changes with every response so the form re-mounts with `values` (React resets forms after actions). */
  at: number;
}

export async function submitEntryAction(goalId: string, _prev: EntryFormState, formData: FormData): Promise<EntryFormState> {
  const text = (name: string) => {
    const v = formData.get(name);
    return typeof v === "string" ? v : "";
  };
  const values = { period: text("period"), value: text("value"), note: text("note"), reportedAt: text("reportedAt") };
  const confirm = text("confirm") === "on";
  // Confirming a figure that looks wrong needs a note saying why it is right (DOMAIN.md "Plausibility").
  if (confirm && !values.note.trim()) {
    return { status: "confirm", message: "请在说明中写明数据无误的理由后再确认提交", fields: { note: "确认提交时请填写说明" }, warnings: echoedWarnings(text("warnings")), values, at: Date.now() };
  }
  const result = await submitEntry(await currentActor(), goalId, {
    period: values.period,
    value: values.value,
    note: values.note,
    confirm,
    ...(values.reportedAt && { reportedAt: values.reportedAt }),
    ...(text("baseVersion") !== "" && { baseVersion: text("baseVersion") }),
  });
  if (!result.ok) {
    const status = result.error.code === "needs_confirmation" ? "confirm" : "error";
    return { status, message: result.error.message, fields: result.error.fields ?? {}, warnings: result.error.warnings ?? [], values, at: Date.now() };
  }
  revalidatePath("/", "layout");
  const v = result.value.version;
  return {
    status: "saved",
    message: `已提交${periodLabel(v.period)}的数据：${v.rawInput}（${ENTRY_STATE_LABELS[v.state]}${v.state === "pending" ? "，督查室审核后计入" : "，已计入"}）`,
    fields: {},
    warnings: [],
    values: { period: values.period, value: "", note: "", reportedAt: "" },
    at: Date.now(),
  };
}

/**
 * The warnings the form showed, sent back in a hidden field so they stay on screen while the note is written. They
 * come from the browser: anything but a short list of { code, message } texts is dropped, never thrown.
 */
function echoedWarnings(sent: string): EntryFormState["warnings"] {
  let parsed: unknown;
  try {
    parsed = sent.length <= 10_000 ? JSON.parse(sent || "[]") : null;
  } catch {
    return [];
  }
  if (!Array.isArray(parsed) || parsed.length > 10) return [];
  const warnings = parsed.filter((w): w is { code: string; message: string } => typeof w?.code === "string" && typeof w?.message === "string");
  return warnings.length === parsed.length ? warnings.map(({ code, message }) => ({ code, message })) : [];
}

export async function withdrawEntryAction(versionId: string): Promise<ActionResult> {
  const result = await withdrawEntry(await currentActor(), versionId);
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/", "layout");
  return { ok: true, message: "已撤回" };
}

export async function approveEntryAction(versionId: string): Promise<ActionResult> {
  const result = await reviewVersion(await currentActor(), versionId, { action: "approve" });
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/", "layout");
  return { ok: true, message: "已审核通过" };
}

export async function returnEntryAction(versionId: string, reason: string): Promise<ActionResult> {
  const result = await reviewVersion(await currentActor(), versionId, { action: "return", reason });
  if (!result.ok) return { ok: false, message: result.error.fields?.reason ?? result.error.message };
  revalidatePath("/", "layout");
  return { ok: true, message: "已退回" };
}
