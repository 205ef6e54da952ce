"use client";
import { useActionState } from "react";
import { COMPARATOR_LABELS, DIRECTION_LABELS, KIND_LABELS } from "@/lib/domain/labels";
import { FREQUENCIES, frequencyLabel } from "@/lib/domain/periods";
import { CheckboxGroup, FormMessage, SelectField, SubmitButton, TextAreaField, TextField, initialFormState, type FormState, type Option } from "./form-fields";
import type { GoalFormValues } from "./goal-form-values";

export type GoalFormState = FormState<GoalFormValues>;

const entries = (table: Record<string, string>): Option[] => Object.entries(table).map(([value, label]) => ({ value, label }));
const COMPARATOR_OPTIONS = entries(COMPARATOR_LABELS);
const KIND_OPTIONS = entries(KIND_LABELS);
const DIRECTION_OPTIONS = entries(DIRECTION_LABELS);
const FREQUENCY_OPTIONS: Option[] = FREQUENCIES.map((f) => ({ value: f, label: frequencyLabel(f) }));
const ACCUMULATES_OPTIONS: Option[] = [
  { value: "true", label: "年内累计（按序时进度判断）" },
  { value: "false", label: "时点值（与目标直接比较）" },
];
const COMMON_UNITS = ["%", "亿元", "万元", "万人", "人", "万亩", "亩", "个", "项", "家", "天", "公里", "万吨", "户", "所"];

/** Create or edit one goal; the page binds the server action to the plan or goal. */
export function GoalForm({ action, initialValues, sections, departments, mode }: {
  action: (state: GoalFormState, formData: FormData) => Promise<GoalFormState>;
  initialValues: GoalFormValues;
  sections: readonly Option[];
  departments: readonly Option[];
  mode: "create" | "edit";
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState(initialValues));
  const v = state.values;
  const f = state.fields;
  const inferable = mode === "create";
  return (
    <form action={formAction} noValidate key={state.at} className="space-y-3" data-testid={`goal-form-${mode}`}>
      <TextField label="指标名称" name="metric" defaultValue={v.metric} error={f.metric} required placeholder="例如 新建高标准农田" />
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField label="目标值" name="targetValue" defaultValue={v.targetValue} error={f.targetValue} inputMode="decimal" autoComplete="off" required placeholder="例如 50" hint="节点任务可填 100，单位填 %" />
        <TextField label="目标上限（区间目标，可选）" name="targetValueHigh" defaultValue={v.targetValueHigh} error={f.targetValueHigh} inputMode="decimal" autoComplete="off" placeholder="例如 增长4.5%–5%中的 5" />
        <TextField label="单位" name="unit" defaultValue={v.unit} error={f.unit} list="goal-units" autoComplete="off" required placeholder="例如 万亩" />
        <SelectField label="比较方式" name="comparator" defaultValue={v.comparator} error={f.comparator} options={COMPARATOR_OPTIONS} hint="以上/不低于、以内/不超过、左右、达到" />
      </div>
      <datalist id="goal-units">
        {COMMON_UNITS.map((u) => <option key={u} value={u} />)}
      </datalist>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField label="指标类型" name="kind" defaultValue={v.kind} error={f.kind} options={KIND_OPTIONS} />
        <SelectField
          label="方向"
          name="direction"
          defaultValue={v.direction}
          error={f.direction}
          options={DIRECTION_OPTIONS}
          placeholder={inferable ? "自动判断" : undefined}
          hint={inferable ? "失业率、能耗、物价涨幅及“以内”类目标为越低越好" : undefined}
        />
        <SelectField
          label="数值口径"
          name="accumulates"
          defaultValue={v.accumulates}
          error={f.accumulates}
          options={ACCUMULATES_OPTIONS}
          placeholder={inferable ? "自动（新增累计类按序时进度）" : undefined}
        />
        <SelectField label="填报频次" name="frequency" defaultValue={v.frequency} error={f.frequency} options={FREQUENCY_OPTIONS} />
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="所属章节" name="sectionId" defaultValue={v.sectionId} error={f.sectionId} options={sections} placeholder="（不归入章节）" />
        <SelectField label="牵头单位" name="leadDepartmentId" defaultValue={v.leadDepartmentId} error={f.leadDepartmentId} options={departments} placeholder="（暂不分配）" />
      </div>
      <CheckboxGroup legend="配合单位（可多选）" name="coDepartmentIds" options={departments} selected={v.coDepartmentIds} error={f.coDepartmentIds} />
      <TextAreaField label="说明（可选）" name="description" defaultValue={v.description} error={f.description} rows={2} placeholder="口径、数据来源、分解要求等" />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>{mode === "create" ? "新增指标" : "保存修改"}</SubmitButton>
        <FormMessage state={state} testId="goal-form-message" />
      </div>
    </form>
  );
}
