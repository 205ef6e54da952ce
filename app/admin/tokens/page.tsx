import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/server/auth";
import { listApiTokens } from "@/lib/server/tokens";
import { listUsers } from "@/lib/server/users";
import { can } from "@/lib/domain/permissions";
import { roleLabel } from "@/lib/domain/labels";
import { IssueTokenForm, RevokeTokenButton } from "./token-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "接口令牌" };

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

export default async function TokensPage() {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const [tokens, users] = await Promise.all([listApiTokens(actor), listUsers(actor)]);
  if (!tokens.ok) throw new Error(tokens.error.message);
  if (!users.ok) throw new Error(users.error.message);
  const userOptions = users.value
    .filter((u) => !u.disabledAt && u.username)
    .map((u) => ({ value: u.username!, label: `${u.name}（${u.username}，${roleLabel(u.role)}${u.department ? ` · ${u.department.name}` : ""}）` }));

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-xl font-semibold">接口令牌</h1>
        <p className="text-sm text-slate-500">供其他系统通过 API 读取看板或报送数据。令牌以用户身份访问，只保存其摘要，系统无法找回原文。</p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="issue-token-heading">
        <h2 id="issue-token-heading" className="mb-3 font-semibold">签发令牌</h2>
        <IssueTokenForm users={userOptions} />
      </section>

      <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="token-list-heading">
        <h2 id="token-list-heading" className="px-4 py-3 font-semibold">已签发的令牌（{tokens.value.length}）</h2>
        {tokens.value.length === 0 ? (
          <p className="px-4 pb-4 text-sm text-slate-500">尚未签发令牌。</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[680px] text-sm">
              <thead className="bg-slate-100 text-left text-slate-600">
                <tr>
                  <th className="px-4 py-2 font-medium">用途</th>
                  <th className="px-2 py-2 font-medium">用户</th>
                  <th className="px-2 py-2 font-medium">签发时间</th>
                  <th className="px-2 py-2 font-medium">最近使用</th>
                  <th className="px-2 py-2 font-medium">状态</th>
                  <th className="px-4 py-2 font-medium"><span className="sr-only">操作</span></th>
                </tr>
              </thead>
              <tbody>
                {tokens.value.map((t) => (
                  <tr key={t.id} className="border-t border-slate-100" data-testid="token-row" data-revoked={Boolean(t.revokedAt)}>
                    <td className="px-4 py-1.5">{t.name}</td>
                    <td className="px-2 py-1.5 text-slate-600">{t.user.name}<span className="ml-1 font-mono text-xs text-slate-500">{t.user.username}</span></td>
                    <td className="px-2 py-1.5 text-slate-600">{dateTime.format(t.createdAt)}</td>
                    <td className="px-2 py-1.5 text-slate-600">{t.lastUsedAt ? dateTime.format(t.lastUsedAt) : "从未使用"}</td>
                    <td className="px-2 py-1.5">
                      {t.revokedAt ? <span className="text-slate-500">已吊销（{dateTime.format(t.revokedAt)}）</span> : <span className="text-emerald-700">有效</span>}
                    </td>
                    <td className="px-4 py-1.5 text-right">{!t.revokedAt && <RevokeTokenButton tokenId={t.id} label={t.name} />}</td>
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
