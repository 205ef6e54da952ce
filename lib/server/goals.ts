import "server-only";
import { isPlausibleId } from "@/lib/domain/ids";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { fieldErrors, goalCreateInput, goalUpdateInput, type GoalCreateInput } from "@/lib/domain/inputs";
import { authorize, can, canRead, type Actor } from "@/lib/domain/permissions";
import { periodsOpenForEntry, todayInShanghai, type Frequency } from "@/lib/domain/periods";
import { inferAccumulates, inferDirection, type Judgement } from "@/lib/domain/status";
import { Prisma } from "./generated/prisma/client";
import { db } from "./db";
import { recordAudit } from "./audit";
import { judgeGoalRow, planSettings } from "./board";
import { Refusal, versionSelect, withGoalLock } from "./entries";
import { countedVersions, endOfDay, newestVersions, type CountingOptions } from "@/lib/domain/entries/versions";
import { suggestedEntryPeriod } from "@/lib/domain/entries/suggest";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authorizeGoal, authorizePlan } from "./scope";
import { sharesOf, visibleShares, type ShareSummary } from "./shares";

const goalDetailSelect = {
  id: true, planId: true, sectionId: true, position: true, metric: true, targetValue: true, targetValueHigh: true,
  unit: true, comparator: true, kind: true, direction: true, accumulates: true, frequency: true, quote: true,
  sourceStart: true, sourceEnd: true, baselineValue: true, baselineUnit: true, baselineYear: true, baselineQuote: true,
  description: true, archivedAt: true, createdAt: true, updatedAt: true, leadDepartmentId: true, parentGoalId: true, shareRegionId: true,
  parentGoal: { select: { id: true, metric: true, archivedAt: true, plan: { select: { id: true, title: true, regionId: true } } } },
  section: { select: { id: true, title: true, number: true } },
  leadDepartment: { select: { id: true, name: true, regionId: true, region: { select: { name: true } } } },
  coDepartments: { select: { department: { select: { id: true, name: true, regionId: true, region: { select: { name: true } } } } } },
  plan: { select: { id: true, region: true, regionId: true, year: true, title: true, graceDays: true, marginBehind: true, marginFarBehind: true, requiresReview: true } },
  // Every version, newest first (the history); the judgement uses the versions counted as of the day.
  entries: { orderBy: [{ submittedAt: "desc" }, { version: "desc" }], select: versionSelect },
} satisfies Prisma.GoalSelect;

type GoalRow = Prisma.GoalGetPayload<{ select: typeof goalDetailSelect }>;

export interface GoalDetail {
  goal: GoalRow;
  judgement: Judgement;
  asOf: string;
  /** The version of each period counted as of asOf (what the judgement rests on). */
  counted: GoalRow["entries"];
  /** The newest version number of each period (the form sends it back to detect a stale page). */
  newestVersion: Record<string, number>;
  includePending: boolean;
  canEnter: boolean;
  canManage: boolean;
  /** Periods a figure may be entered for now, newest first, and the one to preselect. */
  openPeriods: string[];
  suggestedPeriod: string | null;
  /** 目标分解: the goal's shares as of asOf (null without shares); an additive goal's judgement rests on their sum. */
  shares: ShareSummary | null;
  /** The goal this one is a share of; `readable` when the actor may open it. */
  parent: { id: string; metric: string; planId: string; planTitle: string; readable: boolean } | null;
}

