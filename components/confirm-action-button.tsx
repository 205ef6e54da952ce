"use client";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "./confirm-dialog";

/** A button that asks for confirmation (in the in-app dialog), runs a server action and shows its refusal next to itself. */
export function ConfirmActionButton({
  confirmText,
  action,
  label,
  pendingLabel,
  className,
}: {
  confirmText: string;
  action: () => Promise<{ ok: boolean; message: string }>;
  label: string;
  pendingLabel?: string;
  className: string;
}) {
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button type="button" disabled={pending} className={className} onClick={() => setAsking(true)}>
        {pending && pendingLabel ? pendingLabel : label}
      </button>
      <ConfirmDialog
        open={asking}
        question={confirmText}
        confirmLabel={`确定${label}`}
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          start(async () => {
            const result = await action();
            setError(result.ok ? null : result.message);
          });
        }}
      />
      {error && <span role="alert" className="ml-1 text-xs text-red-700">{error}</span>}
    </span>
  );
}
