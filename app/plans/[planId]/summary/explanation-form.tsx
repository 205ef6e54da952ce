"use client";
import { useActionState } from "react";
import { saveExplanationAction, type ExplanationFormState } from "./actions";

/** 填写说明: the department's 说明 for the summary, on a row not met, behind or 未报送; saving it empty clears it. */
export function ExplanationForm({ goalId, metric, current, max }: { goalId: string; metric: string; current: string; max: number }) {
  const initial: ExplanationFormState = { status: "idle", message: "", fields: {}, at: 0 };
  const [state, action, pending] = useActionState(saveExplanationAction.bind(null, goalId), initial);
  const id = `explanation-${goalId}`;
  return (
    <details className="no-print mt-1 text-sm" data-testid="explanation-form" open={state.status === "error" || undefined}>
      <summary className="cursor-pointer text-brand-700 underline">{current ? "修改说明" : "填写说明"}</summary>
      <form action={action} className="mt-1 space-y-1">
        <label htmlFor={id} className="sr-only">{metric}的说明</label>
        <textarea
          id={id}
          name="text"
          defaultValue={current}
          maxLength={max}
          rows={3}
          className="w-full min-w-48 rounded border border-slate-300 px-2 py-1"
          placeholder="未完成或滞后的原因、下一步措施（留空保存即清除）"
          aria-describedby={`${id}-status`}
        />
        <div className="flex items-center gap-2">
          <button type="submit" disabled={pending} className="rounded bg-slate-800 px-2 py-1 text-white hover:bg-slate-700 disabled:opacity-60">
            {pending ? "保存中…" : "保存说明"}
          </button>
          <p id={`${id}-status`} role="status" aria-live="polite" className={state.status === "error" ? "text-red-700" : "text-green-700"}>
            {state.message}
          </p>
        </div>
      </form>
    </details>
  );
}
