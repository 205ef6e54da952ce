"use client";
import { Dialog } from "./dialog";

/**
 * A yes/no question in the in-app dialog (never window.confirm): the question, 取消 and the action's own label.
 * The confirm button carries data-testid="confirm-dialog-ok".
 */
export function ConfirmDialog({ open, title = "请确认", question, confirmLabel, onConfirm, onCancel, danger = true }: {
  open: boolean;
  title?: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  danger?: boolean;
}) {
  return (
    <Dialog open={open} onClose={onCancel} title={title} testId="confirm-dialog">
      <p className="text-sm leading-6">{question}</p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100">取消</button>
        <button
          type="button"
          autoFocus
          onClick={onConfirm}
          data-testid="confirm-dialog-ok"
          className={`rounded px-3 py-1 text-sm text-white ${danger ? "bg-red-700 hover:bg-red-600" : "bg-slate-800 hover:bg-slate-700"}`}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
