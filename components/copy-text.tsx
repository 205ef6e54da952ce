"use client";
import { useRef, useState } from "react";

/**
 * A read-only text to paste elsewhere (a 催报通知 into a work chat) with a 复制 button. The clipboard API needs a
 * secure context, which an intranet address over plain http is not: then the text is selected for Ctrl+C.
 */
export function CopyText({ text, label, rows = 8, textTestId, buttonTestId }: {
  text: string;
  label: string;
  rows?: number;
  textTestId?: string;
  buttonTestId?: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [message, setMessage] = useState<{ copied: boolean; text: string } | null>(null);
  const selectAll = () => {
    area.current?.focus();
    area.current?.select();
  };
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setMessage({ copied: true, text: "已复制，可粘贴到工作群" });
    } catch {
      selectAll();
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      setMessage(copied ? { copied, text: "已复制，可粘贴到工作群" } : { copied, text: "浏览器不允许自动复制，已选中全文，请按 Ctrl+C（手机上长按）复制" });
    }
  };
  return (
    <div className="text-sm">
      <textarea
        ref={area}
        readOnly
        aria-label={label}
        value={text}
        rows={rows}
        onFocus={(e) => e.currentTarget.select()}
        data-testid={textTestId}
        className="w-full resize-y rounded border border-slate-300 bg-white px-2 py-1.5 font-sans leading-relaxed text-slate-800"
      />
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <button type="button" onClick={copy} data-testid={buttonTestId} className="rounded bg-slate-800 px-3 py-1 text-white hover:bg-slate-700">
          复制
        </button>
        <span role="status" aria-live="polite" className={message?.copied ? "text-emerald-700" : "text-amber-800"}>{message?.text}</span>
      </div>
    </div>
  );
}
