import Link from "next/link";
import type { Actor } from "@/lib/domain/permissions";
import { targetText, trimZeros } from "@/lib/domain/labels";
import { periodLabel } from "@/lib/domain/periods";
import { rollUpLabel } from "@/lib/domain/shares";
import { judgementLabel } from "@/lib/domain/status";
import type { GoalDetail } from "@/lib/server/goals";
import { shareHolderOptions } from "@/lib/server/shares";
import { StatusLight } from "@/components/status-light";
import { SplitForm } from "./split-form";

/** 上级分解任务：<parent metric>（<parent plan>）, on a share's page. */
export function ShareParentNotice({ parent }: { parent: GoalDetail["parent"] }) {
  if (!parent) return null;
  const text = `${parent.metric}（${parent.planTitle}）`;
  return (
    <p className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="share-parent">
      上级分解任务：{parent.readable ? <Link href={`/plans/${parent.planId}/goals/${parent.id}`} className="underline">{text}</Link> : text}
    </p>
  );
}

/** 分解任务: the goal's shares with their status and latest figure, the roll-up, and the admin's split form. */
export async function GoalShares({ actor, detail }: { actor: Actor; detail: GoalDetail }) {
  const { goal, shares, judgement, canManage } = detail;
  // A goal without shares shows the section only to those who may split it (a share may be split further down).
  if (!shares && !canManage) return null;
  const list = shares?.shares ?? [];
  const options = canManage ? await shareHolderOptions(actor, goal.plan.regionId) : null;
  const target = goal.targetValue?.toString() ?? null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 print:border-0" aria-labelledby="shares-heading" data-testid="goal-shares">
      <h2 id="shares-heading" className="mb-2 font-semibold">分解任务</h2>
      {shares && (
        <p className="mb-2 text-sm" data-testid="share-rollup">
          {shares.rolledUp
            ? rollUpLabel(judgement.latest ? trimZeros(judgement.latest.value) : null, goal.unit, shares.reportedShares, shares.totalShares) +
              (judgement.latest ? `，${periodLabel(judgement.latest.period)}` : "") +
              "。状态按各分解任务计入的数据合计判断。"
            : `共${shares.totalShares}项分解任务（已报 ${shares.reportedShares}/${shares.totalShares}）；该指标不按分解任务合计，由牵头单位填报。`}
        </p>
      )}
      {list.length ? (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-normal">承担方</th>
                <th className="py-1 pr-3 font-normal">分解目标</th>
                <th className="py-1 pr-3 font-normal">状态</th>
                <th className="py-1 font-normal">最新实际</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.map((s) => (
                <tr key={s.id} data-testid="share-row">
                  <td className="py-1.5 pr-3">
                    <Link href={`/plans/${s.planId}/goals/${s.id}`} className="underline hover:text-brand-700">{s.holder.name || "（未指定）"}</Link>
                    <span className="ml-1 text-xs text-slate-500">{s.holder.type === "region" ? "地区" : "单位"}</span>
                  </td>
                  <td className="py-1.5 pr-3 whitespace-nowrap">{targetText(s.target, s.unit, goal.comparator, null, goal.kind)}</td>
                  <td className="py-1.5 pr-3"><StatusLight light={s.judgement.light} label={judgementLabel(s.judgement)} /></td>
                  <td className="py-1.5 whitespace-nowrap">
                    {s.judgement.latest ? `${trimZeros(s.judgement.latest.value)}${s.unit}（${periodLabel(s.judgement.latest.period)}）` : "尚未填报"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm text-slate-500">尚未分解。可将目标分解给下级地区或本级单位，各承担方分别填报，按分解任务汇总。</p>
      )}
      {options && (
        <SplitForm
          goalId={goal.id}
          unit={goal.unit}
          kind={goal.kind}
          target={target === null ? null : trimZeros(target)}
          options={options}
          current={list.map((s) => ({ holder: `${s.holder.type}:${s.holder.id}`, target: s.target === null ? "" : trimZeros(s.target) }))}
        />
      )}
    </section>
  );
}
