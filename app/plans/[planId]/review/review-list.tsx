"use client";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { approveReviewAction, batchReviewAction, returnReviewAction, type BatchReviewResult } from "./actions";
import { ENTRY_MESSAGES } from "@/lib/domain/messages";
import { ConfirmDialog } from "@/components/confirm-dialog";

/** One pending version as the page shows it (already formatted on the server). */
export interface ReviewRowView {
  id: string;
  goalId: string;
  goalHref: string;
  metric: string;
  department: string | null;
  period: string;
  /** The figure with its unit, "32.5万亩". */
  value: string;
  /** What the reporter typed, when it reads differently from `value` ("32.5", "325000亩"). */
  typed: string | null;
  previous: string | null;
  note: string | null;
  warnings: string[];
  submittedBy: string;
  submittedAt: string;
}

/** "partial": some of a batch done, some left alone. */
type Message = { tone: "ok" | "partial" | "error"; text: string } | null;

const REASON_NEEDED = ENTRY_MESSAGES.returnReason;

const button = "rounded px-2.5 py-1 text-sm disabled:opacity-60";

/** The list, or `emptyText` once nothing is pending — keeping the last action's message on screen either way. */
export function ReviewList({ rows, emptyText }: { rows: ReviewRowView[]; emptyText: string }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>(null);
  const [batchReturning, setBatchReturning] = useState(false);
  const [batchReason, setBatchReason] = useState("");
  const [batchError, setBatchError] = useState("");
  const [askingApprove, setAskingApprove] = useState(false);
  const [pending, start] = useTransition();
  const selectAll = useRef<HTMLInputElement>(null);
  // After a row's 通过/退回 the keyboard focus goes to the message: the row (and the button pressed) leaves the list,
  // and the list itself when it was the last one — the message is then mounted anew and takes the focus on mount.
  const statusFocus = useRef(false);
  const statusElement = useRef<HTMLParagraphElement | null>(null);
  const statusRef = useCallback((element: HTMLParagraphElement | null) => {
    statusElement.current = element;
    if (element && statusFocus.current) element.focus();
  }, []);

  // Rows reviewed (by us or by someone else) leave the list when the page refreshes; so do their selections.
  const ids = new Set(rows.map((r) => r.id));
  const chosen = [...selected].filter((id) => ids.has(id));
  const allChosen = rows.length > 0 && chosen.length === rows.length;
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosen.length > 0 && !allChosen;
  }, [chosen.length, allChosen]);

  const nameOf = new Map(rows.map((r) => [r.id, `${r.metric}（${r.period}）`]));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const approve = (row: ReviewRowView) =>
    start(async () => {
      const result = await approveReviewAction(row.id);
      statusFocus.current = true;
      setMessage({ tone: result.ok ? "ok" : "error", text: result.ok ? `已审核通过：${nameOf.get(row.id)}` : `${nameOf.get(row.id)}：${result.message}` });
    });

  const giveBack = (row: ReviewRowView) => {
    const reason = (reasons[row.id] ?? "").trim();
    if (!reason) {
      setRowErrors((e) => ({ ...e, [row.id]: REASON_NEEDED }));
      document.getElementById(`reason-${row.id}`)?.focus();
      return;
    }
    start(async () => {
      const result = await returnReviewAction(row.id, reason);
      setRowErrors((e) => ({ ...e, [row.id]: result.ok ? "" : result.message }));
      statusFocus.current = true;
      setMessage({ tone: result.ok ? "ok" : "error", text: result.ok ? `已退回：${nameOf.get(row.id)}，原因：${reason}` : `${nameOf.get(row.id)}：${result.message}` });
    });
  };

  const summary = (result: BatchReviewResult): string => {
    const skipped = Object.entries(result.skipped ?? {});
    if (!skipped.length) return result.message;
    const names = skipped.map(([id, why]) => `${nameOf.get(id) ?? "一条填报"}——${why.replace(/，请刷新后查看$/, "")}`);
    return `${result.message}：${names.join("；")}`;
  };

  const runBatch = (decision: { action: "approve" } | { action: "return"; reason: string }) => {
    const batch = chosen;
    start(async () => {
      const result = await batchReviewAction(batch, decision);
      setMessage({ tone: !result.ok ? "error" : Object.keys(result.skipped ?? {}).length ? "partial" : "ok", text: summary(result) });
      if (result.done?.length) {
        setSelected((current) => new Set([...current].filter((id) => !result.done!.includes(id))));
        if (decision.action === "return") {
          setBatchReturning(false);
          setBatchReason("");
        }
      }
      if (!result.ok && decision.action === "return" && !result.done) setBatchError(result.message);
    });
  };

  const batchApprove = () => {
    if (!chosen.length) return setMessage({ tone: "error", text: "请先勾选要审核的填报" });
    setAskingApprove(true);
  };

  const batchReturn = () => {
    if (!chosen.length) return setMessage({ tone: "error", text: "请先勾选要退回的填报" });
    const reason = batchReason.trim();
    if (!reason) {
      setBatchError(REASON_NEEDED);
      document.getElementById("batch-reason")?.focus();
      return;
    }
    setBatchError("");
    runBatch({ action: "return", reason });
  };

  useEffect(() => {
    if (statusFocus.current) statusElement.current?.focus();
  }, [message]);

  const status = (
    <p
      ref={statusRef}
      tabIndex={-1}
      onBlur={(e) => {
        if (e.relatedTarget) statusFocus.current = false;
      }}
      role="status" aria-live="polite" data-testid="review-message" className={`mt-1 text-sm empty:mt-0 ${message?.tone === "ok" ? "text-emerald-700" : message?.tone === "partial" ? "text-amber-800" : "text-red-700"}`}>
      {message?.text}
    </p>
  );
  if (rows.length === 0) {
    return (
      <div>
        {status}
        <p className="mt-2 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-500" data-testid="review-empty">{emptyText}</p>
      </div>
    );
  }

  return (
    <div>
      <div className="no-print sticky top-0 z-10 mb-2 rounded-lg border border-slate-200 bg-white/95 p-2 shadow-sm backdrop-blur">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
          <label className="inline-flex items-center gap-1.5">
            <input
              ref={selectAll}
              type="checkbox"
              checked={allChosen}
              onChange={(e) => setSelected(e.target.checked ? new Set(ids) : new Set())}
              className="size-4 accent-brand-700"
              data-testid="review-select-all"
            />
            全选
          </label>
          <span className="text-slate-600">已选 {chosen.length} 条</span>
          <button type="button" disabled={pending} onClick={batchApprove} className={`${button} bg-emerald-700 text-white hover:bg-emerald-600`} data-testid="review-batch-approve">
            批量通过
          </button>
          <ConfirmDialog
            open={askingApprove}
            question={`确定审核通过选中的 ${chosen.length} 条填报吗？通过后即计入看板。`}
            confirmLabel="确定通过"
            danger={false}
            onCancel={() => setAskingApprove(false)}
            onConfirm={() => {
              setAskingApprove(false);
              runBatch({ action: "approve" });
            }}
          />
          <button
            type="button"
            disabled={pending}
            onClick={() => setBatchReturning((v) => !v)}
            aria-expanded={batchReturning}
            className={`${button} border border-red-700 text-red-700 hover:bg-red-50`}
            data-testid="review-batch-return"
          >
            批量退回（填写原因）
          </button>
          {pending && <span className="text-slate-500">正在处理…</span>}
        </div>
        {batchReturning && (
          <div className="mt-2 text-sm">
            <label htmlFor="batch-reason" className="mb-1 block text-slate-700">退回原因（所选填报的单位都会看到）</label>
            <textarea
              id="batch-reason"
              rows={2}
              maxLength={500}
              value={batchReason}
              onChange={(e) => {
                setBatchReason(e.target.value);
                if (batchError) setBatchError("");
              }}
              aria-invalid={Boolean(batchError)}
              aria-describedby="batch-reason-error"
              placeholder="例如 口径与统计局不一致，请按1–6月累计数重新报送"
              className="w-full rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
              data-testid="review-batch-reason"
            />
            <p id="batch-reason-error" aria-live="polite" className="text-red-700 empty:hidden">{batchError}</p>
            <div className="mt-1 flex gap-2">
              <button type="button" disabled={pending} onClick={batchReturn} className={`${button} bg-red-700 text-white hover:bg-red-600`} data-testid="review-batch-return-confirm">
                确认退回 {chosen.length} 条
              </button>
              <button type="button" onClick={() => setBatchReturning(false)} className="px-2 text-slate-600 underline">取消</button>
            </div>
          </div>
        )}
        {status}
      </div>

      <div className="stack-wrap rounded-lg border border-slate-200 bg-white md:overflow-x-auto">
        <table className="stack-table">
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th className="no-print w-8"><span className="sr-only">选择</span></th>
              <th>指标</th>
              <th>期间</th>
              <th className="text-right">填报值</th>
              <th className="text-right">上次计入值</th>
              <th>说明</th>
              <th>填报人 · 提交时间</th>
              <th className="no-print w-56">审核</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="review-row" data-version-id={row.id} data-goal-id={row.goalId}>
                <td className="no-print max-md:float-right">
                  <label className="inline-flex items-center gap-1.5">
                    <input
                      type="checkbox"
                      checked={selected.has(row.id)}
                      onChange={(e) => toggle(row.id, e.target.checked)}
                      aria-label={`选择 ${nameOf.get(row.id)}`}
                      className="size-4 accent-brand-700"
                      data-testid="review-select"
                    />
                    <span className="text-slate-500 md:hidden">选择</span>
                  </label>
                </td>
                <td className="min-w-40">
                  <a href={row.goalHref} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{row.metric}</a>
                  {row.department && <div className="text-xs text-slate-500">{row.department}</div>}
                </td>
                <td data-label="期间" className="whitespace-nowrap">{row.period}</td>
                <td data-label="填报值" className="text-right">
                  <span className="font-semibold">{row.value}</span>
                  {row.typed && <div className="text-xs text-slate-500 max-md:inline max-md:ml-2">填写：{row.typed}</div>}
                </td>
                <td data-label="上次计入值" className="text-right">{row.previous ?? <span className="text-slate-500">无</span>}</td>
                <td data-label="说明" className="max-w-72">
                  {row.note ?? <span className="text-slate-500">—</span>}
                  {row.warnings.length > 0 && (
                    <ul className="mt-1 space-y-0.5 text-xs text-amber-800" aria-label="填报人已确认的提示">
                      {row.warnings.map((w, i) => (
                        <li key={i}>⚠ 已确认：{w}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-label="填报人" className="whitespace-nowrap">
                  {row.submittedBy}
                  <div className="text-xs text-slate-500 max-md:ml-2 max-md:inline">{row.submittedAt}</div>
                </td>
                <td className="no-print">
                  <div className="flex flex-wrap items-center gap-1.5 max-md:mt-1">
                    <button type="button" disabled={pending} onClick={() => approve(row)} className={`${button} bg-emerald-700 text-white hover:bg-emerald-600`} data-testid="review-approve">
                      通过
                    </button>
                    <input
                      id={`reason-${row.id}`}
                      value={reasons[row.id] ?? ""}
                      maxLength={500}
                      onChange={(e) => {
                        setReasons((r) => ({ ...r, [row.id]: e.target.value }));
                        if (rowErrors[row.id]) setRowErrors((er) => ({ ...er, [row.id]: "" }));
                      }}
                      onKeyDown={(e) => {
                        if (e.key === "Enter") giveBack(row);
                      }}
                      placeholder="退回原因"
                      aria-label={`退回原因：${nameOf.get(row.id)}`}
                      aria-invalid={Boolean(rowErrors[row.id])}
                      aria-describedby={`reason-${row.id}-error`}
                      className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-1 text-sm aria-[invalid=true]:border-red-600"
                      data-testid="review-reason"
                    />
                    <button type="button" disabled={pending} onClick={() => giveBack(row)} className={`${button} border border-red-700 text-red-700 hover:bg-red-50`} data-testid="review-return">
                      退回
                    </button>
                  </div>
                  <p id={`reason-${row.id}-error`} aria-live="polite" className="mt-0.5 text-xs text-red-700 empty:hidden">{rowErrors[row.id]}</p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
