import "server-only";
import { isPlausibleId } from "@/lib/domain/ids";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { fieldErrors } from "@/lib/domain/inputs";
import { entrySubmitInput, type EntrySubmitInput } from "@/lib/domain/entries/inputs";
import { checkEntry, type EntryCheck, type PlausibilityWarning } from "@/lib/domain/entries/check";
import { startOfDay, type EntryState } from "@/lib/domain/entries/versions";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { periodEndDate, todayInShanghai, type Frequency } from "@/lib/domain/periods";
import type { GoalKind, Direction } from "@/lib/domain/status";
import { Prisma } from "./generated/prisma/client";
import { db, isUniqueViolation } from "./db";
import { inWriteSlot } from "./write-gate";
import { recordAudit, recordAudits, snapshot } from "./audit";
import { inSqlTransaction, isUniqueViolationAnywhere, newId, sql } from "./sql";
import { ENTRY_MESSAGES, NOT_FOUND } from "@/lib/domain/messages";

type Tx = Prisma.TransactionClient;

/** One version of an entry as the API and pages show it. */
export const versionSelect = {
  id: true, goalId: true, period: true, version: true, value: true, rawInput: true, note: true, state: true,
  submittedAt: true, reportedAt: true, countedAt: true, reviewedAt: true, reviewNote: true, warnings: true,
  submittedBy: { select: { username: true, name: true } },
  reviewedBy: { select: { username: true, name: true } },
} satisfies Prisma.ProgressEntrySelect;
export type EntryVersion = Prisma.ProgressEntryGetPayload<{ select: typeof versionSelect }>;

export interface SubmittedEntry {
  version: EntryVersion;
  /** The first version of its period. */
  created: boolean;
  warnings: PlausibilityWarning[];
}

const goalForEntry = {
  id: true, planId: true, metric: true, unit: true, kind: true, direction: true, frequency: true, accumulates: true,
  targetValue: true, leadDepartmentId: true, archivedAt: true,
  plan: { select: { year: true, requiresReview: true, regionId: true } },
  coDepartments: { select: { departmentId: true } },
} satisfies Prisma.GoalSelect;

/** A refusal found inside a transaction: thrown to roll it back, turned into a Result outside. */
class Refusal extends Error {
  constructor(readonly result: { ok: false; error: import("@/lib/domain/errors").AppError }) {
    super(result.error.message);
  }
}

function refuse(check: Extract<EntryCheck, { ok: false }>): never {
  if (check.code === "validation") throw new Refusal(fail("validation", undefined, check.fields));
  throw new Refusal(fail(check.code, check.message, check.fields));
}

/** Loads a goal the actor may enter figures for: 404 when it does not exist (or is archived), 403 when not theirs. */
async function loadGoalForEntry(actor: Actor | null, goalId: string): Promise<Result<GoalForEntryRow>> {
  if (!actor) return fail("unauthenticated");
  if (!isPlausibleId(goalId)) return fail("not_found", NOT_FOUND.goal);
  const goal = await db.goal.findUnique({ where: { id: goalId }, select: goalForEntry });
  if (!goal || goal.archivedAt) return fail("not_found", NOT_FOUND.goal);
  const allowed = authorize(
    actor,
    { action: "enter", regionId: goal.plan.regionId, goal: { leadDepartmentId: goal.leadDepartmentId, coDepartmentIds: goal.coDepartments.map((c) => c.departmentId) } },
    NOT_FOUND.goal,
  );
  return allowed.ok ? ok(goal) : allowed;
}

/**
 * Runs `work` in a transaction holding the goal's row lock: every change to a goal's figures is serialised, so
 * the `before` each audit event records is the version the change really followed.
 */
export async function withGoalLock<T>(goalId: string, work: (tx: Tx) => Promise<T>): Promise<Result<T>> {
  try {
    // One of a few write slots per process (lib/server/write-gate.ts), so a burst of writes leaves readers CPU.
    const value = await inWriteSlot(() =>
      db.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Goal" WHERE "id" = ${goalId} FOR UPDATE`;
        if (locked.length === 0) throw new Refusal(fail("not_found", NOT_FOUND.goal));
        return work(tx);
      }),
    );
    return ok(value);
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    if (isUniqueViolation(error)) return fail("conflict");
    throw error;
  }
}

export { Refusal };

/** A goal as the entry check and the write need it (with its plan's year, review setting and region). */
export type GoalForEntryRow = Prisma.GoalGetPayload<{ select: typeof goalForEntry }>;
export { goalForEntry };
/** Every stored field of a version: the `before` of an audit event, and what checkEntry reads. */
export type StoredVersion = Prisma.ProgressEntryGetPayload<object>;

