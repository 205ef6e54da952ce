"use client";
import { useActionState } from "react";
import { FormMessage, SelectField, SubmitButton, TextField, controlClass, initialFormState, type Option } from "@/components/form-fields";
import { createDepartmentAction, renameDepartmentAction } from "./actions";

/** A new department of one government of the admin's scope (their own by default). */
export function CreateDepartmentForm({ regions = [], defaultRegionId = "" }: { regions?: readonly Option[]; defaultRegionId?: string }) {
  const [state, action, pending] = useActionState(createDepartmentAction, initialFormState({ name: "", regionId: defaultRegionId }));
  return (
    <form action={action} noValidate key={state.at} className="flex flex-wrap items-start gap-3" data-testid="create-department-form">
      {regions.length > 1 && (
        <SelectField label="所属地区" name="regionId" id="new-department-region" defaultValue={state.values.regionId} error={state.fields.regionId} options={regions} className="w-full sm:w-56" />
      )}
      <TextField label="单位名称" name="name" defaultValue={state.values.name} error={state.fields.name} autoComplete="off" placeholder="例如 市发展和改革委员会" className="w-full sm:w-80" />
      <div className="flex flex-wrap items-center gap-3 sm:mt-6">
        <SubmitButton pending={pending}>新增单位</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Inline rename inside the department list. */
export function RenameDepartmentForm({ departmentId, name }: { departmentId: string; name: string }) {
  const [state, action, pending] = useActionState(renameDepartmentAction.bind(null, departmentId), initialFormState({ name }));
  const id = `department-${departmentId}`;
  const error = state.fields.name ?? (state.status === "error" ? state.message : "");
  return (
    <form action={action} noValidate key={state.at} className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">单位名称</label>
      <input
        id={id}
        name="name"
        defaultValue={state.values.name}
        autoComplete="off"
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-status`}
        className={`${controlClass} min-w-0 flex-1 sm:max-w-80`}
      />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-60">
        {pending ? "保存中…" : "改名"}
      </button>
      <span id={`${id}-status`} role="status" aria-live="polite" className={`text-sm ${error ? "text-red-700" : "text-emerald-700"}`}>
        {error || (state.status === "saved" ? state.message : "")}
      </span>
    </form>
  );
}
