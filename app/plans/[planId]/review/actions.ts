"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/server/auth";
import { reviewVersion, reviewVersions, type ReviewDecision } from "@/lib/server/review";
import { reviewBatchInput } from "@/lib/domain/entries/inputs";
import type { ActionResult } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { NOT_FOUND } from "@/lib/domain/messages";

/** A batch outcome: the summary, plus which versions were left alone and why (the page names them). */
export type BatchReviewResult = ActionResult & { done?: string[]; skipped?: Record<string, string> };

export async function approveReviewAction(versionId: unknown): Promise<ActionResult> {
  if (!isPlausibleId(versionId)) return { ok: false, message: NOT_FOUND.entry };
  const result = await reviewVersion(await currentActor(), versionId, { action: "approve" });
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/", "layout");
  return { ok: true, message: "已通过" };
}

export async function returnReviewAction(versionId: unknown, reason: unknown): Promise<ActionResult> {
  if (!isPlausibleId(versionId)) return { ok: false, message: NOT_FOUND.entry };
  const result = await reviewVersion(await currentActor(), versionId, { action: "return", reason });
  if (!result.ok) return { ok: false, message: result.error.fields?.reason ?? result.error.message };
  revalidatePath("/", "layout");
  return { ok: true, message: "已退回" };
}

export async function batchReviewAction(versionIds: unknown, decision: unknown): Promise<BatchReviewResult> {
  const ids = reviewBatchInput.safeParse({ versionIds });
  if (!ids.success) return { ok: false, message: ids.error.issues[0]?.message ?? "请选择要审核的填报" };
  if (!ids.data.versionIds.every(isPlausibleId)) return { ok: false, message: "找不到所选的填报记录，请刷新后重试" };
  const d = decision as { action?: unknown; reason?: unknown } | null;
  const parsed: ReviewDecision | null =
    d?.action === "approve" ? { action: "approve" } : d?.action === "return" ? { action: "return", reason: typeof d.reason === "string" ? d.reason : "" } : null;
  if (!parsed) return { ok: false, message: "审核操作应为通过或退回" };
  const result = await reviewVersions(await currentActor(), ids.data.versionIds, parsed);
  if (!result.ok) return { ok: false, message: result.error.fields?.reason ?? result.error.message };
  const { done, skipped } = result.value;
  if (done.length) revalidatePath("/", "layout");
  const verb = parsed.action === "approve" ? "审核通过" : "退回";
  const left = Object.keys(skipped).length;
  const message = done.length ? `已${verb} ${done.length} 条${left ? `；${left} 条已被他人处理或已有更新，未改动` : ""}` : `${left} 条均已被他人处理或已有更新，未改动`;
  return { ok: done.length > 0, message, done, skipped };
}