/**
 * The one check of a figure for a goal (checkEntry) against its versions and the plan's locks as read under the
 * goal's row lock. Shared by submitEntry and bulk upload (lib/server/bulk).
 */
export function checkFigure(user: Actor, goal: GoalForEntryRow, input: EntrySubmitInput, versions: readonly StoredVersion[], locks: ReadonlyMap<string, string>, today: string): EntryCheck {
  return checkEntry(
    {
      year: goal.plan.year,
      frequency: goal.frequency as Frequency,
      metric: goal.metric,
      unit: goal.unit,
      kind: goal.kind as GoalKind,
      direction: goal.direction as Direction,
      accumulates: goal.accumulates,
      target: goal.targetValue?.toString() ?? null,
    },
    input,
    {
      role: user.role,
      today,
      versions: versions.map((v) => ({ period: v.period, value: v.value.toString(), state: v.state as EntryState, version: v.version })),
      locks,
    },
  );
}

/** A checked figure to write: the goal, the input, its check, and the goal's versions read under its lock. */
export interface FigureWrite {
  goal: GoalForEntryRow;
  input: EntrySubmitInput;
  check: Extract<EntryCheck, { ok: true }>;
  versions: readonly StoredVersion[];
}

/**
 * The row of a new version for a checked figure: a reporter's version is pending where the plan requires review; an
 * admin's own (or any, without review) counts at once — from the stated 填报日期 if an admin gave one. One rule for
 * writeFigures (bulk upload, through Prisma) and submitEntry (one figure, in SQL).
 */
function versionData(user: Actor, { goal, input, check }: FigureWrite, previous: StoredVersion | null, now: Date, today: string) {
  const countsNow = user.role === "admin" || !goal.plan.requiresReview;
  const reportedAt = input.reportedAt ?? today;
  return {
    goalId: goal.id,
    period: input.period,
    periodEnd: new Date(`${periodEndDate(input.period)}T00:00:00Z`),
    version: (previous?.version ?? 0) + 1,
    value: new Prisma.Decimal(check.value),
    rawInput: input.value,
    note: input.note ?? null,
    state: (countsNow ? "approved" : "pending") as EntryState,
    submittedById: user.userId,
    submittedAt: now,
    reportedAt: new Date(`${reportedAt}T00:00:00Z`),
    // An admin's stated 填报日期 counts from that day; otherwise from now.
    countedAt: countsNow ? (input.reportedAt ? startOfDay(input.reportedAt) : now) : null,
    reviewedById: user.role === "admin" ? user.userId : null,
    reviewedAt: user.role === "admin" ? now : null,
    reviewNote: check.locked !== null ? `已关账期间（${check.locked}）由管理员补录：${input.note ?? ""}` : null,
    warnings: check.warnings.length ? (check.warnings as unknown as Prisma.InputJsonValue) : null,
  };
}

/** The newest stored version of the write's period, if any: what the new one follows. */
function previousOf({ input, versions }: FigureWrite): StoredVersion | null {
  return versions.filter((v) => v.period === input.period).sort((a, b) => b.version - a.version)[0] ?? null;
}

/**
 * Writes checked figures as new versions, each with its AuditEvent, in two statements whatever their number; call
 * inside the transaction holding the goals' locks, with the versions read under them (bulk upload).
 */
export async function writeFigures(tx: Tx, user: Actor, writes: readonly FigureWrite[], now: Date, today: string): Promise<{ version: EntryVersion; created: boolean }[]> {
  if (!writes.length) return [];
  const previous = writes.map(previousOf);
  const data = writes.map((write, i): Prisma.ProgressEntryCreateManyInput => {
    const row = versionData(user, write, previous[i]!, now, today);
    return { ...row, warnings: row.warnings ?? Prisma.JsonNull };
  });
  const created = await tx.progressEntry.createManyAndReturn({ data, include: { submittedBy: versionSelect.submittedBy, reviewedBy: versionSelect.reviewedBy } });
  // RETURNING gives no promise of order: match each row to its write by (goal, period, version), unique.
  const byKey = new Map(created.map((row) => [`${row.goalId}|${row.period}|${row.version}`, row]));
  const out = data.map((d, i) => {
    const row = byKey.get(`${d.goalId}|${d.period}|${d.version}`);
    if (!row) throw new Error(`version not returned for goal ${d.goalId} ${d.period}`);
    return { row, previous: previous[i] ?? null };
  });
  await recordAudits(
    tx,
    out.map(({ row: { submittedBy: _s, reviewedBy: _r, ...after }, previous: before }) => ({
      actorId: user.userId, action: "entry.submit", entityType: "ProgressEntry", entityId: after.id, before, after,
    })),
  );
  return out.map(({ row, previous: before }) => ({ version: row, created: !before }));
}

