import "server-only";
import { withReadPriority } from "./write-gate";
import { isPlausibleId } from "@/lib/domain/ids";
import { randomUUID } from "node:crypto";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { extractTargets } from "@/lib/domain/extract";
import { departmentName, suggestLeadDepartment, STANDARD_DEPARTMENTS } from "@/lib/domain/departments";
import { z } from "zod";
import { calendarDate, fieldErrors, planCreateInput, planSettingsInput } from "@/lib/domain/inputs";
import { planUpdateInput } from "@/lib/domain/import/inputs";
import { authorize, type Actor } from "@/lib/domain/permissions";
import type { PlanLevel } from "@/lib/domain/departments";
import { LIGHTS, type Light } from "@/lib/domain/status";

const emptyLights = () => Object.fromEntries(LIGHTS.map((l) => [l, 0])) as Record<Light, number>;
import { Prisma } from "./generated/prisma/client";
import { db, isUniqueViolation } from "./db";
import { recordAudit } from "./audit";
import { getBoard, planTodayCountsOnce } from "./board";
import { todayInShanghai } from "@/lib/domain/periods";
import { NOT_FOUND } from "@/lib/domain/messages";
import { readableRegionIds } from "@/lib/domain/regions";
import { authorizePlan } from "./scope";

const YEAR_MESSAGE = "年份应为四位数字，如 2025";

/** The plan list's query (GET /api/v1/plans): `asOf`, and `year` to list only that year's plans. */
export const planListQuery = z.object({
  asOf: calendarDate.optional(),
  year: z.string({ message: YEAR_MESSAGE }).regex(/^\d{4}$/, YEAR_MESSAGE).transform(Number).optional(),
});

export interface PlanSummary {
  id: string;
  regionId: string;
  region: string;
  level: string;
  year: number;
  title: string;
  goalCount: number;
  lights: Record<Light, number>;
}

/**
 * Every plan the actor reads (archived ones aside), newest year first, with its goals by light as of `asOf` (today
 * by default: from the plans' tallies, lib/server/verdicts.ts); only those of `year` when given.
 */
async function readPlanList(actor: Actor | null, asOf?: string, now = new Date(), filter: { year?: number } = {}): Promise<Result<PlanSummary[]>> {
  const allowed = authorize(actor, { action: "read" });
  if (!allowed.ok) return allowed;
  // An archived plan stays readable by its address, out of the lists. The regions joined from unnest (a province's
  // 211: see planTallies in lib/server/verdicts.ts).
  const plans = await db.$queryRaw<Omit<PlanSummary, "goalCount" | "lights">[]>`
    SELECT p."id", p."regionId", p."region", p."level"::text AS "level", p."year", p."title"
    FROM unnest(${[...readableRegionIds(allowed.value.role, allowed.value.scope)]}::text[]) AS r("id") JOIN "Plan" p ON p."regionId" = r."id"
    WHERE p."archivedAt" IS NULL ${filter.year !== undefined ? Prisma.sql`AND p."year" = ${filter.year}` : Prisma.empty}
    ORDER BY p."year" DESC, p."region", p."id"`;
  const today = todayInShanghai(now);
  if (asOf && asOf !== today) {
    // Another day: each plan judged in full (only the counts are shown: verdicts without the per-row ratios).
    const summaries: PlanSummary[] = [];
    for (const plan of plans) {
      const board = await getBoard(actor, plan.id, { asOf }, now, { detailRows: { offset: 0, limit: 0 }, page: { offset: 0, limit: 0 } });
      if (!board.ok) return board;
      summaries.push({ ...plan, goalCount: board.value.goalCount, lights: board.value.lights });
    }
    return ok(summaries);
  }
  // Today: every plan's lights from kept verdicts in one query, the few stale ones judged first (lib/server/verdicts.ts).
  const counts = await planTodayCountsOnce(plans.map((p) => p.id), today);
  return ok(plans.map((plan) => {
    const lights = counts.get(plan.id)?.lights ?? emptyLights();
    return { ...plan, goalCount: Object.values(lights).reduce((a, b) => a + b, 0), lights };
  }));
}

