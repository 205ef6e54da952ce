"use client";
import { useActionState, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { archiveGoalAction } from "./actions";

export function ArchiveGoalButton({ goalId, metric }: { goalId: string; metric: string }) {
  const [state, action, pending] = useActionState(archiveGoalAction.bind(null, goalId), { message: "" });
  const [asking, setAsking] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="flex flex-wrap items-center gap-3">
      <button type="button" disabled={pending} onClick={() => setAsking(true)} className="rounded border border-red-700 px-4 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
        {pending ? "正在归档…" : "归档该指标"}
      </button>
      <ConfirmDialog
        open={asking}
        question={`确定归档指标“${metric}”吗？归档后不再出现在看板和汇总中，已填报的数据和审计记录会保留。`}
        confirmLabel="确定归档"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          form.current?.requestSubmit();
        }}
      />
      <p role="status" aria-live="polite" className="text-sm text-red-700">{state.message}</p>
    </form>
  );
}
