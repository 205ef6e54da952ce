"use client";
import { useActionState } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { FormMessage, SelectField, SubmitButton, TextField, initialFormState, type Option } from "@/components/form-fields";
import type { LockState } from "./actions";
import { unlockPeriodAction } from "./actions";

/** 关账: choose a month or quarter of the plan year and say why. */
export function LockPeriodForm({ action, periods }: {
  action: (state: LockState, formData: FormData) => Promise<LockState>;
  periods: readonly Option[];
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState({ period: "", reason: "" }));
  const v = state.values;
  const f = state.fields;
  return (
    <form action={formAction} noValidate key={state.at} className="space-y-3" data-testid="lock-form">
      <div className="grid gap-3 sm:grid-cols-[12rem_minmax(0,1fr)]">
        <SelectField label="关账期间" name="period" id="lock-period" defaultValue={v.period} error={f.period} options={periods} placeholder="请选择" />
        <TextField label="关账原因" name="reason" id="lock-reason" defaultValue={v.reason} error={f.reason} maxLength={500} autoComplete="off" placeholder="例如 6月数据已审核完毕，报市政府常务会" />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="正在关账…">关账</SubmitButton>
        <FormMessage state={state} testId="lock-message" />
      </div>
    </form>
  );
}

export function UnlockButton({ planId, period, label }: { planId: string; period: string; label: string }) {
  return (
    <ConfirmActionButton
      confirmText={`确定解锁${label}吗？解锁后填报员可以再次提交该期间的数据，操作会记入审计日志。`}
      action={() => unlockPeriodAction(planId, period)}
      label="解锁"
      pendingLabel="正在解锁…"
      className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100 disabled:opacity-60"
    />
  );
}