/** listPlans with priority over figure writes in this process (lib/server/write-gate.ts withReadPriority). */
export async function listPlans(...args: Parameters<typeof readPlanList>): ReturnType<typeof readPlanList> {
  return withReadPriority(() => readPlanList(...args));
}

export async function getPlan(actor: Actor | null, planId: string) {
  const allowed = await authorizePlan(actor, planId, "readRegion");
  if (!allowed.ok) return allowed;
  const plan = await db.plan.findUnique({
    where: { id: planId },
    select: {
      id: true, regionId: true, region: true, level: true, year: true, title: true, graceDays: true, marginBehind: true, marginFarBehind: true,
      requiresReview: true, createdAt: true, archivedAt: true,
      sections: { orderBy: { position: "asc" }, select: { id: true, parentId: true, number: true, title: true, part: true } },
    },
  });
  return plan ? ok(plan) : fail("not_found", NOT_FOUND.plan);
}

export interface CreatedPlan {
  id: string;
  year: number;
  goals: { id: string; metric: string; targetValue: string; unit: string; comparator: string; kind: string; leadDepartment: string }[];
}

/**
 * The region a report is imported for: `regionId` if given (within the admin's scope), else the region of that
 * name within the scope, else a new region of that name directly under the admin's own.
 */
async function planRegion(admin: Actor, input: { region: string; level: PlanLevel; regionId?: string }): Promise<Result<string>> {
  if (input.regionId !== undefined) {
    return admin.scope.below.includes(input.regionId) ? ok(input.regionId) : fail("validation", undefined, { regionId: "所选地区不在您的管辖范围内" });
  }
  if (admin.scope.regionId === null) return fail("forbidden", "您的账号未归属任何地区，不能导入报告");
  const known = await db.region.findFirst({
    where: { name: input.region, OR: [{ id: { in: [...admin.scope.below] } }, { parentId: admin.scope.regionId }] },
    select: { id: true },
  });
  if (known) return ok(known.id);
  try {
    const created = await db.$transaction(async (tx) => {
      const region = await tx.region.create({ data: { name: input.region, level: input.level, parentId: admin.scope.regionId } });
      await recordAudit(tx, { actorId: admin.userId, action: "region.create", entityType: "Region", entityId: region.id, after: region });
      return region;
    });
    return ok(created.id);
  } catch (error) {
    if (isUniqueViolation(error)) return fail("conflict", `地区“${input.region}”已存在，但不在您的管辖范围内`);
    throw error;
  }
}

/**
 * Imports a report: runs extraction, stores its sections, turns every target into a goal with a
 * suggested lead department (created when missing), in one transaction with its audit trail.
 */
