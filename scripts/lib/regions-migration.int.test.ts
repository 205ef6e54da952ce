// The migration test of issue 7: a database at the schema before 20261129135812_regions, holding realistic data,
// migrates to today's schema with every row kept, every plan, department and user in a region, and departments that
// led goals of two governments split into one department per government.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { applyMigrations } from "./migrate";
import { MIGRATIONS_DIR, readMigrationFolders } from "./migrations";

const REGIONS_MIGRATION = "20261129135812_regions";
/** Every table of the schema before the regions migration. */
const TABLES = [
  "Department", "user", "session", "account", "verification", "rateLimit", "ApiToken", "Plan", "Section", "Goal",
  "GoalCoDepartment", "ProgressEntry", "AuditEvent", "PeriodLock",
] as const;

let t: TestDatabase;
let before: string;

beforeEach(async () => {
  t = await createTestDatabase({ migrated: false });
  // The migrations before the regions one, alone in a folder of their own.
  before = await mkdtemp(path.join(tmpdir(), "luoshi-before-regions-"));
  for (const folder of await readMigrationFolders(MIGRATIONS_DIR)) {
    if (folder.name >= REGIONS_MIGRATION) continue;
    await cp(path.join(MIGRATIONS_DIR, folder.name), path.join(before, folder.name), { recursive: true });
  }
});
afterEach(async () => {
  await t.drop();
  await rm(before, { recursive: true, force: true });
});

async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n);
  return out;
}

async function ids(table: string): Promise<string[]> {
  return (await sql<{ id: string }>(`SELECT "id" FROM "${table}" ORDER BY "id"`)).map((r) => r.id);
}

/** Migrates up to (not including) the regions migration and checks that it is indeed pending. */
async function migrateToBefore() {
  const applied = await applyMigrations(t.url, before);
  expect(applied).not.toContain(REGIONS_MIGRATION);
  expect(applied.length).toBeGreaterThan(0);
}

async function migrateRest() {
  const applied = await applyMigrations(t.url);
  expect(applied[0]).toBe(REGIONS_MIGRATION);
}

