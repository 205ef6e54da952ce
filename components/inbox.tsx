// 待我处理: the first thing each role sees after signing in. Presentational; the home page reads getInbox().
import Link from "next/link";
import type { Inbox, ReminderView } from "@/lib/server/duty";
import { chineseDate } from "@/lib/domain/entries/duty";
import { targetText, trimZeros } from "@/lib/domain/labels";
import { periodLabel } from "@/lib/domain/periods";
import { judgementLabel } from "@/lib/domain/status";
import { DutySummary } from "./duty-summary";
import { StatusLight } from "./status-light";

/** A plan's oldest pending versions shown on 待我处理 (the page reads no more of them: getInbox reviewsPerPlan). */
export const OLDEST_SHOWN = 3;
/** Plans per list on 待我处理 until 显示全部 is asked for (getInbox plansShown); the rest are counted beneath. */
export const PLANS_SHOWN = 10;

const count = new Intl.NumberFormat("zh-CN");

/** The plans a list left out, counted, and the link that shows them all. */
function More({ text, allHref }: { text: string; allHref: string }) {
  return (
    <p className="mt-2 rounded-lg border border-dashed border-slate-300 bg-white px-3 py-2 text-sm text-slate-600" data-testid="inbox-more">
      {text}
      <Link href={allHref} className="no-print ml-2 text-brand-700 underline">显示全部</Link>
    </p>
  );
}
const LEADER_ROWS_SHOWN = 8;

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });

function Empty({ text = "暂无待办" }: { text?: string }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-5 text-center text-slate-500" data-testid="inbox-empty">{text}</p>;
}

const card = "rounded-lg border border-slate-200 bg-white p-3 sm:p-4";
const linkButton = "no-print inline-block rounded bg-brand-700 px-3 py-1 text-sm text-white hover:bg-brand-600";

