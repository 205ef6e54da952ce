// The figure's write in SQL (submitEntry, lib/server/sql.ts) stores exactly what the Prisma path stores: the version
// row read back through Prisma equals the one returned, each audit event's before/after equal the rows' snapshots
// as Prisma reads them, ids are cuids, and concurrent writers of one period get versions 1…n with none lost. The
// bearer token's actor read in SQL is the one the session path makes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

let t: TestDatabase;
let entries: typeof import("./entries");
let audit: typeof import("./audit");
const who = {} as Record<"admin" | "reporter" | "stranger", Actor>;
const ids = { goal: "", other: "", planId: "" };
const JULY = new Date("2024-07-05T02:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  entries = await import("./entries");
  audit = await import("./audit");
  const region = await t.db.region.create({ data: { name: "写入市", level: "city" } });
  const elsewhere = await t.db.region.create({ data: { name: "别市", level: "city" } });
  const farming = await t.db.department.create({ data: { regionId: region.id, name: "市农业农村局" } });
  const user = (id: string, name: string, role: "admin" | "reporter", extra: object = {}) =>
    t.db.user.create({ data: { id, name, email: `${id}@x.invalid`, username: id, role, ...extra } });
  who.admin = await actorOf(t.db, await user("sql_admin", "督查员", "admin", { regionId: region.id }));
  who.reporter = await actorOf(t.db, await user("sql_rep", "填报员", "reporter", { departmentId: farming.id, regionId: region.id }));
  who.stranger = await actorOf(t.db, await user("sql_far", "别市督查", "admin", { regionId: elsewhere.id }));
  const plan = await t.db.plan.create({ data: { regionId: region.id, region: "写入市", level: "city", year: 2024, title: "2024年政府工作报告", sourceText: "…", requiresReview: true } });
  ids.planId = plan.id;
  const goal = () =>
    t.db.goal.create({
      data: {
        planId: plan.id, position: 0, metric: "新建高标准农田", targetValue: "100.5", unit: "万亩", comparator: "gte", kind: "increment",
        direction: "higher", accumulates: true, frequency: "monthly", quote: "新建高标准农田100.5万亩", leadDepartmentId: farming.id,
      },
    });
  ids.goal = (await goal()).id;
  ids.other = (await goal()).id;
});

afterAll(async () => {
  await t?.drop();
});

/** The goal's submit events, oldest first, with the versions they name read through Prisma. */
async function submitsOf(goalId: string) {
  const rows = await t.db.progressEntry.findMany({ where: { goalId }, orderBy: [{ period: "asc" }, { version: "asc" }] });
  const events = await t.db.auditEvent.findMany({ where: { entityType: "ProgressEntry", entityId: { in: rows.map((r) => r.id) }, action: "entry.submit" }, orderBy: { at: "asc" } });
  return { rows, events };
}

