// Governments as a tree: who sees which regions, and who may add one where — through lib/server/regions.ts and
// through GET/POST /api/v1/regions with bearer tokens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf, createRegion } from "@/test/fixtures";

type Handler = (request: Request) => Promise<Response>;
let t: TestDatabase;
let route: { GET: Handler; POST: Handler };
const region = { city: "", aimin: "", dongan: "", other: "" };
const actors = {} as Record<"cityAdmin" | "leader" | "cityReporter" | "aiminAdmin" | "aiminReporter", Actor>;
const tokens = {} as Record<keyof typeof actors, string>;

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("@/lib/server/users");
  const { generateToken, insertApiToken } = await import("@/lib/server/tokens");
  const city = await createRegion(t.db, "牡丹江市");
  region.city = city.id;
  region.aimin = (await createRegion(t.db, "爱民区", { parentId: city.id, level: "district" })).id;
  region.dongan = (await createRegion(t.db, "东安区", { parentId: city.id, level: "district" })).id;
  region.other = (await createRegion(t.db, "鸡西市")).id;
  const cityDept = await t.db.department.create({ data: { regionId: region.city, name: "市农业农村局" } });
  const aiminDept = await t.db.department.create({ data: { regionId: region.aimin, name: "农业农村局" } });
  const users = await t.db.$transaction(async (tx) => ({
    cityAdmin: await insertUser(tx, { username: "admin", name: "督查室", password: "luoshi-admin-2024", role: "admin", departmentId: null, regionId: region.city }),
    leader: await insertUser(tx, { username: "leader", name: "市领导", password: "luoshi-leader-2024", role: "leader", departmentId: null, regionId: region.city }),
    cityReporter: await insertUser(tx, { username: "nongye", name: "市农业局", password: "luoshi-nongye-2024", role: "reporter", departmentId: cityDept.id }),
    aiminAdmin: await insertUser(tx, { username: "aimin_admin", name: "爱民区督查室", password: "luoshi-amdcs-2024", role: "admin", departmentId: null, regionId: region.aimin }),
    aiminReporter: await insertUser(tx, { username: "aimin_nongye", name: "爱民区农业局", password: "luoshi-amq-2024", role: "reporter", departmentId: aiminDept.id }),
  }));
  for (const key of Object.keys(users) as (keyof typeof users)[]) {
    actors[key] = await actorOf(t.db, users[key]);
    tokens[key] = generateToken();
    await t.db.$transaction((tx) => insertApiToken(tx, { userId: users[key].id, name: "测试", token: tokens[key], createdById: users.cityAdmin.id }));
  }
  route = (await import("@/app/api/v1/regions/route")) as unknown as typeof route;
});

afterAll(async () => {
  await t?.drop();
});

const names = (regions: { name: string }[]) => regions.map((r) => r.name);


describe("listVisibleRegions", () => {
  it("gives admins and leaders their region and every region below it, parents first, with paths", async () => {
    const { listVisibleRegions } = await import("./regions");
    for (const who of ["cityAdmin", "leader"] as const) {
      const result = await listVisibleRegions(actors[who]);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(names(result.value)).toEqual(["牡丹江市", "爱民区", "东安区"]);
      expect(result.value.map((r) => r.depth)).toEqual([0, 1, 1]);
      expect(result.value[1]).toMatchObject({ path: "牡丹江市 / 爱民区", level: "district", parentId: region.city });
    }
  });

  it("gives a district admin only their district, never a sibling or the city", async () => {
    const { listVisibleRegions } = await import("./regions");
    const result = await listVisibleRegions(actors.aiminAdmin);
    expect(result.ok && names(result.value)).toEqual(["爱民区"]);
    expect(result.ok && result.value[0]!.path).toBe("牡丹江市 / 爱民区");
  });

  it("gives reporters their region and the one above", async () => {
    const { listVisibleRegions } = await import("./regions");
    const aimin = await listVisibleRegions(actors.aiminReporter);
    expect(aimin.ok && names(aimin.value)).toEqual(["牡丹江市", "爱民区"]);
    const city = await listVisibleRegions(actors.cityReporter);
    expect(city.ok && names(city.value)).toEqual(["牡丹江市"]);
  });

  it("refuses an anonymous caller", async () => {
    const { listVisibleRegions } = await import("./regions");
    const result = await listVisibleRegions(null);
    expect(!result.ok && result.error.code).toBe("unauthenticated");
  });
});

