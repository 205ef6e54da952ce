import "server-only";
import { isPlausibleId } from "@/lib/domain/ids";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { fieldErrors } from "@/lib/domain/inputs";
import { returnInput } from "@/lib/domain/entries/inputs";
import { ENTRY_STATE_LABELS, type EntryState } from "@/lib/domain/entries/versions";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { Prisma } from "./generated/prisma/client";
import { db, dbPool } from "./db";
import { goalVerdictColumns, knownVersionsOf, verdictAfterWrite, versionFromJson, type EntryVersion, type GoalVerdictRow, type StoredVersion } from "./entries";
import { todayInShanghai } from "@/lib/domain/periods";
import { inWriteSlot } from "./write-gate";
import { newId, retryingDeadlocks, sql } from "./sql";
import { ENTRY_MESSAGES, FORBIDDEN, NOT_FOUND } from "@/lib/domain/messages";
import { authorizePlan } from "./scope";

export type ReviewDecision = { action: "approve" } | { action: "return"; reason: string };

/**
 * Approves or returns one pending version (审核 / 退回). Optimistic: the version must still be pending and the
 * newest of its period when the goal's lock is taken; a second reviewer, or a version superseded meanwhile, gets
 * a conflict (409) and nothing changes. An approved version counts from the moment of approval.
 */
export async function reviewVersion(actor: Actor | null, versionId: string, decision: ReviewDecision | { action: "return"; reason?: unknown }, now = new Date()): Promise<Result<EntryVersion>> {
  // Signed in here; whether they may review this version is decided by its plan's region, once it is found.
  const allowed = authorize(actor, { action: "read" });
  if (!allowed.ok) return allowed;
  let reason: string | null = null;
  if (decision.action === "return") {
    const parsed = returnInput.safeParse({ reason: decision.reason });
    if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
    reason = parsed.data.reason;
  }
  if (!isPlausibleId(versionId)) return fail("not_found", NOT_FOUND.entry);
  // In SQL (lib/server/sql.ts): reviewers clear queues of hundreds. The version's government first, then the review
  // itself in one prepared statement under the goal's lock (luoshi_review_version, migration entry_write_function).
  // With the version, what judging its goal needs: the review keeps the goal's verdict for today (decision 0022).
  const pool = dbPool();
  const [found] = await sql<GoalVerdictRow & { archivedAt: Date | null; regionId: string; period: string; version: number }>(pool, `
    SELECT g."archivedAt", p."regionId", e."period", e."version", ${goalVerdictColumns()}
    FROM "ProgressEntry" e JOIN "Goal" g ON g."id" = e."goalId" JOIN "Plan" p ON p."id" = g."planId" WHERE e."id" = $1`, [versionId]);
  if (!found || found.archivedAt) return fail("not_found", NOT_FOUND.entry);
  const scoped = authorize(actor, { action: "manageRegion", regionId: found.regionId }, NOT_FOUND.entry);
  if (!scoped.ok) return scoped.error.code === "forbidden" ? fail("forbidden", FORBIDDEN.review) : scoped;
  // The goal's versions as they will be: this one approved (counted from now) or returned, now.
  const approve = decision.action === "approve";
  const after = knownVersionsOf(found).map((v) =>
    v.period === found.period && v.version === found.version ? { ...v, state: approve ? "approved" as const : "returned" as const, countedAt: approve ? now : v.countedAt, reviewedAt: now } : v,
  );
  const verdict = verdictAfterWrite(found, after, todayInShanghai(now));
  const [result] = await inWriteSlot(() => retryingDeadlocks(() =>
    sql<{ outcome: "done" | "not_found" | "reviewed" | "superseded"; state: string | null; version: Record<keyof StoredVersion, unknown> | null; submittedBy: EntryVersion["submittedBy"] | null; reviewedBy: EntryVersion["reviewedBy"] }>(
      pool,
      `SELECT * FROM "luoshi_review_version"($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10, $11, $12, $13, $14::jsonb, $15, $16, $17, $18)`,
      [versionId, approve, reason, allowed.value.userId, now, newId(), new Date(), ...verdict.args],
    ),
  ));
  if (!result || result.outcome === "not_found") return fail("not_found", NOT_FOUND.entry);
  if (result.outcome === "reviewed") return fail("conflict", ENTRY_MESSAGES.alreadyReviewed(ENTRY_STATE_LABELS[result.state as EntryState]));
  if (result.outcome === "superseded") return fail("conflict", ENTRY_MESSAGES.superseded);
  return ok({ ...versionFromJson(result.version!), submittedBy: result.submittedBy!, reviewedBy: result.reviewedBy } as EntryVersion);
}

