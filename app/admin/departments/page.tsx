import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/server/auth";
import { listDepartments } from "@/lib/server/departments";
import { can } from "@/lib/domain/permissions";
import { CreateDepartmentForm, RenameDepartmentForm } from "./department-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "单位管理" };

export default async function DepartmentsPage() {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const departments = await listDepartments(actor);
  if (!departments.ok) throw new Error(departments.error.message);
  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">单位管理</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-department-heading">
        <h2 id="new-department-heading" className="mb-3 font-semibold">新增单位</h2>
        <CreateDepartmentForm />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="department-list-heading">
        <h2 id="department-list-heading" className="px-4 pt-4 font-semibold">全部单位（{departments.value.length}）</h2>
        <p className="px-4 pb-2 text-sm text-slate-500">改名后，看板、指标和用户中显示的单位名称随之更新。</p>
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
              <tbody>
                {departments.value.map((d) => (
                  <tr key={d.id} className="border-t border-slate-100" data-testid="department-row">
                    <td className="px-4 py-1.5"><RenameDepartmentForm departmentId={d.id} name={d.name} /></td>
                    <td className="px-2 py-1.5 text-right">{d._count.users}</td>
                    <td className="px-4 py-1.5 text-right">{d._count.ledGoals}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
