import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { clientAddress } from "@/lib/server/client-address";
import { getPublicBoard } from "@/lib/server/public-links";
import { StatusLight } from "@/components/status-light";

// 公开看板: the page behind a share link, for anyone, without sign-in (the root layout shows no app header here:
// proxy.ts marks /public/ requests). No link leads into the signed-in app.

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "公开看板",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

export default async function PublicBoardPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const result = await getPublicBoard(token, clientAddress(await headers()));
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    return (
      <p role="alert" className="mx-auto mt-10 max-w-md rounded-lg border border-amber-300 bg-amber-50 p-4 text-center text-amber-900" data-testid="public-limited">
        {result.error.message}
      </p>
    );
  }
  const board = result.value;
  return (
    <div className="space-y-4" data-testid="public-board">
      <header>
        <p className="mb-2 inline-block rounded border border-brand-600 bg-brand-50 px-2 py-0.5 text-sm font-medium text-brand-700" data-testid="public-notice">
          {board.notice}
        </p>
        <h1 className="text-xl font-semibold">{board.plan.title}</h1>
        <p className="text-sm text-slate-600">
          {board.plan.region} · {board.plan.year}年 · 量化目标 {board.goalCount} 项 · 实际值为截至当日已审核的年度累计数，完成率按目标值计算
        </p>
        {board.yearEnded && <p className="mt-2 text-sm font-medium text-slate-800">本年度已结束，以下为截至 {board.asOf} 的最终状态</p>}
      </header>

      <section aria-label="状态统计" className="grid grid-cols-3 gap-2 sm:grid-cols-5 lg:grid-cols-9">
        {board.totals.map((t) => (
          <div key={t.status} className="rounded border border-slate-200 bg-white px-2 py-1.5 text-sm" data-testid={`public-total-${t.status}`}>
            <span className="block text-slate-600">{t.label}</span>
            <span className="text-lg font-semibold">{t.count}</span>
          </div>
        ))}
      </section>

      <div className="stack-wrap rounded-lg border border-slate-200 bg-white">
        <table className="stack-table print:text-[8.5pt]">
          <caption className="sr-only">{board.plan.title}各项目标的完成情况（{board.notice}）</caption>
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th scope="col">序号</th>
              <th scope="col">章节</th>
              <th scope="col">指标</th>
              <th scope="col" className="text-right">目标值</th>
              <th scope="col" className="text-right">最新实际</th>
              <th scope="col" className="text-right">完成率</th>
              <th scope="col" className="text-right">序时进度</th>
              <th scope="col">状态</th>
              <th scope="col">牵头单位</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.length === 0 && (
              <tr><td colSpan={9} className="py-6 text-center text-slate-500">本计划暂无量化目标</td></tr>
            )}
            {board.rows.map((row) => (
              <tr key={row.number} data-testid="public-row" data-status={row.status}>
                <td className="text-slate-500" data-label="序号">{row.number}</td>
                <td className="text-slate-500" data-label="章节">{row.section ?? "—"}</td>
                <td className="font-medium" data-label="指标">{row.metric}</td>
                <td className="whitespace-nowrap md:text-right" data-label="目标值">{row.target}</td>
                <td className="md:text-right" data-label="最新实际">
                  {row.latest ? (
                    <>
                      <span className="whitespace-nowrap">{row.latest.value}{row.unit}</span>
                      <span className="ml-1 whitespace-nowrap text-xs text-slate-500">{row.latest.periodLabel}</span>
                    </>
                  ) : "—"}
                </td>
                <td className="whitespace-nowrap md:text-right" data-label="完成率">{row.completionText}</td>
                <td className="whitespace-nowrap md:text-right" data-label="序时进度">{row.expectedShareText}</td>
                <td data-label="状态"><StatusLight light={row.light} label={row.statusLabel} /></td>
                <td className="text-slate-600" data-label="牵头单位">{row.leadDepartment ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">
        本页由本级政府督查部门公开发布，只列出已审核通过的数据；待审核、退回的数据和填报说明不在此公开。亮灯：正常为绿灯，滞后为黄灯，严重滞后或未完成为红灯，逾期未填报为灰灯。
      </p>
    </div>
  );
}
