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
import { listLocks } from "@/lib/server/locks";
import { periodLabel, periodsOfYear } from "@/lib/domain/periods";
import { PlanNav } from "@/components/plan-nav";
import { PlanSettingsForm } from "./settings-form";
import { ReviewSwitch } from "./review-switch";
import { PlanLifecycle } from "./plan-lifecycle";
import { LockPeriodForm, UnlockButton } from "./lock-forms";
import { PublicLinksSection } from "./public-links-section";
import { createGoalAction, lockPeriodAction, updatePlanSettingsAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "计划设置、关账与新增指标" };

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });

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
  const [plan, locks] = await Promise.all([getPlan(actor, planId), listLocks(actor, planId)]);
  if (!plan.ok) {
    if (plan.error.code === "not_found") notFound();
    throw new Error(plan.error.message);
  }
  // The plan's own government's units only.
  const departments = await listDepartments(actor, { regionId: plan.value.regionId });
  if (!departments.ok) throw new Error(departments.error.message);
  if (!locks.ok) throw new Error(locks.error.message);
  const p = plan.value;
  const locked = new Set(locks.value.map((l) => l.period));
  // 关账 by month or quarter; a month's lock also closes the quarter, half and year ending with it.
  const lockable = [...periodsOfYear(p.year, "monthly"), ...periodsOfYear(p.year, "quarterly")]
    .filter((code) => !locked.has(code))
    .map((code) => ({ value: code, label: periodLabel(code) }));
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
      <PlanNav planId={planId} current="settings" isAdmin />

      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="plan-heading">
        <h2 id="plan-heading" className="mb-1 font-semibold">计划</h2>
        <p className="mb-3 text-sm text-slate-500">改名、归档或删除计划；报告修订后可重新导入，逐项比对后更新指标。</p>
        <PlanLifecycle planId={planId} title={p.title} archived={p.archivedAt !== null} />
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="review-heading">
        <h2 id="review-heading" className="mb-1 font-semibold">审核</h2>
        <p className="mb-3 text-sm text-slate-500">开启时，填报员提交的数据为“待审核”，督查室在<Link href={`/plans/${planId}/review`} className="underline hover:text-brand-700">待审核</Link>中通过后才计入看板；管理员自己录入的数据直接计入。</p>
        <ReviewSwitch planId={planId} requiresReview={p.requiresReview} />
      </section>

      <PublicLinksSection planId={planId} />

      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="locks-heading">
        <h2 id="locks-heading" className="mb-1 font-semibold">关账</h2>
        <p className="mb-3 text-sm text-slate-500">某期数据报送、审核完毕后关账：关账期间不再接受填报员提交，管理员补录须写明原因。关账某月同时关闭以该月结束的季度、半年和全年。</p>
        {locks.value.length === 0 ? (
          <p className="mb-4 text-sm text-slate-500" data-testid="locks-empty">尚无关账期间。</p>
        ) : (
          <div className="stack-wrap mb-4 rounded border border-slate-200">
            <table className="stack-table">
              <thead className="bg-slate-100 text-slate-600">
                <tr>
                  <th>期间</th>
                  <th>原因</th>
                  <th>关账人</th>
                  <th>关账时间</th>
                  <th className="no-print"><span className="sr-only">操作</span></th>
                </tr>
              </thead>
              <tbody>
                {locks.value.map((l) => (
                  <tr key={l.period} data-testid="lock-row" data-period={l.period}>
                    <td className="whitespace-nowrap font-medium">{l.label}</td>
                    <td data-label="原因">{l.reason}</td>
                    <td data-label="关账人" className="whitespace-nowrap">{l.lockedBy ?? "—"}</td>
                    <td data-label="关账时间" className="whitespace-nowrap">{dateTime.format(l.lockedAt)}</td>
                    <td className="no-print text-right" data-testid="unlock-period"><UnlockButton planId={planId} period={l.period} label={l.label} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <LockPeriodForm action={lockPeriodAction.bind(null, planId)} periods={lockable} />
      </section>

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