describe("createRegion", () => {
  it("adds a region under the admin's own region, audited", async () => {
    const { createRegion: create } = await import("./regions");
    const result = await create(actors.cityAdmin, { name: "阳明区", level: "district", parentId: region.city });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ name: "阳明区", level: "district", parentId: region.city, path: "牡丹江市 / 阳明区", depth: 1 });
    const audit = await t.db.auditEvent.findFirst({ where: { action: "region.create", entityId: result.value.id } });
    expect(audit?.actorId).toBe(actors.cityAdmin.userId);
  });

  it("adds a region under a region below the admin's (a district admin under their own district)", async () => {
    const { createRegion: create } = await import("./regions");
    const result = await create(actors.aiminAdmin, { name: "爱民区产业园", level: "county", parentId: region.aimin });
    expect(result.ok && result.value.path).toBe("牡丹江市 / 爱民区 / 爱民区产业园");
    const deeper = await create(actors.cityAdmin, { name: "东安区新区", level: "county", parentId: region.dongan });
    expect(deeper.ok).toBe(true);
  });

  it("refuses a sibling or an upper region as parent (not found, nothing written)", async () => {
    const { createRegion: create } = await import("./regions");
    const before = await t.db.region.count();
    for (const parentId of [region.dongan, region.city]) {
      const result = await create(actors.aiminAdmin, { name: "越权区", level: "district", parentId });
      expect(!result.ok && result.error.code).toBe("not_found");
      expect(!result.ok && result.error.fields?.parentId).toMatch(/管辖范围/);
    }
    const otherCity = await create(actors.cityAdmin, { name: "越权区", level: "district", parentId: region.other });
    expect(!otherCity.ok && otherCity.error.code).toBe("not_found");
    expect(await t.db.region.count()).toBe(before);
  });

  it("refuses leaders and reporters (forbidden)", async () => {
    const { createRegion: create } = await import("./regions");
    for (const who of ["leader", "cityReporter", "aiminReporter"] as const) {
      const result = await create(actors[who], { name: "越权区", level: "district", parentId: region.city });
      expect(!result.ok && result.error.code).toBe("forbidden");
    }
  });

  it("refuses a second region of the same name under one parent (conflict), allows it under another", async () => {
    const { createRegion: create } = await import("./regions");
    const again = await create(actors.cityAdmin, { name: "爱民区", level: "district", parentId: region.city });
    expect(!again.ok && again.error.code).toBe("conflict");
    expect(!again.ok && again.error.message).toMatch(/已有名为“爱民区”/);
    const elsewhere = await create(actors.cityAdmin, { name: "爱民区", level: "county", parentId: region.dongan });
    expect(elsewhere.ok).toBe(true);
  });

  it("checks the input: name 1–50, a level, a parent", async () => {
    const { createRegion: create } = await import("./regions");
    const result = await create(actors.cityAdmin, { name: "", level: "town", parentId: "" });
    expect(!result.ok && result.error.code).toBe("validation");
    expect(!result.ok && Object.keys(result.error.fields ?? {}).sort()).toEqual(["level", "name", "parentId"]);
    const long = await create(actors.cityAdmin, { name: "区".repeat(51), level: "district", parentId: region.city });
    expect(!long.ok && long.error.fields?.name).toBeTruthy();
  });
});

