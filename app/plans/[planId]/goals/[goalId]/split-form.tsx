"use client";
import { useActionState, useState } from "react";
import { checkSplit } from "@/lib/domain/shares";
import { splitGoalAction, type SplitFormState } from "./shares-actions";

interface Row {
  key: number;
  holder: string;
  target: string;
}

/** The admin's split: rows of holder and target, the sum shown live with the mismatch warning (a warning only). */
export function SplitForm({ goalId, unit, kind, target, options, current }: {
  goalId: string;
  unit: string;
  kind: string;
  target: string | null;
  /** Holders: lower regions in the admin's scope and the plan's own departments ("region:<id>" / "department:<id>"). */
  options: { regions: { id: string; name: string }[]; departments: { id: string; name: string }[] };
  current: { holder: string; target: string }[];
}) {
  const initial: SplitFormState = { status: "idle", message: "", fields: {}, warnings: [], at: 0 };
  const [state, action, pending] = useActionState(splitGoalAction.bind(null, goalId), initial);
  const [rows, setRows] = useState<Row[]>(() => (current.length ? current : [{ holder: "", target: "" }]).map((r, key) => ({ ...r, key })));
  const [next, setNext] = useState(rows.length);
  const update = (key: number, change: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const filled = rows.filter((r) => r.holder && r.target.trim());
  const valid = filled.every((r) => /^\d{1,18}(\.\d{1,6})?$/.test(r.target.trim()) && Number(r.target) > 0);
  const check = valid
    ? checkSplit({ target, unit, kind }, filled.map((r) => (r.holder.startsWith("region:") ? { regionId: r.holder.slice(7), target: r.target.trim() } : { departmentId: r.holder.slice(11), target: r.target.trim() })))
    : null;

  return (
    <form action={action} className="no-print mt-4 space-y-3 border-t border-slate-100 pt-3" aria-label="分解任务">
      <h3 className="font-medium">分解目标（管理员）</h3>
      <p className="text-xs text-slate-500">每行一个承担地区或单位；未列出的原有分解任务将归档（已填报数据保留）。</p>
      <ul className="space-y-2">
        {rows.map((row, i) => (
          <li key={row.key} className="flex flex-wrap items-center gap-2">
            <label className="sr-only" htmlFor={`holder-${row.key}`}>第{i + 1}行承担方</label>
            <select
              id={`holder-${row.key}`}
              name="holder"
              value={row.holder}
              onChange={(e) => update(row.key, { holder: e.target.value })}
              className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1.5 text-sm"
            >
              <option value="">请选择承担地区或单位</option>
              {options.regions.length > 0 && (
                <optgroup label="下级地区">
                  {options.regions.map((r) => <option key={r.id} value={`region:${r.id}`}>{r.name}</option>)}
                </optgroup>
              )}
              {options.departments.length > 0 && (
                <optgroup label="本级单位">
                  {options.departments.map((d) => <option key={d.id} value={`department:${d.id}`}>{d.name}</option>)}
                </optgroup>
              )}
            </select>
            <label className="sr-only" htmlFor={`target-${row.key}`}>第{i + 1}行分解目标</label>
            <span className="flex items-center gap-1">
              <input
                id={`target-${row.key}`}
                name="target"
                inputMode="decimal"
                value={row.target}
                onChange={(e) => update(row.key, { target: e.target.value })}
                className="w-24 rounded border border-slate-300 px-2 py-1.5 text-sm"
                placeholder="目标"
              />
              <span className="text-sm text-slate-600">{unit}</span>
            </span>
            <button type="button" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))} className="text-sm text-red-700 underline">
              删除
            </button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <button
          type="button"
          onClick={() => {
            setRows((rs) => [...rs, { key: next, holder: "", target: "" }]);
            setNext((n) => n + 1);
          }}
          className="rounded border border-slate-300 px-2 py-1"
        >
          添加一行
        </button>
        <span aria-live="polite" data-testid="split-sum">
          {check?.ok && check.sum !== null && <>合计 {check.sum}{unit}{target !== null && <>，目标 {target}{unit}</>}</>}
          {check?.ok && check.warnings.map((w) => <span key={w.code} className="ml-2 text-amber-800">⚠ {w.message}</span>)}
          {!valid && <span className="text-red-700">目标应为大于0的数字（最多6位小数）</span>}
        </span>
      </div>
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-3 py-1.5 text-sm text-white disabled:opacity-60">
        {pending ? "保存中…" : "保存分解"}
      </button>
      <div aria-live="polite" className="text-sm">
        {state.status === "saved" && <p className="text-emerald-800">{state.message}</p>}
        {state.status === "saved" && state.warnings.map((w) => <p key={w.code} className="text-amber-800">提示：{w.message}</p>)}
        {state.status === "error" && <p className="text-red-700">{state.message}</p>}
      </div>
    </form>
  );
}
