import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getBulkPage } from "@/lib/server/bulk/template";
import { PlanNav } from "@/components/plan-nav";
import { BulkUpload } from "./bulk-upload";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "批量填报" };

// The preview prints on A4 landscape; the choosers and buttons do not.
const PRINT_CSS = `
@page { size: A4 landscape; margin: 12mm 10mm; }
@media print {
  .bulk-page table { width: 100%; border-collapse: collapse; font-size: 10pt; }
  .bulk-page th, .bulk-page td { border: 0.5pt solid #94a3b8; padding: 2pt 4pt; word-break: break-all; }
  .bulk-page thead { display: table-header-group; }
  .bulk-page tr { break-inside: avoid; }
  .bulk-wrap { overflow: visible !important; border: 0 !important; }
}`;

export default async function BulkPage({ params }: { params: Promise<{ planId: string }> }) {
  const actor = await requirePageActor();
  const { planId } = await params;
  const result = await getBulkPage(actor, planId);
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    if (result.error.code === "forbidden") forbidden();
    throw new Error(result.error.message);
  }
  const data = result.value;
  return (
    <div className="bulk-page">
      <style>{PRINT_CSS}</style>
      <nav className="no-print mb-1 text-sm text-slate-500">
        <Link href={`/plans/${planId}`} className="underline hover:text-brand-700">{data.plan.title}</Link> / 批量填报
      </nav>
      <h1 className="text-xl font-semibold">批量填报（Excel）</h1>
      <p className="mb-3 text-sm text-slate-500">
        下载本单位本期的填报模板，在 Excel 中填好“本期累计值”和“说明”后上传；系统逐行按填报表单的规则检查，确认写入前不会保存任何数据。
        {data.plan.requiresReview && data.role !== "admin" ? "写入后为待审核，督查室审核后计入。" : ""}
      </p>
      <PlanNav planId={planId} current="bulk" isAdmin={data.role === "admin"} canEnter />
      {data.departments.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="bulk-no-department">本单位在该计划中没有需要填报的指标。</p>
      ) : (
        <BulkUpload
          planId={planId}
          departments={data.departments}
          periods={data.periods}
          defaultPeriod={data.defaultPeriod}
          isAdmin={data.role === "admin"}
        />
      )}
    </div>
  );
}
