"use client";
import { useActionState } from "react";
import { LEVEL_LABELS } from "@/lib/domain/labels";
import { FormMessage, SelectField, SubmitButton, TextField, initialFormState, type Option } from "@/components/form-fields";
import { createRegionAction, type RegionFormValues } from "./actions";

const LEVEL_OPTIONS: Option[] = Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }));

/** Adds a government under one of the admin's scope (their own region by default). */
export function CreateRegionForm({ parents, defaultParentId }: { parents: readonly Option[]; defaultParentId: string }) {
  const empty: RegionFormValues = { name: "", level: "district", parentId: defaultParentId };
  const [state, action, pending] = useActionState(createRegionAction, initialFormState(empty));
  const v = state.values;
  const f = state.fields;
  return (
    <form action={action} noValidate key={state.at} className="space-y-3" data-testid="create-region-form">
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="上级地区" name="parentId" id="new-region-parent" defaultValue={v.parentId} error={f.parentId} options={parents} />
        <TextField label="地区名称" name="name" id="new-region-name" defaultValue={v.name} error={f.name} autoComplete="off" placeholder="例如 东安区" />
        <SelectField label="行政层级" name="level" id="new-region-level" defaultValue={v.level} error={f.level} options={LEVEL_OPTIONS} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>新增地区</SubmitButton>
        <FormMessage state={state} testId="create-region-message" />
      </div>
    </form>
  );
}
