"use client";
import { useActionState } from "react";
import { FormMessage, SubmitButton, TextField, initialFormState } from "@/components/form-fields";
import type { PlanSettingsState, PlanSettingsValues } from "./actions";

export function PlanSettingsForm({ action, initialValues }: {
  action: (state: PlanSettingsState, formData: FormData) => Promise<PlanSettingsState>;
  initialValues: PlanSettingsValues;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState(initialValues));
  const v = state.values;
  const f = state.fields;
  return (
    <form action={formAction} noValidate key={state.at} className="space-y-3" data-testid="plan-settings-form">
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="宽限天数"
          name="graceDays"
          defaultValue={v.graceDays}
          error={f.graceDays}
          inputMode="numeric"
          autoComplete="off"
          hint="每期结束后超过该天数仍未填报，亮灰灯"
        />
        <TextField
          label="滞后阈值（黄灯）"
          name="marginBehind"
          defaultValue={v.marginBehind}
          error={f.marginBehind}
          inputMode="decimal"
          autoComplete="off"
          hint="0.10 即落后序时进度10个百分点"
        />
        <TextField
          label="严重滞后阈值（红灯）"
          name="marginFarBehind"
          defaultValue={v.marginFarBehind}
          error={f.marginFarBehind}
          inputMode="decimal"
          autoComplete="off"
          hint="0.30 即落后序时进度30个百分点"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>保存设置</SubmitButton>
        <FormMessage state={state} testId="plan-settings-message" />
      </div>
    </form>
  );
}