export async function createPlanFromText(actor: Actor | null, raw: unknown): Promise<Result<CreatedPlan>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const parsed = planCreateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const input = parsed.data;
  const admin = allowed.value;
  const extraction = extractTargets(input.text);
  const year = input.year ?? extraction.planYear ?? undefined;
  if (!year) return fail("validation", undefined, { year: "无法从报告中识别计划年度，请填写年份" });
  const region = await planRegion(admin, input);
  if (!region.ok) return region;
  const regionId = region.value;
  if (await db.plan.findUnique({ where: { regionId_year: { regionId, year } }, select: { id: true } })) {
    return fail("conflict", `${input.region}${year}年的计划已存在`, { region: `${input.region}${year}年的计划已存在` });
  }

  const sectionIds = new Map(extraction.sections.map((s) => [s.id, randomUUID()]));
  const sectionTitles = new Map(extraction.sections.map((s) => [s.id, s.title]));
  const suggestions = extraction.targets.map((t) =>
    departmentName(suggestLeadDepartment(t.metric, t.sectionId ? sectionTitles.get(t.sectionId) ?? null : null, input.level), input.level),
  );

  try {
    const created = await db.$transaction(
      async (tx) => {
        const plan = await tx.plan.create({
          data: {
            regionId,
            region: input.region,
            level: input.level,
            year,
            title: input.title ?? `${input.region}${year}年政府工作报告目标任务`,
            sourceText: input.text,
          },
        });
        await tx.section.createMany({
          data: extraction.sections.map((s, position) => ({
            id: sectionIds.get(s.id)!,
            planId: plan.id,
            parentId: s.parentId ? sectionIds.get(s.parentId) ?? null : null,
            position,
            part: s.part,
            number: s.number ?? null,
            title: s.title,
            start: s.start,
            end: s.end,
          })),
        });
        const departments = new Map<string, string>();
        for (const name of new Set(suggestions)) {
          const base = STANDARD_DEPARTMENTS.findIndex((d) => departmentName(d, input.level) === name);
          // The plan's own government's departments: another city's 农业农村局 is not this one.
          const dept = await tx.department.upsert({
            where: { regionId_name: { regionId, name } },
            create: { regionId, name, position: base >= 0 ? base : STANDARD_DEPARTMENTS.length },
            update: {},
            select: { id: true },
          });
          departments.set(name, dept.id);
        }
        const goals = await tx.goal.createManyAndReturn({
          data: extraction.targets.map((t, position) => ({
            planId: plan.id,
            sectionId: t.sectionId ? sectionIds.get(t.sectionId) ?? null : null,
            position,
            metric: t.metric,
            targetValue: new Prisma.Decimal(t.value),
            targetValueHigh: t.valueHigh !== undefined && t.valueHigh !== null ? new Prisma.Decimal(t.valueHigh) : null,
            unit: t.unit,
            comparator: t.comparator,
            kind: t.kind,
            direction: t.direction,
            accumulates: t.accumulates,
            quote: t.quote,
            sourceStart: t.start,
            sourceEnd: t.end,
            baselineValue: t.baseline ? new Prisma.Decimal(t.baseline.value) : null,
            baselineUnit: t.baseline?.unit ?? null,
            baselineYear: t.baseline?.year ?? null,
            baselineQuote: t.baseline?.quote ?? null,
            leadDepartmentId: departments.get(suggestions[position]!) ?? null,
          })),
          select: { id: true, metric: true, targetValue: true, unit: true, comparator: true, kind: true, leadDepartmentId: true },
        });
        await recordAudit(tx, {
          actorId: allowed.value.userId,
          action: "plan.import",
          entityType: "Plan",
          entityId: plan.id,
          after: { region: plan.region, level: plan.level, year: plan.year, title: plan.title, goals: goals.length, sections: extraction.sections.length },
        });
        const names = new Map([...departments].map(([name, id]) => [id, name]));
        return {
          id: plan.id,
          year,
          goals: goals.map((g) => ({
            id: g.id,
            metric: g.metric,
            targetValue: g.targetValue?.toString() ?? "",
            unit: g.unit,
            comparator: g.comparator,
            kind: g.kind,
            leadDepartment: g.leadDepartmentId ? names.get(g.leadDepartmentId) ?? "" : "",
          })),
        };
      },
      { timeout: 60_000 },
    );
    return ok(created);
  } catch (error) {
    if (isUniqueViolation(error)) {
      return fail("conflict", `${input.region}${year}年的计划已存在`);
    }
    throw error;
  }
}

export async function updatePlanSettings(actor: Actor | null, planId: string, raw: unknown): Promise<Result<{ id: string }>> {
  const scoped = await authorizePlan(actor, planId, "manageRegion");
  if (!scoped.ok) return scoped;
  const allowed = { value: scoped.value.actor };
  const parsed = planSettingsInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const before = isPlausibleId(planId) ? await db.plan.findUnique({ where: { id: planId }, select: { id: true, graceDays: true, marginBehind: true, marginFarBehind: true } }) : null;
  if (!before) return fail("not_found", NOT_FOUND.plan);
  await db.$transaction(async (tx) => {
    const after = await tx.plan.update({
      where: { id: planId },
      data: {
        graceDays: parsed.data.graceDays,
        marginBehind: new Prisma.Decimal(parsed.data.marginBehind),
        marginFarBehind: new Prisma.Decimal(parsed.data.marginFarBehind),
      },
      select: { id: true, graceDays: true, marginBehind: true, marginFarBehind: true },
    });
    await recordAudit(tx, { actorId: allowed.value.userId, action: "plan.settings", entityType: "Plan", entityId: planId, before, after });
  });
  return ok({ id: planId });
}

/**
 * 需要审核 on or off for a plan. Switching it off makes reporters' new figures count at once; versions already
 * pending stay pending until reviewed.
 */
