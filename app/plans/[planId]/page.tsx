import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getBoard, type BoardFilters } from "@/lib/server/board";
import { countPendingReviews } from "@/lib/server/review";
import { boardQuery } from "@/lib/domain/inputs";
import { includePendingQuery } from "@/lib/domain/entries/inputs";
import { percentText, targetText, trimZeros } from "@/lib/domain/labels";
import { periodLabel, todayInShanghai } from "@/lib/domain/periods";
import { asOfNotice } from "@/lib/domain/as-of";
import { judgementLabel, STATUS_CODES, statusLabel, statusLight } from "@/lib/domain/status";
import { StatusLight, LightDot } from "@/components/status-light";
import { sectionOptions } from "@/components/section-options";
import { SampleDataNotice } from "@/components/sample-data-notice";
import { isSamplePlan } from "@/lib/server/sample";
import { PlanNav } from "@/components/plan-nav";
import { BoardShares, ReportedShares } from "./board-shares";
import { BoardCharts } from "@/components/board-charts";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "目标任务看板" };

const PAGE_SIZE = 200;

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function BoardPage({ params, searchParams }: { params: Promise<{ planId: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const { planId } = await params;
  const sp = await searchParams;
  const query = boardQuery.safeParse({ asOf: first(sp.asOf) || undefined, section: first(sp.section), department: first(sp.department), status: first(sp.status) });
  const asOfError = query.success ? null : (asOfNotice(first(sp.asOf), todayInShanghai(new Date())) ?? "筛选条件无效，已显示全部指标");
  const pendingQuery = includePendingQuery.safeParse({ includePending: first(sp.includePending) });
  const filters: BoardFilters = { ...(query.success ? query.data : {}), includePending: pendingQuery.success && pendingQuery.data.includePending };
  const page = Math.max(1, Math.floor(Number(first(sp.page))) || 1);
  const isAdmin = actor.role === "admin";
  const [result, pending, sample] = await Promise.all([
    getBoard(actor, planId, filters, undefined, {
      detailRows: { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
      page: { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    }),
    isAdmin ? countPendingReviews(actor, planId) : null,
    isSamplePlan(planId),
  ]);
  if (!result.ok) {
    if (result.error.code === "not_found") notFound();
    throw new Error(result.error.message);
  }
  const board = result.value;
  const pageCount = Math.max(1, Math.ceil(board.rowCount / PAGE_SIZE));
  const rows = board.rows;
  const goalQuery = filters.asOf ? `?asOf=${filters.asOf}` : "";
  const link = (change: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    const merged = {
      asOf: filters.asOf, section: filters.section, department: filters.department, status: filters.status,
      includePending: filters.includePending ? "1" : undefined, ...change,
    };
    for (const [k, v] of Object.entries(merged)) if (v) next.set(k, v);
    const s = next.toString();
    return `/plans/${planId}${s ? `?${s}` : ""}`;
  };

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold">{board.plan.title}</h1>
          <p className="text-sm text-slate-500">
            截至 {board.asOf} · 量化目标 {board.goalCount} 项 · 黄灯为落后序时进度超过{percentText(board.plan.settings.marginBehind.toString(), 0)}，红灯超过{percentText(board.plan.settings.marginFarBehind.toString(), 0)} · 期末后{board.plan.settings.graceDays}天未填报亮灰灯
          </p>
        </div>
      </div>
      {sample && <SampleDataNotice />}
      <PlanNav planId={planId} current="board" isAdmin={isAdmin} pendingCount={pending?.ok ? pending.value : undefined} canEnter={actor.role === "reporter" && board.departments.some((d) => d.id === actor.departmentId)} />

      {board.yearEnded && (
        <p className="mb-3 rounded border border-slate-300 bg-slate-100 px-3 py-2 text-sm font-medium text-slate-800" data-testid="year-ended">
          本年度已结束，以下为截至 {board.asOf} 的最终状态
        </p>
      )}

      <section aria-label="状态统计" className="mb-4 grid grid-cols-3 gap-2 sm:grid-cols-5 lg:grid-cols-9">
        {STATUS_CODES.map((code) => (
          <Link
            key={code}
            href={link({ status: filters.status === code ? undefined : code, page: undefined })}
            className={`rounded border bg-white px-2 py-1.5 text-sm hover:border-brand-600 ${filters.status === code ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200"}`}
            data-testid={`total-${code}`}
          >
            <span className="flex items-center gap-1.5 text-slate-600"><LightDot light={statusLight(code)} />{statusLabel(code)}</span>
            <span className="text-lg font-semibold">{board.totals[code]}</span>
            {code === "met" && board.metAtYearEnd > 0 && <small className="block text-xs text-slate-500" data-testid="total-met-final">其中年末“完成”{board.metAtYearEnd}项</small>}
          </Link>
        ))}
      </section>

      <form method="get" className="no-print mb-3 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">
          <span className="text-slate-600">章节</span>
          <select name="section" defaultValue={filters.section ?? ""} className="max-w-64 rounded border border-slate-300 bg-white px-2 py-1">
            <option value="">全部</option>
            {sectionOptions(board.sections).map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">牵头单位</span>
          <select name="department" defaultValue={filters.department ?? ""} className="max-w-56 rounded border border-slate-300 bg-white px-2 py-1">
            <option value="">全部</option>
            {board.departments.map((d) => (
              <option key={d.id} value={d.id}>{d.name}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">状态</span>
          <select name="status" defaultValue={filters.status ?? ""} className="rounded border border-slate-300 bg-white px-2 py-1">
            <option value="">全部</option>
            {STATUS_CODES.map((c) => (
              <option key={c} value={c}>{statusLabel(c)}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-slate-600">截至日期</span>
          <input type="date" name="asOf" defaultValue={filters.asOf ?? board.asOf} className="rounded border border-slate-300 bg-white px-2 py-1" />
        </label>
        <label className="flex items-center gap-1.5 self-center pt-4">
          <input type="checkbox" name="includePending" value="1" defaultChecked={filters.includePending} className="size-4 accent-brand-700" data-testid="include-pending" />
          <span>含待审核</span>
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white hover:bg-slate-700">筛选</button>
        <Link href={`/plans/${planId}`} className="px-2 py-1.5 text-slate-600 underline">重置</Link>
        {asOfError && <p role="alert" className="w-full text-red-700" data-testid="as-of-error">{asOfError}</p>}
      </form>

      <p className="mb-2 text-sm text-slate-500" data-testid="counting-note">
        {board.includePending ? (
          <span className="text-amber-900">已含待审核数据：标“待审核”的数值尚未经督查室审核，仅供参考，不作为正式结果。</span>
        ) : board.plan.requiresReview ? (
          "本计划需要审核：默认只计入督查室已审核通过的数据；勾选“含待审核”可一并查看待审核的数值。"
        ) : (
          "本计划无需审核：填报的数据提交即计入。"
        )}
      </p>

      <BoardCharts lights={board.lights} rows={rows} />

      <div className="board-wrap overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="board-table w-full min-w-[900px] text-sm">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2 font-medium">序号</th>
              <th className="px-2 py-2 font-medium">章节</th>
              <th className="px-2 py-2 font-medium">指标</th>
              <th className="px-2 py-2 text-right font-medium">目标值</th>
              <th className="px-2 py-2 text-right font-medium">最新实际</th>
              <th className="px-2 py-2 text-right font-medium">完成率</th>
              <th className="px-2 py-2 text-right font-medium">序时进度</th>
              <th className="px-2 py-2 font-medium">状态</th>
              <th className="px-2 py-2 font-medium">牵头单位</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr><td colSpan={9} className="px-2 py-6 text-center text-slate-500">没有符合条件的指标</td></tr>
            )}
            {rows.map((row) => (
              <tr key={row.goalId} data-testid="board-row" data-goal-id={row.goalId} data-status={row.judgement.code}>
                <td className="muted">{row.position + 1}</td>
                <td className="muted section" title={row.sectionTitle ?? ""}>{row.sectionTitle ?? "—"}</td>
                {/* A plain link: 200 rows of client-side Link components would weigh down every board response. */}
                <td>
                  <a href={`/plans/${planId}/goals/${row.goalId}${goalQuery}`}>{row.metric}</a>
                  <BoardShares shares={row.shares} />
                </td>
                <td className="num">{targetText(row.target, row.unit, row.comparator, row.targetHigh, row.kind)}</td>
                <td className="num">
                  {row.judgement.latest ? (
                    <>
                      {trimZeros(row.judgement.latest.value)}{row.unit}
                      <small>{periodLabel(row.judgement.latest.period)}</small>
                      {row.latestState === "pending" && <mark className="pending" data-testid="pending-mark">待审核</mark>}
                    </>
                  ) : "—"}
                  <ReportedShares shares={row.shares} />
                </td>
                <td className="num">{percentText(row.judgement.completion)}</td>
                <td className="num">{row.accumulates ? percentText(row.judgement.expectedShare) : "—"}</td>
                <td><StatusLight light={row.judgement.light} label={judgementLabel(row.judgement)} /></td>
                <td className="muted">{row.leadDepartment?.name ?? "未分配"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav className="no-print mt-3 flex items-center gap-3 text-sm" aria-label="分页">
          {page > 1 && <Link href={`${link({})}${link({}).includes("?") ? "&" : "?"}page=${page - 1}`} className="underline">上一页</Link>}
          <span>第 {page} / {pageCount} 页</span>
          {page < pageCount && <Link href={`${link({})}${link({}).includes("?") ? "&" : "?"}page=${page + 1}`} className="underline">下一页</Link>}
        </nav>
      )}
    </div>
  );
}
