// /api/v1 end to end below HTTP: the route handlers are called with real Requests carrying bearer tokens,
// against a fresh migrated database. Checks status codes, the error envelope, permissions and that nothing is
// written when a request is refused.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_STATUS_SETTINGS, judgeGoal } from "@/lib/domain/status";
import { todayInShanghai } from "@/lib/domain/periods";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { createRegion } from "@/test/fixtures";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface Routes {
  plans: { GET: Handler; POST: Handler };
  plan: { GET: Handler };
  board: { GET: Handler };
  planGoals: { GET: Handler; POST: Handler };
  goal: { GET: Handler; PATCH: Handler; DELETE: Handler };
  entries: { GET: Handler; POST: Handler };
  approve: { POST: Handler };
  return: { POST: Handler };
}

let t: TestDatabase;
let routes: Routes;
const tokens: Record<"admin" | "nongye" | "shangwu" | "leader", string> = { admin: "", nongye: "", shangwu: "", leader: "" };
let planId = "";
let regionId = "";
/** 新建高标准农田50万亩 (accumulating), led by 农业农村局. */
let farmlandId = "";
/** 外贸进出口总额增长8% (point), led by 商务局. */
let tradeId = "";

const BASE = "http://localhost/api/v1";

function call(
  handler: Handler,
  path: string,
  { token, method = "GET", body, params = {} }: { token?: string; method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const headers = new Headers();
  if (token !== undefined) headers.set("authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`${BASE}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve(params) });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function read(response: Response): Promise<any> {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return response.json();
}

const CHINESE = /[\u4e00-\u9fff]/;

async function counts() {
  return { entries: await t.db.progressEntry.count(), audit: await t.db.auditEvent.count(), goals: await t.db.goal.count() };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("@/lib/server/users");
  const { generateToken, insertApiToken } = await import("@/lib/server/tokens");

  const region = await createRegion(t.db, "测试市");
  regionId = region.id;
  const nongye = await t.db.department.create({ data: { regionId, name: "市农业农村局", position: 1 } });
  const shangwu = await t.db.department.create({ data: { regionId, name: "市商务局", position: 2 } });
  const users = await t.db.$transaction(async (tx) => ({
    admin: await insertUser(tx, { username: "admin", name: "管理员", password: "luoshi-admin", role: "admin", departmentId: null, regionId }),
    nongye: await insertUser(tx, { username: "nongye", name: "农业局填报员", password: "luoshi-nongye", role: "reporter", departmentId: nongye.id }),
    shangwu: await insertUser(tx, { username: "shangwu", name: "商务局填报员", password: "luoshi-shangwu", role: "reporter", departmentId: shangwu.id }),
    leader: await insertUser(tx, { username: "leader", name: "市领导", password: "luoshi-leader", role: "leader", departmentId: null, regionId }),
  }));
  for (const key of Object.keys(tokens) as (keyof typeof tokens)[]) {
    const token = generateToken();
    await t.db.$transaction((tx) => insertApiToken(tx, { userId: users[key].id, name: "测试", token, createdById: users.admin.id }));
    tokens[key] = token;
  }

  const plan = await t.db.plan.create({ data: { regionId, region: "测试市", level: "city", year: 2024, title: "测试市2024年目标任务", sourceText: "（测试）" } });
  planId = plan.id;
  const section = await t.db.section.create({ data: { planId, position: 0, part: "plan", number: "（一）", title: "推进乡村振兴", start: 0, end: 4 } });
  const common = { planId, quote: "（测试）", frequency: "monthly" as const };
  farmlandId = (
    await t.db.goal.create({
      data: {
        ...common, sectionId: section.id, position: 0, metric: "新建高标准农田", targetValue: "50", unit: "万亩",
        comparator: "gte", kind: "increment", direction: "higher", accumulates: true, leadDepartmentId: nongye.id,
      },
    })
  ).id;
  tradeId = (
    await t.db.goal.create({
      data: {
        ...common, position: 1, metric: "外贸进出口总额增长", targetValue: "8", unit: "%",
        comparator: "gte", kind: "growth", direction: "higher", accumulates: false, leadDepartmentId: shangwu.id,
      },
    })
  ).id;

  routes = {
    plans: await import("./plans/route"),
    plan: await import("./plans/[planId]/route"),
    board: await import("./plans/[planId]/board/route"),
    planGoals: await import("./plans/[planId]/goals/route"),
    goal: await import("./goals/[goalId]/route"),
    entries: await import("./goals/[goalId]/entries/route"),
    approve: await import("./entries/[versionId]/approve/route"),
    return: await import("./entries/[versionId]/return/route"),
  } as unknown as Routes;
});

afterAll(async () => {
  await t?.drop();
});

describe("authentication", () => {
  it("without a token: 401 with WWW-Authenticate: Bearer and the error envelope", async () => {
    const response = await call(routes.plans.GET, "/plans");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await read(response)).toEqual({ error: { code: "unauthenticated", message: expect.stringMatching(CHINESE) } });
  });

  it("a wrong or malformed token is 401, before the body is looked at", async () => {
    for (const token of ["ls_not-a-real-token", ""]) {
      const response = await call(routes.entries.POST, `/goals/${farmlandId}/entries`, {
        token,
        method: "POST",
        body: "{not json",
        params: { goalId: farmlandId },
      });
      expect(response.status).toBe(401);
      expect((await read(response)).error).toEqual({ code: "unauthenticated", message: "访问令牌无效、已撤销或已过期" });
    }
  });

  it("without a bearer token, the browser's session cookie is used", async () => {
    const { auth } = await import("@/lib/server/auth");
    const signIn = await auth.api.signInUsername({ body: { username: "leader", password: "luoshi-leader" }, asResponse: true });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const request = new Request(`${BASE}/plans`, { headers: { cookie } });
    expect((await routes.plans.GET(request, { params: Promise.resolve({}) })).status).toBe(200);
  });

  it("a revoked token is 401", async () => {
    const { generateToken, insertApiToken } = await import("@/lib/server/tokens");
    const token = generateToken();
    const admin = await t.db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const row = await t.db.$transaction((tx) => insertApiToken(tx, { userId: admin.id, name: "revoked", token, createdById: null }));
    expect((await call(routes.plans.GET, "/plans", { token })).status).toBe(200);
    await t.db.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    expect((await call(routes.plans.GET, "/plans", { token })).status).toBe(401);
  });
});

