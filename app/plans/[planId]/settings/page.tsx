import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getPlan } from "@/lib/server/plans";
import { listDepartments } from "@/lib/server/departments";
import { can } from "@/lib/domain/permissions";
import { levelLabel } from "@/lib/domain/labels";
import { GoalForm } from "@/components/goal-form";
import { EMPTY_GOAL_VALUES } from "@/components/goal-form-values";
import { sectionOptions } from "@/components/section-options";
import { PlanSettingsForm } from "./settings-form";
import { createGoalAction, updatePlanSettingsAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "计划设置与新增指标" };

/** Margins as the hint writes them: at least two decimals ("0.1" → "0.10"), never rounded. */
function marginText(value: { toString(): string }): string {
  const [whole, fraction = ""] = value.toString().split(".");
  const digits = fraction.replace(/0+$/, "");
  return `${whole}.${digits.padEnd(2, "0")}`;
}

export default async function PlanSettingsPage({ params }: { params: Promise<{ planId: string }> }) {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const { planId } = await params;
  const [plan, departments] = await Promise.all([getPlan(actor, planId), listDepartments(actor)]);
  if (!plan.ok) {
    if (plan.error.code === "not_found") notFound();
    throw new Error(plan.error.message);
  }
  if (!departments.ok) throw new Error(departments.error.message);
  const p = plan.value;
  const departmentOptions = departments.value.map((d) => ({ value: d.id, label: d.name }));

  return (
    <div className="space-y-5">
      <div>
        <nav className="mb-1 text-sm text-slate-500">
          <Link href={`/plans/${planId}`} className="underline hover:text-brand-700">{p.title}</Link> / 设置
        </nav>
        <h1 className="text-xl font-semibold">计划设置与新增指标</h1>
        <p className="text-sm text-slate-500">{p.region} · {levelLabel(p.level)} · {p.year}年</p>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="mb-1 font-semibold">亮灯规则</h2>
        <p className="mb-3 text-sm text-slate-500">累计类指标按“序时进度 − 完成进度”判断：不超过滞后阈值为绿灯，超过为黄灯，超过严重滞后阈值为红灯。</p>
        <PlanSettingsForm
          action={updatePlanSettingsAction.bind(null, planId)}
          initialValues={{ graceDays: String(p.graceDays), marginBehind: marginText(p.marginBehind), marginFarBehind: marginText(p.marginFarBehind) }}
        />
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-goal-heading">
        <h2 id="new-goal-heading" className="mb-1 font-semibold">新增指标</h2>
        <p className="mb-3 text-sm text-slate-500">用于补充导入时未识别的目标。方向和数值口径留空时按指标名称与类型自动判断。</p>
        <GoalForm
          mode="create"
          action={createGoalAction.bind(null, planId)}
          initialValues={EMPTY_GOAL_VALUES}
          sections={sectionOptions(p.sections)}
          departments={departmentOptions}
        />
      </section>
    </div>
  );
}
