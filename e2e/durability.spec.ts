// kill -9 without loss (issue 11): the app, and then PostgreSQL itself, are killed with SIGKILL at a random
// moment of a burst of concurrent writes (or reviews) through the JSON API; after a restart every acknowledged
// write is there exactly once with its audit event, and nothing is half-written.
//
// Real processes (e2e/processes.ts): `next start` from the e2e build on its own port, against an embedded
// PostgreSQL cluster of its own with durable settings (fsync and synchronous_commit on — not the e2e default).
import { test, expect } from "@playwright/test";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { AppProcess, newAuthSecret, Postgres, runTag, stopAll, waitUntil } from "./processes";

const APP_PORT = 3241;
const PG_PORT = 54391;
/** Concurrent writers of a burst. */
const WRITERS = 24;
/** The kill falls up to this long (at random) after the burst is well under way. */
const KILL_PAUSE_MS = 3_000;
const REQUEST_TIMEOUT_MS = 30_000;

test.describe.configure({ mode: "serial" });

interface Pair {
  goalId: string;
  period: string;
  value: string;
}

let postgres: Postgres;
let app: AppProcess;
let tokens: Record<string, string>;
let adminId: string;
/** Every (goal, period) the sample reporter 市农业农村局填报员 (nongye) may report in the 2024 city plan. */
let pairs: Pair[];
const secret = newAuthSecret();

/** Next's output of the whole run, every start appended (the run's output folder is emptied when it begins). */
function logFile(): string {
  return path.join(test.info().project.outputDir, "durability-next.log");
}

async function startApp(): Promise<void> {
  app = await AppProcess.start({ port: APP_PORT, databaseUrl: postgres.url, authSecret: secret, logFile: logFile() });
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  ({ postgres, tokens } = await Postgres.fresh("e2e-durability", PG_PORT, { ephemeral: false, tokenUsers: ["admin", "nongye"] }));
  // The cluster keeps what it acknowledges: a commit is on disk before the app hears of it.
  const settings = await postgres.query(
    async (client) =>
      (await client.query<Record<string, string>>(`SELECT current_setting('fsync') AS "fsync", current_setting('synchronous_commit') AS "synchronous_commit", current_setting('full_page_writes') AS "full_page_writes"`)).rows[0],
  );
  expect(settings).toEqual({ fsync: "on", synchronous_commit: "on", full_page_writes: "on" });
  const found = await postgres.query(async (client) => {
    const admin = await client.query<{ id: string }>(`SELECT "id" FROM "user" WHERE "username" = 'admin'`);
    const goals = await client.query<{ id: string; frequency: string; target: string; year: number }>(
      `SELECT g."id", g."frequency", g."targetValue"::text AS "target", p."year"
         FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId" JOIN "user" u ON u."departmentId" = g."leadDepartmentId"
        WHERE u."username" = 'nongye' AND g."archivedAt" IS NULL AND g."kind" <> 'milestone' AND g."targetValue" IS NOT NULL
          AND p."year" = 2024 AND p."requiresReview"
        ORDER BY g."id"`,
    );
    return { adminId: admin.rows[0]!.id, goals: goals.rows };
  });
  adminId = found.adminId;
  pairs = found.goals.flatMap((g) => periodsOf(g.year, g.frequency).map((period) => ({ goalId: g.id, period, value: String(Number(g.target)) })));
  expect(pairs.length, "the sample reporter's goals and periods").toBeGreaterThanOrEqual(40);
  await startApp();
});

test.afterAll(async () => {
  await stopAll();
});

function periodsOf(year: number, frequency: string): string[] {
  switch (frequency) {
    case "monthly":
      return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);
    case "quarterly":
      return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
    case "half_yearly":
      return [`${year}-H1`, `${year}-H2`];
    case "annual":
      return [String(year)];
    default:
      throw new Error(`unknown frequency ${frequency}`);
  }
}

// ---- requests ---------------------------------------------------------------------------------------------------

/** One request of a burst: its answer (null: none came — the connection broke or was refused) and when it came. */
interface Attempt {
  status: number | null;
  body: unknown;
  error?: string;
  /** Answered before the kill began. */
  beforeKill: boolean;
}

interface WriteAttempt extends Attempt {
  tag: string;
  pair: Pair;
  /** The new version's id, from a 201. */
  versionId?: string;
}

interface ReviewAttempt extends Attempt {
  versionId: string;
}

let killStarted = false;
/** Requests sent and not yet answered. */
let outstanding = 0;