describe("plans", () => {
  it("lists plans with goal counts and lights", async () => {
    // 2024-01 is due on 2024-02-10 (10 days' grace): before that, nothing is overdue yet.
    const response = await call(routes.plans.GET, "/plans?asOf=2024-02-05", { token: tokens.leader });
    expect(response.status).toBe(200);
    const body = await read(response);
    const plan = body.plans.find((p: { id: string }) => p.id === planId);
    expect(plan).toMatchObject({ region: "测试市", level: "city", year: 2024, title: "测试市2024年目标任务", goalCount: 2 });
    expect(plan.lights).toEqual({ green: 0, yellow: 0, red: 0, grey: 0, none: 2 });
    const later = await read(await call(routes.plans.GET, "/plans?asOf=2024-02-11", { token: tokens.leader }));
    expect(later.plans.find((p: { id: string }) => p.id === planId).lights).toEqual({ green: 0, yellow: 0, red: 0, grey: 2, none: 0 });
  });

  it("gets a plan with its sections; an unknown plan is 404", async () => {
    const response = await call(routes.plan.GET, `/plans/${planId}`, { token: tokens.shangwu, params: { planId } });
    expect(response.status).toBe(200);
    const { plan } = await read(response);
    expect(plan.sections).toEqual([expect.objectContaining({ number: "（一）", title: "推进乡村振兴", part: "plan" })]);
    expect(plan.settings).toEqual({ graceDays: 10, marginBehind: "0.1", marginFarBehind: "0.3" });

    const missing = await call(routes.plan.GET, "/plans/nope", { token: tokens.shangwu, params: { planId: "nope" } });
    expect(missing.status).toBe(404);
    expect((await read(missing)).error).toEqual({ code: "not_found", message: expect.stringMatching(CHINESE) });
  });

  it("creates a plan from a report's text and returns the extracted goals (admin only)", async () => {
    const text = readFileSync(new URL("../../../data/reports/003_1d04eb77b0186c38.txt", import.meta.url), "utf8");
    const body = { region: "牡丹江市", level: "city", year: 2024, text };

    const before = await counts();
    const refused = await call(routes.plans.POST, "/plans", { token: tokens.nongye, method: "POST", body });
    expect(refused.status).toBe(403);
    expect(await counts()).toEqual(before);

    const response = await call(routes.plans.POST, "/plans", { token: tokens.admin, method: "POST", body });
    expect(response.status).toBe(201);
    const created = await read(response);
    expect(response.headers.get("location")).toBe(`/api/v1/plans/${created.plan.id}`);
    expect(created.plan).toMatchObject({ region: "牡丹江市", level: "city", year: 2024 });
    expect(created.goals.length).toBeGreaterThan(10);
    expect(created.goals[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), metric: expect.any(String), unit: expect.any(String), latest: null, status: expect.any(String) }),
    );
    const farmland = created.goals.find((g: { metric: string; target: string }) => g.metric.includes("高标准农田") && g.target === "50");
    expect(farmland).toMatchObject({ unit: "万亩", comparator: "gte", kind: "increment", accumulates: true });
    expect(await t.db.goal.count({ where: { planId: created.plan.id } })).toBe(created.goals.length);
    expect(await t.db.auditEvent.count({ where: { entityId: created.plan.id, action: "plan.import" } })).toBe(1);

    const again = await call(routes.plans.POST, "/plans", { token: tokens.admin, method: "POST", body });
    expect(again.status).toBe(409);
    expect((await read(again)).error.code).toBe("conflict");
  });

  it("refuses a plan without text or with a bad level: 422 with field messages in Chinese", async () => {
    const response = await call(routes.plans.POST, "/plans", { token: tokens.admin, method: "POST", body: { region: "某市", level: "town", text: "短" } });
    expect(response.status).toBe(422);
    const { error } = await read(response);
    expect(error.code).toBe("validation");
    expect(error.message).toMatch(CHINESE);
    expect(Object.keys(error.fields).sort()).toEqual(["level", "text"]);
  });

  it("a body that is not JSON is 400 bad_request", async () => {
    const response = await call(routes.plans.POST, "/plans", { token: tokens.admin, method: "POST", body: "{region:" });
    expect(response.status).toBe(400);
    expect(await read(response)).toEqual({ error: { code: "bad_request", message: "请求体不是有效的 JSON" } });
  });
});

