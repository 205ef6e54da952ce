"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";

/**
 * An in-page modal (the native <dialog>: focus kept inside, Escape closes it) — used for confirmations instead of
 * window.confirm, so the question, its consequences and a refusal can be shown in Chinese beside the buttons.
 */
export function Dialog({ open, onClose, title, children, testId }: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Every dialog is named by its title (screen readers announce it on open), with or without a test id.
  const titleId = `${useId()}-title`;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={titleId}
      data-testid={testId}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {open && (
        <div className="p-4">
          <h2 id={titleId} className="mb-3 text-lg font-semibold">{title}</h2>
          {children}
        </div>
      )}
    </dialog>
  );
}
