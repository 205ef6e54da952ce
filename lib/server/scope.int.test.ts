// Scope in lib/server beyond allow/deny/hide (test/authorization.int.test.ts has the full matrix): what lists hold,
// which departments a goal may name, and whose users, departments and tokens an admin reaches. 本市 with 本区 and
// 邻区 under it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { FORBIDDEN } from "@/lib/domain/messages";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf, createRegion } from "@/test/fixtures";

let t: TestDatabase;
type Key = "city" | "district" | "neighbour";
const regions = {} as Record<Key, { id: string; department: string; plan: string; goal: string; version: string }>;
const actors = {} as Record<`${Key}_${"admin" | "leader" | "reporter"}`, Actor>;
const userIds = {} as Record<string, string>;
let server: {
  plans: typeof import("./plans");
  goals: typeof import("./goals");
  departments: typeof import("./departments");
  users: typeof import("./users");
  tokens: typeof import("./tokens");
  duty: typeof import("./duty");
  review: typeof import("./review");
};

beforeAll(async () => {
  t = await createTestDatabase();
  server = {
    plans: await import("./plans"),
    goals: await import("./goals"),
    departments: await import("./departments"),
    users: await import("./users"),
    tokens: await import("./tokens"),
    duty: await import("./duty"),
    review: await import("./review"),
  };
  const city = await createRegion(t.db, "本市");
  const made = { city, district: await createRegion(t.db, "本区", { parentId: city.id, level: "district" }), neighbour: await createRegion(t.db, "邻区", { parentId: city.id, level: "district" }) };
  for (const key of ["city", "district", "neighbour"] as Key[]) {
    const regionId = made[key].id;
    const department = await t.db.department.create({ data: { regionId, name: "农业农村局", position: 1 } });
    const plan = await t.db.plan.create({ data: { regionId, region: made[key].name, level: "city", year: 2024, title: `${made[key].name}2024年目标任务`, sourceText: "（测试）" } });
    const goal = await t.db.goal.create({
      data: { planId: plan.id, position: 0, metric: "粮食产量", targetValue: "100", unit: "万吨", comparator: "gte", kind: "level", direction: "higher", accumulates: false, quote: "粮食产量", leadDepartmentId: department.id },
    });
    for (const role of ["admin", "leader", "reporter"] as const) {
      const row = await t.db.$transaction((tx) =>
        server.users.insertUser(tx, { username: `${key}_${role}`, name: `${key}${role}`, password: "luoshi-scope-2024", role, departmentId: role === "reporter" ? department.id : null, regionId }),
      );
      userIds[`${key}_${role}`] = row.id;
    }
    const version = await t.db.progressEntry.create({
      data: { goalId: goal.id, period: "2024-04", periodEnd: new Date("2024-04-30T00:00:00Z"), version: 1, value: "10", rawInput: "10", state: "pending", submittedById: userIds[`${key}_reporter`]!, reportedAt: new Date("2024-05-02T00:00:00Z") },
    });
    regions[key] = { id: regionId, department: department.id, plan: plan.id, goal: goal.id, version: version.id };
  }
  for (const [name, id] of Object.entries(userIds)) {
    actors[name as keyof typeof actors] = await actorOf(t.db, (await t.db.user.findUniqueOrThrow({ where: { id } })));
  }
});
afterAll(() => t.drop());

const ids = <T extends { id: string }>(result: { ok: boolean; value?: T[] }) => (result.ok ? result.value!.map((r) => r.id).sort() : null);

describe("lists hold what the actor may read", () => {
  it("plans: admins and leaders their region and below; reporters their own (and the one above)", async () => {
    expect(ids(await server.plans.listPlans(actors.city_admin))).toEqual([regions.city.plan, regions.district.plan, regions.neighbour.plan].sort());
    expect(ids(await server.plans.listPlans(actors.district_leader))).toEqual([regions.district.plan]);
    expect(ids(await server.plans.listPlans(actors.district_reporter))).toEqual([regions.city.plan, regions.district.plan].sort());
    expect(ids(await server.plans.listPlans(actors.city_reporter))).toEqual([regions.city.plan]);
  });

  it("the inbox: an admin reviews only the plans they manage; a leader sees only what they read", async () => {
    const district = await server.duty.getInbox(actors.district_admin);
    expect(district.ok && district.value.role === "admin" && district.value.reviews.map((r) => r.plan.id)).toEqual([regions.district.plan]);
    const city = await server.duty.getInbox(actors.city_admin);
    expect(city.ok && city.value.role === "admin" && city.value.reviews.map((r) => r.plan.id).sort()).toEqual([regions.city.plan, regions.district.plan, regions.neighbour.plan].sort());
  });

  it("pending reviews: a leader is refused (403), another district's admin is told nothing (404)", async () => {
    const leader = await server.review.listPendingReviews(actors.city_leader, regions.city.plan);
    expect(leader.ok ? null : [leader.error.code, leader.error.message]).toEqual(["forbidden", FORBIDDEN.review]);
    const sibling = await server.review.listPendingReviews(actors.neighbour_admin, regions.district.plan);
    expect(sibling.ok ? null : sibling.error.code).toBe("not_found");
    expect((await server.review.reviewVersion(actors.neighbour_admin, regions.district.version, { action: "approve" })).ok).toBe(false);
  });

  it("departments: a plan's picker offers its own region's units only, with the region's name", async () => {
    const district = await server.departments.listDepartments(actors.city_admin, { regionId: regions.district.id });
    expect(district.ok && district.value.map((d) => [d.id, d.region.name])).toEqual([[regions.district.department, "本区"]]);
    expect(ids(await server.departments.listDepartments(actors.district_admin))).toEqual([regions.district.department]);
    const sideways = await server.departments.listDepartments(actors.district_admin, { regionId: regions.neighbour.id });
    expect(sideways.ok ? null : sideways.error.code).toBe("not_found");
  });
});