export interface BatchReviewOutcome {
  done: string[];
  /** Version id → why it was not changed (already reviewed, superseded, not found). */
  skipped: Record<string, string>;
}

/** Approves or returns many versions; each is reviewed on its own, so one conflict does not undo the others. */
export async function reviewVersions(actor: Actor | null, versionIds: readonly string[], decision: ReviewDecision, now = new Date()): Promise<Result<BatchReviewOutcome>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const outcome: BatchReviewOutcome = { done: [], skipped: {} };
  for (const id of new Set(versionIds)) {
    const result = await reviewVersion(actor, id, decision, now);
    if (result.ok) outcome.done.push(id);
    else if (result.error.code === "validation") return result;
    else outcome.skipped[id] = result.error.message;
  }
  return ok(outcome);
}

export interface PendingReview {
  id: string;
  goalId: string;
  metric: string;
  unit: string;
  period: string;
  version: number;
  value: string;
  rawInput: string;
  note: string | null;
  warnings: { code: string; message: string }[];
  submittedAt: Date;
  submittedBy: string;
  department: { id: string; name: string } | null;
  /** The figure this one would replace: the period's counted version now, if any. */
  previousValue: string | null;
}

/**
 * The versions waiting for review in a plan (the newest version of its period, pending), oldest first; optionally
 * one lead department's.
 */
