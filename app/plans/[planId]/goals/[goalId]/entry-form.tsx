"use client";
import { useActionState } from "react";
import { periodLabel } from "@/lib/domain/periods";
import { submitEntryAction, type EntryFormState } from "./actions";

export function EntryForm({ goalId, unit, periods, suggestedPeriod, accumulates }: {
  goalId: string;
  unit: string;
  periods: string[];
  suggestedPeriod: string | null;
  accumulates: boolean;
}) {
  const initial: EntryFormState = { status: "idle", message: "", fields: {}, values: { period: suggestedPeriod ?? periods[0] ?? "", value: "", note: "" }, at: 0 };
  const [state, action, pending] = useActionState(submitEntryAction.bind(null, goalId), initial);
  return (
    <form action={action} className="space-y-3" noValidate key={state.at}>
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <label className="block text-sm">
          <span className="mb-1 block text-slate-700">填报期间</span>
          <select name="period" defaultValue={state.values.period} aria-describedby="period-error" className="w-full rounded border border-slate-300 bg-white px-2 py-1.5">
            {periods.map((p) => (
              <option key={p} value={p}>{periodLabel(p)}</option>
            ))}
          </select>
          <span id="period-error" aria-live="polite" className="mt-1 block text-red-700">{state.fields.period}</span>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block text-slate-700">
            {accumulates ? "年初至今累计值" : "当前值"}（单位：{unit}）
          </span>
          <input
            name="value"
            inputMode="decimal"
            defaultValue={state.values.value}
            autoComplete="off"
            aria-invalid={Boolean(state.fields.value)}
            aria-describedby="value-error"
            placeholder={unit.includes("%") ? "例如 6.5" : "例如 1200"}
            className="w-full rounded border border-slate-300 px-2 py-1.5 aria-[invalid=true]:border-red-600"
          />
          <span id="value-error" aria-live="polite" className="mt-1 block text-red-700" data-testid="value-error">{state.fields.value}</span>
        </label>
      </div>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-700">说明（可选：进展、口径、未达序时的原因）</span>
        <textarea name="note" rows={2} defaultValue={state.values.note} className="w-full rounded border border-slate-300 px-2 py-1.5" />
        <span aria-live="polite" className="mt-1 block text-red-700">{state.fields.note}</span>
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-600 disabled:opacity-60">
          {pending ? "正在保存…" : "提交"}
        </button>
        <p role="status" aria-live="polite" data-testid="entry-message" className={`text-sm ${state.status === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {state.message}
        </p>
      </div>
    </form>
  );
}
