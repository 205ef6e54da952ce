import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/server/auth";
import { listDepartments } from "@/lib/server/departments";
import { listUsers } from "@/lib/server/users";
import { listApiTokens } from "@/lib/server/tokens";
import { listManagedRegions } from "@/lib/server/regions";
import { can } from "@/lib/domain/permissions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "系统管理" };

export default async function AdminPage() {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const [departments, users, tokens, regions] = await Promise.all([listDepartments(actor), listUsers(actor), listApiTokens(actor), listManagedRegions(actor)]);
  if (!departments.ok || !users.ok || !tokens.ok || !regions.ok) throw new Error("读取管理数据失败");
  const activeUsers = users.value.filter((u) => !u.disabledAt).length;
  const activeTokens = tokens.value.filter((t) => !t.revokedAt).length;
  const cards = [
    { href: "/admin/regions", title: "地区", count: `${regions.value.length} 个地区`, text: "本级政府及其下级政府（区、县）：查看上下级关系，新增下级地区。" },
    { href: "/admin/departments", title: "单位", count: `${departments.value.length} 个单位`, text: "牵头单位和配合单位：新增、改名，查看各单位的用户和牵头指标数量。" },
    { href: "/admin/users", title: "用户", count: `${activeUsers} 个启用账号（共 ${users.value.length} 个）`, text: "新增账号，设置角色与所属单位，重置密码，停用或启用账号。" },
    { href: "/admin/tokens", title: "接口令牌", count: `${activeTokens} 个有效令牌`, text: "为对接系统签发 API 令牌（代表某个用户），查看使用情况，吊销令牌。" },
  ];
  return (
    <div>
      <h1 className="mb-4 text-xl font-semibold">系统管理</h1>
      <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-4">
        {cards.map((card) => (
          <li key={card.href}>
            <Link href={card.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
              <h2 className="font-semibold">{card.title}</h2>
              <p className="mt-1 text-sm text-brand-700">{card.count}</p>
              <p className="mt-2 text-sm text-slate-600">{card.text}</p>
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-4 text-sm text-slate-500">
        导入新一年的政府工作报告请使用 <Link href="/plans/new" className="underline hover:text-brand-700">导入报告</Link>；计划的亮灯规则和指标在各计划看板的“计划设置与新增指标”中维护。
      </p>
    </div>
  );
}