function call(handler: Handler, token: string | undefined, body?: unknown) {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  return handler(new Request("http://localhost/api/v1/regions", { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

describe("GET/POST /api/v1/regions", () => {
  it("lists the caller's visible tree with paths", async () => {
    const response = await call(route.GET, tokens.aiminReporter);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { regions: Record<string, unknown>[] };
    expect(body.regions).toEqual([
      { id: region.city, name: "牡丹江市", level: "city", parentId: null, path: "牡丹江市" },
      { id: region.aimin, name: "爱民区", level: "district", parentId: region.city, path: "牡丹江市 / 爱民区" },
    ]);
    const admin = (await (await call(route.GET, tokens.aiminAdmin)).json()) as { regions: { name: string }[] };
    expect(names(admin.regions)).not.toContain("东安区");
  });

  it("answers 401 without a token", async () => {
    const response = await call(route.GET, undefined);
    expect(response.status).toBe(401);
  });

  it("creates a region (201) for an admin under their scope", async () => {
    const response = await call(route.POST, tokens.cityAdmin, { name: "西安区", level: "district", parentId: region.city });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { region: Record<string, unknown> };
    expect(body.region).toMatchObject({ name: "西安区", level: "district", parentId: region.city, path: "牡丹江市 / 西安区" });
    expect(Object.keys(body.region).sort()).toEqual(["id", "level", "name", "parentId", "path"]);
  });

  it("answers 409, 404, 403 and 422 in Chinese", async () => {
    const cases: [string, unknown, number, string][] = [
      [tokens.cityAdmin, { name: "西安区", level: "district", parentId: region.city }, 409, "conflict"],
      [tokens.aiminAdmin, { name: "东安区新村", level: "county", parentId: region.dongan }, 404, "not_found"],
      [tokens.leader, { name: "新区", level: "district", parentId: region.city }, 403, "forbidden"],
      [tokens.cityAdmin, { name: "新区", level: "village", parentId: region.city }, 422, "validation"],
    ];
    for (const [token, body, status, code] of cases) {
      const response = await call(route.POST, token, body);
      expect(response.status).toBe(status);
      const json = (await response.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe(code);
      expect(json.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("createDepartment in a chosen region", () => {
  it("makes the department in a region of the admin's scope, else in their own; refuses a region outside it", async () => {
    const { createDepartment } = await import("./departments");
    const chosen = await createDepartment(actors.cityAdmin, { name: "农业农村局", regionId: region.dongan });
    expect(chosen.ok).toBe(true);
    if (chosen.ok) expect((await t.db.department.findUnique({ where: { id: chosen.value.id } }))?.regionId).toBe(region.dongan);
    const own = await createDepartment(actors.aiminAdmin, { name: "商务局" });
    if (own.ok) expect((await t.db.department.findUnique({ where: { id: own.value.id } }))?.regionId).toBe(region.aimin);
    expect(own.ok).toBe(true);
    const sideways = await createDepartment(actors.aiminAdmin, { name: "商务局", regionId: region.dongan });
    expect(!sideways.ok && sideways.error.code).toBe("not_found");
    expect(!sideways.ok && sideways.error.fields?.regionId).toBeTruthy();
  });
});

describe("regionId in API JSON", () => {
  it("plans and a goal's departments carry their region", async () => {
    const dept = await t.db.department.findFirstOrThrow({ where: { regionId: region.aimin, name: "农业农村局" } });
    const plan = await t.db.plan.create({ data: { regionId: region.aimin, region: "爱民区", level: "district", year: 2024, title: "爱民区2024年目标任务", sourceText: "（测试）" } });
    const goal = await t.db.goal.create({
      data: {
        planId: plan.id, position: 0, metric: "新建高标准农田", quote: "（测试）", frequency: "monthly", targetValue: "5", unit: "万亩",
        comparator: "gte", kind: "increment", direction: "higher", accumulates: true, leadDepartmentId: dept.id,
      },
    });
    const auth = { authorization: `Bearer ${tokens.cityAdmin}` };
    const plans = (await import("@/app/api/v1/plans/route")) as unknown as { GET: Handler };
    const list = (await (await plans.GET(new Request("http://localhost/api/v1/plans", { headers: auth }))).json()) as { plans: { id: string; regionId: string }[] };
    expect(list.plans.find((p) => p.id === plan.id)?.regionId).toBe(region.aimin);
    const goalRoute = (await import("@/app/api/v1/goals/[goalId]/route")) as unknown as {
      GET: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
    };
    const response = await goalRoute.GET(new Request(`http://localhost/api/v1/goals/${goal.id}`, { headers: auth }), { params: Promise.resolve({ goalId: goal.id }) });
    const body = (await response.json()) as { goal: { leadDepartment: unknown } };
    expect(body.goal.leadDepartment).toEqual({ id: dept.id, name: "农业农村局", regionId: region.aimin, region: "爱民区" });
  });
});

describe("a government's scope in SQL (luoshi_region_scope)", () => {
  it("is the scope the domain cuts from the whole tree, for every region, however deep and wide", async () => {
    const { scopeOf } = await import("@/lib/domain/regions");
    const { regionScope } = await import("./actor");
    // Three levels under a county of this city, several regions to a level, made out of id order.
    const county = await createRegion(t.db, "宁安市", { parentId: region.city, level: "county" });
    const towns = [];
    for (const name of ["渤海镇", "东京城镇", "宁安镇"]) towns.push(await createRegion(t.db, name, { parentId: county.id, level: "county" }));
    for (const [i, town] of towns.entries()) {
      for (const name of [`${i}村甲`, `${i}村乙`]) await createRegion(t.db, name, { parentId: town.id, level: "county" });
    }
    const tree = await t.db.region.findMany({ select: { id: true, parentId: true }, orderBy: { name: "desc" } });
    expect(tree.length).toBeGreaterThanOrEqual(13);
    for (const { id } of tree) {
      const { regionId: _id, ...expected } = scopeOf(tree, id);
      expect(await regionScope(id), id).toEqual(expected);
    }
    expect((await regionScope(region.city)).below).toHaveLength(tree.length - 1); // all but 鸡西市
    expect(await regionScope("c".repeat(25))).toEqual({ below: [], parentId: null });
    expect(await regionScope(null)).toEqual({ below: [], parentId: null });
  });

  it("takes each region once when the tree has a cycle (nothing writes one; it must not widen a scope)", async () => {
    const { regionScope } = await import("./actor");
    const a = await createRegion(t.db, "环甲");
    const b = await createRegion(t.db, "环乙", { parentId: a.id, level: "county" });
    await t.db.$executeRaw`UPDATE "Region" SET "parentId" = ${b.id} WHERE "id" = ${a.id}`;
    expect((await regionScope(a.id)).below).toEqual([a.id, b.id]);
    expect(await regionScope(b.id)).toEqual({ below: [b.id, a.id], parentId: a.id });
    await t.db.$executeRaw`UPDATE "Region" SET "parentId" = NULL WHERE "id" = ${a.id}`;
  });
});
