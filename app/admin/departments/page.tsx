import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/server/auth";
import { listDepartments } from "@/lib/server/departments";
import { listManagedRegions } from "@/lib/server/regions";
import { can } from "@/lib/domain/permissions";
import { levelLabel } from "@/lib/domain/labels";
import { CreateDepartmentForm, RenameDepartmentForm } from "./department-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "单位管理" };

export default async function DepartmentsPage() {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const [departments, regions] = await Promise.all([listDepartments(actor), listManagedRegions(actor)]);
  if (!departments.ok) throw new Error(departments.error.message);
  if (!regions.ok) throw new Error(regions.error.message);
  // Each government's units under its own heading, in the order of the region tree.
  const groups = regions.value
    .map((region) => ({ region, departments: departments.value.filter((d) => d.regionId === region.id) }))
    .filter((g) => g.departments.length > 0 || g.region.id === actor.scope.regionId);
  const regionOptions = regions.value.map((r) => ({ value: r.id, label: `${"　".repeat(r.depth)}${r.name}` }));
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">单位管理</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-department-heading">
        <h2 id="new-department-heading" className="mb-3 font-semibold">新增单位</h2>
        <CreateDepartmentForm regions={regionOptions} defaultRegionId={actor.scope.regionId ?? ""} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="department-list-heading">
        <h2 id="department-list-heading" className="px-4 pt-4 font-semibold">全部单位（{departments.value.length}）</h2>
        <p className="px-4 pb-2 text-sm text-slate-500">各地区的单位互不相同，按所属地区分组。改名后，看板、指标和用户中显示的单位名称随之更新。</p>
        {groups.length > 1 && (
          <nav aria-label="按地区跳转" className="flex flex-wrap gap-x-3 gap-y-1 px-4 pb-3 text-sm">
            {groups.map(({ region, departments: list }) => (
              <a key={region.id} href={`#region-${region.id}`} className="text-brand-700 underline hover:text-brand-600">{region.name}（{list.length}）</a>
            ))}
          </nav>
        )}
        {departments.value.length === 0 ? (
          <p className="px-4 pb-4 text-sm text-slate-500">还没有单位。导入报告时会按识别结果自动建立牵头单位，也可在上方手动新增。</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[560px] text-sm">
              <thead className="bg-slate-100 text-left text-slate-600">
                <tr>
                  <th className="px-4 py-2 font-medium">单位名称</th>
                  <th className="w-20 px-2 py-2 text-right font-medium">用户</th>
                  <th className="w-24 px-4 py-2 text-right font-medium">牵头指标</th>
                </tr>
              </thead>
              {groups.map(({ region, departments: list }) => (
                <tbody key={region.id} data-testid="department-group" data-region={region.name}>
                  <tr id={`region-${region.id}`} className="scroll-mt-4 border-t border-slate-200 bg-slate-50">
                    <th colSpan={3} scope="colgroup" className="px-4 py-1.5 text-left font-medium text-slate-700">
                      {region.path}
                      <span className="ml-2 text-xs font-normal text-slate-500">{levelLabel(region.level)} · {list.length} 个单位</span>
                    </th>
                  </tr>
                  {list.length === 0 && (
                    <tr className="border-t border-slate-100"><td colSpan={3} className="px-4 py-1.5 text-slate-500">本地区还没有单位</td></tr>
                  )}
                  {list.map((d) => (
                    <tr key={d.id} className="border-t border-slate-100" data-testid="department-row">
                      <td className="px-4 py-1.5"><RenameDepartmentForm departmentId={d.id} name={d.name} /></td>
                      <td className="px-2 py-1.5 text-right">{d._count.users}</td>
                      <td className="px-4 py-1.5 text-right">{d._count.ledGoals}</td>
                    </tr>
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
