import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { fieldErrors } from "@/lib/domain/inputs";
import { lockInput } from "@/lib/domain/entries/inputs";
import type { Actor } from "@/lib/domain/permissions";
import { parsePeriod, periodLabel } from "@/lib/domain/periods";
import { db, isUniqueViolation } from "./db";
import { recordAudit } from "./audit";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authorizePlan } from "./scope";

export interface PeriodLockView {
  period: string;
  label: string;
  reason: string;
  lockedAt: Date;
  lockedBy: string | null;
}

export async function listLocks(actor: Actor | null, planId: string): Promise<Result<PeriodLockView[]>> {
  const allowed = await authorizePlan(actor, planId, "readRegion");
  if (!allowed.ok) return allowed;
  const plan = await db.plan.findUnique({
    where: { id: planId },
    select: { locks: { orderBy: { period: "asc" }, select: { period: true, reason: true, lockedAt: true, lockedBy: { select: { name: true } } } } },
  });
  if (!plan) return fail("not_found", NOT_FOUND.plan);
  return ok(plan.locks.map((l) => ({ period: l.period, label: periodLabel(l.period), reason: l.reason, lockedAt: l.lockedAt, lockedBy: l.lockedBy?.name ?? null })));
}

/** A lock or unlock request: an admin, an existing plan, and a period of the plan's year. */
async function lockRequest(actor: Actor | null, planId: string, raw: unknown): Promise<Result<{ admin: Actor; period: string; reason?: string }>> {
  const allowed = await authorizePlan(actor, planId, "manageRegion");
  if (!allowed.ok) return allowed;
  const plan = await db.plan.findUnique({ where: { id: planId }, select: { year: true } });
  if (!plan) return fail("not_found", NOT_FOUND.plan);
  const parsed = lockInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const { period, reason } = parsed.data;
  if (parsePeriod(period)?.year !== plan.year) return fail("validation", undefined, { period: `期间应属于${plan.year}年，例如 ${plan.year}-06` });
  return ok({ admin: allowed.value.actor, period, reason });
}

/** 关账: locks a period of the plan (reason required). A lock on a month also closes the quarter/half/year ending with it. */
export async function lockPeriod(actor: Actor | null, planId: string, raw: unknown): Promise<Result<PeriodLockView>> {
  const request = await lockRequest(actor, planId, raw);
  if (!request.ok) return request;
  const { admin, period, reason } = request.value;
  if (!reason) return fail("validation", undefined, { reason: "请填写关账原因，例如 6月数据已审核完毕" });
  try {
    const lock = await db.$transaction(async (tx) => {
      const created = await tx.periodLock.create({ data: { planId, period, reason, lockedById: admin.userId } });
      await recordAudit(tx, { actorId: admin.userId, action: "period.lock", entityType: "Plan", entityId: planId, after: created });
      return created;
    });
    return ok({ period, label: periodLabel(period), reason, lockedAt: lock.lockedAt, lockedBy: admin.name });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("conflict", `${periodLabel(period)}已关账`);
    throw error;
  }
}

/** Reopens a locked period. */
export async function unlockPeriod(actor: Actor | null, planId: string, raw: unknown): Promise<Result<{ period: string }>> {
  const request = await lockRequest(actor, planId, raw);
  if (!request.ok) return request;
  const { admin, period, reason } = request.value;
  const done = await db.$transaction(async (tx) => {
    const before = await tx.periodLock.findUnique({ where: { planId_period: { planId, period } } });
    if (!before) return false;
    await tx.periodLock.delete({ where: { id: before.id } });
    await recordAudit(tx, { actorId: admin.userId, action: "period.unlock", entityType: "Plan", entityId: planId, before, after: { reason: reason ?? null } });
    return true;
  });
  return done ? ok({ period }) : fail("not_found", `${periodLabel(period)}未关账`);
}
