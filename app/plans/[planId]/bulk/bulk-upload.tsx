"use client";
import Link from "next/link";
import { useRef, useState } from "react";

interface Warning {
  code: string;
  message: string;
}
interface Row {
  row: number;
  goalId: string;
  metric: string;
  period: string | null;
  value: string | null;
  text: string | null;
  note: string | null;
  status: "ok" | "skipped" | "error" | "warning";
  errors: string[];
  warnings: Warning[];
  state?: string;
}
interface Answer {
  dryRun?: boolean;
  department?: { id: string; name: string };
  period?: string;
  rows?: Row[];
  summary?: { rows: number; ok: number; warning: number; error: number; skipped: number };
  written?: number;
  error?: { code: string; message: string; fields?: Record<string, string> };
}

const STATUS: Record<Row["status"], { label: string; className: string }> = {
  ok: { label: "可写入", className: "bg-green-50 text-green-800 border-green-200" },
  warning: { label: "需确认", className: "bg-amber-50 text-amber-900 border-amber-300" },
  error: { label: "有误", className: "bg-red-50 text-red-800 border-red-300" },
  skipped: { label: "未填写", className: "bg-slate-50 text-slate-600 border-slate-200" },
};

/** POSTs the form with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function upload(url: string, form: FormData, onProgress: (share: number) => void): Promise<{ status: number; body: Answer }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: Answer;
      try {
        body = JSON.parse(xhr.responseText) as Answer;
      } catch {
        body = { error: { code: "bad_response", message: "服务器返回了无法识别的内容，请稍后重试" } };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => resolve({ status: 0, body: { error: { code: "network", message: "网络错误，上传未完成，请检查网络后重试" } } });
    xhr.send(form);
  });
}

function errorText(answer: Answer): string {
  const e = answer.error;
  if (!e) return "";
  const fields = e.fields ? Object.values(e.fields) : [];
  return fields.length ? fields.join("；") : e.message;
}

export function BulkUpload({ planId, departments, periods, defaultPeriod, isAdmin }: {
  planId: string;
  departments: { id: string; name: string }[];
  periods: { value: string; label: string }[];
  defaultPeriod: string;
  isAdmin: boolean;
}) {
  const [department, setDepartment] = useState(departments[0]!.id);
  const [period, setPeriod] = useState(defaultPeriod);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Answer | null>(null);
  const [message, setMessage] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [written, setWritten] = useState<Answer | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const query = new URLSearchParams({ department, period }).toString();
  const templateHref = `/api/v1/plans/${planId}/template.xlsx?${query}`;

  async function send(dryRun: boolean) {
    if (!file) {
      setMessage("请先选择填好的 Excel 模板");
      return;
    }
    setBusy(true);
    setMessage("");
    setProgress(0);
    const form = new FormData();
    form.append("file", file);
    form.append("department", department);
    form.append("period", period);
    if (!dryRun && confirmed) form.append("confirm", "1");
    const { status, body } = await upload(`/api/v1/plans/${planId}/entries/bulk${dryRun ? "?dryRun=1" : ""}`, form, setProgress);
    setBusy(false);
    setProgress(null);
    if (status === 201) {
      setWritten(body);
      setPreview(null);
      return;
    }
    if (body.rows) setPreview(body);
    else setPreview(null);
    if (status >= 400 || status === 0) setMessage(errorText(body));
  }

  function reset() {
    setFile(null);
    setPreview(null);
    setWritten(null);
    setMessage("");
    setConfirmed(false);
    if (fileInput.current) fileInput.current.value = "";
  }

  if (written) {
    return (
      <section className="rounded-lg border border-green-300 bg-green-50 p-4" role="status" data-testid="bulk-written">
        <p className="font-medium text-green-900">
          已写入 {written.written} 条数据（{written.department?.name}，{periods.find((p) => p.value === written.period)?.label ?? written.period}）
          {written.rows?.some((r) => r.state === "pending") ? "，待督查室审核后计入看板" : "，已计入看板"}。
        </p>
        <p className="mt-2 flex flex-wrap gap-3 text-sm">
          <Link href={`/plans/${planId}`} className="underline" data-testid="bulk-to-board">查看看板</Link>
          <Link href={`/plans/${planId}/summary`} className="underline">查看年度总结</Link>
          <button type="button" onClick={reset} className="underline">继续上传</button>
        </p>
      </section>
    );
  }

  const rows = preview?.rows ?? [];
  const summary = preview?.summary;
  const canWrite = !!summary && summary.error === 0 && summary.ok + summary.warning > 0 && (summary.warning === 0 || confirmed);

  return (
    <div className="space-y-4">
      <section className="no-print rounded-lg border border-slate-200 bg-white p-3 sm:p-4" aria-label="下载模板">
        <h2 className="mb-2 text-base font-semibold">第一步：下载填报模板</h2>
        <div className="flex flex-wrap items-end gap-2 text-sm">
          <label className="flex flex-col">
            <span className="text-slate-600">单位</span>
            <select
              value={department}
              onChange={(e) => { setDepartment(e.target.value); setPreview(null); }}
              disabled={!isAdmin}
              className="max-w-64 rounded border border-slate-300 bg-white px-2 py-1"
              data-testid="bulk-department"
            >
              {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </label>
          <label className="flex flex-col">
            <span className="text-slate-600">期间</span>
            <select value={period} onChange={(e) => { setPeriod(e.target.value); setPreview(null); }} className="rounded border border-slate-300 bg-white px-2 py-1" data-testid="bulk-period">
              {periods.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
            </select>
          </label>
          <a href={templateHref} download className="rounded bg-slate-800 px-3 py-1.5 text-white hover:bg-slate-700" data-testid="bulk-download">下载模板</a>
        </div>
        <p className="mt-2 text-xs text-slate-500">按季度、半年或全年填报的指标，在该期间结束的月份列入模板（如6月的模板含第二季度和上半年的指标）。</p>
      </section>

      <section className="no-print rounded-lg border border-slate-200 bg-white p-3 sm:p-4" aria-label="上传">
        <h2 className="mb-2 text-base font-semibold">第二步：上传填好的模板，检查数据</h2>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPreview(null); setConfirmed(false); setMessage(""); }}
            className="max-w-full text-sm"
            data-testid="bulk-file"
            aria-label="选择 Excel 文件"
          />
          <button type="button" disabled={busy || !file} onClick={() => send(true)} className="rounded bg-brand-700 px-3 py-1.5 text-white disabled:opacity-50" data-testid="bulk-check">
            上传并检查
          </button>
        </div>
        {progress !== null && (
          <div className="mt-2 flex items-center gap-2 text-sm" data-testid="bulk-progress">
            <progress max={1} value={progress} className="h-2 w-48" aria-label="上传进度" />
            <span>{progress < 1 ? `上传中 ${Math.round(progress * 100)}%` : "检查中…"}</span>
          </div>
        )}
        <p role="alert" aria-live="assertive" className="mt-2 text-sm text-red-700 empty:hidden" data-testid="bulk-message">{message}</p>
      </section>

      {preview && (
        <section className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4" aria-label="检查结果" data-testid="bulk-preview">
          <h2 className="mb-1 text-base font-semibold">检查结果{preview.department ? `：${preview.department.name}` : ""}{preview.period ? ` · ${periods.find((p) => p.value === preview.period)?.label ?? preview.period}` : ""}</h2>
          {summary && (
            <p className="mb-2 text-sm text-slate-600" data-testid="bulk-summary">
              共 {summary.rows} 行：可写入 {summary.ok} 行，需确认 {summary.warning} 行，有误 {summary.error} 行，未填写 {summary.skipped} 行。尚未写入任何数据。
            </p>
          )}
          <div className="bulk-wrap hidden overflow-x-auto rounded border border-slate-200 sm:block">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-2 py-1.5 font-medium">行</th>
                  <th className="px-2 py-1.5 font-medium">指标</th>
                  <th className="px-2 py-1.5 font-medium">填报值</th>
                  <th className="px-2 py-1.5 font-medium">说明</th>
                  <th className="px-2 py-1.5 font-medium">检查结果</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.row} className="border-t border-slate-100 align-top" data-testid={`bulk-row-${r.row}`} data-status={r.status}>
                    <td className="px-2 py-1.5 text-slate-500">{r.row}</td>
                    <td className="px-2 py-1.5">{r.metric || "—"}</td>
                    <td className="px-2 py-1.5 whitespace-nowrap">{r.text ?? "—"}</td>
                    <td className="px-2 py-1.5">{r.note ?? ""}</td>
                    <td className="px-2 py-1.5"><RowStatus row={r} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="space-y-2 sm:hidden">
            {rows.map((r) => (
              <li key={r.row} className="rounded border border-slate-200 p-2 text-sm" data-status={r.status}>
                <div className="flex items-baseline justify-between gap-2">
                  <span className="font-medium">{r.metric || "—"}</span>
                  <span className="text-xs text-slate-500">第{r.row}行</span>
                </div>
                <div className="mt-1 text-slate-700">填报值：{r.text ?? "—"}{r.note ? ` · 说明：${r.note}` : ""}</div>
                <div className="mt-1"><RowStatus row={r} /></div>
              </li>
            ))}
          </ul>

          {summary && summary.warning > 0 && summary.error === 0 && (
            <label className="no-print mt-3 flex items-start gap-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="bulk-confirm">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="mt-1" />
              <span>我已核对标为“需确认”的 {summary.warning} 行数据，确认无误（每行须在模板“说明”列写明理由）。</span>
            </label>
          )}
          <div className="no-print mt-3 flex flex-wrap items-center gap-2">
            <button type="button" disabled={busy || !canWrite} onClick={() => send(false)} className="rounded bg-green-700 px-4 py-1.5 text-white disabled:opacity-50" data-testid="bulk-write">
              确认写入
            </button>
            <button type="button" onClick={() => window.print()} className="rounded border border-slate-300 px-3 py-1.5 text-sm">打印检查结果</button>
            {summary && summary.error > 0 && <span className="text-sm text-red-700">请在 Excel 中按提示修改有误的行后重新上传；本次不会写入任何数据。</span>}
          </div>
        </section>
      )}
    </div>
  );
}

function RowStatus({ row }: { row: Row }) {
  const s = STATUS[row.status];
  return (
    <div>
      <span className={`inline-block rounded border px-1.5 text-xs ${s.className}`}>{s.label}</span>
      {row.errors.map((e, i) => <p key={`e${i}`} className="mt-0.5 text-red-700">{e}</p>)}
      {row.warnings.map((w) => <p key={w.code} className="mt-0.5 text-amber-800">{w.message}</p>)}
    </div>
  );
}
