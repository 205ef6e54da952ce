"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { CopyText } from "@/components/copy-text";
import { Dialog } from "@/components/dialog";
import { apiJson, errorText, type ApiAnswer } from "@/lib/client/api";

export interface PublicLinkRow {
  id: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

/** 开启公开看板 / 复制链接 / 撤销: calls POST and DELETE (lib/client/api.ts) /api/v1/plans/:planId/public-links, confirmed in the in-app dialog. */
export function PublicLinks({ planId, links }: { planId: string; links: PublicLinkRow[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState<"create" | PublicLinkRow | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = links.filter((l) => !l.revokedAt);

  const run = (request: () => Promise<ApiAnswer<{ url?: string }>>, done: (body: { url?: string }) => void) => {
    setConfirming(null);
    setError(null);
    start(async () => {
      const answer = await request();
      if (!answer.ok) return setError(errorText(answer.error));
      done(answer.value);
      router.refresh();
    });
  };
  const create = () => run(() => apiJson("POST", `/api/v1/plans/${planId}/public-links`, {}), (body) => setCreated(body.url ?? null));
  const revoke = (link: PublicLinkRow) => run(() => apiJson("DELETE", `/api/v1/plans/${planId}/public-links/${link.id}`), () => {});

  return (
    <div className="space-y-3 text-sm">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={pending}
          onClick={() => setConfirming("create")}
          className="rounded bg-brand-700 px-3 py-1.5 text-white hover:bg-brand-600 disabled:opacity-60"
          data-testid="public-link-create"
        >
          {active.length ? "再生成一个公开链接" : "开启公开看板"}
        </button>
        <span className="text-slate-600" data-testid="public-link-state">
          {active.length ? `公开中：${active.length}个有效链接` : "未公开"}
        </span>
        {error && <span role="alert" className="text-red-700">{error}</span>}
      </div>

      {links.length > 0 && (
        <div className="stack-wrap rounded border border-slate-200">
          <table className="stack-table">
            <thead className="bg-slate-100 text-slate-600">
              <tr>
                <th>生成时间</th>
                <th>生成人</th>
                <th>状态</th>
                <th className="no-print"><span className="sr-only">操作</span></th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id} data-testid="public-link-row" data-link-id={l.id}>
                  <td className="whitespace-nowrap" data-label="生成时间">{dateTime.format(new Date(l.createdAt))}</td>
                  <td data-label="生成人">{l.createdBy ?? "—"}</td>
                  <td data-label="状态">{l.revokedAt ? `已撤销（${dateTime.format(new Date(l.revokedAt))}）` : "有效"}</td>
                  <td className="no-print text-right">
                    {!l.revokedAt && (
                      <button
                        type="button"
                        disabled={pending}
                        onClick={() => setConfirming(l)}
                        className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-100 disabled:opacity-60"
                        data-testid="public-link-revoke"
                      >
                        撤销
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ConfirmDialog
        open={confirming !== null}
        title={confirming === "create" ? "开启公开看板" : "撤销公开链接"}
        question={
          confirming === "create"
            ? "将生成一个无需登录即可访问的链接，任何拿到链接的人都能看到本计划各项目标的状态、目标值和已审核的数据。确定开启吗？"
            : "撤销后，使用该链接的人将无法再查看公开看板（显示“链接不存在或已撤销”）。确定撤销吗？"
        }
        confirmLabel={confirming === "create" ? "生成链接" : "撤销"}
        danger={confirming !== "create"}
        onCancel={() => setConfirming(null)}
        onConfirm={() => (confirming === "create" ? create() : confirming && revoke(confirming))}
      />

      <Dialog open={created !== null} onClose={() => setCreated(null)} title="公开链接已生成" testId="public-link-created">
        <p className="mb-2 text-sm text-amber-900">该链接只显示这一次，请现在复制保存；如遗失，可撤销后重新生成。</p>
        {created && <CopyText text={created} label="公开看板链接" rows={2} textTestId="public-link-url" buttonTestId="public-link-copy" />}
        <div className="mt-4 flex justify-end">
          <button type="button" onClick={() => setCreated(null)} className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100">关闭</button>
        </div>
      </Dialog>
    </div>
  );
}
