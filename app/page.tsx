import Link from "next/link";
import { requirePageActor } from "@/lib/server/auth";
import { listPlans, type PlanSummary } from "@/lib/server/plans";
import { listImports } from "@/lib/server/imports";
import { getInbox } from "@/lib/server/duty";
import { InboxPanel, OLDEST_SHOWN, PLANS_SHOWN } from "@/components/inbox";
import { levelLabel } from "@/lib/domain/labels";
import { LightDot } from "@/components/status-light";
import { lightLabel, type Light } from "@/lib/domain/status";
import { ImportDrafts, type DraftRow } from "./import-drafts";
import { PlanRows } from "@/components/plan-rows";

export const dynamic = "force-dynamic";

const SHOWN_LIGHTS: Light[] = ["green", "yellow", "red", "grey", "none"];
const count = new Intl.NumberFormat("zh-CN");

interface PlanYear {
  year: number;
  plans: PlanSummary[];
  goals: number;
  lights: Record<Light, number>;
}

/** The plans by year, newest first, with each year's goals by light. */
function byYear(plans: PlanSummary[]): PlanYear[] {
  const years = new Map<number, PlanYear>();
  for (const plan of plans) {
    let y = years.get(plan.year);
    if (!y) years.set(plan.year, (y = { year: plan.year, plans: [], goals: 0, lights: { green: 0, yellow: 0, red: 0, grey: 0, none: 0 } }));
    y.plans.push(plan);
    y.goals += plan.goalCount;
    for (const l of SHOWN_LIGHTS) y.lights[l] += plan.lights[l];
  }
  return [...years.values()].sort((a, b) => b.year - a.year);
}

function Lights({ lights }: { lights: Record<Light, number> }) {
  return SHOWN_LIGHTS.filter((l) => lights[l] > 0).map((l) => (
    <span key={l} className="inline-flex items-center gap-1.5">
      <LightDot light={l} />
      {lightLabel(l)} {count.format(lights[l])}
    </span>
  ));
}

/** A year of a few plans shows them as cards; more (a province's 200) as one compact table. */
const CARDS_UP_TO = 12;

