import { forbidden, notFound } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/server/auth";
import { can } from "@/lib/domain/permissions";
import { isPlausibleId } from "@/lib/domain/ids";
import { listManagedRegions } from "@/lib/server/regions";
import { getPlan } from "@/lib/server/plans";
import { ReportUploadForm } from "./report-upload-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "导入政府工作报告" };

/** Step one of an import: the report (pasted or a file) and its government; the review screen follows. */
export default async function NewPlanPage({ searchParams }: { searchParams: Promise<{ planId?: string | string[] }> }) {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const { planId: rawPlanId } = await searchParams;
  const planId = typeof rawPlanId === "string" && rawPlanId ? rawPlanId : null;
  // A re-import: a revised text of an existing plan's report, compared with its goals.
  let target: { id: string; title: string; regionId: string; region: string; level: string; year: number } | null = null;
  if (planId) {
    if (!isPlausibleId(planId)) notFound();
    const plan = await getPlan(actor, planId);
    if (!plan.ok) {
      if (plan.error.code === "not_found") notFound();
      if (plan.error.code === "forbidden") forbidden();
      throw new Error(plan.error.message);
    }
    const p = plan.value;
    target = { id: p.id, title: p.title, regionId: p.regionId, region: p.region, level: p.level, year: p.year };
  }
  const regions = await listManagedRegions(actor);
  if (!regions.ok) throw new Error(regions.error.message);
  return (
    <div className="max-w-5xl">
      <nav className="mb-2 text-sm text-slate-500">
        <Link href="/" className="underline hover:text-brand-700">计划与看板</Link> /{" "}
        {target ? <><Link href={`/plans/${target.id}/settings`} className="underline hover:text-brand-700">{target.title}</Link> / 重新导入修订稿</> : "导入报告"}
      </nav>
      <h1 className="text-xl font-semibold">{target ? "重新导入修订稿" : "导入政府工作报告"}</h1>
      <p className="mb-4 mt-1 text-sm text-slate-500">
        {target
          ? "上传修订后的报告：系统逐项比对现有指标，列出新增、变更、删除和不变的目标，由您确认后再更新计划；已有填报数据的指标不会被删除。"
          : "第一步：上传或粘贴报告。系统识别其中的量化目标、所属章节，并给出牵头单位和填报频次的建议；第二步逐项核对后再创建计划。"}
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <ReportUploadForm
          regions={regions.value.map((r) => ({ id: r.id, name: r.name, level: r.level, depth: r.depth }))}
          defaultRegionId={target?.regionId ?? actor.scope.regionId ?? ""}
          target={target}
        />
      </section>
      <p className="mt-3 text-sm text-slate-500">
        下级地区尚未建立时，请先在<Link href="/admin/regions" className="underline hover:text-brand-700">系统管理 → 地区</Link>中添加。
      </p>
    </div>
  );
}
