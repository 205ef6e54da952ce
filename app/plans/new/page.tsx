import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/server/auth";
import { can } from "@/lib/domain/permissions";
import { listManagedRegions } from "@/lib/server/regions";
import { PlanImportForm } from "./plan-import-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "导入政府工作报告" };

export default async function NewPlanPage() {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const regions = await listManagedRegions(actor);
  if (!regions.ok) throw new Error(regions.error.message);
  return (
    <div className="max-w-5xl">
      <nav className="mb-2 text-sm text-slate-500"><Link href="/" className="underline hover:text-brand-700">计划与看板</Link> / 导入报告</nav>
      <h1 className="text-xl font-semibold">导入政府工作报告</h1>
      <p className="mb-4 mt-1 text-sm text-slate-500">每个地区每年一份计划。导入时自动识别量化目标、所属章节和建议牵头单位。</p>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <PlanImportForm regions={regions.value.map((r) => ({ id: r.id, name: r.name, level: r.level, depth: r.depth }))} defaultRegionId={actor.scope.regionId ?? ""} />
      </section>
    </div>
  );
}
