import "server-only";
// Kept verdicts (GoalVerdict, decision 0018): each goal's verdict as of one day, so a board, the plan list and the
// one-pager read today's verdicts instead of judging every goal on every request.
//
// - Staleness is the database's job: triggers raise a row's `stamp` and clear its `day` in the same transaction
//   as every change to the goal's versions, the goal, its shares or names shown with them; a plan's settings raise
//   its `verdictEpoch` (prisma/migrations/*_goal_verdicts).
// - A reader takes one snapshot (REPEATABLE READ), finds the goals without a fresh verdict, judges them on that
//   snapshot with the same code as the full board, and answers from kept + just-judged verdicts — so what it shows
//   is exact as of its snapshot.
// - Then it keeps what it judged, each row only where the stamp it saw is still there: a change committed after
//   the snapshot (or still running) has raised the stamp, and the older verdict is not written over it.
import type { Judgement, Light, StatusCode } from "@/lib/domain/status";
import type { ShareSummary } from "./shares";
import { Prisma } from "./generated/prisma/client";
import { db } from "./db";

type Client = Prisma.TransactionClient;

/** A verdict judged now, to be used at once and kept. */
export interface JudgedVerdict {
  goalId: string;
  planId: string;
  /** For the board's section and department filters. */
  sectionId: string | null;
  leadDepartmentId: string | null;
  /** The stamp of the goal's row in the snapshot it was judged on (0 when there was no row). */
  stamp: number;
  epoch: number;
  code: StatusCode;
  light: Light;
  metAtYearEnd: boolean;
  judgement: Judgement;
  latestState: string | null;
  shares: ShareSummary | null;
  dutyOverdue: boolean;
  dutyReturned: boolean;
}

export interface StaleGoal {
  id: string;
  planId: string;
  stamp: number;
}

/**
 * The live goals of the plans without a verdict for `day` under their plan's epoch. Plans whose fresh kept verdicts
 * number their live goals are complete (fresh rows are only ever of live goals) and are not searched: two counts
 * from indexes, instead of joining every goal to its verdict; the others' stale rows are read from the index.
 */