/** Every stored column of a version, in the schema's order (the `before` of an audit event is this row). */
const VERSION_COLUMNS = `"id", "goalId", "period", "periodEnd", "version", "value"::text AS "value", "rawInput", "note", "state"::text AS "state",
  "submittedById", "submittedAt", "reportedAt", "countedAt", "reviewedById", "reviewedAt", "reviewNote", "warnings", "updatedAt"`;

type VersionRow = Omit<StoredVersion, "value"> & { value: string };

/** A row read in SQL as Prisma would have given it (value a Decimal). */
const storedVersion = (row: VersionRow): StoredVersion => ({ ...row, value: new Prisma.Decimal(row.value) }) as StoredVersion;

interface GoalLockRow {
  id: string; planId: string; metric: string; unit: string; kind: string; direction: string; frequency: string; accumulates: boolean;
  targetValue: string | null; leadDepartmentId: string | null; archivedAt: Date | null;
  year: number; requiresReview: boolean; regionId: string; coDepartmentIds: string[]; locks: { period: string; reason: string }[];
}

/**
 * Records a new version of a department's figure for one period, with its AuditEvent, in one transaction under
 * the goal's row lock: who may enter it (404/403), the input (422), then checkFigure (period, lock, figure, stale
 * base version), plausibility warnings refused with needs_confirmation unless confirmed. The hot path of every
 * report, so written in SQL (lib/server/sql.ts): six statements, BEGIN and COMMIT included.
 */