describe("submitEntry in SQL", () => {
  it("stores and answers what the Prisma path would, with audit snapshots of the rows as Prisma reads them", async () => {
    const first = await entries.submitEntry(who.reporter, ids.goal, { period: "2024-06", value: "40.250", note: "初报" }, JULY);
    expect(first.ok).toBe(true);
    // A second version of the same period: follows the first; far above the target, so confirmed.
    const second = await entries.submitEntry(who.reporter, ids.goal, { period: "2024-06", value: "4000", confirm: true }, new Date(JULY.getTime() + 60_000));
    // An admin's figure counts at once, from the stated 填报日期.
    const third = await entries.submitEntry(who.admin, ids.goal, { period: "2024-05", value: "12", reportedAt: "2024-06-03", note: "补录" }, JULY);
    if (!first.ok || !second.ok || !third.ok) throw new Error(JSON.stringify([first, second, third]));
    expect(second.value.warnings.length).toBeGreaterThan(0);

    const { rows, events } = await submitsOf(ids.goal);
    expect(rows).toHaveLength(3);
    for (const answer of [first.value, second.value, third.value]) {
      const row = rows.find((r) => r.id === answer.version.id)!;
      expect(answer.version.id).toMatch(/^c[0-9a-z]{24}$/);
      const { submittedBy, reviewedBy, ...own } = answer.version;
      expect(audit.snapshot(own)).toEqual(audit.snapshot(row));
      expect(submittedBy).toEqual({ username: answer === third.value ? "sql_admin" : "sql_rep", name: answer === third.value ? "督查员" : "填报员" });
      expect(reviewedBy).toEqual(answer === third.value ? { username: "sql_admin", name: "督查员" } : null);
    }
    expect(first.value).toMatchObject({ created: true, version: { state: "pending", version: 1, countedAt: null, reviewedAt: null, warnings: null } });
    expect(first.value.version.value.toString()).toBe("40.25");
    expect(second.value).toMatchObject({ created: false, version: { version: 2, state: "pending" } });
    expect(second.value.version.warnings).toEqual(second.value.warnings);
    expect(third.value.version).toMatchObject({ state: "approved", countedAt: new Date("2024-06-02T16:00:00Z"), reportedAt: new Date("2024-06-03T00:00:00Z"), periodEnd: new Date("2024-05-31T00:00:00Z") });

    // The answer's judgement from what the write read equals the board's, and the one read afresh.
    const { judgeOneGoal, getBoard } = await import("./board");
    const board = await getBoard(who.admin, ids.planId, { asOf: "2024-07-05" }, JULY);
    if (!board.ok) throw new Error(JSON.stringify(board));
    const shown = board.value.rows.find((r) => r.goalId === ids.goal);
    for (const answer of [first.value, second.value, third.value]) {
      const judged = await answer.judgeOn("2024-07-05");
      // Each answer judges the goal as it stood after its own write; the last one as the board shows it now.
      if (answer === third.value) {
        expect(judged).toEqual(await judgeOneGoal(ids.goal, "2024-07-05"));
        expect(judged).toEqual(shown!.judgement);
      }
      // A day before the write: the new version does not count yet.
      expect(await answer.judgeOn("2024-01-31")).toEqual(await judgeOneGoal(ids.goal, "2024-01-31"));
    }

    expect(events).toHaveLength(3);
    const byEntity = new Map(events.map((e) => [e.entityId, e]));
    const v1 = rows.find((r) => r.version === 1 && r.period === "2024-06")!;
    const v2 = rows.find((r) => r.version === 2)!;
    expect(byEntity.get(v1.id)).toMatchObject({ actorId: who.reporter.userId, before: null, after: audit.snapshot(v1) });
    expect(byEntity.get(v2.id)).toMatchObject({ before: audit.snapshot(v1), after: audit.snapshot(v2) });
    // "No warnings" is stored as Prisma stores it (JSON null), so both paths' rows read alike.
    const [stored] = await t.db.$queryRaw<{ warnings: string }[]>`SELECT "warnings"::text AS "warnings" FROM "ProgressEntry" WHERE "id" = ${v1.id}`;
    expect(stored!.warnings).toBe("null");
  });

  it("refuses in the old order and writes nothing: 404, 403, 422, needs_confirmation", async () => {
    const before = await t.db.progressEntry.count();
    const events = await t.db.auditEvent.count();
    const refused = async (actor: Actor | null, goalId: string, body: unknown) => {
      const result = await entries.submitEntry(actor, goalId, body, JULY);
      return result.ok ? "ok" : result.error.code;
    };
    expect(await refused(null, ids.goal, { period: "2024-06", value: "1" })).toBe("unauthenticated");
    expect(await refused(who.reporter, "nope\u0000", { period: "2024-06", value: "1" })).toBe("not_found");
    expect(await refused(who.reporter, "c".repeat(25), { period: "2024-06", value: "1" })).toBe("not_found");
    // Another government's goal is not found; a bad body from them still reads as not found, not as a 422.
    expect(await refused(who.stranger, ids.goal, { period: "x" })).toBe("not_found");
    expect(await refused(who.reporter, ids.goal, { period: "2024-06" })).toBe("validation");
    expect(await refused(who.reporter, ids.goal, { period: "2024-13", value: "1" })).toBe("validation");
    expect(await refused(who.reporter, ids.goal, { period: "2024-06", value: "9000000" })).toBe("needs_confirmation");
    expect(await t.db.progressEntry.count()).toBe(before);
    expect(await t.db.auditEvent.count()).toBe(events);
  });

  it("gives concurrent writers of one period versions 1…n, each with its audit event", async () => {
    const n = 24;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => entries.submitEntry(who.reporter, ids.other, { period: "2024-06", value: String(20 + i), note: `w${i}` }, JULY)),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const { rows, events } = await submitsOf(ids.other);
    expect(rows.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.note)).size).toBe(n);
    expect(events).toHaveLength(n);
    // Each event's before is the version it followed.
    for (const row of rows) {
      const event = events.find((e) => e.entityId === row.id)!;
      const followed = rows.find((r) => r.version === row.version - 1);
      expect(event.before).toEqual(followed ? audit.snapshot(followed) : null);
    }
  });
});