export async function staleGoals(client: Client, plans: readonly { id: string; verdictEpoch: number }[], day: string): Promise<StaleGoal[]> {
  if (!plans.length) return [];
  const ids = plans.map((p) => p.id);
  const counts = await client.$queryRaw<{ planId: string; live: number; fresh: number }[]>`
    SELECT p."id" AS "planId",
           (SELECT count(*) FROM "Goal" g WHERE g."planId" = p."id" AND g."archivedAt" IS NULL)::int AS "live",
           (SELECT count(*) FROM "GoalVerdict" v WHERE v."planId" = p."id" AND v."day" = ${day}::date AND v."epoch" = p."epoch")::int AS "fresh"
    FROM unnest(${ids}::text[], ${plans.map((p) => p.verdictEpoch)}::int[]) AS p("id", "epoch")`;
  const incomplete = counts.filter((c) => c.live !== c.fresh);
  if (!incomplete.length) return [];
  const epochOf = new Map(plans.map((p) => [p.id, p.verdictEpoch]));
  // The stale rows of live goals: the ranges of the verdict index around the fresh one (no day, another day, another
  // epoch), so a plan written to since its last read costs a few index probes, not a pass over its goals.
  const stale = await client.$queryRaw<StaleGoal[]>`
    SELECT v."goalId" AS "id", v."planId", v."stamp"
    FROM unnest(${incomplete.map((c) => c.planId)}::text[], ${incomplete.map((c) => epochOf.get(c.planId)!)}::int[]) AS p("id", "epoch")
    CROSS JOIN LATERAL (
      SELECT v."goalId", v."planId", v."stamp" FROM "GoalVerdict" v WHERE v."planId" = p."id" AND v."day" IS NULL
      UNION ALL SELECT v."goalId", v."planId", v."stamp" FROM "GoalVerdict" v WHERE v."planId" = p."id" AND v."day" < ${day}::date
      UNION ALL SELECT v."goalId", v."planId", v."stamp" FROM "GoalVerdict" v WHERE v."planId" = p."id" AND v."day" > ${day}::date
      UNION ALL SELECT v."goalId", v."planId", v."stamp" FROM "GoalVerdict" v WHERE v."planId" = p."id" AND v."day" = ${day}::date AND v."epoch" < p."epoch"
      UNION ALL SELECT v."goalId", v."planId", v."stamp" FROM "GoalVerdict" v WHERE v."planId" = p."id" AND v."day" = ${day}::date AND v."epoch" > p."epoch"
    ) v
    JOIN "Goal" g ON g."id" = v."goalId" AND g."archivedAt" IS NULL`;
  // Live goals with no row at all (new ones) make up the rest of a plan's difference: searched only where there are some.
  const found = new Map<string, number>();
  for (const g of stale) found.set(g.planId, (found.get(g.planId) ?? 0) + 1);
  const rowless = incomplete.filter((c) => c.live - c.fresh > (found.get(c.planId) ?? 0)).map((c) => c.planId);
  const missing = rowless.length
    ? await client.$queryRaw<StaleGoal[]>`
        SELECT g."id", g."planId", 0 AS "stamp" FROM "Goal" g
        WHERE g."planId" = ANY(${rowless}::text[]) AND g."archivedAt" IS NULL
          AND NOT EXISTS (SELECT 1 FROM "GoalVerdict" v WHERE v."goalId" = g."id")`
    : [];
  return [...stale, ...missing].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A verdict a write has cleared since it was kept, with what it held (what a usable tally counted it as). */
export interface ClearedVerdict extends StaleGoal {
  light: Light | null;
  duty: boolean;
}

/** The cleared verdicts (day NULL) of the plans' live goals, from the partial index of them. */
export async function clearedVerdicts(client: Client, planIds: readonly string[]): Promise<ClearedVerdict[]> {
  if (!planIds.length) return [];
  return client.$queryRaw<ClearedVerdict[]>`
    SELECT v."goalId" AS "id", v."planId", v."stamp", v."light", (v."dutyOverdue" OR v."dutyReturned") AS "duty"
    FROM "GoalVerdict" v JOIN "Goal" g ON g."id" = v."goalId" AND g."archivedAt" IS NULL
    WHERE v."day" IS NULL AND v."planId" = ANY(${planIds as string[]}::text[])
    ORDER BY v."goalId"`;
}

/** Which kept or just-judged verdicts a board reads: the plan's live goals, narrowed like the board's filters. */
export interface VerdictScope {
  planId: string;
  day: string;
  epoch: number;
  /** The section filter with its sub-sections (null: no filter; empty: matches nothing). */
  sectionIds: readonly string[] | null;
  departmentId: string | null;
}

const scopeSql = (s: VerdictScope) => Prisma.sql`g."planId" = ${s.planId} AND g."archivedAt" IS NULL
  ${s.sectionIds ? Prisma.sql`AND g."sectionId" = ANY(${s.sectionIds as string[]}::text[])` : Prisma.empty}
  ${s.departmentId ? Prisma.sql`AND g."leadDepartmentId" = ${s.departmentId}` : Prisma.empty}`;

/**
 * Fresh kept verdicts of the scope by status, light and 已完成. The goals just judged are those without one, so they
 * are not among these: the caller adds them.
 */
export async function keptTotals(client: Client, scope: VerdictScope) {
  if (!scope.sectionIds && !scope.departmentId) {
    // No filter: the plan's fresh rows are its live goals' (see staleGoals), counted from the verdict index.
    return client.$queryRaw<{ code: StatusCode; light: Light; metAtYearEnd: boolean; count: number }[]>`
      SELECT v."code", v."light", v."metAtYearEnd", count(*)::int AS "count"
      FROM "GoalVerdict" v
      WHERE v."planId" = ${scope.planId} AND v."day" = ${scope.day}::date AND v."epoch" = ${scope.epoch}
      GROUP BY 1, 2, 3`;
  }
  return client.$queryRaw<{ code: StatusCode; light: Light; metAtYearEnd: boolean; count: number }[]>`
    SELECT v."code", v."light", v."metAtYearEnd", count(*)::int AS "count"
    FROM "Goal" g JOIN "GoalVerdict" v ON v."goalId" = g."id"
    WHERE ${scopeSql(scope)} AND v."day" = ${scope.day}::date AND v."epoch" = ${scope.epoch}
    GROUP BY 1, 2, 3`;
}

/** The columns of a goal a board shows (lib/server/board.ts reads them with its latest version, this file with its verdict). */
export interface BoardGoalColumns {
  id: string;
  position: number;
  sectionId: string | null;
  metric: string;
  /** Numerics arrive as text: exact, and no Decimal objects to build for thousands of rows. */
  targetValue: string | null;
  targetValueHigh: string | null;
  unit: string;
  comparator: string;
  kind: string;
  direction: string;
  accumulates: boolean;
  frequency: string;
  leadDepartmentId: string | null;
  parentGoalId: string | null;
}

/** BoardGoalColumns in SQL, of the goal aliased `g`. */
export const boardGoalColumns = Prisma.sql`g."id", g."position", g."sectionId", g."metric", trim_scale(g."targetValue")::text AS "targetValue",
  trim_scale(g."targetValueHigh")::text AS "targetValueHigh", g."unit", g."comparator"::text, g."kind"::text, g."direction"::text,
  g."accumulates", g."frequency"::text, g."leadDepartmentId", g."parentGoalId"`;

/** A board row as read: the goal's columns with its verdict (kept, or just judged). */
export interface VerdictRow extends BoardGoalColumns {
  judgement: Judgement;
  latestState: string | null;
  shares: ShareSummary | null;
}

/**
 * The scope's rows in report order with their verdicts, those matching `status` (a code or a light) when given,
 * and only `page` of them when given. Every goal of the scope has a fresh kept verdict or is among `judged`.
 */
export async function verdictRows(
  client: Client,
  scope: VerdictScope,
  judged: readonly JudgedVerdict[],
  status: string | undefined,
  page: { offset: number; limit: number } | undefined,
): Promise<VerdictRow[]> {
  return client.$queryRaw<VerdictRow[]>`
    WITH j AS (
      SELECT * FROM unnest(
        ${judged.map((x) => x.goalId)}::text[], ${judged.map((x) => x.code)}::text[], ${judged.map((x) => x.light)}::text[],
        ${judged.map((x) => JSON.stringify(x.judgement))}::text[]::jsonb[], ${judged.map((x) => x.latestState)}::text[],
        ${judged.map((x) => (x.shares ? JSON.stringify(x.shares) : null))}::text[]::jsonb[]
      ) AS j("goalId", "code", "light", "judgement", "latestState", "shares")
    ), rows AS (
      SELECT ${boardGoalColumns},
             CASE WHEN j."goalId" IS NULL THEN v."code" ELSE j."code" END AS "code",
             CASE WHEN j."goalId" IS NULL THEN v."light" ELSE j."light" END AS "light",
             CASE WHEN j."goalId" IS NULL THEN v."judgement" ELSE j."judgement" END AS "judgement",
             CASE WHEN j."goalId" IS NULL THEN v."latestState" ELSE j."latestState" END AS "latestState",
             CASE WHEN j."goalId" IS NULL THEN v."shares" ELSE j."shares" END AS "shares"
      FROM "Goal" g
      LEFT JOIN j ON j."goalId" = g."id"
      LEFT JOIN "GoalVerdict" v ON v."goalId" = g."id"
      WHERE ${scopeSql(scope)}
    )
    SELECT "id", "position", "sectionId", "metric", "targetValue", "targetValueHigh", "unit", "comparator", "kind", "direction",
           "accumulates", "frequency", "leadDepartmentId", "parentGoalId", "judgement", "latestState", "shares"
    FROM rows
    ${status ? Prisma.sql`WHERE "code" = ${status} OR "light" = ${status}` : Prisma.empty}
    ORDER BY "position", "id"
    ${page ? Prisma.sql`LIMIT ${page.limit} OFFSET ${page.offset}` : Prisma.empty}`;
}

/** Fresh kept verdicts per plan by light (the goals just judged have none: the caller adds them). */
export async function keptLightsByPlan(client: Client, plans: readonly { id: string; epoch: number }[], day: string) {
  if (!plans.length) return [];
  return client.$queryRaw<{ planId: string; light: Light; count: number }[]>`
    SELECT v."planId", v."light", count(*)::int AS "count"
    FROM unnest(${plans.map((p) => p.id)}::text[], ${plans.map((p) => p.epoch)}::int[]) AS p("id", "epoch")
    JOIN "GoalVerdict" v ON v."planId" = p."id" AND v."day" = ${day}::date AND v."epoch" = p."epoch"
    GROUP BY 1, 2`;
}

/** Fresh kept verdicts per plan: goals overdue and returned (未填报), and the lead departments they are led by. */
export async function keptDutyByPlan(client: Client, plans: readonly { id: string; epoch: number }[], day: string) {
  if (!plans.length) return [];
  return client.$queryRaw<{ planId: string; departmentId: string | null; overdue: number; returned: number }[]>`
    SELECT v."planId", v."leadDepartmentId" AS "departmentId", count(*) FILTER (WHERE v."dutyOverdue")::int AS "overdue",
           count(*) FILTER (WHERE v."dutyReturned")::int AS "returned"
    FROM unnest(${plans.map((p) => p.id)}::text[], ${plans.map((p) => p.epoch)}::int[]) AS p("id", "epoch")
    JOIN "GoalVerdict" v ON v."planId" = p."id" AND v."day" = ${day}::date AND v."epoch" = p."epoch"
    WHERE v."dutyOverdue" OR v."dutyReturned"
    GROUP BY 1, 2`;
}

/** A plan's tally as read in a snapshot (PlanTally, decision 0019). */
export interface PlanTallyRead {
  planId: string;
  /** The plan's verdictEpoch. */
  epoch: number;
  /** The tally's version seen (null: no tally yet); a new one is written only where it is still this. */
  version: number | null;
  /** The tally counts every live goal's verdict for the day under the plan's epoch, and nothing changed since. */
  fresh: boolean;
  /**
   * The tally is the sum of the live goals' kept verdicts, each kept for the day under the plan's epoch or cleared by
   * a write since (no PlanTallyChange left): fresh, or fresh but for the goals written to (decision 0021).
   */
  usable: boolean;
  lights: Record<Light, number>;
  dutyGoals: number;
  dutyDepartments: number;
  /** The PlanTallyChange rows seen (transaction ids): counted past by a tally written from this snapshot. */
  changes: string[];
}

/**
 * The plans' tallies and whether each is fresh: of `day` and the plan's verdictEpoch, no PlanTallyChange left (a verdict
 * kept, a goal added, removed, archived or restored since it was counted) and no live goal of the plan with a stale
 * verdict (a figure or goal changed since: the staling triggers clear `day`). Per plan, a few index probes.
 */
export async function planTallies(client: Client, planIds: readonly string[], day: string): Promise<PlanTallyRead[]> {
  if (!planIds.length) return [];
  // One row of JSON, not a row per plan: reading 1,266 rows of 14 columns through the driver cost ten times the query.
  type Row = [string, number, number | null, boolean, boolean, number, number, number, number, number, number, number, string[]];
  const [read] = await client.$queryRaw<{ rows: Row[] }[]>`
    SELECT coalesce(json_agg(json_build_array(
             p."id", p."verdictEpoch", t."version",
             coalesce(t."day" = ${day}::date AND t."epoch" = p."verdictEpoch" AND c."planId" IS NULL AND s."planId" IS NULL, false),
             coalesce(t."day" = ${day}::date AND t."epoch" = p."verdictEpoch" AND c."planId" IS NULL, false),
             coalesce(t."green", 0), coalesce(t."yellow", 0), coalesce(t."red", 0), coalesce(t."grey", 0), coalesce(t."none", 0),
             coalesce(t."dutyGoals", 0), coalesce(t."dutyDepartments", 0), coalesce(c."changes", '{}'))), '[]') AS "rows"
    -- The ids joined from unnest, not "= ANY": with a thousand ids the planner's estimate of ANY (one per id) took
    -- longer than the query (3.7 against 0.9 ms of planning).
    FROM unnest(${planIds as string[]}::text[]) AS x("id") JOIN "Plan" p ON p."id" = x."id"
    LEFT JOIN "PlanTally" t ON t."planId" = p."id"
    -- The changes read in one pass, not probed per plan: the table is small but churns (a row per keep, removed by
    -- the next count), and a probe per plan of a table not yet vacuumed walks its dead rows each time.
    LEFT JOIN (
      SELECT c."planId", array_agg(c."xid"::text) AS "changes"
      FROM unnest(${planIds as string[]}::text[]) AS y("id") JOIN "PlanTallyChange" c ON c."planId" = y."id" GROUP BY 1
    ) c ON c."planId" = p."id"
    -- The plans with a live goal's verdict cleared, in one pass of the partial index of cleared verdicts. Not probed
    -- per plan: each probe walks every entry of that index, and under a write load it holds thousands not yet vacuumed
    -- (1,266 probes over 5,000 of them: 700 ms, against 8 ms in one pass).
    LEFT JOIN (
      SELECT DISTINCT v."planId" FROM "GoalVerdict" v JOIN "Goal" g ON g."id" = v."goalId" AND g."archivedAt" IS NULL
      WHERE v."day" IS NULL
    ) s ON s."planId" = p."id"`;
  return (read?.rows ?? []).map(([planId, epoch, version, fresh, usable, green, yellow, red, grey, none, dutyGoals, dutyDepartments, changes]) => ({
    planId, epoch, version, fresh, usable, lights: { green, yellow, red, grey, none }, dutyGoals, dutyDepartments, changes,
  }));
}

/** How long keepVerdicts and keepPlanTallies, best effort, wait for a row another transaction holds. */
const KEEP_LOCK_TIMEOUT = "200ms";

/** A tally counted on a snapshot, to keep. */
export interface PlanTallyCounted {
  planId: string;
  epoch: number;
  /** As read on that snapshot (planTallies). */
  seen: Pick<PlanTallyRead, "version" | "changes">;
  lights: Record<Light, number>;
  dutyGoals: number;
  dutyDepartments: number;
}

/**
 * Keeps tallies counted on a snapshot, each only where the tally's version is still the one seen then (another
 * reader's newer tally is not written over), and removes the PlanTallyChange rows that snapshot saw (those written
 * since stay, and keep the tally stale). One statement; rows locked in plan order. Best effort, like keepVerdicts.
 */
export async function keepPlanTallies(tallies: readonly PlanTallyCounted[], day: string): Promise<number> {
  if (!tallies.length) return 0;
  const sorted = [...tallies].sort((a, b) => (a.planId < b.planId ? -1 : a.planId > b.planId ? 1 : 0));
  const changes = sorted.flatMap((t) => t.seen.changes.map((xid) => ({ planId: t.planId, xid })));
  const column = (light: Light) => sorted.map((t) => t.lights[light]);
  try {
    const [, [row]] = await db.$transaction([
      db.$executeRawUnsafe(`SET LOCAL lock_timeout = '${KEEP_LOCK_TIMEOUT}'`),
      db.$queryRaw<{ written: number }[]>`
      WITH written AS (
        INSERT INTO "PlanTally" AS t ("planId", "version", "day", "epoch", "green", "yellow", "red", "grey", "none", "dutyGoals", "dutyDepartments", "updatedAt")
        SELECT x."planId", x."next", ${day}::date, x."epoch", x."green", x."yellow", x."red", x."grey", x."none", x."dutyGoals", x."dutyDepartments", now()
        FROM unnest(
          ${sorted.map((t) => t.planId)}::text[], ${sorted.map((t) => (t.seen.version === null ? 0 : t.seen.version + 1))}::int[],
          ${sorted.map((t) => t.epoch)}::int[], ${column("green")}::int[], ${column("yellow")}::int[], ${column("red")}::int[],
          ${column("grey")}::int[], ${column("none")}::int[], ${sorted.map((t) => t.dutyGoals)}::int[], ${sorted.map((t) => t.dutyDepartments)}::int[]
        ) AS x("planId", "next", "epoch", "green", "yellow", "red", "grey", "none", "dutyGoals", "dutyDepartments")
        WHERE EXISTS (SELECT 1 FROM "Plan" p WHERE p."id" = x."planId")
        ORDER BY x."planId"
        -- Seen: none (then a tally written since is not replaced: version + 1 = 0 never holds) or version n (next n + 1).
        ON CONFLICT ("planId") DO UPDATE SET
          "version" = EXCLUDED."version", "day" = EXCLUDED."day", "epoch" = EXCLUDED."epoch", "green" = EXCLUDED."green",
          "yellow" = EXCLUDED."yellow", "red" = EXCLUDED."red", "grey" = EXCLUDED."grey", "none" = EXCLUDED."none",
          "dutyGoals" = EXCLUDED."dutyGoals", "dutyDepartments" = EXCLUDED."dutyDepartments", "updatedAt" = EXCLUDED."updatedAt"
        WHERE t."version" + 1 = EXCLUDED."version"
        RETURNING t."planId"
      ), removed AS (
        DELETE FROM "PlanTallyChange" c
        USING unnest(${changes.map((c) => c.planId)}::text[], ${changes.map((c) => c.xid)}::bigint[]) AS s("planId", "xid")
        WHERE c."planId" = s."planId" AND c."xid" = s."xid" AND s."planId" IN (SELECT "planId" FROM written)
      )
      SELECT count(*)::int AS "written" FROM written`,
    ]);
    return row?.written ?? 0;
  } catch (error) {
    console.warn(`Plan tallies not written (they will be counted again): ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
}

/**
 * Keeps verdicts judged on a snapshot, each only where the goal's stamp is still the one seen then. Best effort: a
 * verdict not kept is judged again by the next reader, so a failure here (a goal deleted meanwhile) is only logged.
 */
export async function keepVerdicts(judged: readonly JudgedVerdict[], day: string): Promise<number> {
  if (!judged.length) return 0;
  const sorted = [...judged].sort((a, b) => (a.goalId < b.goalId ? -1 : a.goalId > b.goalId ? 1 : 0));
  const plans = [...new Set(sorted.map((x) => x.planId))].sort();
  try {
    // The plans' tallies first, in plan order: a kept change is added to its plan's tally by a trigger (decision
    // 0021), and two keepers of one plan that locked verdicts before the tally could wait on each other for ever.
    // A write locks its goal's verdict and then its parents' (luoshi_stale_verdicts), so goal order is not always
    // the writers' order: waiting on a row for longer than a write takes gives up (lock_timeout), and the writer goes
    // on, rather than PostgreSQL breaking the deadlock a second later by failing one of them, perhaps the write.
    const [, , kept] = await db.$transaction([
      db.$executeRawUnsafe(`SET LOCAL lock_timeout = '${KEEP_LOCK_TIMEOUT}'`),
      db.$queryRaw`SELECT 1 FROM "PlanTally" WHERE "planId" = ANY(${plans}::text[]) ORDER BY "planId" FOR UPDATE`,
      db.$executeRaw`
      INSERT INTO "GoalVerdict" AS v ("goalId", "planId", "stamp", "day", "epoch", "code", "light", "metAtYearEnd", "judgement", "latestState", "shares",
                                      "dutyOverdue", "dutyReturned", "leadDepartmentId", "updatedAt")
      SELECT x."goalId", x."planId", x."stamp", ${day}::date, x."epoch", x."code", x."light", x."met", x."judgement", x."latestState", x."shares",
             x."dutyOverdue", x."dutyReturned", x."leadDepartmentId", now()
      FROM unnest(
        ${sorted.map((x) => x.goalId)}::text[], ${sorted.map((x) => x.planId)}::text[], ${sorted.map((x) => x.stamp)}::int[], ${sorted.map((x) => x.epoch)}::int[],
        ${sorted.map((x) => x.code)}::text[], ${sorted.map((x) => x.light)}::text[], ${sorted.map((x) => x.metAtYearEnd)}::boolean[],
        ${sorted.map((x) => JSON.stringify(x.judgement))}::text[]::jsonb[], ${sorted.map((x) => x.latestState)}::text[],
        ${sorted.map((x) => (x.shares ? JSON.stringify(x.shares) : null))}::text[]::jsonb[],
        ${sorted.map((x) => x.dutyOverdue)}::boolean[], ${sorted.map((x) => x.dutyReturned)}::boolean[],
        ${sorted.map((x) => x.leadDepartmentId)}::text[]
      ) AS x("goalId", "planId", "stamp", "epoch", "code", "light", "met", "judgement", "latestState", "shares", "dutyOverdue", "dutyReturned",
             "leadDepartmentId")
      WHERE EXISTS (SELECT 1 FROM "Goal" g WHERE g."id" = x."goalId")
      ON CONFLICT ("goalId") DO UPDATE SET
        "day" = EXCLUDED."day", "epoch" = EXCLUDED."epoch", "code" = EXCLUDED."code", "light" = EXCLUDED."light",
        "metAtYearEnd" = EXCLUDED."metAtYearEnd", "judgement" = EXCLUDED."judgement", "latestState" = EXCLUDED."latestState",
        "shares" = EXCLUDED."shares", "dutyOverdue" = EXCLUDED."dutyOverdue", "dutyReturned" = EXCLUDED."dutyReturned",
        "leadDepartmentId" = EXCLUDED."leadDepartmentId", "updatedAt" = EXCLUDED."updatedAt"
      WHERE v."stamp" = EXCLUDED."stamp"`,
    ]);
    return kept;
  } catch (error) {
    console.warn(`Kept verdicts not written (they will be judged again): ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
}

/** Forgets every kept verdict (they are judged again on the next read); `npm run verdicts:rebuild` then rebuilds. */
export async function forgetVerdicts(): Promise<number> {
  return db.$executeRaw`UPDATE "GoalVerdict" SET "stamp" = "stamp" + 1, "day" = NULL`;
}
