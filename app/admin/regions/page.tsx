import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/server/auth";
import { listManagedRegions } from "@/lib/server/regions";
import { can } from "@/lib/domain/permissions";
import { levelLabel } from "@/lib/domain/labels";
import { CreateRegionForm } from "./region-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "地区管理" };

export default async function RegionsPage() {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const regions = await listManagedRegions(actor);
  if (!regions.ok) throw new Error(regions.error.message);
  const parents = regions.value.map((r) => ({ value: r.id, label: `${"　".repeat(r.depth)}${r.name}（${levelLabel(r.level)}）` }));
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">地区管理</h1>
      <p className="text-sm text-slate-500">
        本督查室管理本级政府及其下级政府的计划、单位和用户；各地区的单位互不相同，同名单位（如“农业农村局”）按所属地区区分。
      </p>
      {regions.value.length === 0 ? (
        <p className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">您的账号未归属任何地区，请联系上级督查室设置。</p>
      ) : (
        <>
          <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-region-heading">
            <h2 id="new-region-heading" className="mb-3 font-semibold">新增下级地区</h2>
            <CreateRegionForm parents={parents} defaultParentId={actor.scope.regionId ?? regions.value[0]!.id} />
          </section>
          <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="region-list-heading">
            <h2 id="region-list-heading" className="px-4 pt-4 font-semibold">管辖地区（{regions.value.length}）</h2>
            <p className="px-4 pb-2 text-sm text-slate-500">缩进表示上下级关系。</p>
            <ul className="divide-y divide-slate-100 border-t border-slate-100 text-sm" data-testid="region-tree">
              {regions.value.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 pr-4" style={{ paddingLeft: `${1 + r.depth * 1.5}rem` }} data-testid="region-row">
                  <span className={r.depth === 0 ? "font-medium" : ""}>{r.depth > 0 && <span aria-hidden="true" className="mr-1 text-slate-400">└</span>}{r.name}</span>
                  <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{levelLabel(r.level)}</span>
                  {r.id === actor.scope.regionId && <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-700">本级</span>}
                  <span className="ml-auto text-xs text-slate-500">{r.path}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
