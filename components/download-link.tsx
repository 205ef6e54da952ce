"use client";
import { useState, type MouseEvent } from "react";
import { DOWNLOAD_MESSAGES, fileNameFromDisposition } from "@/lib/domain/summary/export";

/**
 * A link to a generated file (Word, Excel). With JavaScript it fetches the file itself, so the page can say
 * 正在生成… while the server builds it and show the server's Chinese error if it fails; without, it is a plain link.
 * A click with a modifier key (new tab, save as) is left to the browser.
 */
export function DownloadLink({ href, label, fallbackName, testId }: { href: string; label: string; fallbackName: string; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(href, { credentials: "same-origin" });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? DOWNLOAD_MESSAGES.failed(response.status));
        return;
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.href = url;
      anchor.download = fileNameFromDisposition(response.headers.get("content-disposition")) ?? fallbackName;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setError(DOWNLOAD_MESSAGES.network);
    } finally {
      setBusy(false);
    }
  }

  // Two flex items of the toolbar: the link in the row, the error on a line of its own at the end.
  return (
    <>
      <a href={href} onClick={download} aria-busy={busy} aria-disabled={busy} className={`px-2 py-1.5 underline ${busy ? "cursor-progress text-slate-500" : "text-slate-600 hover:text-brand-700"}`} data-testid={testId}>
        {busy ? (
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600" />
            {DOWNLOAD_MESSAGES.busy}
          </span>
        ) : (
          label
        )}
      </a>
      <p role="alert" aria-live="polite" className="order-last w-full text-red-700 empty:hidden" data-testid={testId ? `${testId}-error` : undefined}>
        {error && `${label}：${error}`}
      </p>
    </>
  );
}
