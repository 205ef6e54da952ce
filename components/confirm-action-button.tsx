"use client";
import { useState, useTransition } from "react";

/** A button that asks for confirmation, runs a server action and shows its refusal next to itself. */
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
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        disabled={pending}
        className={className}
        onClick={() => {
          if (!window.confirm(confirmText)) return;
          start(async () => {
            const result = await action();
            setError(result.ok ? null : result.message);
          });
        }}
      >
        {pending && pendingLabel ? pendingLabel : label}
      </button>
      {error && <span role="alert" className="ml-1 text-xs text-red-700">{error}</span>}
    </span>
  );
}
