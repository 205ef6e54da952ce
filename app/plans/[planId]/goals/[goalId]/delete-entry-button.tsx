"use client";
import { useState, useTransition } from "react";
import { deleteEntryAction } from "./actions";

export function DeleteEntryButton({ entryId, label }: { entryId: string; label: string }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        disabled={pending}
        className="text-xs text-slate-500 underline hover:text-red-700"
        onClick={() => {
          if (!window.confirm(`确定删除${label}的填报数据吗？删除会记入审计日志。`)) return;
          start(async () => {
            const result = await deleteEntryAction(entryId);
            setError(result.ok ? null : result.message);
          });
        }}
      >
        删除
      </button>
      {error && <span role="alert" className="ml-1 text-xs text-red-700">{error}</span>}
    </span>
  );
}