function ReporterInbox({ inbox }: { inbox: Extract<Inbox, { role: "reporter" }> }) {
  if (!inbox.department) return <Empty text="您的账号尚未分配单位，暂无待办。请联系督查室设置所属单位。" />;
  if (!inbox.items.length) return <Empty text={`暂无待办：${inbox.department}负责的指标均已按时报送。`} />;
  // Several figures of one plan to report: the month's Excel template may be quicker than the forms.
  const plans = [...new Map(inbox.items.map((i) => [i.planId, i.planTitle])).entries()];
  return (
    <div>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {inbox.items.map((item) => (
          <li key={item.goalId} className="grid gap-1 px-3 py-2.5 sm:px-4 md:grid-cols-[18rem_minmax(0,1fr)] md:gap-4" data-testid="inbox-item" data-goal-id={item.goalId}>
            <div>
              <Link href={`/plans/${item.planId}/goals/${item.goalId}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{item.metric}</Link>
              <p className="text-xs text-slate-500">{item.planTitle}</p>
            </div>
            <DutySummary duty={item.duty} />
          </li>
        ))}
      </ul>
      {inbox.items.length > 1 && (
        <p className="no-print mt-2 flex flex-wrap gap-x-3 text-sm text-slate-600" data-testid="inbox-bulk">
          <span>多项数据待报，可用 Excel 模板一次填报：</span>
          {plans.map(([planId, title]) => (
            <Link key={planId} href={`/plans/${planId}/bulk`} className="text-brand-700 underline">{plans.length > 1 ? `${title} · ` : ""}批量填报</Link>
          ))}
        </p>
      )}
    </div>
  );
}

function AdminInbox({ inbox, allHref }: { inbox: Extract<Inbox, { role: "admin" }>; allHref: string }) {
  if (!inbox.reviews.length && !inbox.overdue.length) return <Empty text="暂无待办：没有待审核的填报，也没有逾期未报的单位。" />;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section aria-labelledby="inbox-reviews">
        <h2 id="inbox-reviews" className="mb-2 font-medium text-slate-700">待审核的填报</h2>
        {inbox.reviews.length === 0 ? (
          <Empty text="暂无待审核的填报" />
        ) : (
          <ul className="space-y-2">
            {inbox.reviews.map(({ plan, pending, count }) => (
              <li key={plan.id} className={card} data-testid="inbox-item" data-kind="review" data-plan-id={plan.id}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{plan.title}</h3>
                  <span className="text-sm">待审核 <strong className="text-brand-700">{count}</strong> 条</span>
                </div>
                <ul className="mt-1 space-y-0.5 text-sm text-slate-700">
                  {pending.slice(0, OLDEST_SHOWN).map((p) => (
                    <li key={p.id} className="flex flex-wrap gap-x-2">
                      <Link href={`/plans/${plan.id}/goals/${p.goalId}`} className="hover:text-brand-700 hover:underline">{p.metric}</Link>
                      <span className="text-slate-500">{periodLabel(p.period)} · {trimZeros(p.value)}{p.unit} · {p.department?.name ?? "未分配单位"} · {dateTime.format(p.submittedAt)}提交</span>
                    </li>
                  ))}
                  {count > OLDEST_SHOWN && <li className="text-slate-500">……另有 {count - OLDEST_SHOWN} 条</li>}
                </ul>
                <Link href={`/plans/${plan.id}/review`} className={`${linkButton} mt-2`}>去审核</Link>
              </li>
            ))}
          </ul>
        )}
        {inbox.more.reviewPlans > 0 && (
          <More text={`另有 ${count.format(inbox.more.reviewPlans)} 个计划共 ${count.format(inbox.more.reviews)} 条待审核。`} allHref={allHref} />
        )}
      </section>
      <section aria-labelledby="inbox-overdue">
        <h2 id="inbox-overdue" className="mb-2 font-medium text-slate-700">逾期未报或退回待重报</h2>
        {inbox.overdue.length === 0 ? (
          <Empty text="各单位均已按时报送" />
        ) : (
          <ul className="space-y-2">
            {inbox.overdue.map((o) => (
              <li key={o.plan.id} className={card} data-testid="inbox-item" data-kind="overdue" data-plan-id={o.plan.id}>
                <h3 className="font-medium">{o.plan.title}</h3>
                <p className="mt-1 text-sm text-slate-700">
                  <strong className="text-red-700">{o.departments}</strong> 个单位、<strong className="text-red-700">{o.goals}</strong> 项指标逾期未报或退回待重报
                </p>
                <Link href={`/plans/${o.plan.id}/overdue`} className={`${linkButton} mt-2`}>查看并催报</Link>
              </li>
            ))}
          </ul>
        )}
        {inbox.more.overduePlans > 0 && (
          <More text={`另有 ${count.format(inbox.more.overduePlans)} 个计划共 ${count.format(inbox.more.overdueGoals)} 项指标逾期未报或退回待重报。`} allHref={allHref} />
        )}
      </section>
    </div>
  );
}

function LeaderInbox({ inbox, allHref }: { inbox: Extract<Inbox, { role: "leader" }>; allHref: string }) {
  if (!inbox.plans.length) return <Empty text="暂无待办：没有亮红灯或未填报的指标。" />;
  return (
    <div className="space-y-3">
      {inbox.plans.map(({ plan, rows }) => {
        const red = rows.filter((r) => r.judgement.light === "red").length;
        const grey = rows.length - red;
        return (
          <section key={plan.id} className={card} aria-label={plan.title}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="font-medium">{plan.title}</h2>
              <p className="flex flex-wrap gap-x-3 text-sm">
                <Link href={`/plans/${plan.id}?status=red`} className="hover:underline">红灯 <strong className="text-red-700">{red}</strong> 项</Link>
                <Link href={`/plans/${plan.id}?status=overdue`} className="hover:underline">未填报 <strong className="text-slate-900">{grey}</strong> 项</Link>
              </p>
            </div>
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {rows.slice(0, LEADER_ROWS_SHOWN).map((row) => (
                <li key={row.goalId} className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 py-1.5 md:grid-cols-[minmax(0,1fr)_9rem_14rem]" data-testid="inbox-item" data-goal-id={row.goalId}>
                  <span className="col-span-2 md:col-span-1">
                    <Link href={`/plans/${plan.id}/goals/${row.goalId}`} className="text-slate-900 hover:text-brand-700 hover:underline">{row.metric}</Link>
                    <span className="ml-2 text-xs text-slate-500">
                      目标 {targetText(row.target, row.unit, row.comparator, row.targetHigh, row.kind)}
                      {row.judgement.latest && ` · 最新 ${trimZeros(row.judgement.latest.value)}${row.unit}（${periodLabel(row.judgement.latest.period)}）`}
                    </span>
                  </span>
                  <StatusLight light={row.judgement.light} label={judgementLabel(row.judgement)} />
                  <span className="text-slate-600">{row.leadDepartment?.name ?? "未分配牵头单位"}</span>
                </li>
              ))}
            </ul>
            {rows.length > LEADER_ROWS_SHOWN && (
              <p className="mt-1 text-sm">
                <Link href={`/plans/${plan.id}`} className="text-slate-600 underline hover:text-brand-700">另有 {rows.length - LEADER_ROWS_SHOWN} 项，查看看板</Link>
              </p>
            )}
          </section>
        );
      })}
      {inbox.more.plans > 0 && <More text={`另有 ${count.format(inbox.more.plans)} 个计划有亮红灯或未填报的指标。`} allHref={allHref} />}
    </div>
  );
}

/** 催报通知 the reminders job recorded (daily at 08:30, or an admin's 立即催报): the text ready to read or copy. */
function Reminders({ reminders, role }: { reminders: ReminderView[]; role: Inbox["role"] }) {
  if (!reminders.length) return null;
  return (
    <section aria-labelledby="inbox-reminders" className="mt-4">
      <h2 id="inbox-reminders" className="mb-2 font-medium text-slate-700">{role === "reporter" ? "收到的催报通知" : "已发出的催报通知"}</h2>
      <ul className="space-y-2">
        {reminders.map((r) => (
          <li key={r.id} className={card} data-testid="inbox-reminder" data-plan-id={r.plan.id} data-department-id={r.department.id}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-medium">{r.plan.title} · {r.department.name}</h3>
              <span className="text-sm text-slate-500">{chineseDate(r.day)}</span>
            </div>
            <p className="mt-1 text-sm text-slate-700">
              逾期未报 <strong className="text-red-700">{r.overdueGoals}</strong> 项，退回待重报 <strong className="text-red-700">{r.returnedGoals}</strong> 项{r.maxDaysOverdue > 0 ? `，最长逾期 ${r.maxDaysOverdue} 天` : ""}
            </p>
            <details className="mt-1 text-sm">
              <summary className="cursor-pointer text-brand-700">通知全文</summary>
              <p className="mt-1 whitespace-pre-wrap text-slate-700">{r.text}</p>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `allHref`: the same page with every plan listed (where a list was cut at PLANS_SHOWN). */
export function InboxPanel({ inbox, allHref }: { inbox: Inbox; allHref: string }) {
  return (
    <section aria-labelledby="inbox-heading" className="mb-8" data-testid="inbox" data-role={inbox.role}>
      <div className="mb-3 flex flex-wrap items-baseline gap-x-3">
        <h1 id="inbox-heading" className="text-xl font-semibold">待我处理</h1>
        <span className="text-sm text-slate-500">
          截至{chineseDate(inbox.asOf)}
          {inbox.role === "reporter" && inbox.department ? ` · ${inbox.department}` : ""}
          {inbox.role === "reporter" && inbox.items.length ? ` · ${inbox.items.length} 项指标待报送或待修改` : ""}
        </span>
      </div>
      {inbox.role === "reporter" && <ReporterInbox inbox={inbox} />}
      {inbox.role === "admin" && <AdminInbox inbox={inbox} allHref={allHref} />}
      {inbox.role === "leader" && <LeaderInbox inbox={inbox} allHref={allHref} />}
      <Reminders reminders={inbox.reminders} role={inbox.role} />
    </section>
  );
}
