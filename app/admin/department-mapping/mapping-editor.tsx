"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiJson, errorText } from "@/lib/client/api";

interface Row {
  key: number;
  keyword: string;
  departmentId: string;
  standardName: string | null;
}

const cell = "w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-600";
const small = "rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs hover:border-slate-500 disabled:opacity-40";

/** The table as rows to edit in place; saved whole (PUT /api/v1/regions/:id/department-mapping). */
export function MappingEditor({ regionId, departments, rows: initial }: {
  regionId: string;
  departments: { id: string; name: string }[];
  rows: { keyword: string; departmentId: string; standardName: string | null }[];
}) {
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(initial.map((r, key) => ({ ...r, key })));
  const [next, setNext] = useState(initial.length);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [filter, setFilter] = useState("");
  const update = (key: number, patch: Partial<Row>) => setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: number) =>
    setRows((list) => {
      const copy = [...list];
      const [row] = copy.splice(index, 1);
      copy.splice(index + by, 0, row!);
      return copy;
    });
  const shown = rows.map((r, index) => ({ r, index })).filter(({ r }) => !filter || r.keyword.includes(filter) || departments.find((d) => d.id === r.departmentId)?.name.includes(filter));

  async function save() {
    setSaving(true);
    const answer = await apiJson<{ mapping: { rows: unknown[] } }>("PUT", `/api/v1/regions/${regionId}/department-mapping`, {
      rows: rows.filter((r) => r.keyword.trim() !== "" || r.departmentId !== "").map((r) => ({ keyword: r.keyword.trim(), departmentId: r.departmentId || null })),
    });
    setSaving(false);
    setMessage(answer.ok ? { ok: true, text: `已保存 ${answer.value.mapping.rows.length} 条对照` } : { ok: false, text: errorText(answer.error) });
    if (answer.ok) router.refresh();
  }

  return (
    <div className="space-y-3" data-testid="mapping-editor">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor="mapping-filter" className="text-slate-600">查找</label>
        <input id="mapping-filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="关键词或单位" className={`${cell} max-w-56`} />
        <span className="ml-auto flex gap-2">
          <button
            type="button"
            onClick={() => {
              setRows((list) => [{ key: next, keyword: "", departmentId: "", standardName: null }, ...list]);
              setNext((n) => n + 1);
              setFilter("");
            }}
            className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:border-slate-500"
            data-testid="mapping-add"
          >
            添加一行
          </button>
          <button type="button" disabled={saving} onClick={() => void save()} className="rounded bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-600 disabled:opacity-60" data-testid="mapping-save">
            {saving ? "正在保存…" : "保存对照表"}
          </button>
        </span>
      </div>
      <p aria-live="polite" className={`text-sm empty:hidden ${message?.ok === false ? "text-red-700" : "text-green-800"}`} data-testid="mapping-message">{message?.text ?? ""}</p>
      <div className="stack-wrap rounded border border-slate-200">
        <table className="stack-table">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th className="w-12">顺序</th>
              <th>关键词（指标或章节含）</th>
              <th>牵头单位</th>
              <th><span className="sr-only">操作</span></th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ r, index }) => (
              <tr key={r.key} data-testid="mapping-row">
                <td className="whitespace-nowrap text-slate-500" data-label="顺序">{index + 1}</td>
                <td data-label="关键词">
                  <input aria-label={`第${index + 1}行关键词`} value={r.keyword} onChange={(e) => update(r.key, { keyword: e.target.value })} className={cell} maxLength={40} />
                </td>
                <td data-label="牵头单位">
                  <select aria-label={`第${index + 1}行牵头单位`} value={r.departmentId} onChange={(e) => update(r.key, { departmentId: e.target.value })} className={`${cell} ${r.departmentId ? "" : "text-red-700"}`}>
                    <option value="">{r.standardName ? `未匹配（${r.standardName}，本地区尚无）` : "未匹配"}</option>
                    {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
                  </select>
                </td>
                <td className="whitespace-nowrap text-right">
                  <span className="inline-flex gap-1">
                    <button type="button" className={small} disabled={index === 0} onClick={() => move(index, -1)} aria-label={`第${index + 1}行上移`}>上移</button>
                    <button type="button" className={small} disabled={index === rows.length - 1} onClick={() => move(index, 1)} aria-label={`第${index + 1}行下移`}>下移</button>
                    <button type="button" className={`${small} text-red-700`} onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))} aria-label={`删除第${index + 1}行`}>删除</button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
