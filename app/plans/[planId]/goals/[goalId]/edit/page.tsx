import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getGoalDetail } from "@/lib/server/goals";
import { getPlan } from "@/lib/server/plans";
import { listDepartments } from "@/lib/server/departments";
import { can } from "@/lib/domain/permissions";
import { trimZeros } from "@/lib/domain/labels";
import { GoalForm } from "@/components/goal-form";
import type { GoalFormValues } from "@/components/goal-form-values";
import { sectionOptions } from "@/components/section-options";
import { updateGoalAction } from "./actions";
import { ArchiveGoalButton } from "./archive-goal-button";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "编辑指标" };

const decimalText = (d: { toString(): string } | null) => (d === null ? "" : trimZeros(d.toString()));

export default async function EditGoalPage({ params }: { params: Promise<{ planId: string; goalId: string }> }) {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const { planId, goalId } = await params;
  const [detail, plan] = await Promise.all([getGoalDetail(actor, goalId), getPlan(actor, planId)]);
  if (!detail.ok || !plan.ok) {
    const error = !detail.ok ? detail.error : !plan.ok ? plan.error : null;
    if (error?.code === "not_found") notFound();
    throw new Error(error?.message);
  }
  // The plan's own government's units only.
  const departments = await listDepartments(actor, { regionId: plan.value.regionId });
  if (!departments.ok) throw new Error(departments.error.message);
  const { goal } = detail.value;
  if (goal.planId !== planId) notFound();

  const initialValues: GoalFormValues = {
    metric: goal.metric,
    targetValue: decimalText(goal.targetValue),
    targetValueHigh: decimalText(goal.targetValueHigh),
    unit: goal.unit,
    comparator: goal.comparator,
    kind: goal.kind,
    direction: goal.direction,
    accumulates: String(goal.accumulates),
    frequency: goal.frequency,
    sectionId: goal.sectionId ?? "",
    leadDepartmentId: goal.leadDepartmentId ?? "",
    coDepartmentIds: goal.coDepartments.map((c) => c.department.id),
    description: goal.description ?? "",
  };

  return (
    <div className="space-y-5">
      <div>
        <nav className="mb-1 text-sm text-slate-500">
          <Link href={`/plans/${planId}`} className="underline hover:text-brand-700">{goal.plan.title}</Link>
          {" / "}
          <Link href={`/plans/${planId}/goals/${goalId}`} className="underline hover:text-brand-700">{goal.metric}</Link>
          {" / 编辑"}
        </nav>
        <h1 className="text-xl font-semibold">编辑指标</h1>
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <blockquote className="mb-4 border-l-4 border-slate-200 pl-3 text-sm text-slate-600">报告原文：“{goal.quote}”</blockquote>
        <GoalForm
          mode="edit"
          action={updateGoalAction.bind(null, goalId)}
          initialValues={initialValues}
          sections={sectionOptions(plan.value.sections, goal.sectionId)}
          departments={departments.value.map((d) => ({ value: d.id, label: d.name }))}
        />
      </section>

      <section className="rounded-lg border border-red-200 bg-white p-4" aria-labelledby="archive-heading">
        <h2 id="archive-heading" className="mb-1 font-semibold">归档指标</h2>
        <p className="mb-3 text-sm text-slate-500">识别有误或已不再考核的指标可以归档。归档不会删除已填报的数据。</p>
        <ArchiveGoalButton goalId={goalId} metric={goal.metric} />
      </section>
    </div>
  );
}