export async function getGoalDetail(
  actor: Actor | null,
  goalId: string,
  asOf?: string,
  now = new Date(),
  options: CountingOptions = {},
): Promise<Result<GoalDetail>> {
  const allowed = authorize(actor, { action: "read" });
  if (!allowed.ok) return allowed;
  if (!isPlausibleId(goalId)) return fail("not_found", NOT_FOUND.goal);
  const goal = await db.goal.findUnique({ where: { id: goalId }, select: goalDetailSelect });
  if (!goal || goal.archivedAt || !canRead(allowed.value, goal.plan.regionId)) return fail("not_found", NOT_FOUND.goal);
  const day = asOf ?? todayInShanghai(now);
  const counted = countedVersions(goal.entries, endOfDay(day), options);
  const shares = (await sharesOf([{ id: goal.id, unit: goal.unit, kind: goal.kind, year: goal.plan.year }], day, options)).get(goal.id) ?? null;
  const reader = allowed.value;
  const judgement = judgeGoalRow(goal, goal.plan.year, shares?.rolledUp ? shares.counted : counted, planSettings(goal.plan), day);
  const parentGoal = goal.parentGoal && !goal.parentGoal.archivedAt ? goal.parentGoal : null;
  const newestVersion: Record<string, number> = {};
  for (const [period, v] of newestVersions(goal.entries)) newestVersion[period] = v.version;
  const frequency = goal.frequency as Frequency;
  const openPeriods = periodsOpenForEntry(goal.plan.year, frequency, todayInShanghai(now)).slice().reverse();
  return ok({
    goal,
    judgement,
    asOf: day,
    counted,
    newestVersion,
    includePending: Boolean(options.includePending),
    canEnter: can(allowed.value, {
      action: "enter",
      regionId: goal.plan.regionId,
      goal: { leadDepartmentId: goal.leadDepartmentId, coDepartmentIds: goal.coDepartments.map((c) => c.department.id) },
    }),
    canManage: can(allowed.value, { action: "manageRegion", regionId: goal.plan.regionId }),
    openPeriods,
    suggestedPeriod: suggestedEntryPeriod({ year: goal.plan.year, frequency }, goal.entries, goal.plan.graceDays, todayInShanghai(now), openPeriods),
    shares: visibleShares(shares, (regionId) => canRead(reader, regionId)),
    parent: parentGoal && {
      id: parentGoal.id,
      metric: parentGoal.metric,
      planId: parentGoal.plan.id,
      planTitle: parentGoal.plan.title,
      readable: canRead(allowed.value, parentGoal.plan.regionId),
    },
  });
}

function goalData(input: Partial<GoalCreateInput>) {
  return {
    ...(input.metric !== undefined && { metric: input.metric }),
    ...(input.targetValue !== undefined && { targetValue: new Prisma.Decimal(input.targetValue) }),
    ...("targetValueHigh" in input && { targetValueHigh: input.targetValueHigh ? new Prisma.Decimal(input.targetValueHigh) : null }),
    ...(input.unit !== undefined && { unit: input.unit }),
    ...(input.comparator !== undefined && { comparator: input.comparator }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.direction !== undefined && { direction: input.direction }),
    ...(input.accumulates !== undefined && { accumulates: input.accumulates }),
    ...(input.frequency !== undefined && { frequency: input.frequency }),
    ...(input.sectionId !== undefined && { sectionId: input.sectionId }),
    ...(input.leadDepartmentId !== undefined && { leadDepartmentId: input.leadDepartmentId }),
    ...(input.quote !== undefined && { quote: input.quote }),
    ...("description" in input && { description: input.description ?? null }),
  };
}

/** Checks that the referenced section belongs to the plan and the departments to the plan's own government. */
async function checkReferences(planId: string, regionId: string, input: Partial<GoalCreateInput>): Promise<Record<string, string> | null> {
  const errors: Record<string, string> = {};
  if (input.sectionId) {
    const section = await db.section.findFirst({ where: { id: input.sectionId, planId }, select: { id: true } });
    if (!section) errors.sectionId = "所选章节不属于该计划";
  }
  const deptIds = [...(input.leadDepartmentId ? [input.leadDepartmentId] : []), ...(input.coDepartmentIds ?? [])];
  if (deptIds.length) {
    const found = await db.department.findMany({ where: { id: { in: deptIds } }, select: { regionId: true } });
    if (found.length !== new Set(deptIds).size) errors.leadDepartmentId = "所选单位不存在";
    else if (found.some((d) => d.regionId !== regionId)) errors.leadDepartmentId = "所选单位不属于本计划所在地区";
  }
  return Object.keys(errors).length ? errors : null;
}