/** An installation of 牡丹江市 with its district 爱民区, and 鸡西市's report imported into it before regions existed. */
async function insertOldData({ jixi }: { jixi: boolean }) {
  const plans: [string, string, string, number, string][] = [
    ["plan-mdj", "牡丹江市", "city", 2024, "2024-01-10 08:00:00"],
    ["plan-aimin", "爱民区", "district", 2022, "2024-01-11 08:00:00"],
  ];
  if (jixi) plans.push(["plan-jixi", "鸡西市", "city", 2024, "2024-02-01 08:00:00"]);
  for (const [id, region, level, year, createdAt] of plans) {
    await sql(
      `INSERT INTO "Plan" ("id", "region", "level", "year", "title", "sourceText", "createdAt", "updatedAt", "requiresReview")
       VALUES ($1, $2, $3::"PlanLevel", $4, $5, '政府工作报告……', $6, $6, true)`,
      [id, region, level, year, `${region}${year}年政府工作报告`, createdAt],
    );
    await sql(`INSERT INTO "Section" ("id", "planId", "position", "number", "title", "start", "end") VALUES ($1, $2, 0, '（一）', '扎实推进乡村振兴', 0, 100)`, [
      `section-${id}`, id,
    ]);
  }
  await sql(
    `INSERT INTO "Department" ("id", "name", "position", "createdAt", "updatedAt") VALUES
       ('dept-nongye', '市农业农村局', 1, '2024-01-10 08:00:00', '2024-01-10 08:00:00'),
       ('dept-fagai', '市发展和改革委员会', 2, '2024-01-10 08:00:00', '2024-01-10 08:00:00'),
       ('dept-qu-nongye', '区农业农村局', 3, '2024-01-11 08:00:00', '2024-01-11 08:00:00'),
       ('dept-tongji', '市统计局', 4, '2024-01-12 08:00:00', '2024-01-12 08:00:00')`,
  );
  // [id, plan, lead department, metric]
  const goals: [string, string, string | null, string][] = [
    ["goal-mdj-1", "plan-mdj", "dept-nongye", "新建高标准农田"],
    ["goal-mdj-2", "plan-mdj", "dept-nongye", "粮食产量"],
    ["goal-mdj-3", "plan-mdj", "dept-nongye", "绿色食品种植面积"],
    ["goal-mdj-4", "plan-mdj", "dept-fagai", "固定资产投资增长"],
    ["goal-aimin-1", "plan-aimin", "dept-qu-nongye", "新建高标准农田"],
    ["goal-aimin-2", "plan-aimin", null, "地区生产总值增长"],
  ];
  // 鸡西市's report, imported later, gave more goals to 牡丹江市's 市农业农村局 than 牡丹江市's own report did.
  if (jixi) {
    goals.push(
      ["goal-jixi-1", "plan-jixi", "dept-nongye", "新建高标准农田"],
      ["goal-jixi-2", "plan-jixi", "dept-nongye", "粮食产量"],
      ["goal-jixi-3", "plan-jixi", "dept-nongye", "农村人居环境整治"],
      ["goal-jixi-4", "plan-jixi", "dept-nongye", "畜牧业产值增长"],
    );
  }
  for (const [i, [id, planId, dept, metric]] of goals.entries()) {
    await sql(
      `INSERT INTO "Goal" ("id", "planId", "sectionId", "position", "metric", "targetValue", "unit", "comparator", "kind", "direction",
                           "accumulates", "quote", "leadDepartmentId", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, 50, '万亩', 'gte', 'increment', 'higher', true, $5 || '50万亩以上', $6, now())`,
      [id, planId, `section-${planId}`, i, metric, dept],
    );
  }
  await sql(`INSERT INTO "GoalCoDepartment" ("goalId", "departmentId") VALUES ('goal-mdj-4', 'dept-nongye'), ('goal-mdj-1', 'dept-fagai')`);
  if (jixi) await sql(`INSERT INTO "GoalCoDepartment" ("goalId", "departmentId") VALUES ('goal-jixi-1', 'dept-fagai'), ('goal-jixi-2', 'dept-tongji')`);

  await sql(
    `INSERT INTO "user" ("id", "name", "email", "username", "role", "departmentId", "disabledAt", "createdAt", "updatedAt") VALUES
       ('user-admin', '市政府督查室', 'admin@luoshi.local', 'admin', 'admin', NULL, NULL, now(), now()),
       ('user-leader', '市长', 'leader@luoshi.local', 'leader', 'leader', NULL, NULL, now(), now()),
       ('user-nongye', '市农业农村局填报员', 'nongye@luoshi.local', 'nongye', 'reporter', 'dept-nongye', NULL, now(), now()),
       ('user-fagai', '市发改委填报员', 'fagai@luoshi.local', 'fagai', 'reporter', 'dept-fagai', NULL, now(), now()),
       ('user-qu', '区农业农村局填报员', 'qu@luoshi.local', 'qu', 'reporter', 'dept-qu-nongye', NULL, now(), now()),
       ('user-nodept', '未分配填报员', 'nodept@luoshi.local', 'nodept', 'reporter', NULL, '2024-03-01 00:00:00', now(), now())`,
  );
  await sql(
    `INSERT INTO "account" ("id", "accountId", "providerId", "userId", "password", "updatedAt")
     SELECT 'account-' || "id", "id", 'credential', "id", 'scrypt:hash', now() FROM "user"`,
  );
  await sql(
    `INSERT INTO "session" ("id", "expiresAt", "token", "updatedAt", "userId") VALUES
       ('session-admin', now() + interval '7 days', 'token-admin', now(), 'user-admin'),
       ('session-nongye', now() + interval '7 days', 'token-nongye', now(), 'user-nongye')`,
  );
  await sql(`INSERT INTO "verification" ("id", "identifier", "value", "expiresAt", "updatedAt") VALUES ('verification-1', 'reset:nongye', 'x', now(), now())`);
  await sql(`INSERT INTO "rateLimit" ("id", "key", "count", "lastRequest") VALUES ('rate-1', '/sign-in/username', 3, 1732000000000)`);
  await sql(
    `INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash", "createdById") VALUES
       ('token-1', 'user-nongye', '月报导入', 'hash-1', 'user-admin'),
       ('token-2', 'user-admin', '大屏', 'hash-2', 'user-admin')`,
  );
  // Versions: the city's goal approved then corrected (pending), the district's pending, and — the bug of issue 7 —
  // the city's reporter entering a figure for 鸡西市's goal.
  const entries: [string, string, string, number, string, number, string | null][] = [
    ["entry-mdj-1-v1", "goal-mdj-1", "2024-03", 10, "approved", 1, "user-admin"],
    ["entry-mdj-1-v2", "goal-mdj-1", "2024-03", 12, "pending", 2, null],
    ["entry-mdj-2-v1", "goal-mdj-2", "2024-03", 3, "returned", 1, "user-admin"],
    ["entry-aimin-1-v1", "goal-aimin-1", "2024-03", 1, "pending", 1, null],
  ];
  if (jixi) entries.push(["entry-jixi-1-v1", "goal-jixi-1", "2024-03", 8, "approved", 1, "user-admin"]);
  for (const [id, goalId, period, value, state, version, reviewer] of entries) {
    await sql(
      `INSERT INTO "ProgressEntry" ("id", "goalId", "period", "periodEnd", "value", "rawInput", "state", "submittedById", "submittedAt",
                                    "reviewedById", "reviewedAt", "updatedAt", "reportedAt", "version", "countedAt")
       VALUES ($1, $2, $3, '2024-03-31', $4::numeric, $4::numeric::text, $5::"EntryState", $6, '2024-04-02 02:00:00', $7, $8, now(), '2024-04-02', $9, $10)`,
      [
        id, goalId, period, value, state, goalId.startsWith("goal-aimin") ? "user-qu" : "user-nongye", reviewer,
        reviewer ? "2024-04-03 02:00:00" : null, version, state === "approved" ? "2024-04-03 02:00:00" : null,
      ],
    );
  }
  await sql(`INSERT INTO "PeriodLock" ("id", "planId", "period", "reason", "lockedById") VALUES ('lock-mdj-2024-01', 'plan-mdj', '2024-01', '1月已通报', 'user-admin')`);
  await sql(
    `INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after") VALUES
       ('audit-1', 'user-admin', 'plan.import', 'Plan', 'plan-mdj', NULL, '{"goals": 4}'),
       ('audit-2', 'user-nongye', 'entry.submit', 'ProgressEntry', 'entry-mdj-1-v2', NULL, '{"value": "12"}')`,
  );
}

