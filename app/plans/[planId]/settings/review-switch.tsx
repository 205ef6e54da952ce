"use client";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { setRequiresReviewAction } from "./actions";

/** 需要审核 on/off for the plan; acts at once after a confirmation and says what changed. */
export function ReviewSwitch({ planId, requiresReview }: { planId: string; requiresReview: boolean }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [asking, setAsking] = useState(false);
  const next = !requiresReview;
  const question = next
    ? "开启审核后，填报员提交的数据须经督查室审核通过才计入看板。确定开启吗？"
    : "关闭审核后，填报员新提交的数据立即计入看板（已提交、待审核的数据仍需审核）。确定关闭吗？";
  const flip = () => {
    setAsking(false);
    start(async () => {
      const result = await setRequiresReviewAction(planId, next);
      setMessage({ ok: result.ok, text: result.message });
    });
  };
  return (
    <div className="text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          role="switch"
          aria-checked={requiresReview}
          aria-labelledby="requires-review-label"
          disabled={pending}
          onClick={() => setAsking(true)}
          data-testid="requires-review-switch"
          className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:opacity-60 ${requiresReview ? "bg-emerald-600" : "bg-slate-300"}`}
        >
          <span className={`inline-block size-5 rounded-full bg-white shadow transition-transform ${requiresReview ? "translate-x-5.5" : "translate-x-0.5"}`} />
        </button>
        <span id="requires-review-label" className="font-medium">需要审核</span>
        <span className={requiresReview ? "text-emerald-700" : "text-slate-600"} data-testid="requires-review-state">
          {requiresReview ? "已开启：填报员的数据经审核通过后计入" : "已关闭：填报员的数据提交即计入"}
        </span>
      </div>
      <ConfirmDialog open={asking} question={question} confirmLabel={next ? "确定开启" : "确定关闭"} danger={false} onConfirm={flip} onCancel={() => setAsking(false)} />
      <p role="status" aria-live="polite" className={`mt-1 empty:hidden ${message?.ok ? "text-emerald-700" : "text-red-700"}`}>{message?.text}</p>
    </div>
  );
}
