"use client";
import Link from "next/link";
import { useState } from "react";
import { COMPARATOR_LABELS, DIRECTION_LABELS, KIND_LABELS, kindLabel, targetText } from "@/lib/domain/labels";
import { frequencyLabel } from "@/lib/domain/periods";
import type { ApiError } from "@/lib/client/api";
import { controlClass } from "@/components/form-fields";
import { COMPARATORS, DIFF_LABELS, DIRECTIONS, FREQUENCIES, KINDS, KIND_SWATCH, type Candidate } from "./review-types";

const small = "rounded border px-2 py-1 text-xs disabled:opacity-50";
const DECISION_STYLE: Record<Candidate["decision"], string> = {
  undecided: "border-slate-200 bg-white",
  accepted: "border-green-300 bg-green-50/40",
  rejected: "border-slate-200 bg-slate-50 opacity-75",
};
const DECISION_LABEL: Record<Candidate["decision"], string> = { undecided: "待定", accepted: "已接受", rejected: "已拒绝" };

export type CandidatePatch = Partial<{
  decision: Candidate["decision"];
  metric: string;
  value: string | null;
  valueHigh: string | null;
  unit: string;
  comparator: string;
  kind: string;
  direction: string;
  accumulates: boolean;
  frequency: string;
  leadDepartmentId: string | null;
  coDepartmentIds: string[];
}>;

function goalTarget(c: { value: string | null; valueHigh: string | null; unit: string; comparator: string; kind: string }): string {
  return c.kind === "milestone" ? "里程碑（无数值）" : targetText(c.value, c.unit, c.comparator, c.valueHigh, c.kind);
}