export async function createGoal(actor: Actor | null, planId: string, raw: unknown): Promise<Result<{ id: string }>> {
  const scoped = await authorizePlan(actor, planId, "manageRegion");
  if (!scoped.ok) return scoped;
  const allowed = { value: scoped.value.actor };
  const parsed = goalCreateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const input = parsed.data;
  const refErrors = await checkReferences(planId, scoped.value.regionId, input);
  if (refErrors) return fail("validation", undefined, refErrors);

  const goal = await db.$transaction(async (tx) => {
    const last = await tx.goal.aggregate({ where: { planId }, _max: { position: true } });
    const created = await tx.goal.create({
      data: {
        ...goalData(input),
        planId,
        metric: input.metric,
        unit: input.unit,
        comparator: input.comparator,
        kind: input.kind,
        frequency: input.frequency,
        direction: input.direction ?? inferDirection(input.metric, input.comparator, input.kind),
        accumulates: input.accumulates ?? inferAccumulates(input.kind),
        quote: input.quote ?? input.metric,
        position: (last._max.position ?? -1) + 1,
        coDepartments: { create: [...new Set(input.coDepartmentIds ?? [])].map((departmentId) => ({ departmentId })) },
      },
    });
    await recordAudit(tx, { actorId: allowed.value.userId, action: "goal.create", entityType: "Goal", entityId: created.id, after: { ...created, coDepartmentIds: input.coDepartmentIds ?? [] } });
    return created;
  });
  return ok({ id: goal.id });
}

/** Changes the given fields of a goal; answers its plan too, for the page to return to. */
export async function updateGoal(actor: Actor | null, goalId: string, raw: unknown): Promise<Result<{ id: string; planId: string }>> {
  const scoped = await authorizeGoal(actor, goalId, "manageRegion");
  if (!scoped.ok) return scoped;
  const allowed = { value: scoped.value.actor };
  const parsed = goalUpdateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const input = parsed.data;
  const before = { planId: scoped.value.planId };
  const refErrors = await checkReferences(before.planId, scoped.value.regionId, input);
  if (refErrors) return fail("validation", undefined, refErrors);

  // Co-departments as a set (a repeated id is one department), under the goal's row lock: two admins changing
  // them at once are applied one after the other, and the audit `before` is what the change really replaced.
  const coDepartmentIds = input.coDepartmentIds ? [...new Set(input.coDepartmentIds)] : undefined;
  const result = await withGoalLock(goalId, async (tx) => {
    const current = await tx.goal.findUnique({ where: { id: goalId }, include: { coDepartments: { select: { departmentId: true } } } });
    if (!current || current.archivedAt) throw new Refusal(fail("not_found", NOT_FOUND.goal));
    const after = await tx.goal.update({
      where: { id: goalId },
      data: {
        ...goalData(input),
        ...(coDepartmentIds && {
          coDepartments: { deleteMany: {}, create: coDepartmentIds.map((departmentId) => ({ departmentId })) },
        }),
      },
      include: { coDepartments: { select: { departmentId: true } } },
    });
    await recordAudit(tx, { actorId: allowed.value.userId, action: "goal.update", entityType: "Goal", entityId: goalId, before: current, after });
  });
  return result.ok ? ok({ id: goalId, planId: before.planId }) : result;
}

/** Goals are archived, not deleted, so their figures and audit trail stay. */
export async function archiveGoal(actor: Actor | null, goalId: string, now = new Date()): Promise<Result<{ planId: string }>> {
  const scoped = await authorizeGoal(actor, goalId, "manageRegion");
  if (!scoped.ok) return scoped;
  const allowed = { value: scoped.value.actor };
  const before = isPlausibleId(goalId) ? await db.goal.findUnique({ where: { id: goalId } }) : null;
  if (!before || before.archivedAt) return fail("not_found", NOT_FOUND.goal);
  await db.$transaction(async (tx) => {
    // A goal's shares (目标分解) go with it, and theirs with them: a withdrawn target is withdrawn for its holders too.
    for (let ids = [goalId]; ids.length; ) {
      const next: string[] = [];
      for (const id of ids) {
        const current = await tx.goal.findUnique({ where: { id } });
        if (!current || current.archivedAt) continue;
        const after = await tx.goal.update({ where: { id }, data: { archivedAt: now } });
        await recordAudit(tx, { actorId: allowed.value.userId, action: "goal.archive", entityType: "Goal", entityId: id, before: current, after });
        next.push(...(await tx.goal.findMany({ where: { parentGoalId: id, archivedAt: null }, select: { id: true } })).map((g) => g.id));
      }
      ids = next;
    }
  });
  return ok({ planId: before.planId });
}
