import "server-only";
import { isPlausibleId } from "@/lib/domain/ids";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { fieldErrors } from "@/lib/domain/inputs";
import { entrySubmitInput, type EntrySubmitInput } from "@/lib/domain/entries/inputs";
import { checkEntry, type EntryCheck, type PlausibilityWarning } from "@/lib/domain/entries/check";
import { countedVersions, endOfDay, startOfDay, type EntryState, type VersionForCounting } from "@/lib/domain/entries/versions";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { periodEndDate, todayInShanghai, type Frequency } from "@/lib/domain/periods";
import type { GoalKind, Direction } from "@/lib/domain/status";
import { Prisma } from "./generated/prisma/client";
import { db, dbPool, isUniqueViolation } from "./db";
import { inWriteSlot } from "./write-gate";
import { recordAudit, recordAudits, snapshot } from "./audit";
import { GOAL_JUDGING_COLUMNS, goalJudgingOf, judgeGoalRow, judgeOneGoal, latestStateOf, planSettings, type GoalJudgingRow } from "./board";
import { isMetAtYearEnd, type Judgement } from "@/lib/domain/status";
import { goalDuty } from "@/lib/domain/entries/duty";
import { inSqlTransaction, isUniqueViolationAnywhere, newId, retryingDeadlocks, sql, type SqlRunner } from "./sql";
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
  /** The goal's judgement as of a day after the write (the API's answer carries it). */
  judgeOn: (day: string) => Promise<Judgement | null>;
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