/** How many versions wait for review in a plan (the newest of their period, pending): the count on the plan's tabs. */
export async function countPendingReviews(actor: Actor | null, planId: string): Promise<Result<number>> {
  const allowed = await authorizePlan(actor, planId, "manageRegion");
  if (!allowed.ok) return allowed;
  // The plan's range of the review queue (ReviewQueue: each live goal's periods' newest version, when pending).
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM "ReviewQueue" WHERE "planId" = ${planId}`;
  return ok(row?.n ?? 0);
}

export async function listPendingReviews(actor: Actor | null, planId: string, filter: { department?: string } = {}): Promise<Result<PendingReview[]>> {
  const allowed = await authorizePlan(actor, planId, "manageRegion");
  if (!allowed.ok) return allowed.error.code === "forbidden" ? fail("forbidden", FORBIDDEN.review) : allowed;
  if (filter.department !== undefined && !isPlausibleId(filter.department)) return fail("validation", undefined, { department: "所选单位不存在" });
  return ok((await pendingReviewsOf([planId], filter.department)).get(planId) ?? []);
}

/**
 * The versions waiting for review in each of the plans (see listPendingReviews) — the newest version of its period,
 * pending — with the period's counted figure, in one statement whatever the number of plans or versions: for
 * 待我处理 over every plan an admin manages. The caller has checked who may see them.
 */
export async function pendingReviewsOf(planIds: readonly string[], department?: string, options: { perPlan?: number } = {}): Promise<Map<string, PendingReview[]>> {
  return (await pendingReviewListsOf(planIds, department, options)).lists;
}

/**
 * As pendingReviewsOf, with each plan's whole count beside its list: the oldest `perPlan` of each plan (default
 * 2,000, a plan's cap as before) are read whole, the previous value looked up for those alone. With `plansListed`,
 * only the first that many plans (in the order given) that have any get a list; every plan still gets its count
 * (待我处理's page lists ten plans of a province's 200 and counts the rest).
 */
export async function pendingReviewListsOf(
  planIds: readonly string[],
  department?: string,
  { perPlan = 2000, plansListed }: { perPlan?: number; plansListed?: number } = {},
) {
  const out = new Map<string, PendingReview[]>();
  const totals = new Map<string, number>();
  if (!planIds.length) return { lists: out, totals };
  // One lead department's versions only: the goals led by it.
  const lead = (alias: string) =>
    department ? Prisma.sql`JOIN "Goal" lead ON lead."id" = ${Prisma.raw(`${alias}."goalId"`)} AND lead."leadDepartmentId" = ${department}` : Prisma.empty;
  if (plansListed !== undefined) {
    const counts = await db.$queryRaw<{ planId: string; total: number }[]>`
      SELECT t."planId", count(*)::int AS "total"
      FROM unnest(${planIds as string[]}::text[]) AS p("planId") JOIN "ReviewQueue" t ON t."planId" = p."planId" ${lead("t")} GROUP BY 1`;
    for (const c of counts) totals.set(c.planId, c.total);
    planIds = planIds.filter((id) => totals.has(id)).slice(0, Math.max(0, plansListed));
    if (!planIds.length) return { lists: out, totals };
  }
  const rows = await db.$queryRaw<(Omit<PendingReview, "department" | "warnings"> & {
    planId: string; departmentId: string | null; departmentName: string | null; warnings: unknown; rank: number; total: number;
  })[]>`
    SELECT e."id", e."goalId", q."planId", g."metric", g."unit", e."period", e."version", trim_scale(e."value")::text AS "value",
           e."rawInput", e."note", e."warnings", e."submittedAt", u."name" AS "submittedBy",
           d."id" AS "departmentId", d."name" AS "departmentName", q."rank", q."total",
           (SELECT trim_scale(c."value")::text FROM "ProgressEntry" c
             WHERE c."goalId" = e."goalId" AND c."period" = e."period" AND c."state" = 'approved' AND c."countedAt" IS NOT NULL
             ORDER BY c."countedAt" DESC, c."version" DESC LIMIT 1) AS "previousValue"
    -- Per plan, its range of the review queue (ReviewQueue: each live goal's periods' newest version, when pending):
    -- the count, and the oldest perPlan in order; only those versions are read.
    FROM unnest(${planIds as string[]}::text[]) AS p("planId")
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS "total" FROM "ReviewQueue" t ${lead("t")} WHERE t."planId" = p."planId"
    ) t
    CROSS JOIN LATERAL (
      SELECT q."planId", q."entryId", q."goalId", t."total",
             row_number() OVER (ORDER BY q."submittedAt", q."version", q."entryId")::int AS "rank"
      FROM "ReviewQueue" q ${lead("q")} WHERE q."planId" = p."planId"
      ORDER BY q."submittedAt", q."version", q."entryId" LIMIT ${perPlan}
    ) q
    JOIN "ProgressEntry" e ON e."id" = q."entryId"
    JOIN "Goal" g ON g."id" = q."goalId"
    JOIN "user" u ON u."id" = e."submittedById"
    LEFT JOIN "Department" d ON d."id" = g."leadDepartmentId"
    ORDER BY e."submittedAt", e."version", e."id"`;
  for (const r of rows) {
    const list = out.get(r.planId) ?? [];
    list.push({
      id: r.id,
      goalId: r.goalId,
      metric: r.metric,
      unit: r.unit,
      period: r.period,
      version: r.version,
      value: r.value,
      rawInput: r.rawInput,
      note: r.note,
      warnings: Array.isArray(r.warnings) ? (r.warnings as { code: string; message: string }[]) : [],
      submittedAt: r.submittedAt,
      submittedBy: r.submittedBy,
      department: r.departmentId !== null ? { id: r.departmentId, name: r.departmentName ?? "" } : null,
      previousValue: r.previousValue,
    });
    out.set(r.planId, list);
    totals.set(r.planId, r.total);
  }
  return { lists: out, totals };
}
