// 目标分解 against a real database: a city goal split among three lower governments, each share a goal of its
// holder's plan linked to the parent; a district's approved figure rolled up into the parent on the board, the goal
// detail and the API (已报 1/3); sums that differ warn; re-splitting updates and archives; scope refuses the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

let t: TestDatabase;
let lib: {
  setShares: typeof import("./shares").setShares;
  getBoard: typeof import("./board").getBoard;
  getGoalDetail: typeof import("./goals").getGoalDetail;
  submitEntry: typeof import("./entries").submitEntry;
  reviewVersion: typeof import("./review").reviewVersion;
};
const ids = { city: "", aimin: "", countyA: "", countyB: "", sibling: "", plan: "", farmland: "", growth: "", cityFarm: "", cityTrade: "" };
const actors = {} as Record<"cityAdmin" | "aiminAdmin" | "siblingAdmin" | "aiminReporter" | "cityReporter", Actor>;
let adminToken = "";

beforeAll(async () => {
  t = await createTestDatabase();
  lib = {
    setShares: (await import("./shares")).setShares,
    getBoard: (await import("./board")).getBoard,
    getGoalDetail: (await import("./goals")).getGoalDetail,
    submitEntry: (await import("./entries")).submitEntry,
    reviewVersion: (await import("./review")).reviewVersion,
  };
  const { insertUser } = await import("./users");
  const { generateToken, insertApiToken } = await import("./tokens");
  const city = await t.db.region.create({ data: { name: "测试市", level: "city" } });
  const region = (name: string, level: "district" | "county") => t.db.region.create({ data: { name, level, parentId: city.id } });
  const [aimin, countyA, countyB, sibling] = await Promise.all([region("甲区", "district"), region("乙县", "county"), region("丙县", "county"), region("丁区", "district")]);
  Object.assign(ids, { city: city.id, aimin: aimin.id, countyA: countyA.id, countyB: countyB.id, sibling: sibling.id });
  const cityFarm = await t.db.department.create({ data: { regionId: city.id, name: "市农业农村局" } });
  const cityTrade = await t.db.department.create({ data: { regionId: city.id, name: "市商务局" } });
  const aiminFarm = await t.db.department.create({ data: { regionId: aimin.id, name: "区农业农村局" } });
  ids.cityFarm = cityFarm.id;
  ids.cityTrade = cityTrade.id;
  const users = await t.db.$transaction(async (tx) => ({
    cityAdmin: await insertUser(tx, { username: "admin", name: "市督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: city.id }),
    aiminAdmin: await insertUser(tx, { username: "aimin_admin", name: "区督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: aimin.id }),
    siblingAdmin: await insertUser(tx, { username: "ding_admin", name: "丁区督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: sibling.id }),
    aiminReporter: await insertUser(tx, { username: "aimin_nongye", name: "区农业局", password: "luoshi-nongye-pw", role: "reporter", departmentId: aiminFarm.id }),
    cityReporter: await insertUser(tx, { username: "nongye", name: "市农业局", password: "luoshi-nongye-pw", role: "reporter", departmentId: cityFarm.id }),
  }));
  for (const [key, user] of Object.entries(users)) actors[key as keyof typeof actors] = await actorOf(t.db, user);
  adminToken = generateToken();
  await t.db.$transaction((tx) => insertApiToken(tx, { userId: users.cityAdmin.id, name: "测试", token: adminToken, createdById: users.cityAdmin.id }));

  const plan = await t.db.plan.create({ data: { regionId: city.id, region: "测试市", level: "city", year: 2024, title: "测试市2024年目标任务", sourceText: "（测试）" } });
  ids.plan = plan.id;
  const common = { planId: plan.id, quote: "新建高标准农田50万亩", comparator: "gte" as const, direction: "higher" as const, frequency: "monthly" as const };
  ids.farmland = (await t.db.goal.create({ data: { ...common, position: 0, metric: "新建高标准农田", targetValue: "50", unit: "万亩", kind: "increment", accumulates: true, leadDepartmentId: cityFarm.id } })).id;
  ids.growth = (await t.db.goal.create({ data: { ...common, position: 1, metric: "外贸进出口总额增长", targetValue: "8", unit: "%", kind: "growth", accumulates: false, leadDepartmentId: cityTrade.id } })).id;
  // 甲区 already has its own plan of the year; the counties get one made for them.
  await t.db.plan.create({ data: { regionId: aimin.id, region: "甲区", level: "district", year: 2024, title: "甲区2024年目标任务", sourceText: "（测试）" } });
});
afterAll(() => t?.drop());

const split = (goalId: string, shares: unknown, actor: Actor = actors.cityAdmin) => lib.setShares(actor, goalId, { shares });

describe("splitting a goal", () => {
  it("three regions → three share goals in their plans of the year, linked to the parent", async () => {
    const result = await split(ids.farmland, [
      { regionId: ids.aimin, target: "20" },
      { regionId: ids.countyA, target: "18" },
      { regionId: ids.countyB, target: "12" },
    ]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.warnings).toEqual([]);
    expect(result.value.shares.map((s) => [s.holder.name, s.target])).toEqual([["甲区", "20"], ["乙县", "18"], ["丙县", "12"]]);
    const shares = await t.db.goal.findMany({ where: { parentGoalId: ids.farmland }, include: { plan: true, section: true }, orderBy: { createdAt: "asc" } });
    expect(shares).toHaveLength(3);
    for (const s of shares) {
      expect(s.plan.year).toBe(2024);
      expect(s.section?.title).toBe("上级分解任务");
      expect(s).toMatchObject({ metric: "新建高标准农田", unit: "万亩", kind: "increment", accumulates: true, quote: "新建高标准农田50万亩" });
    }
    expect(shares.map((s) => s.plan.regionId)).toEqual([ids.aimin, ids.countyA, ids.countyB]);
    expect(shares[0]!.plan.title).toBe("甲区2024年目标任务");
    expect(shares[1]!.plan.title).toBe("乙县2024年上级分解任务");
    // The parent's lead department's counterpart leads the district's share, so its reporter can enter it.
    expect(shares[0]!.leadDepartmentId).not.toBeNull();
    expect(await t.db.auditEvent.count({ where: { action: "goal.share.create" } })).toBe(3);
  });

  it("a district reporter's approved figure rolls up into the parent: board, goal detail and API say 已报 1/3", async () => {
    const share = await t.db.goal.findFirstOrThrow({ where: { parentGoalId: ids.farmland, shareRegionId: ids.aimin } });
    const entered = await lib.submitEntry(actors.aiminReporter, share.id, { period: "2024-05", value: "9" }, new Date("2024-06-03T02:00:00Z"));
    if (!entered.ok) throw new Error(entered.error.message);
    expect(entered.value.version.state).toBe("pending");
    const board0 = await lib.getBoard(actors.cityAdmin, ids.plan, { asOf: "2024-06-05" });
    if (!board0.ok) throw new Error(board0.error.message);
    expect(board0.value.rows.find((r) => r.goalId === ids.farmland)).toMatchObject({ shares: { reportedShares: 0, totalShares: 3 }, judgement: { latest: null } });
    const pending = await lib.getBoard(actors.cityAdmin, ids.plan, { asOf: "2024-06-05", includePending: true });
    expect(pending.ok && pending.value.rows.find((r) => r.goalId === ids.farmland)).toMatchObject({ latestState: "pending", shares: { reportedShares: 1 } });

    expect((await lib.reviewVersion(actors.aiminAdmin, entered.value.version.id, { action: "approve" }, new Date("2024-06-04T02:00:00Z"))).ok).toBe(true);
    const board = await lib.getBoard(actors.cityAdmin, ids.plan, { asOf: "2024-06-05" });
    if (!board.ok) throw new Error(board.error.message);
    const row = board.value.rows.find((r) => r.goalId === ids.farmland)!;
    expect(row.judgement.latest).toEqual({ period: "2024-05", value: "9" });
    expect(row.shares).toMatchObject({ rolledUp: true, reportedShares: 1, totalShares: 3 });
    expect(row.shares!.shares.map((s) => s.judgement.latest?.value ?? null)).toEqual(["9", null, null]);

    const detail = await lib.getGoalDetail(actors.cityAdmin, ids.farmland, "2024-06-05");
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.value.judgement).toEqual(row.judgement);
    expect(detail.value.shares).toMatchObject({ reportedShares: 1, totalShares: 3 });

    const shareDetail = await lib.getGoalDetail(actors.aiminReporter, share.id, "2024-06-05");
    expect(shareDetail.ok && shareDetail.value.parent).toMatchObject({ id: ids.farmland, metric: "新建高标准农田", readable: true });

    const { GET } = await import("@/app/api/v1/goals/[goalId]/route");
    const response = await GET(new Request(`http://localhost/api/v1/goals/${ids.farmland}?asOf=2024-06-05`, { headers: { authorization: `Bearer ${adminToken}` } }), {
      params: Promise.resolve({ goalId: ids.farmland }),
    });
    expect(response.status).toBe(200);
    const { goal } = (await response.json()) as { goal: Record<string, unknown> & { shares: { holder: { name: string }; latest: unknown; status: string }[] } };
    expect(goal).toMatchObject({ latest: { period: "2024-05", value: "9" }, reportedShares: 1, totalShares: 3, rolledUp: true, parentGoalId: null });
    expect(goal.shares.map((s) => [s.holder.name, s.latest])).toEqual([["甲区", { period: "2024-05", value: "9" }], ["乙县", null], ["丙县", null]]);

    const boardRoute = await import("@/app/api/v1/plans/[planId]/board/route");
    const boardResponse = await boardRoute.GET(new Request(`http://localhost/api/v1/plans/${ids.plan}/board?asOf=2024-06-05`, { headers: { authorization: `Bearer ${adminToken}` } }), {
      params: Promise.resolve({ planId: ids.plan }),
    });
    const boardBody = (await boardResponse.json()) as { goals: Record<string, unknown>[] };
    expect(boardBody.goals.find((g) => g.id === ids.farmland)).toMatchObject({ reportedShares: 1, totalShares: 3, latest: { value: "9" } });
    expect(boardBody.goals.find((g) => g.id === ids.growth)).toMatchObject({ reportedShares: null, totalShares: null });
  });

  it("a sum that differs from the target warns, it is not refused", async () => {
    const result = await split(ids.farmland, [
      { regionId: ids.aimin, target: "20" },
      { regionId: ids.countyA, target: "18" },
      { regionId: ids.countyB, target: "10" },
    ]);
    expect(result.ok && result.value.warnings).toEqual([{ code: "sum_mismatch", message: "分解合计48万亩与目标50万亩不一致" }]);
  });

  it("re-splitting updates targets, adds new holders and archives removed shares (their figures stay)", async () => {
    const before = await t.db.goal.findMany({ where: { parentGoalId: ids.farmland } });
    const result = await split(ids.farmland, [
      { regionId: ids.aimin, target: "25" },
      { regionId: ids.countyA, target: "18" },
      { departmentId: ids.cityFarm, target: "7" },
    ]);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.warnings).toEqual([]);
    const after = await t.db.goal.findMany({ where: { parentGoalId: ids.farmland }, orderBy: { createdAt: "asc" } });
    expect(after).toHaveLength(4);
    const aimin = after.find((g) => g.shareRegionId === ids.aimin)!;
    expect(aimin.id).toBe(before.find((g) => g.shareRegionId === ids.aimin)!.id);
    expect(aimin.targetValue?.toString()).toBe("25");
    expect(after.find((g) => g.shareRegionId === ids.countyB)!.archivedAt).not.toBeNull();
    const dept = after.find((g) => g.shareRegionId === null)!;
    expect(dept).toMatchObject({ planId: ids.plan, leadDepartmentId: ids.cityFarm, archivedAt: null });
    expect(await t.db.progressEntry.count({ where: { goalId: aimin.id } })).toBe(1);
    const detail = await lib.getGoalDetail(actors.cityAdmin, ids.farmland, "2024-06-05");
    expect(detail.ok && detail.value.shares).toMatchObject({ reportedShares: 1, totalShares: 3 });
    expect(await t.db.auditEvent.count({ where: { action: "goal.share.archive" } })).toBe(1);
  });

  it("refuses a holder outside the plan's government, a holder named twice, and a bad target", async () => {
    const sideways = await split(ids.farmland, [{ regionId: ids.city, target: "50" }]);
    expect(sideways).toMatchObject({ ok: false, error: { code: "validation" } });
    const twice = await split(ids.farmland, [{ regionId: ids.aimin, target: "1" }, { regionId: ids.aimin, target: "2" }]);
    expect(twice).toMatchObject({ ok: false, error: { code: "validation" } });
    const foreignDept = await t.db.department.findFirstOrThrow({ where: { regionId: ids.aimin } });
    expect(await split(ids.farmland, [{ departmentId: foreignDept.id, target: "5" }])).toMatchObject({ ok: false, error: { code: "validation" } });
  });

  it("a non-admin or an admin of a sibling region is refused, and nothing changes", async () => {
    const before = await t.db.goal.count();
    expect(await split(ids.farmland, [{ regionId: ids.aimin, target: "50" }], actors.cityReporter)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await split(ids.farmland, [{ regionId: ids.aimin, target: "50" }], actors.siblingAdmin)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await split(ids.farmland, [{ regionId: ids.aimin, target: "50" }], actors.aiminAdmin)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await t.db.goal.count()).toBe(before);
  });

  it("a non-additive parent keeps its own figures but lists its shares", async () => {
    const result = await split(ids.growth, [{ regionId: ids.aimin, target: "9" }, { regionId: ids.countyA, target: "7" }]);
    expect(result.ok && result.value.warnings).toEqual([]);
    const share = await t.db.goal.findFirstOrThrow({ where: { parentGoalId: ids.growth, shareRegionId: ids.aimin } });
    expect((await lib.submitEntry(actors.cityAdmin, share.id, { period: "2024-05", value: "9.5", confirm: true }, new Date("2024-06-03T02:00:00Z"))).ok).toBe(true);
    expect((await lib.submitEntry(actors.cityAdmin, ids.growth, { period: "2024-05", value: "6", confirm: true }, new Date("2024-06-03T02:00:00Z"))).ok).toBe(true);
    const board = await lib.getBoard(actors.cityAdmin, ids.plan, { asOf: "2024-06-05" });
    const row = board.ok ? board.value.rows.find((r) => r.goalId === ids.growth)! : null;
    expect(row?.judgement.latest).toEqual({ period: "2024-05", value: "6" });
    expect(row?.shares).toMatchObject({ rolledUp: false, totalShares: 2 });
    expect(row?.shares?.shares.map((s) => s.judgement.latest?.value ?? null)).toEqual(["9.5", null]);
  });

  it("a district's reporter reads the parent with the sum, but not a sibling's share", async () => {
    const detail = await lib.getGoalDetail(actors.aiminReporter, ids.growth);
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.value.shares?.totalShares).toBe(2);
    expect(detail.value.shares?.shares.map((s) => s.holder.id)).toEqual([ids.aimin]);
    const board = await lib.getBoard(actors.aiminReporter, ids.plan);
    const row = board.ok ? board.value.rows.find((r) => r.goalId === ids.growth) : null;
    expect(row?.shares?.shares.map((s) => s.holder.id)).toEqual([ids.aimin]);
    const cityView = await lib.getGoalDetail(actors.cityAdmin, ids.growth);
    expect(cityView.ok && cityView.value.shares?.shares.length).toBe(2);
  });

  it("archiving a parent archives its shares, with an audit event each", async () => {
    const { archiveGoal } = await import("./goals");
    const shares = await t.db.goal.findMany({ where: { parentGoalId: ids.growth, archivedAt: null }, select: { id: true } });
    expect(shares.length).toBe(2);
    expect((await archiveGoal(actors.cityAdmin, ids.growth)).ok).toBe(true);
    expect(await t.db.goal.count({ where: { id: { in: shares.map((g) => g.id) }, archivedAt: null } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "goal.archive", entityId: { in: [ids.growth, ...shares.map((g) => g.id)] } } })).toBe(3);
  });
});
