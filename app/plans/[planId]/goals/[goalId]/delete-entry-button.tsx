"use client";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { deleteEntryAction } from "./actions";

export function DeleteEntryButton({ entryId, label }: { entryId: string; label: string }) {
  return (
    <ConfirmActionButton
      confirmText={`确定删除${label}的填报数据吗？删除会记入审计日志。`}
      action={() => deleteEntryAction(entryId)}
      label="删除"
      className="text-xs text-slate-500 underline hover:text-red-700"
    />
  );
}
