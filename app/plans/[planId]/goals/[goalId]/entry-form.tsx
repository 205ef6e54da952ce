"use client";
import { useActionState, useState } from "react";
import { periodLabel } from "@/lib/domain/periods";
import { submitEntryAction, type EntryFormState } from "./actions";

export function EntryForm({ goalId, unit, periods, suggestedPeriod, accumulates, newestVersion, lockedPeriods, isAdmin, today }: {
  goalId: string;
  unit: string;
  periods: string[];
  suggestedPeriod: string | null;
  accumulates: boolean;
  /** period → newest version number the page showed: a submission after someone else's is refused as stale. */
  newestVersion: Record<string, number>;
  lockedPeriods: Record<string, string>;
  isAdmin: boolean;
  today: string;
}) {
  const initial: EntryFormState = {
    status: "idle", message: "", fields: {}, warnings: [],
    values: { period: suggestedPeriod ?? periods[0] ?? "", value: "", note: "", reportedAt: "" }, at: 0,
  };
  const [state, action, pending] = useActionState(submitEntryAction.bind(null, goalId), initial);
  return <EntryFormFields key={state.at} state={state} action={action} pending={pending} {...{ unit, periods, accumulates, newestVersion, lockedPeriods, isAdmin, today }} />;
}

function EntryFormFields({ state, action, pending, unit, periods, accumulates, newestVersion, lockedPeriods, isAdmin, today }: {
  state: EntryFormState;
  action: (formData: FormData) => void;
  pending: boolean;
  unit: string;
  periods: string[];
  accumulates: boolean;
  newestVersion: Record<string, number>;
  lockedPeriods: Record<string, string>;
  isAdmin: boolean;
  today: string;
}) {
  const [period, setPeriod] = useState(state.values.period);
  const confirming = state.status === "confirm" && state.warnings.length > 0;
  const locked = lockedPeriods[period];
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="baseVersion" value={String(newestVersion[period] ?? 0)} />
      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <label className="block text-sm">
          <span className="mb-1 block text-slate-700">填报期间</span>
          <select name="period" value={period} onChange={(e) => setPeriod(e.target.value)} aria-describedby="period-error" className="w-full rounded border border-slate-300 bg-white px-2 py-1.5">
            {periods.map((p) => (
              <option key={p} value={p}>{periodLabel(p)}{lockedPeriods[p] !== undefined ? "（已关账）" : ""}</option>
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
            maxLength={64}
            aria-invalid={Boolean(state.fields.value)}
            aria-describedby="value-error"
            placeholder={unit.includes("%") ? "例如 6.5" : "例如 1200"}
            className="w-full rounded border border-slate-300 px-2 py-1.5 aria-[invalid=true]:border-red-600"
          />
          <span id="value-error" aria-live="polite" className="mt-1 block text-red-700" data-testid="value-error">{state.fields.value}</span>
        </label>
      </div>
      {locked !== undefined && (
        <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="period-locked">
          {periodLabel(period)}已关账（{locked}）。{isAdmin ? "管理员补录或更正须在说明中写明原因。" : "不能再填报；如需更正请联系督查室。"}
        </p>
      )}
      {isAdmin && (
        <label className="block text-sm sm:w-64">
          <span className="mb-1 block text-slate-700">填报日期（补录以往数据时填写，默认今天）</span>
          <input type="date" name="reportedAt" max={today} defaultValue={state.values.reportedAt} className="w-full rounded border border-slate-300 px-2 py-1.5" />
          <span aria-live="polite" className="mt-1 block text-red-700">{state.fields.reportedAt}</span>
        </label>
      )}
      <label className="block text-sm">
        <span className="mb-1 block text-slate-700">说明{confirming ? "（必填：请说明数据为何无误）" : "（可选：进展、口径、未达序时的原因）"}</span>
        <textarea
          name="note"
          rows={2}
          maxLength={1000}
          defaultValue={state.values.note}
          aria-invalid={Boolean(state.fields.note)}
          aria-describedby="note-error"
          className="w-full rounded border border-slate-300 px-2 py-1.5 aria-[invalid=true]:border-red-600"
        />
        <span id="note-error" aria-live="polite" className="mt-1 block text-red-700" data-testid="note-error">{state.fields.note}</span>
      </label>
      {confirming && (
        <div role="alert" className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950" data-testid="entry-warnings">
          <p className="font-medium">请核对：这个数据看起来可能有误</p>
          {state.fields.note && <p className="mt-1 text-red-700">{state.message}</p>}
          <ul className="mt-1 list-disc pl-5">
            {state.warnings.map((w) => <li key={w.code}>{w.message}</li>)}
          </ul>
          <input type="hidden" name="warnings" value={JSON.stringify(state.warnings)} />
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" name="confirm" data-testid="entry-confirm" />
            <span>我已核对，数据无误，确认提交（请在说明中写明理由）</span>
          </label>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-brand-600 disabled:opacity-60">
          {pending ? "正在提交…" : confirming ? "确认提交" : "提交"}
        </button>
        <p role="status" aria-live="polite" data-testid="entry-message" className={`text-sm ${state.status === "saved" ? "text-emerald-700" : state.status === "confirm" ? "text-amber-800" : "text-red-700"}`}>
          {state.status === "confirm" ? "" : state.message}
        </p>
      </div>
    </form>
  );
}
