import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/server/auth";
import { listUsers } from "@/lib/server/users";
import { listDepartments } from "@/lib/server/departments";
import { listManagedRegions } from "@/lib/server/regions";
import { can } from "@/lib/domain/permissions";
import { roleLabel } from "@/lib/domain/labels";
import { CreateUserForm, EditUserForm } from "./user-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "用户管理" };

const date = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "medium" });

export default async function UsersPage() {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const [users, departments, regions] = await Promise.all([listUsers(actor), listDepartments(actor), listManagedRegions(actor)]);
  if (!users.ok) throw new Error(users.error.message);
  if (!departments.ok) throw new Error(departments.error.message);
  if (!regions.ok) throw new Error(regions.error.message);
  // Units of several governments share names (农业农村局): the picker groups them under their government.
  const severalRegions = regions.value.length > 1;
  const departmentOptions = regions.value.flatMap((r) =>
    departments.value.filter((d) => d.regionId === r.id).map((d) => ({ value: d.id, label: d.name, ...(severalRegions && { group: r.path }) })),
  );
  const regionOptions = regions.value.map((r) => ({ value: r.id, label: `${"　".repeat(r.depth)}${r.name}` }));
  const regionName = new Map(regions.value.map((r) => [r.id, r.name]));

  return (
    <div className="space-y-5">
      <h1 className="text-xl font-semibold">用户管理</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-user-heading">
        <h2 id="new-user-heading" className="mb-3 font-semibold">新增用户</h2>
        <CreateUserForm departments={departmentOptions} regions={regionOptions} defaultRegionId={actor.scope.regionId ?? ""} />
      </section>

      <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="user-list-heading">
        <h2 id="user-list-heading" className="px-4 py-3 font-semibold">全部用户（{users.value.length}）</h2>
        <ul className="divide-y divide-slate-100 border-t border-slate-100">
          {users.value.map((user) => (
            <li key={user.id} className="px-4 py-2" data-testid="user-row" data-username={user.username ?? ""}>
              <details className="group">
                <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-4 gap-y-1 text-sm [&::-webkit-details-marker]:hidden">
                  <span className="w-36 font-mono text-slate-900">{user.username}</span>
                  <span className="w-24">{user.name}</span>
                  <span className="w-16 text-slate-600">{roleLabel(user.role)}</span>
                  <span className="w-24 text-slate-600" data-testid="user-region">{(user.regionId && regionName.get(user.regionId)) ?? "—"}</span>
                  <span className="min-w-40 flex-1 text-slate-600">{user.department?.name ?? "—"}</span>
                  <span className={user.disabledAt ? "text-red-700" : "text-emerald-700"}>
                    {user.disabledAt ? `已停用（${date.format(user.disabledAt)}）` : "正常"}
                  </span>
                  <span className="text-xs text-slate-500">创建于 {date.format(user.createdAt)}</span>
                  <span className="ml-auto text-slate-500 underline group-open:hidden">编辑</span>
                  <span className="ml-auto hidden text-slate-500 underline group-open:inline">收起</span>
                </summary>
                <div className="mt-3 rounded border border-slate-200 bg-slate-50 p-3">
                  <EditUserForm
                    userId={user.id}
                    isSelf={user.id === actor.userId}
                    departments={departmentOptions}
                    regions={regionOptions}
                    initialValues={{ username: user.username ?? "", name: user.name, role: user.role, departmentId: user.departmentId ?? "", regionId: user.regionId ?? "", disabled: Boolean(user.disabledAt) }}
                  />
                </div>
              </details>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
