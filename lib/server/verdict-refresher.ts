import "server-only";
// Keeps today's kept verdicts (decision 0018) fresh while figures are being written. A verdict staled by a write is
// judged again by the next reader — who, after a burst of writes, pays for all of them at once: at 140 writes a
// second, the first board read after fifteen seconds judged two thousand goals and took seconds. So every second one
// instance (the one that wins an advisory lock) judges and keeps whatever writes have staled since in the plans
// written to, the way the plan list does (planTodayCounts), and readers find little left to judge. When nothing is stale
// (the partial index GoalVerdict_stale_idx answers that at once) it does nothing.
import { dbPool } from "./db";
import { sql } from "./sql";
import { planTodayCounts } from "./board";
import { todayInShanghai } from "@/lib/domain/periods";

const INTERVAL_MS = 1_000;
/** pg_try_advisory_lock's key: "luoshi verdict refresher". */
const LOCK_KEY = 7_351_220_011;

const slot = globalThis as typeof globalThis & { luoshiVerdictRefresher?: NodeJS.Timeout };
let running = false;

/** Starts the refresher in this process (instrumentation.ts); a second call does nothing. */
export function startVerdictRefresher(): void {
  if (slot.luoshiVerdictRefresher) return;
  slot.luoshiVerdictRefresher = setInterval(() => {
    if (running) return;
    running = true;
    refreshVerdictsOnce()
      .catch((error: unknown) => console.error("[verdicts] refresh failed:", error instanceof Error ? error.message : error))
      .finally(() => (running = false));
  }, INTERVAL_MS).unref();
}

/**
 * One round: if verdicts of live goals of live plans are stale, or today's tallies do not know their 未填报
 * departments, and no other instance is refreshing, judge and keep the stale ones of those plans and count their
 * tallies — only the plans written to, not every plan.
 */
export async function refreshVerdictsOnce(now = new Date()): Promise<"fresh" | "busy" | "refreshed"> {
  const pool = dbPool();
  // An archived goal's row may stay stale: only what the readers would judge counts. So do today's tallies whose 未填报
  // departments a kept change left unknown (-1, migration tally_deltas): the next reader would count them, and
  // under writes the first read of the home page after a few seconds paid for a plan of 10,000 goals. So do plans
  // with PlanTallyChange rows (no tally of today to add a kept verdict to, a goal added or archived): counted with
  // nothing left to judge, they get their tally and lose the rows, which otherwise pile up (one per kept verdict) until
  // someone opens the plan list, and every count of the plans reads them all.
  const stale = await sql<{ planId: string }>(pool, `
    SELECT g."planId" FROM "GoalVerdict" v JOIN "Goal" g ON g."id" = v."goalId" JOIN "Plan" p ON p."id" = g."planId"
    WHERE v."day" IS NULL AND g."archivedAt" IS NULL AND p."archivedAt" IS NULL
    UNION
    SELECT t."planId" FROM "PlanTally" t JOIN "Plan" p ON p."id" = t."planId"
    WHERE t."dutyDepartments" < 0 AND t."day" = $1::date AND p."archivedAt" IS NULL
    UNION
    SELECT c."planId" FROM "PlanTallyChange" c JOIN "Plan" p ON p."id" = c."planId" WHERE p."archivedAt" IS NULL`, [todayInShanghai(now)]);
  if (!stale.length) return "fresh";
  const client = await pool.connect();
  try {
    const [lock] = await sql<{ won: boolean }>(client, `SELECT pg_try_advisory_lock($1::bigint) AS "won"`, [LOCK_KEY]);
    if (!lock?.won) return "busy";
    try {
      await planTodayCounts(stale.map((s) => s.planId), todayInShanghai(now));
      return "refreshed";
    } finally {
      await sql(client, `SELECT pg_advisory_unlock($1::bigint)`, [LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