describe("a figure's write chosen to break a deadlock", () => {
  it("is written once on its next try, not answered with a 500", async () => {
    const pg = (await import("pg")).default;
    const parent = await t.db.goal.create({
      data: {
        planId: ids.planId, position: 5, metric: "总目标", targetValue: "100", unit: "万亩", comparator: "gte", kind: "increment",
        direction: "higher", accumulates: true, frequency: "monthly", quote: "…", leadDepartmentId: (await t.db.goal.findUniqueOrThrow({ where: { id: ids.goal } })).leadDepartmentId,
      },
    });
    const child = await t.db.goal.create({
      data: {
        planId: ids.planId, position: 6, metric: "分解目标", targetValue: "50", unit: "万亩", comparator: "gte", kind: "increment", parentGoalId: parent.id,
        direction: "higher", accumulates: true, frequency: "monthly", quote: "…", leadDepartmentId: parent.leadDepartmentId,
      },
    });
    await t.db.$executeRaw`INSERT INTO "GoalVerdict" ("goalId", "planId", "stamp") VALUES (${parent.id}, ${ids.planId}, 1), (${child.id}, ${ids.planId}, 1)
                           ON CONFLICT DO NOTHING`;
    // Another transaction holds the parent's verdict, as a write to the parent or a reader keeping verdicts would; it
    // waits long before looking for deadlocks, so PostgreSQL fails the figure's write, not it.
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("SET deadlock_timeout = '30s'");
      await other.query("BEGIN");
      await other.query(`UPDATE "GoalVerdict" SET "stamp" = "stamp" WHERE "goalId" = $1`, [parent.id]);
      // The write takes the child goal's lock, then waits for the parent's verdict (its staling)…
      const writing = entries.submitEntry(who.reporter, child.id, { period: "2024-06", value: "20", confirm: true }, JULY);
      for (let i = 0; i < 100; i++) {
        const { rows } = await other.query(`SELECT count(*)::int AS "n" FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()`);
        if (rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // …while the other transaction now waits for the child goal: a cycle, broken by failing the write.
      const waiting = other.query(`SELECT 1 FROM "Goal" WHERE "id" = $1 FOR UPDATE`, [child.id]);
      await waiting;
      await other.query("ROLLBACK");
      const written = await writing;
      expect(written.ok).toBe(true);
    } finally {
      await other.end();
    }
    const versions = await t.db.progressEntry.findMany({ where: { goalId: child.id } });
    expect(versions.map((v) => [v.period, v.version, v.value.toString()])).toEqual([["2024-06", 1, "20"]]);
    expect(await t.db.auditEvent.count({ where: { entityId: versions[0]!.id, action: "entry.submit" } })).toBe(1);
  });
});

describe("reviewVersion in SQL", () => {
  it("approves and returns as the Prisma path did: the rows, their audit snapshots, and the refusals", async () => {
    const { reviewVersion } = await import("./review");
    const later = new Date(JULY.getTime() + 3_600_000);
    const a = await entries.submitEntry(who.reporter, ids.goal, { period: "2024-04", value: "30.5" }, JULY);
    const b = await entries.submitEntry(who.reporter, ids.goal, { period: "2024-03", value: "21" }, JULY);
    const c1 = await entries.submitEntry(who.reporter, ids.goal, { period: "2024-02", value: "10.5" }, JULY);
    const c2 = await entries.submitEntry(who.reporter, ids.goal, { period: "2024-02", value: "11" }, JULY);
    if (!a.ok || !b.ok || !c1.ok || !c2.ok) throw new Error("submit failed");
    const beforeA = await t.db.progressEntry.findUniqueOrThrow({ where: { id: a.value.version.id } });

    const approved = await reviewVersion(who.admin, a.value.version.id, { action: "approve" }, later);
    const returned = await reviewVersion(who.admin, b.value.version.id, { action: "return", reason: "口径不对" }, later);
    if (!approved.ok || !returned.ok) throw new Error(JSON.stringify([approved, returned]));
    const rowA = await t.db.progressEntry.findUniqueOrThrow({ where: { id: a.value.version.id } });
    const rowB = await t.db.progressEntry.findUniqueOrThrow({ where: { id: b.value.version.id } });
    expect(rowA).toMatchObject({ state: "approved", countedAt: later, reviewedAt: later, reviewedById: who.admin.userId });
    expect(rowB).toMatchObject({ state: "returned", reviewNote: "口径不对", countedAt: null, reviewedAt: later });
    const { submittedBy, reviewedBy, ...own } = approved.value;
    expect(audit.snapshot(own)).toEqual(audit.snapshot(rowA));
    expect(submittedBy).toEqual({ username: "sql_rep", name: "填报员" });
    expect(reviewedBy).toEqual({ username: "sql_admin", name: "督查员" });
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: rowA.id, action: "entry.approve" } });
    expect(event).toMatchObject({ actorId: who.admin.userId, before: audit.snapshot(beforeA), after: audit.snapshot(rowA) });
    // The event is dated when it was recorded, not with the review's stated time.
    expect(Math.abs(event.at.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await t.db.auditEvent.findFirst({ where: { entityId: rowB.id, action: "entry.return" } })).toMatchObject({ after: audit.snapshot(rowB) });

    const events = await t.db.auditEvent.count();
    const code = (r: Awaited<ReturnType<typeof reviewVersion>>) => (r.ok ? "ok" : `${r.error.code}:${r.error.message}`);
    expect(code(await reviewVersion(who.admin, a.value.version.id, { action: "approve" }))).toMatch(/^conflict:.*已审核/);
    expect(code(await reviewVersion(who.admin, c1.value.version.id, { action: "approve" }))).toMatch(/^conflict:/);
    expect(code(await reviewVersion(who.admin, "c".repeat(25), { action: "approve" }))).toMatch(/^not_found:/);
    expect(code(await reviewVersion(who.stranger, c2.value.version.id, { action: "approve" }))).toMatch(/^not_found:/);
    expect(code(await reviewVersion(who.reporter, c2.value.version.id, { action: "approve" }))).toMatch(/^forbidden:/);
    expect(code(await reviewVersion(who.admin, c2.value.version.id, { action: "return", reason: "" }))).toMatch(/^validation:/);
    expect(await t.db.auditEvent.count()).toBe(events);
    // Two reviewers at once: one approves, the other is told it was reviewed already.
    const both = await Promise.all([reviewVersion(who.admin, c2.value.version.id, { action: "approve" }), reviewVersion(who.admin, c2.value.version.id, { action: "approve" })]);
    expect(both.map((r) => (r.ok ? "ok" : r.error.code)).sort()).toEqual(["conflict", "ok"]);
    expect(await t.db.auditEvent.count({ where: { entityId: c2.value.version.id, action: "entry.approve" } })).toBe(1);
  });
});