describe("a goal names only its plan's own region's departments", () => {
  it("create and update refuse another region's unit (422), and accept the plan's own", async () => {
    const base = { metric: "新增指标", targetValue: "10", unit: "个", comparator: "gte", kind: "increment", frequency: "monthly" };
    const refused = await server.goals.createGoal(actors.city_admin, regions.city.plan, { ...base, leadDepartmentId: regions.district.department });
    expect(refused.ok ? null : [refused.error.code, refused.error.fields?.leadDepartmentId]).toEqual(["validation", "所选单位不属于本计划所在地区"]);
    const co = await server.goals.updateGoal(actors.city_admin, regions.city.goal, { coDepartmentIds: [regions.neighbour.department] });
    expect(co.ok ? null : co.error.fields?.leadDepartmentId).toBe("所选单位不属于本计划所在地区");
    expect((await server.goals.createGoal(actors.city_admin, regions.city.plan, { ...base, leadDepartmentId: regions.city.department })).ok).toBe(true);
  });
});

describe("admins reach the users, departments and tokens of their regions only", () => {
  it("users: listed, created and changed within scope; a region follows the department", async () => {
    const listed = await server.users.listUsers(actors.district_admin);
    expect(listed.ok && listed.value.map((u) => u.username).sort()).toEqual(["district_admin", "district_leader", "district_reporter"]);

    const outside = await server.users.createUser(actors.district_admin, { username: "x_reporter", name: "外区", password: "luoshi-scope-2024", role: "reporter", departmentId: regions.neighbour.department });
    expect(outside.ok ? null : outside.error.fields).toEqual({ departmentId: "所选单位不存在" });
    const leaderAbove = await server.users.createUser(actors.district_admin, { username: "x_leader", name: "上级", password: "luoshi-scope-2024", role: "leader", regionId: regions.city.id });
    expect(leaderAbove.ok ? null : leaderAbove.error.fields).toEqual({ regionId: "所选地区不存在" });
    const leaderBelow = await server.users.createUser(actors.city_admin, { username: "d_leader2", name: "区领导", password: "luoshi-scope-2024", role: "leader", regionId: regions.district.id });
    expect(leaderBelow.ok && (await t.db.user.findUniqueOrThrow({ where: { id: leaderBelow.value.id } })).regionId).toBe(regions.district.id);

    const hidden = await server.users.updateUser(actors.district_admin, userIds.neighbour_reporter!, { name: "改名" });
    expect(hidden.ok ? null : hidden.error.code).toBe("not_found");
    const moved = await server.users.updateUser(actors.city_admin, userIds.neighbour_reporter!, { departmentId: regions.district.department });
    expect(moved.ok).toBe(true);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: userIds.neighbour_reporter! } })).regionId).toBe(regions.district.id);
    await server.users.updateUser(actors.city_admin, userIds.neighbour_reporter!, { departmentId: regions.neighbour.department });
  });

  it("departments: renaming one outside scope is not found", async () => {
    const result = await server.departments.renameDepartment(actors.district_admin, regions.neighbour.department, { name: "改名局" });
    expect(result.ok ? null : result.error.code).toBe("not_found");
    expect((await t.db.department.findUniqueOrThrow({ where: { id: regions.neighbour.department } })).name).toBe("农业农村局");
  });

  it("tokens: issued, listed and revoked for users in scope only", async () => {
    const outside = await server.tokens.issueApiToken(actors.district_admin, { username: "neighbour_reporter", name: "对接" });
    expect(outside.ok ? null : outside.error.code).toBe("validation");
    const own = await server.tokens.issueApiToken(actors.district_admin, { username: "district_reporter", name: "对接" });
    expect(own.ok).toBe(true);
    const sideways = await server.tokens.issueApiToken(actors.neighbour_admin, { username: "neighbour_reporter", name: "对接" });
    expect(sideways.ok).toBe(true);
    const listed = await server.tokens.listApiTokens(actors.district_admin);
    expect(listed.ok && listed.value.map((row) => row.user.username)).toEqual(["district_reporter"]);
    const revoke = await server.tokens.revokeApiToken(actors.district_admin, sideways.ok ? sideways.value.id : "");
    expect(revoke.ok ? null : revoke.error.code).toBe("not_found");
  });
});
