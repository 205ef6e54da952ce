import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getImport } from "@/lib/server/imports";
import { can } from "@/lib/domain/permissions";
import { levelLabel } from "@/lib/domain/labels";
import { ReviewScreen } from "./review-screen";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "核对导入的目标" };

const FORMAT_LABELS: Record<string, string> = { text: "粘贴文本", txt: "文本文件", docx: "Word 文件", pdf: "PDF 文件" };

/** Step two of an import: every candidate checked against the highlighted report, then the plan created. */
export default async function ImportReviewPage({ params }: { params: Promise<{ importId: string }> }) {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const { importId } = await params;
  const draft = await getImport(actor, importId);
  if (!draft.ok) {
    if (draft.error.code === "not_found" || draft.error.code === "validation") notFound();
    if (draft.error.code === "forbidden") forbidden();
    throw new Error(draft.error.message);
  }
  const d = draft.value;
  const source = `${FORMAT_LABELS[d.format] ?? d.format}${d.fileName ? ` ${d.fileName}` : ""}`;
  return (
    <div className="space-y-3">
      <div>
        <nav className="mb-1 text-sm text-slate-500">
          <Link href="/" className="underline hover:text-brand-700">计划与看板</Link> / {d.targetPlanId ? "重新导入" : "导入报告"} / 核对目标
        </nav>
        <h1 className="text-xl font-semibold">{d.title}</h1>
        <p className="text-sm text-slate-500">{d.region} · {levelLabel(d.level)} · {d.year}年 · 来源：{source}{d.targetPlanId ? " · 与现有计划比对" : ""}</p>
        {d.warnings.length > 0 && (
          <ul className="mt-2 list-disc rounded border border-amber-300 bg-amber-50 py-2 pl-6 pr-3 text-sm text-amber-900" data-testid="import-warnings">
            {d.warnings.map((w) => <li key={w}>{w}</li>)}
          </ul>
        )}
      </div>
      {d.status === "draft" ? (
        <ReviewScreen draft={d} />
      ) : d.status === "committed" ? (
        <p className="rounded border border-slate-200 bg-white p-4" data-testid="import-closed">
          该导入已生成计划。{d.planId && <Link href={`/plans/${d.planId}`} className="underline hover:text-brand-700">查看计划</Link>}
        </p>
      ) : (
        <p className="rounded border border-slate-200 bg-white p-4" data-testid="import-closed">该导入已放弃。<Link href="/plans/new" className="underline hover:text-brand-700">重新导入</Link></p>
      )}
    </div>
  );
}
