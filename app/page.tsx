import Link from "next/link";
import { requirePageActor } from "@/lib/server/auth";
import { listPlans } from "@/lib/server/plans";
import { listImports } from "@/lib/server/imports";
import { getInbox } from "@/lib/server/duty";
import { InboxPanel } from "@/components/inbox";
import { levelLabel } from "@/lib/domain/labels";
import { LightDot } from "@/components/status-light";
import { lightLabel, type Light } from "@/lib/domain/status";
import { ImportDrafts, type DraftRow } from "./import-drafts";

export const dynamic = "force-dynamic";

const SHOWN_LIGHTS: Light[] = ["green", "yellow", "red", "grey", "none"];

export default async function HomePage() {
  const actor = await requirePageActor();
  const [inbox, plans] = await Promise.all([getInbox(actor), listPlans(actor)]);
  if (!inbox.ok) throw new Error(inbox.error.message);
  if (!plans.ok) throw new Error(plans.error.message);
  // Unfinished imports, for the admins who may finish them.
  const drafts = actor.role === "admin" ? await listImports(actor, { status: "draft" }) : null;
  const draftRows: DraftRow[] = drafts?.ok
    ? drafts.value.map((d) => ({ id: d.id, title: d.title, region: d.region, year: d.year, reimport: d.targetPlanId !== null, undecided: d.counts.undecided, accepted: d.counts.accepted, updatedAt: d.updatedAt }))
    : [];
  return (
    <div>
      <InboxPanel inbox={inbox.value} />
      <div id="plans" className="mb-4 flex scroll-mt-4 items-baseline justify-between">
        <h2 className="text-xl font-semibold">年度计划</h2>
        {actor.role === "admin" && (
          <Link href="/plans/new" className="rounded bg-brand-700 px-3 py-1.5 text-sm text-white hover:bg-brand-600">导入政府工作报告</Link>
        )}
      </div>
      <ImportDrafts drafts={draftRows} />
      {plans.value.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-slate-500">还没有计划。管理员可导入政府工作报告，系统会自动识别其中的量化目标。</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2">
          {plans.value.map((plan) => (
            <li key={plan.id}>
              <Link href={`/plans/${plan.id}`} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
                <div className="flex items-baseline justify-between gap-2">
                  <h3 className="font-semibold">{plan.title}</h3>
                  <span className="shrink-0 text-sm text-slate-500">{plan.year}年 · {levelLabel(plan.level)}</span>
                </div>
                <p className="mt-1 text-sm text-slate-600">{plan.region} · 量化目标 {plan.goalCount} 项</p>
                <p className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                  {SHOWN_LIGHTS.filter((l) => plan.lights[l] > 0).map((l) => (
                    <span key={l} className="inline-flex items-center gap-1.5">
                      <LightDot light={l} />
                      {lightLabel(l)} {plan.lights[l]}
                    </span>
                  ))}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