export async function submitEntry(actor: Actor | null, goalId: string, raw: unknown, now: Date = new Date()): Promise<Result<SubmittedEntry>> {
  if (!actor) return fail("unauthenticated");
  if (!isPlausibleId(goalId)) return fail("not_found", NOT_FOUND.goal);
  const parsed = entrySubmitInput.safeParse(raw);
  const today = todayInShanghai(now);
  try {
    return ok(await inWriteSlot(() => inSqlTransaction(async (client) => {
      const [found] = await sql<GoalLockRow>(client, `
        SELECT g."id", g."planId", g."metric", g."unit", g."kind"::text AS "kind", g."direction"::text AS "direction",
               g."frequency"::text AS "frequency", g."accumulates", g."targetValue"::text AS "targetValue", g."leadDepartmentId", g."archivedAt",
               p."year", p."requiresReview", p."regionId",
               ARRAY(SELECT c."departmentId" FROM "GoalCoDepartment" c WHERE c."goalId" = g."id") AS "coDepartmentIds",
               COALESCE((SELECT json_agg(json_build_object('period', l."period", 'reason', l."reason")) FROM "PeriodLock" l WHERE l."planId" = g."planId"), '[]') AS "locks"
        FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId"
        WHERE g."id" = $1
        FOR UPDATE OF g`, [goalId]);
      if (!found || found.archivedAt) throw new Refusal(fail("not_found", NOT_FOUND.goal));
      const goal: GoalForEntryRow = {
        id: found.id, planId: found.planId, metric: found.metric, unit: found.unit, kind: found.kind as GoalForEntryRow["kind"],
        direction: found.direction as GoalForEntryRow["direction"], frequency: found.frequency as GoalForEntryRow["frequency"], accumulates: found.accumulates,
        targetValue: found.targetValue === null ? null : new Prisma.Decimal(found.targetValue), leadDepartmentId: found.leadDepartmentId, archivedAt: null,
        plan: { year: found.year, requiresReview: found.requiresReview, regionId: found.regionId },
        coDepartments: found.coDepartmentIds.map((departmentId) => ({ departmentId })),
      };
      const allowed = authorize(actor, { action: "enter", regionId: goal.plan.regionId, goal: { leadDepartmentId: goal.leadDepartmentId, coDepartmentIds: found.coDepartmentIds } }, NOT_FOUND.goal);
      if (!allowed.ok) throw new Refusal(allowed);
      if (!parsed.success) throw new Refusal(fail("validation", undefined, fieldErrors(parsed.error)));
      const input = parsed.data;
      const versions = (await sql<VersionRow>(client, `SELECT ${VERSION_COLUMNS} FROM "ProgressEntry" WHERE "goalId" = $1`, [goalId])).map(storedVersion);
      const check = checkFigure(actor, goal, input, versions, new Map(found.locks.map((l) => [l.period, l.reason])), today);
      if (!check.ok) refuse(check);
      if (check.warnings.length && !input.confirm) {
        throw new Refusal({ ok: false, error: { code: "needs_confirmation", message: check.warnings.map((w) => w.message).join("；"), warnings: check.warnings } });
      }
      const write = { goal, input, check, versions };
      const previous = previousOf(write);
      const data = versionData(actor, write, previous, now, today);
      const [inserted] = await sql<VersionRow & Pick<EntryVersion, "submittedBy" | "reviewedBy">>(client, `
        INSERT INTO "ProgressEntry" ("id", "goalId", "period", "periodEnd", "version", "value", "rawInput", "note", "state", "submittedById",
                                     "submittedAt", "reportedAt", "countedAt", "reviewedById", "reviewedAt", "reviewNote", "warnings", "updatedAt")
        VALUES ($1, $2, $3, $4::date, $5, $6::numeric, $7, $8, $9::"EntryState", $10, $11, $12::date, $13, $14, $15, $16, $17::jsonb, $11)
        RETURNING ${VERSION_COLUMNS},
          (SELECT json_build_object('username', u."username", 'name', u."name") FROM "user" u WHERE u."id" = "submittedById") AS "submittedBy",
          (SELECT json_build_object('username', u."username", 'name', u."name") FROM "user" u WHERE u."id" = "reviewedById") AS "reviewedBy"`,
        [newId(), data.goalId, data.period, data.periodEnd.toISOString().slice(0, 10), data.version, data.value.toString(), data.rawInput, data.note, data.state,
          data.submittedById, data.submittedAt, data.reportedAt.toISOString().slice(0, 10), data.countedAt, data.reviewedById, data.reviewedAt, data.reviewNote,
          // Prisma's JsonNull where there are no warnings, as writeFigures stores it.
          JSON.stringify(data.warnings)]);
      const { submittedBy, reviewedBy, ...row } = inserted!;
      const after = storedVersion(row);
      await sql(client, `INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after", "at") VALUES ($1, $2, 'entry.submit', 'ProgressEntry', $3, $4::jsonb, $5::jsonb, $6)`,
        [newId(), actor.userId, after.id, previous ? JSON.stringify(snapshot(previous)) : null, JSON.stringify(snapshot(after)), new Date()]);
      return { version: { ...after, submittedBy, reviewedBy } as EntryVersion, created: !previous, warnings: check.warnings };
    })));
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    if (isUniqueViolationAnywhere(error)) return fail("conflict");
    throw error;
  }
}

/**
 * Takes back a pending version (撤回) before the office reviews it. Approved figures are never deleted: a
 * correction is a new version. The row stays, marked withdrawn, with its audit event.
 */
export async function withdrawEntry(actor: Actor | null, versionId: string, now: Date = new Date()): Promise<Result<{ goalId: string; period: string }>> {
  if (!actor) return fail("unauthenticated");
  if (!isPlausibleId(versionId)) return fail("not_found", NOT_FOUND.entry);
  const found = await db.progressEntry.findUnique({ where: { id: versionId }, select: { goalId: true } });
  if (!found) return fail("not_found", NOT_FOUND.entry);
  const loaded = await loadGoalForEntry(actor, found.goalId);
  if (!loaded.ok) return loaded;
  return withGoalLock(found.goalId, async (tx) => {
    const before = await tx.progressEntry.findUnique({ where: { id: versionId } });
    if (!before) throw new Refusal(fail("not_found", NOT_FOUND.entry));
    if (before.state !== "pending") {
      throw new Refusal(fail("conflict", before.state === "approved" ? ENTRY_MESSAGES.withdrawApproved : ENTRY_MESSAGES.withdrawNotPending));
    }
    const newer = await tx.progressEntry.count({ where: { goalId: before.goalId, period: before.period, version: { gt: before.version } } });
    if (newer) throw new Refusal(fail("conflict", ENTRY_MESSAGES.withdrawSuperseded));
    const after = await tx.progressEntry.update({ where: { id: versionId }, data: { state: "withdrawn", updatedAt: now } });
    await recordAudit(tx, { actorId: actor.userId, action: "entry.withdraw", entityType: "ProgressEntry", entityId: versionId, before, after });
    return { goalId: before.goalId, period: before.period };
  });
}