export async function setRequiresReview(actor: Actor | null, planId: string, requiresReview: boolean): Promise<Result<{ id: string; requiresReview: boolean }>> {
  const scoped = await authorizePlan(actor, planId, "manageRegion");
  if (!scoped.ok) return scoped;
  const allowed = { value: scoped.value.actor };
  if (typeof requiresReview !== "boolean") return fail("validation", "需要审核应为开启或关闭");
  const before = isPlausibleId(planId) ? await db.plan.findUnique({ where: { id: planId }, select: { id: true, requiresReview: true } }) : null;
  if (!before) return fail("not_found", NOT_FOUND.plan);
  if (before.requiresReview === requiresReview) return ok(before);
  const after = await db.$transaction(async (tx) => {
    const updated = await tx.plan.update({ where: { id: planId }, data: { requiresReview }, select: { id: true, requiresReview: true } });
    await recordAudit(tx, { actorId: allowed.value.userId, action: "plan.requiresReview", entityType: "Plan", entityId: planId, before, after: updated });
    return updated;
  });
  return ok(after);
}

export const PLAN_MESSAGES = {
  hasFigures: "该计划已有填报数据，不能删除（可归档）",
  hasShares: "该计划的指标已分解给下级或其他单位，不能删除（可归档）",
} as const;

/** Rename (title) and archive or restore a plan: {title?, archived?}. Audited. */
export async function updatePlan(actor: Actor | null, planId: string, raw: unknown): Promise<Result<{ id: string; title: string; archivedAt: string | null }>> {
  const scoped = await authorizePlan(actor, planId, "manageRegion");
  if (!scoped.ok) return scoped;
  const parsed = planUpdateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const input = parsed.data;
  const after = await db.$transaction(async (tx) => {
    const before = await tx.plan.findUnique({ where: { id: planId }, select: { id: true, title: true, archivedAt: true } });
    if (!before) return null;
    const archivedAt = input.archived === undefined ? before.archivedAt : input.archived ? (before.archivedAt ?? new Date()) : null;
    const updated = await tx.plan.update({ where: { id: planId }, data: { ...(input.title !== undefined && { title: input.title }), archivedAt }, select: { id: true, title: true, archivedAt: true } });
    await recordAudit(tx, { actorId: scoped.value.actor.userId, action: "plan.update", entityType: "Plan", entityId: planId, before, after: updated });
    return updated;
  });
  if (!after) return fail("not_found", NOT_FOUND.plan);
  return ok({ id: after.id, title: after.title, archivedAt: after.archivedAt?.toISOString() ?? null });
}

/**
 * Deletes a plan that holds no figures (no entry version of any goal, no share handed down); the region and year are
 * free for a new import afterwards. Audited with the plan's summary; refused (409) otherwise — archive it instead.
 */
export async function deletePlan(actor: Actor | null, planId: string): Promise<Result<{ id: string }>> {
  const scoped = await authorizePlan(actor, planId, "manageRegion");
  if (!scoped.ok) return scoped;
  const outcome = await db.$transaction(async (tx) => {
    // The plan's row lock: a figure entered meanwhile locks its goal, then waits for this; checked under the lock.
    await tx.$queryRaw`SELECT id FROM "Plan" WHERE id = ${planId} FOR UPDATE`;
    const plan = await tx.plan.findUnique({ where: { id: planId }, select: { id: true, regionId: true, region: true, year: true, title: true, _count: { select: { goals: true } } } });
    if (!plan) return fail("not_found", NOT_FOUND.plan);
    if (await tx.progressEntry.findFirst({ where: { goal: { planId } }, select: { id: true } })) return fail("conflict", PLAN_MESSAGES.hasFigures);
    if (await tx.goal.findFirst({ where: { parentGoal: { planId }, planId: { not: planId } }, select: { id: true } })) return fail("conflict", PLAN_MESSAGES.hasShares);
    await tx.plan.delete({ where: { id: planId } });
    const { _count, ...before } = plan;
    await recordAudit(tx, { actorId: scoped.value.actor.userId, action: "plan.delete", entityType: "Plan", entityId: planId, before: { ...before, goals: _count.goals } });
    return ok({ id: planId });
  });
  return outcome;
}