async function call(method: string, url: string, token: string, body?: unknown): Promise<Attempt> {
  outstanding += 1;
  try {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (an error page)
    }
    return { status: response.status, body: parsed, beforeKill: !killStarted };
  } catch (error) {
    return { status: null, body: null, error: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error), beforeKill: !killStarted };
  } finally {
    outstanding -= 1;
  }
}

let sequence = 0;

/** A figure from the reporter, told apart from every other by its note (the tag). */
async function submit(origin: string, tag: string, pair: Pair): Promise<WriteAttempt> {
  const note = `${tag}-${++sequence}`;
  const attempt = await call("POST", `${origin}/api/v1/goals/${pair.goalId}/entries`, tokens.nongye!, { period: pair.period, value: pair.value, note, confirm: true });
  const entry = (attempt.body as { entry?: { id?: string; note?: string } } | null)?.entry;
  return { ...attempt, tag: note, pair, ...(attempt.status === 201 && entry?.id ? { versionId: entry.id } : {}) };
}

async function approve(origin: string, versionId: string): Promise<ReviewAttempt> {
  return { ...(await call("POST", `${origin}/api/v1/entries/${versionId}/approve`, tokens.admin!)), versionId };
}

/** When the kill falls: once `warm` holds (the burst is well under way), after a further random pause, once `due` holds. */
interface KillMoment {
  warm: () => boolean;
  due?: () => boolean;
}

/**
 * Runs `workers` loops of `step` (given the loop's number) until `kill`, performed at a random moment of the burst
 * (see KillMoment); then waits for the requests still out. Returns how many requests were out when the kill began.
 */
async function burst(workers: number, step: (loop: number) => Promise<void>, moment: KillMoment, kill: () => Promise<void>): Promise<{ outAtKill: number }> {
  killStarted = false;
  const loops = Array.from({ length: workers }, async (_, loop) => {
    // No new request once the kill begins: what is out then is what the kill may cut.
    while (!killStarted) await step(loop);
  });
  await waitUntil(moment.warm, 60_000, "the burst to get going");
  await sleep(Math.random() * KILL_PAUSE_MS);
  await waitUntil(moment.due ?? (() => true), 60_000, "the moment of the kill");
  const outAtKill = outstanding;
  killStarted = true;
  await kill();
  await Promise.all(loops);
  return { outAtKill };
}

// ---- checks in the database -------------------------------------------------------------------------------------

interface VersionRow {
  id: string;
  note: string;
  goalId: string;
  period: string;
  version: number;
  state: string;
  reviewedById: string | null;
  submits: number;
  approves: number;
}

/**
 * Everything the database holds of the writes tagged `tag`, and whether anything of the whole database is
 * half-written: a version without its submit event, a submit event without its version, two versions with one
 * number, a gap in a period's version numbers.
 */
async function readBack(tag: string) {
  return postgres.query(async (client) => {
    const versions = await client.query<VersionRow>(
      `SELECT e."id", e."note", e."goalId", e."period", e."version", e."state", e."reviewedById",
              (SELECT count(*) FROM "AuditEvent" a WHERE a."entityType" = 'ProgressEntry' AND a."entityId" = e."id" AND a."action" = 'entry.submit')::int AS "submits",
              (SELECT count(*) FROM "AuditEvent" a WHERE a."entityType" = 'ProgressEntry' AND a."entityId" = e."id" AND a."action" = 'entry.approve')::int AS "approves"
         FROM "ProgressEntry" e WHERE e."note" LIKE $1`,
      [`${tag}-%`],
    );
    const orphanEvents = await client.query<{ id: string; action: string }>(
      `SELECT a."id", a."action" FROM "AuditEvent" a
        WHERE a."entityType" = 'ProgressEntry' AND NOT EXISTS (SELECT 1 FROM "ProgressEntry" e WHERE e."id" = a."entityId")`,
    );
    const withoutEvent = await client.query<{ id: string }>(
      `SELECT e."id" FROM "ProgressEntry" e
        WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."entityType" = 'ProgressEntry' AND a."entityId" = e."id" AND a."action" = 'entry.submit')
          AND e."note" LIKE $1`,
      [`${tag}-%`],
    );
    const duplicates = await client.query(`SELECT "goalId", "period", "version" FROM "ProgressEntry" GROUP BY 1, 2, 3 HAVING count(*) > 1`);
    const gaps = await client.query(`SELECT "goalId", "period" FROM "ProgressEntry" GROUP BY 1, 2 HAVING max("version") <> count(*) OR min("version") <> 1`);
    return { versions: versions.rows, orphanEvents: orphanEvents.rows, withoutEvent: withoutEvent.rows, duplicates: duplicates.rows, gaps: gaps.rows };
  });
}

