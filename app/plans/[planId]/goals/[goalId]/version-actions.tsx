"use client";
import { useState, useTransition } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { approveEntryAction, returnEntryAction, withdrawEntryAction } from "./actions";

/** 撤回 for the department's pending version. */
export function WithdrawButton({ versionId, label }: { versionId: string; label: string }) {
  return (
    <ConfirmActionButton
      confirmText={`确定撤回${label}的待审核数据吗？撤回会记入审计日志。`}
      action={() => withdrawEntryAction(versionId)}
      label="撤回"
      className="text-xs text-slate-600 underline hover:text-red-700"
    />
  );
}

/** 审核通过 / 退回 (with a reason the department will read) for a pending version. */
export function ReviewButtons({ versionId }: { versionId: string }) {
  const [pending, start] = useTransition();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (work: () => Promise<{ ok: boolean; message: string }>) =>
    start(async () => {
      const result = await work();
      setMessage({ ok: result.ok, text: result.message });
      if (result.ok) setReturning(false);
    });
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="review-buttons">
      <button type="button" disabled={pending} onClick={() => run(() => approveEntryAction(versionId))} className="rounded bg-emerald-700 px-2 py-0.5 text-xs text-white hover:bg-emerald-600 disabled:opacity-60">
        通过
      </button>
      {returning ? (
        <span className="inline-flex flex-wrap items-center gap-1">
          <input
            aria-label="退回原因"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
            placeholder="退回原因（部门可见）"
            className="w-44 rounded border border-slate-300 px-1.5 py-0.5 text-xs"
          />
          <button type="button" disabled={pending} onClick={() => run(() => returnEntryAction(versionId, reason))} className="rounded bg-red-700 px-2 py-0.5 text-xs text-white hover:bg-red-600 disabled:opacity-60">
            确认退回
          </button>
          <button type="button" onClick={() => setReturning(false)} className="text-xs text-slate-500 underline">取消</button>
        </span>
      ) : (
        <button type="button" disabled={pending} onClick={() => setReturning(true)} className="rounded border border-red-700 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50">
          退回
        </button>
      )}
      {message && <span role={message.ok ? "status" : "alert"} className={`text-xs ${message.ok ? "text-emerald-700" : "text-red-700"}`}>{message.text}</span>}
    </span>
  );
}
