"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiJson, errorText } from "@/lib/client/api";
import { Dialog } from "@/components/dialog";

export interface DraftRow {
  id: string;
  title: string;
  region: string;
  year: number;
  reimport: boolean;
  undecided: number;
  accepted: number;
  updatedAt: string;
}

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

/** Unfinished imports (admins): continue the review, or discard the draft after an in-page confirmation. */
export function ImportDrafts({ drafts }: { drafts: DraftRow[] }) {
  const router = useRouter();
  const [asked, setAsked] = useState<DraftRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  if (drafts.length === 0) return null;
  return (
    <section className="mb-5 rounded-lg border border-amber-300 bg-amber-50/60 p-4" aria-labelledby="drafts-heading" data-testid="import-drafts">
      <h2 id="drafts-heading" className="mb-2 font-semibold">未完成的导入（{drafts.length}）</h2>
      <ul className="space-y-2">
        {drafts.map((d) => (
          <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="import-draft" data-import-id={d.id}>
            <span className="min-w-0 flex-1">
              <span className="font-medium">{d.title}</span>
              {d.reimport && <span className="ml-1 rounded bg-amber-100 px-1.5 text-xs text-amber-900">重新导入</span>}
              <span className="ml-2 text-slate-500">待定 {d.undecided} · 已接受 {d.accepted} · 更新于 {dateTime.format(new Date(d.updatedAt))}</span>
            </span>
            <Link href={`/imports/${d.id}`} className="rounded bg-brand-700 px-2.5 py-1 text-white hover:bg-brand-600">继续审核</Link>
            <button type="button" onClick={() => { setError(null); setAsked(d); }} className="rounded border border-slate-300 bg-white px-2.5 py-1 hover:border-slate-500">放弃</button>
          </li>
        ))}
      </ul>
      <Dialog open={asked !== null} onClose={() => setAsked(null)} title="放弃这次导入？" testId="discard-draft-dialog">
        <p className="text-sm">“{asked?.title}”的核对结果将不再保留为可编辑的草稿，也不会创建计划。</p>
        {error && <p role="alert" className="mt-2 text-sm text-red-700">{error}</p>}
        <div className="mt-3 flex justify-end gap-2">
          <button type="button" onClick={() => setAsked(null)} className="rounded border border-slate-300 bg-white px-2.5 py-1 text-sm">取消</button>
          <button
            type="button"
            disabled={working}
            onClick={async () => {
              if (!asked) return;
              setWorking(true);
              const answer = await apiJson("DELETE", `/api/v1/imports/${asked.id}`);
              setWorking(false);
              if (!answer.ok) return setError(errorText(answer.error));
              setAsked(null);
              router.refresh();
            }}
            className="rounded border border-red-700 bg-red-700 px-2.5 py-1 text-sm text-white disabled:opacity-50"
            data-testid="confirm-discard-draft"
          >
            放弃导入
          </button>
        </div>
      </Dialog>
    </section>
  );
}
