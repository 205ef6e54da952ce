// Presentational form pieces for the admin forms: label, control and its aria-live error in one place.
// No hooks here, so server pages and client forms can both use them.
import type { InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** What a server action returns to a form (the shape of app/plans/[planId]/goals/[goalId]/entry-form.tsx). */
export interface FormState<V> {
  status: "idle" | "saved" | "error";
  message: string;
  fields: Record<string, string>;
  /** What the user typed, so a refused form keeps it. */
  values: V;
  /** Changes with every response so the form re-mounts with `values`. */
  at: number;
}

export function initialFormState<V>(values: V): FormState<V> {
  return { status: "idle", message: "", fields: {}, values, at: 0 };
}

/** A refused submission: field errors keyed by the form's field names ("coDepartmentIds.0" → "coDepartmentIds"). */
export function refusedState<V>(error: { message: string; fields?: Record<string, string> }, values: V): FormState<V> {
  const fields: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fields ?? {})) {
    const name = key.split(".")[0] ?? key;
    if (!(name in fields)) fields[name] = message;
  }
  // A form-wide rule ("_") has no field to sit next to: it becomes the message.
  return { status: "error", message: fields._ ?? error.message, fields, values, at: Date.now() };
}

export const controlClass =
  "w-full rounded border border-slate-300 bg-white px-2 py-1.5 focus:border-brand-600 aria-[invalid=true]:border-red-600";

interface FieldShell {
  label: string;
  name: string;
  /** Unique on the page; defaults to the name. Needed when one page holds several forms with the same fields. */
  id?: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
}

function Shell({ label, id, error, hint, className, children }: Omit<FieldShell, "name"> & { id: string; children: ReactNode }) {
  return (
    <div className={`text-sm ${className ?? ""}`}>
      <label htmlFor={id} className="mb-1 block text-slate-700">{label}</label>
      {children}
      {hint && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">{hint}</p>}
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-red-700 empty:hidden" data-testid={`${id}-error`}>{error}</p>
    </div>
  );
}

const describedBy = (id: string, hint: unknown) => (hint ? `${id}-error ${id}-hint` : `${id}-error`);

export function TextField({ label, name, id, error, hint, className, ...input }: FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">) {
  const fieldId = id ?? `field-${name}`;
  return (
    <Shell label={label} id={fieldId} error={error} hint={hint} className={className}>
      <input id={fieldId} name={name} aria-invalid={Boolean(error)} aria-describedby={describedBy(fieldId, hint)} className={controlClass} {...input} />
    </Shell>
  );
}

export function TextAreaField({ label, name, id, error, hint, className, ref, ...textarea }: FieldShell & {
  ref?: Ref<HTMLTextAreaElement>;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id">) {
  const fieldId = id ?? `field-${name}`;
  return (
    <Shell label={label} id={fieldId} error={error} hint={hint} className={className}>
      <textarea ref={ref} id={fieldId} name={name} aria-invalid={Boolean(error)} aria-describedby={describedBy(fieldId, hint)} className={controlClass} {...textarea} />
    </Shell>
  );
}

export interface Option {
  value: string;
  label: string;
  /** Options with a group are shown under its heading (<optgroup>), e.g. departments by their government. */
  group?: string;
}

/** The options in their order, runs of one group gathered under its heading. */
function SelectOptions({ options }: { options: readonly Option[] }) {
  const runs: { group?: string; options: Option[] }[] = [];
  for (const o of options) {
    const last = runs[runs.length - 1];
    if (last && last.group === o.group) last.options.push(o);
    else runs.push({ group: o.group, options: [o] });
  }
  return runs.map((run, i) => {
    const items = run.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>);
    return run.group === undefined ? items : <optgroup key={`${run.group}-${i}`} label={run.group}>{items}</optgroup>;
  });
}

export function SelectField({ label, name, id, error, hint, className, options, placeholder, ...select }: FieldShell & {
  options: readonly Option[];
  /** A first, empty choice ("请选择", "自动判断"). */
  placeholder?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id">) {
  const fieldId = id ?? `field-${name}`;
  return (
    <Shell label={label} id={fieldId} error={error} hint={hint} className={className}>
      <select id={fieldId} name={name} aria-invalid={Boolean(error)} aria-describedby={describedBy(fieldId, hint)} className={controlClass} {...select}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        <SelectOptions options={options} />
      </select>
    </Shell>
  );
}

/** A list of checkboxes sharing one name (read with formData.getAll). */
export function CheckboxGroup({ legend, name, options, selected, error, hint, idPrefix }: {
  legend: string;
  name: string;
  options: readonly Option[];
  selected: readonly string[];
  error?: string;
  hint?: string;
  idPrefix?: string;
}) {
  const errorId = `${idPrefix ?? "field"}-${name}-error`;
  return (
    <fieldset className="text-sm" aria-describedby={errorId}>
      <legend className="mb-1 text-slate-700">{legend}</legend>
      {hint && <p className="mb-1 text-xs text-slate-500">{hint}</p>}
      {options.length === 0 ? (
        <p className="text-slate-500">暂无可选项</p>
      ) : (
        <div className="grid max-h-48 grid-cols-1 gap-x-4 gap-y-1 overflow-y-auto rounded border border-slate-200 bg-white p-2 sm:grid-cols-2 lg:grid-cols-3">
          {options.map((o) => (
            <label key={o.value} className="flex items-center gap-2">
              <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} className="size-4 accent-brand-700" />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
      )}
      <p id={errorId} aria-live="polite" className="mt-1 text-red-700 empty:hidden">{error}</p>
    </fieldset>
  );
}

export function SubmitButton({ pending, children, pendingText = "正在保存…", tone = "primary" }: {
  pending: boolean;
  children: ReactNode;
  pendingText?: string;
  tone?: "primary" | "secondary";
}) {
  const colours = tone === "primary" ? "bg-brand-700 text-white hover:bg-brand-600" : "bg-slate-800 text-white hover:bg-slate-700";
  return (
    <button type="submit" disabled={pending} className={`rounded px-4 py-1.5 text-sm font-medium disabled:opacity-60 ${colours}`}>
      {pending ? pendingText : children}
    </button>
  );
}

/** The form-level result line: errors in red, confirmations in green, always announced. */
export function FormMessage({ state, testId }: { state: Pick<FormState<unknown>, "status" | "message">; testId?: string }) {
  return (
    <p role="status" aria-live="polite" data-testid={testId} className={`text-sm ${state.status === "error" ? "text-red-700" : "text-emerald-700"}`}>
      {state.message}
    </p>
  );
}