export function CandidateCard({ candidate: c, departments, active, busy, error, onPatch, onLocate, startEditing = false }: {
  candidate: Candidate;
  departments: { id: string; name: string }[];
  active: boolean;
  busy: boolean;
  error: ApiError | null;
  onPatch: (patch: CandidatePatch) => Promise<boolean>;
  onLocate: () => void;
  startEditing?: boolean;
}) {
  const [editing, setEditing] = useState(startEditing);
  const departmentName = (id: string | null) => departments.find((d) => d.id === id)?.name ?? null;
  const located = c.start >= 0;
  const hint = c.origin === "milestone_hint";
  return (
    <article
      id={`c-${c.id}`}
      data-testid="candidate"
      data-candidate-id={c.id}
      data-decision={c.decision}
      data-metric={c.metric}
      data-diff={c.diff ?? undefined}
      className={`scroll-mt-2 rounded border p-3 text-sm ${DECISION_STYLE[c.decision]} ${active ? "ring-2 ring-brand-600" : ""}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <button type="button" onClick={onLocate} disabled={!located} className="min-w-0 text-left hover:text-brand-700 disabled:cursor-default" title={located ? "在原文中定位" : undefined}>
          <span className={`mr-1.5 inline-block h-3 w-3 align-middle ${KIND_SWATCH[c.kind]}`} aria-hidden="true" />
          <span className={`font-semibold ${c.decision === "rejected" ? "line-through" : ""}`} data-testid="candidate-metric">{c.metric || "（未命名）"}</span>
          <span className="ml-2" data-testid="candidate-target">{goalTarget(c)}</span>
        </button>
        <span className="flex flex-wrap gap-1 text-xs">
          {c.diff && <span className={`rounded px-1.5 py-0.5 ${c.diff === "new" ? "bg-green-100 text-green-800" : c.diff === "changed" ? "bg-amber-100 text-amber-900" : c.diff === "removed" ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-600"}`} data-testid="candidate-diff">{DIFF_LABELS[c.diff]}</span>}
          {hint && <span className="rounded bg-rose-50 px-1.5 py-0.5 text-rose-800">可能的里程碑</span>}
          {c.origin === "added" && <span className="rounded bg-slate-100 px-1.5 py-0.5">手工添加</span>}
          {c.part === "review" && <span className="rounded bg-slate-200 px-1.5 py-0.5 text-slate-700">回顾部分</span>}
          <span className={`rounded px-1.5 py-0.5 ${c.decision === "accepted" ? "bg-green-100 text-green-800" : c.decision === "rejected" ? "bg-slate-200 text-slate-600" : "bg-white text-slate-600 ring-1 ring-slate-200"}`} data-testid="candidate-decision">{DECISION_LABEL[c.decision]}</span>
        </span>
      </div>

      {c.diff === "changed" && c.before && (
        <p className="mt-1 text-xs text-amber-900" data-testid="candidate-before">
          原：{c.before.metric} {goalTarget(c.before)}{c.before.leadDepartmentId ? `（${departmentName(c.before.leadDepartmentId) ?? "其他单位"}）` : ""} → 新：{c.metric} {goalTarget(c)}
        </p>
      )}
      {c.diff === "removed" && c.before && (
        <p className="mt-1 text-xs text-red-800">新文本中已没有此目标。接受即归档{c.before.hasFigures ? "（已有填报数据，只归档不删除）" : "或删除"}该指标；拒绝则保留。</p>
      )}

      {!hint && c.diff !== "removed" && (
        <p className="mt-1 text-slate-700">
          牵头：<span data-testid="candidate-lead">{c.leadDepartment?.name ?? <span className="text-red-700">未指定</span>}</span>
          {c.coDepartments.length > 0 && <> · 配合：{c.coDepartments.map((d) => d.name).join("、")}</>}
          {" "}· {kindLabel(c.kind)} · {frequencyLabel(c.frequency)}{c.accumulates ? "（累计）" : ""}
        </p>
      )}
      {!hint && c.diff !== "removed" && (
        <ul className="mt-1 space-y-0.5 text-xs text-slate-500">
          <li data-testid="candidate-suggestion">
            建议：{c.suggestion.leadDepartment?.name ?? "无"} — {c.suggestion.leadReason}
            {c.suggestion.leadDepartment && c.leadDepartment?.id !== c.suggestion.leadDepartment.id && (
              <button type="button" className="ml-1 underline hover:text-brand-700" disabled={busy} onClick={() => void onPatch({ leadDepartmentId: c.suggestion.leadDepartment!.id })}>采用</button>
            )}
          </li>
          <li>频次建议：{frequencyLabel(c.suggestion.frequency)} — {c.suggestion.frequencyReason}</li>
          {c.baseline && <li>上年基数：{c.baseline.value}{c.baseline.unit ?? ""}{c.baseline.year ? `（${c.baseline.year}年）` : ""}{c.baseline.quote ? `：“${c.baseline.quote}”` : ""}</li>}
          {c.previousGoal && (
            <li>
              上年同类指标：<Link href={`/plans/${c.previousGoal.planId}/goals/${c.previousGoal.id}`} className="underline hover:text-brand-700">{c.previousGoal.year}年 {c.previousGoal.metric} {c.previousGoal.value ?? ""}{c.previousGoal.unit}</Link>
            </li>
          )}
        </ul>
      )}
      <blockquote className="mt-1 line-clamp-3 border-l-2 border-slate-200 pl-2 text-xs text-slate-600">“{c.quote}”</blockquote>

      <div className="mt-2 flex flex-wrap items-center gap-1.5">
        {c.decision !== "accepted" && (
          <button type="button" disabled={busy} onClick={() => void onPatch({ decision: "accepted" })} className={`${small} border-green-700 bg-green-700 text-white hover:bg-green-800`} data-testid="candidate-accept">
            {c.diff === "removed" ? "接受删除" : "接受"}
          </button>
        )}
        {c.decision !== "rejected" && (
          <button type="button" disabled={busy} onClick={() => void onPatch({ decision: "rejected" })} className={`${small} border-slate-300 bg-white hover:border-slate-500`} data-testid="candidate-reject">
            {c.diff === "removed" ? "保留该指标" : "拒绝"}
          </button>
        )}
        {c.decision !== "undecided" && (
          <button type="button" disabled={busy} onClick={() => void onPatch({ decision: "undecided" })} className={`${small} border-transparent text-slate-600 hover:underline`}>撤销决定</button>
        )}
        {c.diff !== "removed" && (
          <button type="button" onClick={() => setEditing((e) => !e)} aria-expanded={editing} className={`${small} border-slate-300 bg-white hover:border-slate-500`} data-testid="candidate-edit">
            {editing ? "收起编辑" : "编辑"}
          </button>
        )}
        {busy && <span className="text-xs text-slate-500">正在保存…</span>}
      </div>
      {error && !editing && <p role="alert" className="mt-1 text-xs text-red-700" data-testid="candidate-error">{error.fields ? Object.values(error.fields).join("；") : error.message}</p>}
      {editing && (
        <CandidateEditor
          key={c.version}
          candidate={c}
          departments={departments}
          busy={busy}
          error={error}
          onSave={async (patch) => {
            if (await onPatch(patch)) setEditing(false);
          }}
        />
      )}
    </article>
  );
}

function CandidateEditor({ candidate: c, departments, busy, error, onSave }: {
  candidate: Candidate;
  departments: { id: string; name: string }[];
  busy: boolean;
  error: ApiError | null;
  onSave: (patch: CandidatePatch) => Promise<void>;
}) {
  const [v, setV] = useState({
    metric: c.metric,
    value: c.value ?? "",
    valueHigh: c.valueHigh ?? "",
    unit: c.unit,
    comparator: c.comparator as string,
    kind: c.kind as string,
    direction: c.direction as string,
    accumulates: c.accumulates,
    frequency: c.frequency as string,
    leadDepartmentId: c.leadDepartment?.id ?? "",
    coDepartmentIds: c.coDepartments.map((d) => d.id),
  });
  const f = error?.fields ?? {};
  const id = (name: string) => `edit-${c.id}-${name}`;
  const set = <K extends keyof typeof v>(key: K, value: (typeof v)[K]) => setV((old) => ({ ...old, [key]: value }));
  const patch = (decision?: Candidate["decision"]): CandidatePatch => ({
    metric: v.metric,
    value: v.value.trim() === "" ? null : v.value.trim(),
    valueHigh: v.valueHigh.trim() === "" ? null : v.valueHigh.trim(),
    unit: v.unit,
    comparator: v.comparator,
    kind: v.kind,
    direction: v.direction,
    accumulates: v.accumulates,
    frequency: v.frequency,
    leadDepartmentId: v.leadDepartmentId || null,
    coDepartmentIds: v.coDepartmentIds.filter((d) => d !== v.leadDepartmentId),
    ...(decision ? { decision } : {}),
  });
  const field = (name: keyof typeof v & string, label: string, control: React.ReactNode, className = "") => (
    <div className={`text-xs ${className}`}>
      <label htmlFor={id(name)} className="mb-0.5 block text-slate-600">{label}</label>
      {control}
      {f[name] && <p className="mt-0.5 text-red-700" aria-live="polite">{f[name]}</p>}
    </div>
  );
  const input = (name: "metric" | "value" | "valueHigh" | "unit", extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input id={id(name)} value={v[name]} onChange={(e) => set(name, e.target.value)} aria-invalid={Boolean(f[name])} className={`${controlClass} py-1`} autoComplete="off" {...extra} />
  );
  const select = (name: "comparator" | "kind" | "direction" | "frequency", options: readonly string[], labelOf: (o: string) => string) => (
    <select id={id(name)} value={v[name]} onChange={(e) => set(name, e.target.value)} aria-invalid={Boolean(f[name])} className={`${controlClass} py-1`}>
      {options.map((o) => <option key={o} value={o}>{labelOf(o)}</option>)}
    </select>
  );
  return (
    <form
      className="mt-2 grid grid-cols-2 gap-2 border-t border-slate-200 pt-2 sm:grid-cols-4"
      data-testid="candidate-editor"
      onSubmit={(e) => {
        e.preventDefault();
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        void onSave(patch(submitter?.value === "accept" ? "accepted" : undefined));
      }}
    >
      {field("metric", "指标名称", input("metric"), "col-span-2 sm:col-span-4")}
      {field("value", "目标值", input("value", { inputMode: "decimal", placeholder: "里程碑可留空" }))}
      {field("valueHigh", "区间上限（可选）", input("valueHigh", { inputMode: "decimal" }))}
      {field("unit", "单位", input("unit"))}
      {field("comparator", "比较方式", select("comparator", COMPARATORS, (o) => COMPARATOR_LABELS[o as keyof typeof COMPARATOR_LABELS]))}
      {field("kind", "指标类型", select("kind", KINDS, (o) => KIND_LABELS[o as keyof typeof KIND_LABELS]))}
      {field("direction", "方向", select("direction", DIRECTIONS, (o) => DIRECTION_LABELS[o as keyof typeof DIRECTION_LABELS]))}
      {field("frequency", "填报频次", select("frequency", FREQUENCIES, (o) => frequencyLabel(o as Candidate["frequency"])))}
      <div className="flex items-end pb-1.5 text-xs">
        <label className="inline-flex items-center gap-1.5">
          <input type="checkbox" checked={v.accumulates} onChange={(e) => set("accumulates", e.target.checked)} />
          年内累计
        </label>
      </div>
      {field(
        "leadDepartmentId",
        "牵头单位",
        <select id={id("leadDepartmentId")} value={v.leadDepartmentId} onChange={(e) => set("leadDepartmentId", e.target.value)} aria-invalid={Boolean(f.leadDepartmentId)} className={`${controlClass} py-1`}>
          <option value="">未指定</option>
          {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>,
        "col-span-2",
      )}
      {field(
        "coDepartmentIds",
        "配合单位（可多选）",
        <select
          id={id("coDepartmentIds")}
          multiple
          size={Math.min(4, Math.max(2, departments.length))}
          value={v.coDepartmentIds}
          onChange={(e) => set("coDepartmentIds", [...e.target.selectedOptions].map((o) => o.value))}
          className={`${controlClass} py-1`}
        >
          {departments.filter((d) => d.id !== v.leadDepartmentId).map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>,
        "col-span-2",
      )}
      <div className="col-span-2 flex flex-wrap items-center gap-2 sm:col-span-4">
        <button type="submit" value="save" disabled={busy} className={`${small} border-slate-400 bg-white hover:border-slate-600`} data-testid="candidate-save">保存</button>
        <button type="submit" value="accept" disabled={busy} className={`${small} border-green-700 bg-green-700 text-white hover:bg-green-800`} data-testid="candidate-save-accept">保存并接受</button>
        {error && <p role="alert" className="text-xs text-red-700" data-testid="candidate-error">{error.fields ? Object.values(error.fields).join("；") : error.message}</p>}
      </div>
    </form>
  );
}