describe("a bearer token's actor in SQL", () => {
  it("is the actor the session path makes, and a revoked token reads as nobody", async () => {
    const tokens = await import("./tokens");
    const issued = await tokens.issueApiToken(who.admin, { username: "sql_rep", name: "脚本" });
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    expect(await tokens.actorFromBearer(`Bearer ${issued.value.token}`)).toEqual(who.reporter);
    expect((await t.db.apiToken.findUnique({ where: { id: issued.value.id } }))!.lastUsedAt).not.toBeNull();
    expect(await tokens.actorFromBearer(`Bearer ${issued.value.token}x`)).toBeNull();
    expect((await tokens.revokeApiToken(who.admin, issued.value.id)).ok).toBe(true);
    expect(await tokens.actorFromBearer(`Bearer ${issued.value.token}`)).toBeNull();
  });
});

describe("the versions' fingerprint read with the versions", () => {
  it("is luoshi_versions_fingerprint's, whatever the goal's versions and their states", async () => {
    const compare = async (goalId: string) => {
      const [row] = await t.db.$queryRawUnsafe<{ read: string; fn: string }[]>(
        `SELECT (SELECT ${entries.VERSIONS_FINGERPRINT} FROM "ProgressEntry" e WHERE e."goalId" = $1) AS "read", "luoshi_versions_fingerprint"($1) AS "fn"`, goalId);
      return row!;
    };
    const empty = await t.db.goal.create({ data: { planId: ids.planId, position: 9, metric: "空指标", unit: "个", comparator: "gte", kind: "increment", direction: "higher", accumulates: true, frequency: "monthly", quote: "空" } });
    expect(await compare(empty.id)).toEqual({ read: "", fn: "" });
    const states = await t.db.progressEntry.groupBy({ by: ["state"], where: { goalId: ids.goal } });
    expect(states.length).toBeGreaterThanOrEqual(2);
    const { read, fn } = await compare(ids.goal);
    expect(read).toMatch(/^[0-9a-f]{32}$/);
    expect(read).toBe(fn);
  });
});