function PlanCards({ plans }: { plans: PlanSummary[] }) {
  return (
    <ul className="grid gap-3 md:grid-cols-2 print:grid-cols-2">
      {plans.map((plan) => (
        <li key={plan.id} className="break-inside-avoid">
          <Link href={`/plans/${plan.id}`} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
            <div className="flex items-baseline justify-between gap-2">
              <h3 className="font-semibold">{plan.title}</h3>
              <span className="shrink-0 text-sm text-slate-500">{plan.year}年 · {levelLabel(plan.level)}</span>
            </div>
            <p className="mt-1 text-sm text-slate-600">{plan.region} · 量化目标 {plan.goalCount} 项</p>
            <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
              <Lights lights={plan.lights} />
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * One row per plan, its goals by light in columns (styled per column in globals.css, .plan-table: a 200-row table
 * stays light; on phones each row is a card). Plain links: a page of 200 need not prefetch 200 boards. The rows are
 * a client component fed compact tuples (components/plan-rows.tsx): the page's payload carries them as data.
 */
function PlanTable({ plans }: { plans: PlanSummary[] }) {
  return (
    <div className="plan-wrap overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="plan-table w-full text-sm" data-testid="plan-table">
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-2 font-medium">计划</th>
            <th scope="col" className="px-2 py-2 font-medium">地区</th>
            <th scope="col" className="px-2 py-2 text-right font-medium">量化目标</th>
            {SHOWN_LIGHTS.map((l) => (
              <th key={l} scope="col" className="px-2 py-2 text-right font-medium">
                <span className="inline-flex items-center gap-1"><LightDot light={l} />{lightLabel(l)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <PlanRows
          lightKeys={SHOWN_LIGHTS}
          rows={plans.map((plan) => [plan.id, plan.title, plan.region, levelLabel(plan.level), count.format(plan.goalCount), SHOWN_LIGHTS.map((l) => count.format(plan.lights[l]))] as const)}
        />
      </table>
    </div>
  );
}

/**
 * 待我处理 and the plans of one year (`?year=`, by default the newest the user has), with every year a link away:
 * a province's 督查室 reads some 200 plans a year over many years, too many cards for one page.
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const params = await searchParams;
  const yearParam = params.year;
  const asked = typeof yearParam === "string" && /^\d{4}$/.test(yearParam) ? Number(yearParam) : undefined;
  const badYear = yearParam !== undefined && asked === undefined;
  // 待我处理 lists a first few plans per list unless ?inbox=all.
  const allPlans = params.inbox === "all";
  // Unfinished imports too, for the admins who may finish them.
  const [inbox, plans, drafts] = await Promise.all([
    getInbox(actor, new Date(), { reviewsPerPlan: OLDEST_SHOWN, plansShown: allPlans ? undefined : PLANS_SHOWN }),
    listPlans(actor),
    actor.role === "admin" ? listImports(actor, { status: "draft" }) : null,
  ]);
  if (!inbox.ok) throw new Error(inbox.error.message);
  if (!plans.ok) throw new Error(plans.error.message);
  const years = byYear(plans.value);
  const shownYear = asked ?? years[0]?.year;
  const shown = years.find((y) => y.year === shownYear);
  const draftRows: DraftRow[] = drafts?.ok
    ? drafts.value.map((d) => ({ id: d.id, title: d.title, region: d.region, year: d.year, reimport: d.targetPlanId !== null, undecided: d.counts.undecided, accepted: d.counts.accepted, updatedAt: d.updatedAt }))
    : [];
  return (
    <div>
      <InboxPanel inbox={inbox.value} allHref={`/?${new URLSearchParams({ ...(asked ? { year: String(asked) } : {}), inbox: "all" })}#inbox-heading`} />
      <div id="plans" className="mb-4 flex scroll-mt-4 items-baseline justify-between">
        <h2 className="text-xl font-semibold">年度计划</h2>
        {actor.role === "admin" && (
          <Link href="/plans/new" className="rounded bg-brand-700 px-3 py-1.5 text-sm text-white hover:bg-brand-600">导入政府工作报告</Link>
        )}
      </div>
      <ImportDrafts drafts={draftRows} />
      {badYear && <p className="mb-3 text-sm text-amber-800" role="status">年份应为四位数字，如 {years[0]?.year ?? 2025}；下面是最新年度的计划。</p>}
      {years.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-slate-500">还没有计划。管理员可导入政府工作报告，系统会自动识别其中的量化目标。</p>
      ) : (
        <>
          {years.length > 1 && (
            <nav aria-label="计划年度" className="mb-3 flex flex-wrap gap-2 print:hidden" data-testid="plan-years">
              {years.map((y) => {
                const current = y.year === shownYear;
                return (
                  <Link
                    key={y.year}
                    href={y.year === years[0]!.year ? "/#plans" : `/?year=${y.year}#plans`}
                    aria-current={current ? "page" : undefined}
                    className={`rounded-full border px-3 py-1 text-sm ${current ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:border-brand-600"}`}
                  >
                    {y.year}年 <span className={current ? "text-white/80" : "text-slate-500"}>· {count.format(y.plans.length)} 个计划</span>
                  </Link>
                );
              })}
            </nav>
          )}
          {shown ? (
            <>
              <p className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600" data-testid="plan-year-summary">
                <span className="font-medium text-slate-800">{shown.year}年 · {count.format(shown.plans.length)} 个计划 · 量化目标 {count.format(shown.goals)} 项</span>
                <Lights lights={shown.lights} />
              </p>
              {shown.plans.length > CARDS_UP_TO ? <PlanTable plans={shown.plans} /> : <PlanCards plans={shown.plans} />}
            </>
          ) : (
            <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-slate-500">{shownYear}年没有您可查看的计划。</p>
          )}
        </>
      )}
    </div>
  );
}