type ReadBack = Awaited<ReturnType<typeof readBack>>;

function expectNothingHalfWritten(found: ReadBack): void {
  expect(found.orphanEvents, "audit events whose version is missing").toEqual([]);
  expect(found.withoutEvent, "versions without their submit event").toEqual([]);
  expect(found.duplicates, "two versions of one period with the same number").toEqual([]);
  expect(found.gaps, "periods whose version numbers are not 1…n").toEqual([]);
}

/** Each acknowledged write is there once, with its event; each other write is there once with its event, or not at all. */
function expectWrites(found: ReadBack, attempts: readonly WriteAttempt[]): void {
  const byNote = new Map<string, VersionRow[]>();
  for (const row of found.versions) byNote.set(row.note, [...(byNote.get(row.note) ?? []), row]);
  const notes = new Set(attempts.map((a) => a.tag));
  expect(found.versions.filter((row) => !notes.has(row.note)), "versions no writer sent").toEqual([]);
  for (const attempt of attempts) {
    const rows = byNote.get(attempt.tag) ?? [];
    if (attempt.versionId) {
      expect(rows.map((r) => ({ id: r.id, goalId: r.goalId, period: r.period, submits: r.submits })), `acknowledged write ${attempt.tag}`).toEqual([
        { id: attempt.versionId, goalId: attempt.pair.goalId, period: attempt.pair.period, submits: 1 },
      ]);
    } else {
      expect(rows.length, `unacknowledged write ${attempt.tag} (${attempt.status ?? attempt.error})`).toBeLessThanOrEqual(1);
      for (const row of rows) expect(row.submits, `unacknowledged write ${attempt.tag}`).toBe(1);
    }
  }
}

/** Each acknowledged approval is there once with its event; any other approval is whole or absent. */
function expectReviews(found: ReadBack, attempts: readonly ReviewAttempt[]): void {
  const byId = new Map(found.versions.map((row) => [row.id, row]));
  for (const attempt of attempts) {
    const row = byId.get(attempt.versionId);
    expect(row, `the reviewed version ${attempt.versionId}`).toBeDefined();
    const seen = { state: row!.state, approves: row!.approves, reviewedBy: row!.reviewedById };
    if (attempt.status === 200) {
      expect(seen, `acknowledged approval of ${attempt.versionId}`).toEqual({ state: "approved", approves: 1, reviewedBy: adminId });
    } else {
      expect([{ state: "approved", approves: 1, reviewedBy: adminId }, { state: "pending", approves: 0, reviewedBy: null }], `unacknowledged approval of ${attempt.versionId} (${attempt.status ?? attempt.error})`).toContainEqual(seen);
    }
  }
  // The reporter's versions count only once approved: approved ⇔ exactly one approval event, never two.
  for (const row of found.versions) {
    expect({ id: row.id, approves: row.approves }, `version ${row.id} (${row.state})`).toEqual({ id: row.id, approves: row.state === "approved" ? 1 : 0 });
  }
}

/** After the restart, the app itself serves every acknowledged version (the reporter's own entries API). */
async function expectServed(attempts: readonly WriteAttempt[]): Promise<void> {
  const goals = new Set(attempts.filter((a) => a.versionId).map((a) => a.pair.goalId));
  const served = new Set<string>();
  for (const goalId of goals) {
    const answer = await call("GET", `${app.origin}/api/v1/goals/${goalId}/entries`, tokens.nongye!);
    expect(answer.status, `entries of ${goalId}`).toBe(200);
    for (const entry of (answer.body as { entries: { id: string }[] }).entries) served.add(entry.id);
  }
  for (const attempt of attempts) if (attempt.versionId) expect(served.has(attempt.versionId), `acknowledged ${attempt.tag} served`).toBe(true);
}

/** Before the kill began, the app answered every request as it should (the burst itself is sound). */
function expectAnsweredBeforeKill(attempts: readonly Attempt[], status: number): void {
  const wrong = attempts.filter((a) => a.beforeKill && a.status !== status).map((a) => `${a.status ?? a.error}: ${JSON.stringify(a.body)}`);
  expect(wrong, `answers other than ${status} before the kill`).toEqual([]);
}

function annotate(description: string): void {
  test.info().annotations.push({ type: "burst", description });
}

// ---- the tests --------------------------------------------------------------------------------------------------

