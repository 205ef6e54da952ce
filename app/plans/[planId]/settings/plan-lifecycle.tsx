"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiJson, errorText } from "@/lib/client/api";
import { Dialog } from "@/components/dialog";
import { controlClass } from "@/components/form-fields";

const button = "rounded border px-3 py-1.5 text-sm disabled:opacity-50";

/** Rename, archive (or restore), delete a plan (PATCH / DELETE /api/v1/plans/:id), and re-import a revised text. */
export function PlanLifecycle({ planId, title, archived }: { planId: string; title: string; archived: boolean }) {
  const router = useRouter();
  const [name, setName] = useState(title);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [dialog, setDialog] = useState<"archive" | "delete" | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  async function rename(event: React.FormEvent) {
    event.preventDefault();
    setWorking(true);
    const answer = await apiJson<{ plan: { title: string } }>("PATCH", `/api/v1/plans/${planId}`, { title: name });
    setWorking(false);
    setMessage(answer.ok ? { ok: true, text: `已改名为“${answer.value.plan.title}”` } : { ok: false, text: errorText(answer.error) });
    if (answer.ok) router.refresh();
  }

  async function archive() {
    setWorking(true);
    const answer = await apiJson("PATCH", `/api/v1/plans/${planId}`, { archived: !archived });
    setWorking(false);
    if (!answer.ok) return setRefusal(errorText(answer.error));
    setDialog(null);
    setMessage({ ok: true, text: archived ? "已取消归档，计划重新显示在计划列表中" : "已归档：计划不再显示在计划列表中，仍可从此页访问" });
    router.refresh();
  }

  async function remove() {
    setWorking(true);
    const answer = await apiJson("DELETE", `/api/v1/plans/${planId}`);
    setWorking(false);
    if (!answer.ok) return setRefusal(errorText(answer.error));
    router.push("/");
  }

  return (
    <div className="space-y-4">
      <form onSubmit={rename} className="flex flex-wrap items-end gap-2" data-testid="rename-plan-form">
        <div className="min-w-64 flex-1 text-sm sm:max-w-xl">
          <label htmlFor="plan-title" className="mb-1 block text-slate-700">计划名称</label>
          <input id="plan-title" value={name} onChange={(e) => setName(e.target.value)} className={controlClass} autoComplete="off" />
        </div>
        <button type="submit" disabled={working || name.trim() === title} className={`${button} border-brand-700 bg-brand-700 text-white hover:bg-brand-600`}>保存名称</button>
      </form>
      <p aria-live="polite" className={`text-sm empty:hidden ${message?.ok === false ? "text-red-700" : "text-green-800"}`} data-testid="plan-lifecycle-message">{message?.text ?? ""}</p>
      <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3 text-sm">
        <Link href={`/plans/new?planId=${planId}`} className={`${button} border-slate-300 bg-white hover:border-slate-500`} data-testid="reimport-plan">重新导入修订稿</Link>
        <button type="button" onClick={() => { setRefusal(null); setDialog("archive"); }} className={`${button} border-slate-300 bg-white hover:border-slate-500`} data-testid="archive-plan">
          {archived ? "取消归档" : "归档计划"}
        </button>
        <button type="button" onClick={() => { setRefusal(null); setDialog("delete"); }} className={`${button} border-red-300 bg-white text-red-700 hover:border-red-600`} data-testid="delete-plan">删除计划</button>
      </div>
      <Dialog open={dialog === "archive"} onClose={() => setDialog(null)} title={archived ? "取消归档？" : "归档此计划？"} testId="archive-plan-dialog">
        <p className="text-sm">{archived ? "计划将重新显示在计划列表和待办中。" : "归档后计划不再显示在计划列表中，数据全部保留，可随时取消归档。"}</p>
        {refusal && <p role="alert" className="mt-2 text-sm text-red-700">{refusal}</p>}
        <div className="mt-3 flex justify-end gap-2">
          <button type="button" onClick={() => setDialog(null)} className={`${button} border-slate-300 bg-white`}>取消</button>
          <button type="button" disabled={working} onClick={() => void archive()} className={`${button} border-brand-700 bg-brand-700 text-white`} data-testid="confirm-archive-plan">{archived ? "取消归档" : "归档"}</button>
        </div>
      </Dialog>
      <Dialog open={dialog === "delete"} onClose={() => setDialog(null)} title="删除此计划？" testId="delete-plan-dialog">
        <p className="text-sm">计划及其全部指标将被删除，不能恢复。已有填报数据或已分解给下级的计划不能删除，可改为归档。</p>
        {refusal && <p role="alert" className="mt-2 text-sm text-red-700" data-testid="delete-plan-error">{refusal}</p>}
        <div className="mt-3 flex justify-end gap-2">
          <button type="button" onClick={() => setDialog(null)} className={`${button} border-slate-300 bg-white`}>取消</button>
          <button type="button" disabled={working || refusal !== null} onClick={() => void remove()} className={`${button} border-red-700 bg-red-700 text-white`} data-testid="confirm-delete-plan">删除</button>
        </div>
      </Dialog>
    </div>
  );
}