type Row = Record<string, string | null>;
const regionOf = async (table: string, id: string) => (await sql<Row>(`SELECT "regionId" FROM "${table}" WHERE "id" = $1`, [id]))[0]?.regionId;
const regionNamed = async (name: string) => (await sql<Row>(`SELECT * FROM "Region" WHERE "name" = $1`, [name]))[0]!;

describe("the regions migration on a database with data", () => {
  it("keeps every row, puts everything in a region and splits the department that led two cities' goals", async () => {
    await migrateToBefore();
    await insertOldData({ jixi: true });
    const countsBefore = await counts();
    const idsBefore = Object.fromEntries(await Promise.all(["Plan", "Goal", "ProgressEntry", "user", "Department", "Section", "AuditEvent"].map(async (table) => [table, await ids(table)] as const)));
    const entriesBefore = await sql(`SELECT * FROM "ProgressEntry" ORDER BY "id"`);
    const goalsBefore = await sql<Row>(`SELECT "id", "planId", "metric", "targetValue", "leadDepartmentId" FROM "Goal" ORDER BY "id"`);

    await migrateRest();

    // Every row kept: the same counts, plus the two department copies (市农业农村局 and 市发改委 into 鸡西市) and the audit event.
    const countsAfter = await counts();
    expect(countsAfter).toEqual({ ...countsBefore, Department: countsBefore.Department! + 2, AuditEvent: countsBefore.AuditEvent! + 1 });
    for (const [table, list] of Object.entries(idsBefore)) expect(await ids(table), table).toEqual(expect.arrayContaining(list));
    expect(await ids("Plan")).toEqual(idsBefore.Plan);
    expect(await ids("Goal")).toEqual(idsBefore.Goal);
    expect(await ids("user")).toEqual(idsBefore.user);
    expect(await sql(`SELECT * FROM "ProgressEntry" ORDER BY "id"`)).toEqual(entriesBefore);

    // Regions: one per plan's region name, with the plan's level.
    const regions = await sql<Row>(`SELECT "id", "name", "level", "parentId" FROM "Region" ORDER BY "name"`);
    expect(regions.map((r) => [r.name, r.level])).toEqual(
      expect.arrayContaining([["牡丹江市", "city"], ["爱民区", "district"], ["鸡西市", "city"]]),
    );
    expect(regions).toHaveLength(3);
    const mdj = await regionNamed("牡丹江市");
    const jixi = await regionNamed("鸡西市");
    const aimin = await regionNamed("爱民区");
    expect(mdj.parentId).toBeNull();
    expect(jixi.parentId).toBeNull();
    // Two cities: there is no "only city" above 爱民区, so it goes under the installation's own (top, earliest)
    // government — the office that managed it before the migration keeps managing it.
    expect(aimin.parentId).toBe(mdj.id);

    // Every plan, department and user has a region; plans the region of their name.
    for (const table of ["Plan", "Department", "user"]) {
      expect(await sql(`SELECT "id" FROM "${table}" WHERE "regionId" IS NULL`), table).toEqual([]);
    }
    expect(await regionOf("Plan", "plan-mdj")).toBe(mdj.id);
    expect(await regionOf("Plan", "plan-jixi")).toBe(jixi.id);
    expect(await regionOf("Plan", "plan-aimin")).toBe(aimin.id);

    // 市农业农村局 led 3 of 牡丹江市's goals and 4 of 鸡西市's, whose report came later: the original (with its
    // reporter and their history) stays in 牡丹江市, the government it was made for, and a copy is made in 鸡西市.
    expect(await regionOf("Department", "dept-nongye")).toBe(mdj.id);
    expect(await regionOf("Department", "dept-fagai")).toBe(mdj.id);
    expect(await regionOf("Department", "dept-qu-nongye")).toBe(aimin.id);
    // 市统计局 only co-leads one of 鸡西市's goals: it moves there whole (no copy).
    expect(await regionOf("Department", "dept-tongji")).toBe(jixi.id);
    const copies = await sql<Row>(`SELECT "id", "name", "regionId" FROM "Department" WHERE "id" NOT IN ('dept-nongye', 'dept-fagai', 'dept-qu-nongye', 'dept-tongji') ORDER BY "name"`);
    expect(copies.map((d) => `${d.name} ${d.regionId}`).sort()).toEqual([`市农业农村局 ${jixi.id}`, `市发展和改革委员会 ${jixi.id}`].sort());
    const nongyeCopy = copies.find((d) => d.name === "市农业农村局")!.id!;
    const fagaiCopy = copies.find((d) => d.name === "市发展和改革委员会")!.id!;

    // 鸡西市's goals point to the copy, 牡丹江市's keep the original; nothing else about a goal changed.
    const goalsAfter = await sql<Row>(`SELECT "id", "planId", "metric", "targetValue", "leadDepartmentId" FROM "Goal" ORDER BY "id"`);
    expect(goalsAfter).toEqual(
      goalsBefore.map((g) => (g.planId === "plan-jixi" && g.leadDepartmentId === "dept-nongye" ? { ...g, leadDepartmentId: nongyeCopy } : g)),
    );
    // Every goal's lead and co-departments are of the goal's own plan's region.
    expect(
      await sql(`SELECT g."id" FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId" JOIN "Department" d ON d."id" = g."leadDepartmentId" WHERE d."regionId" <> p."regionId"`),
    ).toEqual([]);
    expect(
      await sql(`SELECT c.* FROM "GoalCoDepartment" c JOIN "Goal" g ON g."id" = c."goalId" JOIN "Plan" p ON p."id" = g."planId" JOIN "Department" d ON d."id" = c."departmentId" WHERE d."regionId" <> p."regionId"`),
    ).toEqual([]);
    expect(await sql(`SELECT "goalId", "departmentId" FROM "GoalCoDepartment" ORDER BY "goalId", "departmentId"`)).toEqual(
      [
        { goalId: "goal-jixi-1", departmentId: fagaiCopy },
        { goalId: "goal-jixi-2", departmentId: "dept-tongji" },
        { goalId: "goal-mdj-1", departmentId: "dept-fagai" },
        { goalId: "goal-mdj-4", departmentId: "dept-nongye" },
      ],
    );
    // Names stay unique within a region.
    expect(await sql(`SELECT "regionId", "name" FROM "Department" GROUP BY 1, 2 HAVING count(*) > 1`)).toEqual([]);

    // Users: reporters in their department's region — the shared department's reporter stays with the original —,
    // admins, leaders and reporters without a department in the top region; departments unchanged.
    const users = Object.fromEntries((await sql<Row>(`SELECT "id", "regionId", "departmentId" FROM "user"`)).map((u) => [u.id, u]));
    expect(users["user-nongye"]).toEqual({ id: "user-nongye", regionId: mdj.id, departmentId: "dept-nongye" });
    expect(users["user-fagai"]).toEqual({ id: "user-fagai", regionId: mdj.id, departmentId: "dept-fagai" });
    expect(users["user-qu"]).toEqual({ id: "user-qu", regionId: aimin.id, departmentId: "dept-qu-nongye" });
    expect(users["user-admin"]).toEqual({ id: "user-admin", regionId: mdj.id, departmentId: null });
    expect(users["user-leader"]).toEqual({ id: "user-leader", regionId: mdj.id, departmentId: null });
    expect(users["user-nodept"]).toEqual({ id: "user-nodept", regionId: mdj.id, departmentId: null });

    // Sessions, tokens, locks and the earlier audit events untouched.
    expect(await sql(`SELECT "id", "userId", "token" FROM "session" ORDER BY "id"`)).toEqual([
      { id: "session-admin", userId: "user-admin", token: "token-admin" },
      { id: "session-nongye", userId: "user-nongye", token: "token-nongye" },
    ]);
    expect(await sql(`SELECT "id", "userId", "revokedAt" FROM "ApiToken" ORDER BY "id"`)).toEqual([
      { id: "token-1", userId: "user-nongye", revokedAt: null },
      { id: "token-2", userId: "user-admin", revokedAt: null },
    ]);
    expect(await sql(`SELECT "id", "planId", "period" FROM "PeriodLock"`)).toEqual([{ id: "lock-mdj-2024-01", planId: "plan-mdj", period: "2024-01" }]);

    // One audit event records what was done.
    const audit = await sql<{ action: string; actorId: string | null; entityType: string; after: Record<string, number> }>(
      `SELECT "action", "actorId", "entityType", "after" FROM "AuditEvent" WHERE "action" = 'region.migrate'`,
    );
    expect(audit).toEqual([
      { action: "region.migrate", actorId: null, entityType: "Region", after: { regions: 3, plans: 3, departments: 6, users: 6, departmentCopies: 2 } },
    ]);

    // Today's Prisma client reads the migrated data through the new relations.
    const tree = await t.db.region.findMany({ include: { children: true, plans: true, departments: true }, orderBy: { name: "asc" } });
    expect(tree.find((r) => r.name === "牡丹江市")!.children.map((c) => c.name)).toEqual(["爱民区"]);
    const jixiGoals = await t.db.goal.findMany({ where: { planId: "plan-jixi" }, include: { leadDepartment: true } });
    expect(jixiGoals.map((g) => g.leadDepartment?.regionId)).toEqual([jixi.id, jixi.id, jixi.id, jixi.id]);
  });

  it("puts a district under the city when the city is the only one", async () => {
    await migrateToBefore();
    await insertOldData({ jixi: false });
    const countsBefore = await counts();
    await migrateRest();
    expect(await counts()).toEqual({ ...countsBefore, AuditEvent: countsBefore.AuditEvent! + 1 });
    const mdj = await regionNamed("牡丹江市");
    const aimin = await regionNamed("爱民区");
    expect(mdj.parentId).toBeNull();
    expect(aimin.parentId).toBe(mdj.id);
    // No copies: every department led goals of one region at most; 市统计局 (no goals) goes to the top region.
    expect(await regionOf("Department", "dept-nongye")).toBe(mdj.id);
    expect(await regionOf("Department", "dept-tongji")).toBe(mdj.id);
    expect(await regionOf("Department", "dept-qu-nongye")).toBe(aimin.id);
    expect(await regionOf("user", "user-qu")).toBe(aimin.id);
    expect(await regionOf("user", "user-admin")).toBe(mdj.id);
  });

  it("an installation with departments and users but no plan yet gets one region for them", async () => {
    await migrateToBefore();
    await sql(`INSERT INTO "Department" ("id", "name", "updatedAt") VALUES ('dept-1', '市农业农村局', now()), ('dept-2', '市发展和改革委员会', now())`);
    await sql(
      `INSERT INTO "user" ("id", "name", "email", "username", "role", "departmentId", "updatedAt") VALUES
         ('u-admin', '督查室', 'a@x', 'admin', 'admin', NULL, now()), ('u-rep', '填报员', 'r@x', 'nongye', 'reporter', 'dept-1', now())`,
    );
    await migrateRest();
    const regions = await sql<Row>(`SELECT "id", "name", "level", "parentId" FROM "Region"`);
    expect(regions).toEqual([{ id: "region-default", name: "本级政府", level: "city", parentId: null }]);
    expect(await sql(`SELECT "id", "regionId" FROM "Department" ORDER BY "id"`)).toEqual([
      { id: "dept-1", regionId: "region-default" },
      { id: "dept-2", regionId: "region-default" },
    ]);
    expect(await sql(`SELECT "id", "regionId" FROM "user" ORDER BY "id"`)).toEqual([
      { id: "u-admin", regionId: "region-default" },
      { id: "u-rep", regionId: "region-default" },
    ]);
    expect(await sql(`SELECT "action" FROM "AuditEvent"`)).toEqual([{ action: "region.migrate" }]);
  });

  it("an empty database migrates cleanly, with no region and no audit event", async () => {
    const all = await readMigrationFolders(MIGRATIONS_DIR);
    expect(await applyMigrations(t.url)).toEqual(all.map((f) => f.name));
    expect(await sql(`SELECT * FROM "Region"`)).toEqual([]);
    expect(await sql(`SELECT * FROM "AuditEvent"`)).toEqual([]);
    expect(await applyMigrations(t.url)).toEqual([]);
  });
});