function refusalOf(check: Extract<EntryCheck, { ok: false }>) {
  return check.code === "validation" ? fail("validation", undefined, check.fields) : fail(check.code, check.message, check.fields);
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
export function checkFigure(user: Actor, goal: GoalForEntryRow, input: EntrySubmitInput, versions: readonly Pick<VersionForCounting, "period" | "value" | "state" | "version">[], locks: ReadonlyMap<string, string>, today: string): EntryCheck {
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
function versionData(user: Actor, { goal, input, check }: Pick<FigureWrite, "goal" | "input" | "check">, previous: StoredVersion | null, now: Date, today: string) {
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

/** A version as JSON (luoshi_version_json, migration entry_write_function: its audit snapshot) → as Prisma reads it. */
export function versionFromJson(v: Record<keyof StoredVersion, unknown>): StoredVersion {
  const at = (text: unknown) => (text === null ? null : new Date(text as string));
  return {
    id: v.id, goalId: v.goalId, period: v.period, periodEnd: at(v.periodEnd), version: v.version, value: new Prisma.Decimal(v.value as string),
    rawInput: v.rawInput, note: v.note, state: v.state, submittedById: v.submittedById, submittedAt: at(v.submittedAt),
    reportedAt: at(v.reportedAt), countedAt: at(v.countedAt), reviewedById: v.reviewedById, reviewedAt: at(v.reviewedAt),
    reviewNote: v.reviewNote, warnings: v.warnings, updatedAt: at(v.updatedAt),
  } as StoredVersion;
}

/** A version as the write paths read it: what counting, the check and 未填报 (goalDuty) need. */
export type KnownVersion = VersionForCounting & { value: string; reviewedAt: Date | null };

/**
 * What a write of a goal's versions (a figure, a review) reads to judge the goal's verdict as a reader would, in one
 * statement on "Goal" g joined to "Plan" p: the goal's fields, its plan's settings, every version, and the stamp of
 * its kept verdict (the write keeps its verdict only if that stamp has not moved since: decision 0022). A function:
 * GOAL_JUDGING_COLUMNS comes from a module that imports this one. `versions`: where the versions' JSON comes from
 * (by default a subquery; submitEntry reads it from a lateral join that gives the fingerprint from the same rows).
 */
export const goalVerdictColumns = (versions = `coalesce((SELECT ${VERSIONS_JSON} FROM "ProgressEntry" e WHERE e."goalId" = g."id"), '[]')`) =>
  `g."unit", g."kind"::text AS "kind", g."direction"::text AS "direction", g."frequency"::text AS "frequency",
  g."accumulates", g."targetValue"::text AS "targetValue", g."comparator"::text AS "comparator", g."leadDepartmentId", ${GOAL_JUDGING_COLUMNS},
  ${versions} AS "versions",
  (SELECT v."stamp" FROM "GoalVerdict" v WHERE v."goalId" = g."id") AS "verdictStamp"`;

/** The versions "ProgressEntry" e of a goal as one JSON array of [period, value, state, version, countedAt, submittedAt, reviewedAt]. */
const VERSIONS_JSON = `json_agg(json_build_array(e."period", trim_scale(e."value")::text, e."state", e."version",
  to_char(e."countedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(e."submittedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  to_char(e."reviewedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))`;

/**
 * What luoshi_versions_fingerprint(goal) computes (migration entry_write_function), over the goal's versions
 * "ProgressEntry" e: read in the same pass as the versions, the write checks it against the function's under the
 * goal's lock. Must stay the function's very expression (lib/server/entries-sql.int.test.ts holds them equal).
 */
export const VERSIONS_FINGERPRINT = `coalesce(md5(string_agg(e."id" || ':' || e."version" || ':' || e."state", ',' ORDER BY e."id")), '')`;

export interface GoalVerdictRow extends GoalJudgingRow {
  unit: string; kind: string; direction: string; frequency: string; accumulates: boolean; targetValue: string | null; comparator: string;
  leadDepartmentId: string | null;
  /** Every version: period, value, state, version, countedAt, submittedAt, reviewedAt. */
  versions: [string, string, EntryState, number, string | null, string, string | null][];
  /** The goal's kept verdict's stamp (null: none yet). */
  verdictStamp: number | null;
}

export function knownVersionsOf(row: GoalVerdictRow): KnownVersion[] {
  return row.versions.map(([period, value, state, version, countedAt, submittedAt, reviewedAt]) => ({
    period, value, state, version, countedAt: countedAt === null ? null : new Date(countedAt), submittedAt: new Date(submittedAt),
    reviewedAt: reviewedAt === null ? null : new Date(reviewedAt),
  }));
}

/** The goal's judgement as of `day` on these versions, as the goal page and the board judge it (countedVersions, judgeGoalRow). */
function judgeKnown(row: GoalVerdictRow, versions: readonly KnownVersion[], day: string) {
  const counted = countedVersions(versions, endOfDay(day));
  return { counted, judgement: judgeGoalRow(row, row.year, counted, planSettings(goalJudgingOf(row).plan), day) };
}

/**
 * Today's verdict of the goal once its versions are `after` (the write's own included), as a reader's judgeStale would
 * keep it: the k_… arguments of luoshi_keep_verdict_before_write, which keeps it with the write if nothing changed
 * since `row` was read. A parent with shares, judged on them, is left to readers (no verdict offered).
 */
export function verdictAfterWrite(row: GoalVerdictRow, after: readonly KnownVersion[], today: string): { args: unknown[]; judgement: Judgement | null } {
  const judging = goalJudgingOf(row);
  if (judging.hasShares) return { args: [null, today, judging.plan.verdictEpoch, null, null, false, null, null, false, false, null], judgement: null };
  const { counted, judgement } = judgeKnown(row, after, today);
  const duty = goalDuty({ year: row.year, frequency: row.frequency as Frequency }, after, judging.plan.graceDays, today);
  return {
    args: [row.verdictStamp, today, judging.plan.verdictEpoch, judgement.code, judgement.light, isMetAtYearEnd(judgement), JSON.stringify(judgement),
      latestStateOf(judgement, counted), duty.overdue.length > 0, duty.returned.length > 0, row.leadDepartmentId],
    judgement,
  };
}

interface GoalForEntrySql extends GoalVerdictRow {
  id: string; planId: string; metric: string; archivedAt: Date | null;
  year: number; requiresReview: boolean; regionId: string; coDepartmentIds: string[]; locks: { period: string; reason: string }[];
  /** The newest version of the figure's period, whole (the audit event's `before`). */
  previous: Record<keyof StoredVersion, unknown> | null;
  fingerprint: string; me: { username: string | null; name: string } | null;
}

/**
 * Records a new version of a department's figure for one period, with its AuditEvent: who may enter it (404/403),
 * the input (422), then checkFigure (period, lock, figure, stale base version), plausibility warnings refused with
 * needs_confirmation unless confirmed.
 *
 * The hot path of every report, so two prepared statements (lib/server/sql.ts): one reads the goal, its plan, locks
 * and versions; the other (luoshi_write_version) takes the goal's row lock and writes the checked version and its
 * audit event only if the goal's versions are still those that were checked (a fingerprint). So every change to a
 * goal's figures stays serialised, and the `before` of each audit event is the version the change really followed.
 * When another write came in between, the figure is read and checked again under the goal's lock, as the other
 * writes of figures do (withGoalLock).
 */
export async function submitEntry(actor: Actor | null, goalId: string, raw: unknown, now: Date = new Date()): Promise<Result<SubmittedEntry>> {
  if (!actor) return fail("unauthenticated");
  if (!isPlausibleId(goalId)) return fail("not_found", NOT_FOUND.goal);
  const attempt = { actor, goalId, parsed: entrySubmitInput.safeParse(raw), now };
  try {
    // The whole submission in one of the process's write slots (lib/server/write-gate.ts): waiting writers cost
    // nothing, and the reads being served meanwhile share the process with only a few writes at a time.
    return await inWriteSlot(() =>
      retryingDeadlocks(async () => {
        const optimistic = await submitOnce(dbPool(), attempt, false);
        if (optimistic !== "changed") return optimistic;
        const locked = await inSqlTransaction((client) => submitOnce(client, attempt, true));
        return locked === "changed" ? fail("conflict") : locked;
      }),
    );
  } catch (error) {
    if (isUniqueViolationAnywhere(error)) return fail("conflict");
    throw error;
  }
}

/**
 * One read, check and write of a figure (submitEntry). `locked`: inside a transaction, the goal's row lock taken
 * before the read. "changed": the goal's versions changed between the read and the write, nothing was written.
 */
async function submitOnce(
  runner: SqlRunner,
  { actor, goalId, parsed, now }: { actor: Actor; goalId: string; parsed: ReturnType<typeof entrySubmitInput.safeParse>; now: Date },
  locked: boolean,
): Promise<Result<SubmittedEntry> | "changed"> {
  const today = todayInShanghai(now);
  if (locked) await sql(runner, `SELECT 1 FROM "Goal" WHERE "id" = $1 FOR UPDATE`, [goalId]);
  const [found] = await sql<GoalForEntrySql>(runner, `
    SELECT g."id", g."metric", g."archivedAt", p."regionId", ${goalVerdictColumns(`coalesce(ev."versions", '[]')`)},
           ARRAY(SELECT c."departmentId" FROM "GoalCoDepartment" c WHERE c."goalId" = g."id") AS "coDepartmentIds",
           coalesce((SELECT json_agg(json_build_object('period', l."period", 'reason', l."reason")) FROM "PeriodLock" l WHERE l."planId" = g."planId"), '[]') AS "locks",
           (SELECT "luoshi_version_json"(e) FROM "ProgressEntry" e WHERE e."goalId" = g."id" AND e."period" = $3 ORDER BY e."version" DESC LIMIT 1) AS "previous",
           ev."fingerprint",
           (SELECT json_build_object('username', u."username", 'name', u."name") FROM "user" u WHERE u."id" = $2) AS "me"
    FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId"
         CROSS JOIN LATERAL (SELECT ${VERSIONS_JSON} AS "versions", ${VERSIONS_FINGERPRINT} AS "fingerprint" FROM "ProgressEntry" e WHERE e."goalId" = g."id") ev
    WHERE g."id" = $1`, [goalId, actor.userId, parsed.success ? parsed.data.period : null]);
  if (!found || found.archivedAt) return fail("not_found", NOT_FOUND.goal);
  const allowed = authorize(actor, { action: "enter", regionId: found.regionId, goal: { leadDepartmentId: found.leadDepartmentId, coDepartmentIds: found.coDepartmentIds } }, NOT_FOUND.goal);
  if (!allowed.ok) return allowed;
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const input = parsed.data;
  const goal: GoalForEntryRow = {
    id: found.id, planId: found.planId, metric: found.metric, unit: found.unit, kind: found.kind as GoalForEntryRow["kind"],
    direction: found.direction as GoalForEntryRow["direction"], frequency: found.frequency as GoalForEntryRow["frequency"], accumulates: found.accumulates,
    targetValue: found.targetValue === null ? null : new Prisma.Decimal(found.targetValue), leadDepartmentId: found.leadDepartmentId, archivedAt: null,
    plan: { year: found.year, requiresReview: found.requiresReview, regionId: found.regionId },
    coDepartments: found.coDepartmentIds.map((departmentId) => ({ departmentId })),
  };
  const versions = knownVersionsOf(found);
  const check = checkFigure(actor, goal, input, versions, new Map(found.locks.map((l) => [l.period, l.reason])), today);
  if (!check.ok) return refusalOf(check);
  if (check.warnings.length && !input.confirm) {
    return { ok: false, error: { code: "needs_confirmation", message: check.warnings.map((w) => w.message).join("；"), warnings: check.warnings } };
  }
  const previous = found.previous ? versionFromJson(found.previous) : null;
  const data = versionData(actor, { goal, input, check }, previous, now, today);
  // Every stored column, in the schema's order: the row as Prisma would read it back, and so its audit snapshot.
  const row = {
    id: newId(), goalId: data.goalId, period: data.period, periodEnd: data.periodEnd, version: data.version, value: data.value, rawInput: data.rawInput,
    note: data.note, state: data.state, submittedById: data.submittedById, submittedAt: data.submittedAt, reportedAt: data.reportedAt,
    countedAt: data.countedAt, reviewedById: data.reviewedById, reviewedAt: data.reviewedAt, reviewNote: data.reviewNote,
    // updatedAt is when the row was written, as Prisma's @updatedAt makes it, whatever day the figure is stated for.
    warnings: (data.warnings ?? null) as Prisma.JsonValue, updatedAt: new Date(),
  } satisfies StoredVersion;
  // The goal's judgement on any day from the versions just read and the one written, as the goal page judges it
  // (countedVersions, judgeGoalRow; the board's SQL agrees — lib/server/supervision.int.test.ts); a parent with
  // shares is judged on them, by the board's path. Today's is kept with the write (verdictAfterWrite).
  const all: KnownVersion[] = [...versions, { period: row.period, value: row.value.toString(), state: row.state, version: row.version, countedAt: row.countedAt, submittedAt: row.submittedAt, reviewedAt: row.reviewedAt }];
  const verdict = verdictAfterWrite(found, all, today);
  // The lock, the fingerprint check, the verdict and both inserts in one prepared statement (migrations
  // entry_write_function, verdict_kept_at_write).
  const write1 = () => sql<{ written: boolean }>(runner, `
    SELECT "luoshi_write_version"($1, $2, $3, $4, $5::date, $6, $7::numeric, $8, $9, $10, $11, $12, $13::date, $14, $15, $16, $17, $18::jsonb, $19,
                                  $20, $21, $22::jsonb, $23::jsonb, $24,
                                  $25, $26::date, $27, $28, $29, $30, $31::jsonb, $32, $33, $34, $35) AS "written"`,
    [found.fingerprint, row.id, row.goalId, row.period, row.periodEnd.toISOString().slice(0, 10), row.version, row.value.toString(), row.rawInput, row.note,
      row.state, row.submittedById, row.submittedAt, row.reportedAt.toISOString().slice(0, 10), row.countedAt, row.reviewedById, row.reviewedAt,
      row.reviewNote, JSON.stringify(row.warnings), row.updatedAt,
      newId(), actor.userId, previous ? JSON.stringify(snapshot(previous)) : null, JSON.stringify(snapshot(row)), new Date(),
      ...verdict.args]);
  const [result] = await write1();
  if (!result?.written) return "changed";
  const me = found.me ?? { username: actor.username, name: actor.name };
  const judging = goalJudgingOf(found);
  const judgeOn = (day: string) =>
    judging.hasShares ? judgeOneGoal(goalId, day, judging) : Promise.resolve(day === today && verdict.judgement ? verdict.judgement : judgeKnown(found, all, day).judgement);
  return ok({ version: { ...row, submittedBy: me, reviewedBy: row.reviewedById ? me : null } as EntryVersion, created: !previous, warnings: check.warnings, judgeOn });
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