describe("entries and the board", () => {
  const asOf = "2024-07-05";
  const today = todayInShanghai(new Date());
  const post = (token: string, body: unknown, goalId = farmlandId) =>
    call(routes.entries.POST, `/goals/${goalId}/entries?asOf=${asOf}`, { token, method: "POST", body, params: { goalId } });
  const boardRow = async (goalId: string, query = "") => {
    const response = await call(routes.board.GET, `/plans/${planId}/board${query}`, { token: tokens.leader, params: { planId } });
    expect(response.status).toBe(200);
    const board = await read(response);
    return { board, row: board.goals.find((g: { id: string }) => g.id === goalId) };
  };
  const review = async (action: "approve" | "return", versionId: string, body?: unknown) =>
    call(action === "approve" ? routes.approve.POST : routes.return.POST, `/entries/${versionId}/${action}`, {
      token: tokens.admin, method: "POST", body: body ?? {}, params: { versionId },
    });
  const expected = (period: string, value: string, day = today) =>
    judgeGoal(
      { target: "50", unit: "万亩", comparator: "gte", kind: "increment", direction: "higher", accumulates: true, frequency: "monthly", year: 2024 },
      [{ period, value }],
      DEFAULT_STATUS_SETTINGS,
      day,
    );

  it("a reporter's figure is pending until approved; a correction is a new version; the board counts approved versions", async () => {
    const { row: initial } = await boardRow(farmlandId);
    expect(initial).toMatchObject({ status: "overdue", statusLabel: "未填报", light: "grey", latest: null, overduePeriod: "2024-01" });

    const first = await post(tokens.nongye, { period: "2024-06", value: "20", note: "上半年新建20万亩" });
    expect(first.status).toBe(201);
    const created = await read(first);
    expect(created).toMatchObject({ created: true, state: "pending", warnings: [] });
    expect(created.entry).toMatchObject({ goalId: farmlandId, period: "2024-06", version: 1, value: "20", rawInput: "20", note: "上半年新建20万亩", state: "pending", reportedAt: today });
    // Not counted yet: the board is unchanged, unless pending versions are included (and marked).
    expect((await boardRow(farmlandId)).row).toMatchObject({ latest: null, status: "overdue" });
    expect((await boardRow(farmlandId, "?includePending=1")).row).toMatchObject({ latest: { period: "2024-06", value: "20" }, latestState: "pending" });

    const approved = await review("approve", created.entry.id);
    expect(approved.status).toBe(200);
    expect((await read(approved)).entry).toMatchObject({ state: "approved", reviewedBy: { username: "admin", name: "管理员" } });
    const judgedFirst = expected("2024-06", "20");
    expect((await boardRow(farmlandId)).row).toMatchObject({ latest: { period: "2024-06", value: "20" }, latestState: "approved", status: judgedFirst.code });
    // Approving again: the version is no longer pending.
    const again = await review("approve", created.entry.id);
    expect(again.status).toBe(409);
    expect((await read(again)).error.message).toMatch(CHINESE);

    const second = await post(tokens.nongye, { period: "2024-06", value: "１０", note: "按统计局口径更正" });
    expect(second.status).toBe(201);
    const corrected = await read(second);
    expect(corrected).toMatchObject({ created: false, state: "pending" });
    expect(corrected.entry).toMatchObject({ version: 2, value: "10", rawInput: "１０" });
    expect(corrected.entry.id).not.toBe(created.entry.id);
    // Still the approved 20 until the correction is approved.
    expect((await boardRow(farmlandId)).row.latest).toEqual({ period: "2024-06", value: "20" });
    expect((await review("approve", corrected.entry.id)).status).toBe(200);

    const judged = expected("2024-06", "10", asOf);
    expect(judged.code).toBe("behind");
    // As of 2024-07-05 nothing had been approved yet: the board of that day stays as it was.
    expect((await boardRow(farmlandId, `?asOf=${asOf}`)).row).toMatchObject({ latest: null, status: "overdue" });
    const { board, row } = await boardRow(farmlandId);
    expect(row).toEqual(
      expect.objectContaining({
        id: farmlandId,
        section: { id: expect.any(String), title: "推进乡村振兴" },
        metric: "新建高标准农田",
        target: "50",
        unit: "万亩",
        leadDepartment: { id: expect.any(String), name: "市农业农村局" },
        latest: { period: "2024-06", value: "10" },
        status: expected("2024-06", "10").code,
        completion: judged.completion,
        expectedShare: judged.expectedShare,
        lag: judged.lag,
      }),
    );
    expect(board.yearEnded).toBe(true);

    const goal = await read(await call(routes.goal.GET, `/goals/${farmlandId}`, { token: tokens.leader, params: { goalId: farmlandId } }));
    expect(goal.goal).toMatchObject({ latest: { period: "2024-06", value: "10" }, completion: judged.completion, requiresReview: true });
    expect(goal.goal.entries.map((e: { version: number; state: string }) => [e.version, e.state])).toEqual([[2, "approved"], [1, "approved"]]);
    expect(goal.goal.entries[1]).toMatchObject({ submittedBy: { username: "nongye", name: "农业局填报员" }, reviewedBy: { username: "admin", name: "管理员" } });

    const audit = await t.db.auditEvent.findMany({ where: { entityType: "ProgressEntry", entityId: { in: [created.entry.id, corrected.entry.id] } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["entry.submit", "entry.approve", "entry.submit", "entry.approve"]);
  });

  it("versions are listed newest first with state, reviewer, reason and reporting date", async () => {
    const posted = await read(await post(tokens.nongye, { period: "2024-07", value: "12" }));
    const returned = await review("return", posted.entry.id, { reason: "与统计局口径不一致，请核实" });
    expect(returned.status).toBe(200);
    const response = await call(routes.entries.GET, `/goals/${farmlandId}/entries`, { token: tokens.shangwu, params: { goalId: farmlandId } });
    expect(response.status).toBe(200);
    const body = await read(response);
    expect(body.entries.map((e: { period: string; version: number }) => `${e.period}#${e.version}`)).toEqual(["2024-07#1", "2024-06#2", "2024-06#1"]);
    expect(body.entries[0]).toMatchObject({ state: "returned", reason: "与统计局口径不一致，请核实", reviewedBy: { username: "admin" }, reportedAt: today });
    // A return needs a reason.
    const bare = await read(await post(tokens.nongye, { period: "2024-07", value: "13" }));
    const noReason = await review("return", bare.entry.id, { reason: "  " });
    expect(noReason.status).toBe(422);
    expect((await read(noReason)).error.fields.reason).toMatch(CHINESE);
  });

  it("a reporter of another department is refused (403) and nothing is written", async () => {
    const before = await counts();
    const response = await post(tokens.shangwu, { period: "2024-07", value: "30" });
    expect(response.status).toBe(403);
    expect((await read(response)).error).toEqual({ code: "forbidden", message: expect.stringMatching(CHINESE) });
    expect(await counts()).toEqual(before);
  });

  it("a leader can read but not post (403)", async () => {
    const before = await counts();
    const response = await post(tokens.leader, { period: "2024-07", value: "30" });
    expect(response.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect((await call(routes.board.GET, `/plans/${planId}/board`, { token: tokens.leader, params: { planId } })).status).toBe(200);
    expect((await call(routes.goal.GET, `/goals/${tradeId}`, { token: tokens.leader, params: { goalId: tradeId } })).status).toBe(200);
  });

  it.each(["约6", "", "abc", "6、7"])("the figure %j is refused with a Chinese message (422) and nothing is written", async (value) => {
    const before = await counts();
    const response = await post(tokens.shangwu, { period: "2024-06", value }, tradeId);
    expect(response.status).toBe(422);
    const { error } = await read(response);
    expect(error.code).toBe("validation");
    expect(error.message).toMatch(CHINESE);
    expect(error.fields.value).toMatch(CHINESE);
    expect(error.message).toContain(error.fields.value);
    expect(await counts()).toEqual(before);
  });

  it("a period outside the goal's year or frequency is 422", async () => {
    for (const period of ["2023-06", "2024-Q2", "June"]) {
      const response = await post(tokens.shangwu, { period, value: "6" }, tradeId);
      expect(response.status).toBe(422);
      expect((await read(response)).error.fields.period).toMatch(CHINESE);
    }
  });

  it("the change and its AuditEvent commit together: if the audit write fails, no figure is stored", async () => {
    await t.db.$executeRawUnsafe(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`);
    await t.db.$executeRawUnsafe(`CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
    const before = await counts();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const response = await post(tokens.shangwu, { period: "2024-06", value: "6.5" }, tradeId);
      expect(response.status).toBe(500);
      expect((await read(response)).error.code).toBe("internal");
      const patched = await call(routes.goal.PATCH, `/goals/${tradeId}`, { token: tokens.admin, method: "PATCH", body: { targetValue: "9" }, params: { goalId: tradeId } });
      expect(patched.status).toBe(500);
      expect(logged).toHaveBeenCalledTimes(2);
    } finally {
      logged.mockRestore();
      await t.db.$executeRawUnsafe(`DROP TRIGGER refuse_audit ON "AuditEvent"`);
      await t.db.$executeRawUnsafe(`DROP FUNCTION refuse_audit()`);
    }
    expect(await counts()).toEqual(before);
    expect((await t.db.goal.findUniqueOrThrow({ where: { id: tradeId } })).targetValue?.toString()).toBe("8");
  });

  it.each(["2024-13-01", "2024-02-30", "yesterday"])("asOf=%s is 422 with a Chinese message", async (bad) => {
    for (const [handler, path, params] of [
      [routes.board.GET, `/plans/${planId}/board?asOf=${bad}`, { planId }],
      [routes.planGoals.GET, `/plans/${planId}/goals?asOf=${bad}`, { planId }],
      [routes.goal.GET, `/goals/${tradeId}?asOf=${bad}`, { goalId: tradeId }],
      [routes.plans.GET, `/plans?asOf=${bad}`, {}],
    ] as const) {
      const response = await call(handler, path, { token: tokens.leader, params });
      expect(response.status).toBe(422);
      const { error } = await read(response);
      expect(error.code).toBe("validation");
      expect(error.fields.asOf).toMatch(CHINESE);
      expect(error.message).toMatch(CHINESE);
    }
  });

  it("an admin's figure with a stated reporting date counts from that day; the board filters by status", async () => {
    const saved = await post(tokens.admin, { period: "2024-06", value: "8.5", reportedAt: "2024-07-03" }, tradeId);
    expect(saved.status).toBe(201);
    expect((await read(saved)).entry).toMatchObject({ state: "approved", reportedAt: "2024-07-03" });
    const before = await read(await call(routes.board.GET, `/plans/${planId}/board?asOf=2024-07-02`, { token: tokens.leader, params: { planId } }));
    expect(before.goals.find((g: { id: string }) => g.id === tradeId).latest).toBeNull();
    const response = await call(routes.board.GET, `/plans/${planId}/board?asOf=${asOf}&status=on_track`, { token: tokens.leader, params: { planId } });
    const board = await read(response);
    expect(board.goals.map((g: { id: string }) => g.id)).toEqual([tradeId]);
    const reporterDated = await post(tokens.shangwu, { period: "2024-06", value: "8.6", reportedAt: "2024-07-03" }, tradeId);
    expect(reporterDated.status).toBe(403);
    expect(board.goalCount).toBe(2);
    const bad = await call(routes.board.GET, `/plans/${planId}/board?status=late`, { token: tokens.leader, params: { planId } });
    expect(bad.status).toBe(422);
  });
});

describe("goals", () => {
  const newGoal = {
    metric: "新增城镇就业",
    targetValue: "2.4",
    unit: "万人",
    comparator: "gte",
    kind: "increment",
    frequency: "quarterly",
  };

  it("an admin creates a goal (201), updates it and archives it, each with an AuditEvent", async () => {
    const nongye = await t.db.department.findUniqueOrThrow({ where: { regionId_name: { regionId, name: "市农业农村局" } } });
    const response = await call(routes.planGoals.POST, `/plans/${planId}/goals`, {
      token: tokens.admin,
      method: "POST",
      body: { ...newGoal, leadDepartmentId: nongye.id },
      params: { planId },
    });
    expect(response.status).toBe(201);
    const { goal } = await read(response);
    expect(response.headers.get("location")).toBe(`/api/v1/goals/${goal.id}`);
    expect(goal).toMatchObject({
      metric: "新增城镇就业", target: "2.4", unit: "万人", comparator: "gte", kind: "increment", direction: "higher",
      accumulates: true, frequency: "quarterly", leadDepartment: { id: nongye.id, name: "市农业农村局" }, entries: [],
    });
    expect(await t.db.auditEvent.count({ where: { entityId: goal.id, action: "goal.create" } })).toBe(1);

    const patched = await call(routes.goal.PATCH, `/goals/${goal.id}`, {
      token: tokens.admin,
      method: "PATCH",
      body: { targetValue: "2.5", description: "按人社部门口径" },
      params: { goalId: goal.id },
    });
    expect(patched.status).toBe(200);
    expect((await read(patched)).goal).toMatchObject({ target: "2.5", description: "按人社部门口径", metric: "新增城镇就业" });
    const update = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: goal.id, action: "goal.update" } });
    expect(update.before).toMatchObject({ targetValue: "2.4" });
    expect(update.after).toMatchObject({ targetValue: "2.5" });

    const listed = await read(await call(routes.planGoals.GET, `/plans/${planId}/goals`, { token: tokens.leader, params: { planId } }));
    expect(listed.goals.map((g: { id: string }) => g.id)).toContain(goal.id);

    const archived = await call(routes.goal.DELETE, `/goals/${goal.id}`, { token: tokens.admin, method: "DELETE", params: { goalId: goal.id } });
    expect(archived.status).toBe(200);
    expect(await read(archived)).toEqual({ id: goal.id, planId, archived: true });
    expect(await t.db.auditEvent.count({ where: { entityId: goal.id, action: "goal.archive" } })).toBe(1);
    expect((await call(routes.goal.GET, `/goals/${goal.id}`, { token: tokens.admin, params: { goalId: goal.id } })).status).toBe(404);
  });

  it("reporters and leaders cannot create, change or archive goals (403), and nothing changes", async () => {
    const before = await counts();
    for (const token of [tokens.nongye, tokens.leader]) {
      const created = await call(routes.planGoals.POST, `/plans/${planId}/goals`, { token, method: "POST", body: newGoal, params: { planId } });
      expect(created.status).toBe(403);
      const patched = await call(routes.goal.PATCH, `/goals/${farmlandId}`, { token, method: "PATCH", body: { targetValue: "1" }, params: { goalId: farmlandId } });
      expect(patched.status).toBe(403);
      const archived = await call(routes.goal.DELETE, `/goals/${farmlandId}`, { token, method: "DELETE", params: { goalId: farmlandId } });
      expect(archived.status).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });

  it("validation errors name the fields (422); unknown goals and plans are 404", async () => {
    const bad = await call(routes.planGoals.POST, `/plans/${planId}/goals`, {
      token: tokens.admin,
      method: "POST",
      body: { ...newGoal, targetValue: "两万", comparator: "more" },
      params: { planId },
    });
    expect(bad.status).toBe(422);
    const { error } = await read(bad);
    expect(Object.keys(error.fields).sort()).toEqual(["comparator", "targetValue"]);
    expect(error.fields.targetValue).toMatch(CHINESE);

    const noPlan = await call(routes.planGoals.POST, "/plans/nope/goals", { token: tokens.admin, method: "POST", body: newGoal, params: { planId: "nope" } });
    expect(noPlan.status).toBe(404);
    const noGoal = await call(routes.goal.PATCH, "/goals/nope", { token: tokens.admin, method: "PATCH", body: { unit: "人" }, params: { goalId: "nope" } });
    expect(noGoal.status).toBe(404);
    const noGoalEntry = await call(routes.entries.POST, "/goals/nope/entries", { token: tokens.admin, method: "POST", body: { period: "2024-06", value: "1" }, params: { goalId: "nope" } });
    expect(noGoalEntry.status).toBe(404);
  });
});

describe("the board's pages", () => {
  it("limit and offset page the goals after every filter; rowCount and nextOffset say where the rest is; bad values are 422 in Chinese", async () => {
    const all = await read(await call(routes.board.GET, `/plans/${planId}/board`, { token: tokens.leader, params: { planId } }));
    expect(all).toMatchObject({ offset: 0, limit: 500, nextOffset: null, rowCount: all.goals.length });
    expect(all.goals.length).toBeGreaterThan(1);
    const first = await read(await call(routes.board.GET, `/plans/${planId}/board?limit=1`, { token: tokens.leader, params: { planId } }));
    expect(first).toMatchObject({ rowCount: all.rowCount, nextOffset: 1, totals: all.totals, lights: all.lights, goalCount: all.goalCount });
    expect(first.goals.map((g: { id: string }) => g.id)).toEqual([all.goals[0].id]);
    const last = await read(await call(routes.board.GET, `/plans/${planId}/board?limit=1&offset=${all.rowCount - 1}`, { token: tokens.leader, params: { planId } }));
    expect(last.goals.map((g: { id: string }) => g.id)).toEqual([all.goals.at(-1).id]);
    expect(last.nextOffset).toBeNull();
    const beyond = await read(await call(routes.board.GET, `/plans/${planId}/board?offset=999999`, { token: tokens.leader, params: { planId } }));
    expect(beyond).toMatchObject({ goals: [], rowCount: all.rowCount, nextOffset: null });
    for (const bad of ["limit=0", "limit=2001", "limit=abc", "offset=-1", "limit=1.5", "limit=%00", `limit=${"9".repeat(40)}`]) {
      const response = await call(routes.board.GET, `/plans/${planId}/board?${bad}`, { token: tokens.leader, params: { planId } });
      expect(response.status, bad).toBe(422);
      expect(JSON.stringify(await read(response)), bad).toMatch(CHINESE);
    }
  });
});
