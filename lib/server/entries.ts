import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { entryInput, fieldErrors } from "@/lib/domain/inputs";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { parseFigure } from "@/lib/domain/figures";
import { frequencyLabel, periodEndDate, periodLabel, periodsOfYear, periodsOpenForEntry, todayInShanghai } from "@/lib/domain/periods";
import { Prisma } from "./generated/prisma/client";
import { db, isUniqueViolation } from "./db";
import { recordAudit } from "./audit";

export interface SavedEntry {
  id: string;
  goalId: string;
  period: string;
  value: string;
  rawInput: string;
  note: string | null;
  created: boolean;
}

const goalForEntry = {
  id: true,
  metric: true,
  unit: true,
  kind: true,
  direction: true,
  frequency: true,
  leadDepartmentId: true,
  archivedAt: true,
  plan: { select: { year: true } },
  coDepartments: { select: { departmentId: true } },
} satisfies Prisma.GoalSelect;

type GoalForEntry = Prisma.GoalGetPayload<{ select: typeof goalForEntry }>;

async function loadGoalForEntry(actor: Actor | null, goalId: string): Promise<Result<GoalForEntry>> {
  if (!actor) return fail("unauthenticated");
  const goal = await db.goal.findUnique({ where: { id: goalId }, select: goalForEntry });
  if (!goal || goal.archivedAt) return fail("not_found", "找不到该指标");
  const allowed = authorize(actor, {
    action: "enter",
    goal: { leadDepartmentId: goal.leadDepartmentId, coDepartmentIds: goal.coDepartments.map((c) => c.departmentId) },
  });
  return allowed.ok ? ok(goal) : allowed;
}

/**
 * Records a department's figure for one period (creating it, or replacing that period's figure),
 * with its AuditEvent in the same transaction. Bad input changes nothing.
 */
export async function submitEntry(
  actor: Actor | null,
  goalId: string,
  raw: unknown,
  now: Date = new Date(),
): Promise<Result<SavedEntry>> {
  const loaded = await loadGoalForEntry(actor, goalId);
  if (!loaded.ok) return loaded;
  const goal = loaded.value;

  const parsed = entryInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const { period, value: typed, note } = parsed.data;

  const periods = periodsOfYear(goal.plan.year, goal.frequency);
  if (!periods.includes(period)) {
    return fail("validation", undefined, {
      period: `该指标${frequencyLabel(goal.frequency)}填报，期间应为 ${periods.map(periodLabel).join("、")} 之一`,
    });
  }
  if (!periodsOpenForEntry(goal.plan.year, goal.frequency, todayInShanghai(now)).includes(period)) {
    return fail("validation", undefined, { period: `${periodLabel(period)}尚未开始，不能填报` });
  }
  const figure = parseFigure(typed, { unit: goal.unit, kind: goal.kind, direction: goal.direction, metric: goal.metric });
  if (!figure.ok) return fail("validation", undefined, { value: figure.message });

  const userId = actor!.userId;
  try {
    const saved = await db.$transaction(async (tx) => {
      const before = await tx.progressEntry.findUnique({ where: { goalId_period: { goalId, period } } });
      const data = {
        value: new Prisma.Decimal(figure.value),
        rawInput: typed,
        note: note ?? null,
        submittedById: userId,
        submittedAt: now,
        state: "submitted" as const,
      };
      const entry = before
        ? await tx.progressEntry.update({ where: { id: before.id }, data })
        : await tx.progressEntry.create({
            data: { ...data, goalId, period, periodEnd: new Date(`${periodEndDate(period)}T00:00:00Z`) },
          });
      await recordAudit(tx, {
        actorId: userId,
        action: before ? "entry.update" : "entry.create",
        entityType: "ProgressEntry",
        entityId: entry.id,
        before,
        after: entry,
      });
      return { entry, created: !before };
    });
    return ok({
      id: saved.entry.id,
      goalId,
      period,
      value: saved.entry.value.toString(),
      rawInput: saved.entry.rawInput,
      note: saved.entry.note,
      created: saved.created,
    });
  } catch (error) {
    // Two submissions for the same new period raced; the other one won.
    if (isUniqueViolation(error)) return fail("conflict");
    throw error;
  }
}

/** Removes one period's figure (kept in the audit trail). */
export async function deleteEntry(actor: Actor | null, entryId: string): Promise<Result<{ goalId: string }>> {
  if (!actor) return fail("unauthenticated");
  const entry = await db.progressEntry.findUnique({ where: { id: entryId } });
  if (!entry) return fail("not_found", "找不到该填报记录");
  const loaded = await loadGoalForEntry(actor, entry.goalId);
  if (!loaded.ok) return loaded;
  await db.$transaction(async (tx) => {
    await tx.progressEntry.delete({ where: { id: entryId } });
    await recordAudit(tx, { actorId: actor.userId, action: "entry.delete", entityType: "ProgressEntry", entityId: entryId, before: entry });
  });
  return ok({ goalId: entry.goalId });
}