test("kill -9 of the app during a burst of writes loses no acknowledged write and half-writes nothing", async () => {
  test.setTimeout(120_000);
  const tag = runTag("kill-app-writes");
  const attempts: WriteAttempt[] = [];
  const acknowledged = () => attempts.filter((a) => a.versionId).length;
  const { outAtKill } = await burst(
    WRITERS,
    async () => {
      attempts.push(await submit(app.origin, tag, pairs[Math.floor(Math.random() * pairs.length)]!));
    },
    { warm: () => acknowledged() >= 2 * WRITERS },
    () => app.kill9(),
  );
  annotate(`${attempts.length} writes, ${acknowledged()} acknowledged, ${outAtKill} out at the kill`);
  expectAnsweredBeforeKill(attempts, 201);
  expect(acknowledged()).toBeGreaterThanOrEqual(2 * WRITERS);
  expect(attempts.some((a) => !a.beforeKill), "requests were out when the app died").toBe(true);

  await startApp();
  const found = await readBack(tag);
  expectNothingHalfWritten(found);
  expectWrites(found, attempts);
  await expectServed(attempts);
});

test("kill -9 of the app during a burst of reviews loses no acknowledged approval and half-writes nothing", async () => {
  test.setTimeout(120_000);
  const tag = runTag("kill-app-reviews");
  const writes: WriteAttempt[] = [];
  const reviews: ReviewAttempt[] = [];
  // A pending version for each (goal, period) to start with; the burst approves them while the reporter sends the
  // next one of each period as soon as its last is approved.
  const queue: { versionId: string; pair: Pair }[] = [];
  const free: Pair[] = [];
  await Promise.all(
    Array.from({ length: 8 }, async (_, worker) => {
      for (let i = worker; i < pairs.length; i += 8) {
        const write = await submit(app.origin, tag, pairs[i]!);
        writes.push(write);
        expect(write.status, JSON.stringify(write.body)).toBe(201);
        expect((write.body as { state: string }).state).toBe("pending");
        queue.push({ versionId: write.versionId!, pair: pairs[i]! });
      }
    }),
  );
  const approved = () => reviews.filter((r) => r.status === 200).length;
  // Half the loops review, half write; the kill waits for approvals to be out (and falls at a random moment).
  let reviewing = 0;
  const { outAtKill } = await burst(
    WRITERS,
    async (loop) => {
      if (loop % 2 === 0) {
        const pair = free.shift();
        if (!pair) return void (await sleep(5));
        const write = await submit(app.origin, tag, pair);
        writes.push(write);
        if (write.versionId) queue.push({ versionId: write.versionId, pair });
        return;
      }
      const next = queue.shift();
      if (!next) return void (await sleep(5));
      reviewing += 1;
      const review = await approve(app.origin, next.versionId).finally(() => (reviewing -= 1));
      reviews.push(review);
      if (review.status === 200) free.push(next.pair);
    },
    { warm: () => approved() >= 2 * WRITERS, due: () => reviewing >= 4 },
    () => app.kill9(),
  );
  annotate(`${reviews.length} approvals, ${approved()} acknowledged; ${writes.length} writes; ${outAtKill} requests out at the kill`);
  expectAnsweredBeforeKill(reviews, 200);
  expectAnsweredBeforeKill(writes, 201);
  expect(reviews.some((r) => !r.beforeKill), "approvals were out when the app died").toBe(true);

  await startApp();
  const found = await readBack(tag);
  expectNothingHalfWritten(found);
  expectWrites(found, writes);
  expectReviews(found, reviews);
  await expectServed(writes);
});

test("kill -9 of PostgreSQL during a burst of writes: after crash recovery every acknowledged write is there once", async () => {
  test.setTimeout(120_000);
  const tag = runTag("kill-postgres-writes");
  const attempts: WriteAttempt[] = [];
  const acknowledged = () => attempts.filter((a) => a.versionId).length;
  const postmaster = await postgres.postmasterPid();
  const { outAtKill } = await burst(
    WRITERS,
    async () => {
      attempts.push(await submit(app.origin, tag, pairs[Math.floor(Math.random() * pairs.length)]!));
    },
    { warm: () => acknowledged() >= 2 * WRITERS },
    () => postgres.kill9(),
  );
  annotate(`${attempts.length} writes, ${acknowledged()} acknowledged, ${outAtKill} out at the kill of postmaster ${postmaster}`);
  expectAnsweredBeforeKill(attempts, 201);
  expect(acknowledged()).toBeGreaterThanOrEqual(2 * WRITERS);
  expect(attempts.some((a) => !a.beforeKill), "writes were out when PostgreSQL died").toBe(true);

  // Crash recovery, then the app anew.
  await postgres.start();
  expect(await postgres.postmasterPid()).not.toBe(postmaster);
  await app.stop();
  await startApp();
  const found = await readBack(tag);
  expectNothingHalfWritten(found);
  expectWrites(found, attempts);
  await expectServed(attempts);
});
