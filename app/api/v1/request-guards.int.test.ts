// The JSON API's guards, below HTTP (route handlers called with real Requests): a change made with the browser's
// session cookie must come from the app's own pages as JSON (403 otherwise); bearer tokens are unaffected; a
// body over the limit is a 413 `too_large`, whether declared or streamed; ids that cannot be ids are 404s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let t: TestDatabase;
let goalRoute: { GET: Handler; PATCH: Handler; DELETE: Handler };
let plansRoute: { POST: Handler };
let cookie = "";
let token = "";
let goalId = "";
let archivedId = "";

const HOST = "192.168.1.20:3300";
// Next builds request.url from the address it listens on, not from the name the browser used.
const BASE = "http://0.0.0.0:3300/api/v1";
const CHINESE = /[\u4e00-\u9fff]/;

interface Call {
  method?: string;
  body?: string;
  origin?: string | null;
  contentType?: string | null;
  auth?: "cookie" | "token" | "none";
  headers?: Record<string, string>;
}

function request(path: string, { method = "PATCH", body, origin = `http://${HOST}`, contentType = "application/json", auth = "cookie", headers = {} }: Call = {}) {
  const h = new Headers({ host: HOST, ...headers });
  if (origin) h.set("origin", origin);
  if (contentType && body !== undefined) h.set("content-type", contentType);
  if (body !== undefined && !h.has("content-length")) h.set("content-length", String(new TextEncoder().encode(body).byteLength));
  if (auth === "cookie") h.set("cookie", cookie);
  if (auth === "token") h.set("authorization", `Bearer ${token}`);
  return new Request(`${BASE}${path}`, { method, headers: h, body });
}

const patchGoal = (call: Call) => goalRoute.PATCH(request(`/goals/${goalId}`, { body: JSON.stringify({ metric: "改过的指标" }), ...call }), { params: Promise.resolve({ goalId }) });

async function metric() {
  return (await t.db.goal.findUniqueOrThrow({ where: { id: goalId }, select: { metric: true } })).metric;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("@/lib/server/users");
  const { generateToken, insertApiToken } = await import("@/lib/server/tokens");
  const regionId = (await t.db.region.create({ data: { name: "测试市", level: "city" } })).id;
  const admin = await t.db.$transaction((tx) => insertUser(tx, { username: "admin", name: "管理员", password: "luoshi-dcs-2024", role: "admin", departmentId: null, regionId }));
  token = generateToken();
  await t.db.$transaction((tx) => insertApiToken(tx, { userId: admin.id, name: "测试", token, createdById: admin.id }));

  const { auth } = await import("@/lib/server/auth");
  const signedIn = await auth.api.signInUsername({ body: { username: "admin", password: "luoshi-dcs-2024" }, asResponse: true });
  cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  expect(cookie).toMatch(/session_token=/);

  const plan = await t.db.plan.create({ data: { regionId, region: "测试市", level: "city", year: 2024, title: "测试市2024年目标任务", sourceText: "（测试）" } });
  const goal = (position: number, metricName: string) =>
    t.db.goal.create({
      data: {
        planId: plan.id, position, quote: "（测试）", frequency: "monthly", metric: metricName, targetValue: "50", unit: "万亩",
        comparator: "gte", kind: "increment", direction: "higher", accumulates: true,
      },
    });
  goalId = (await goal(0, "新建高标准农田")).id;
  archivedId = (await goal(1, "另一个指标")).id;

  goalRoute = (await import("./goals/[goalId]/route")) as unknown as typeof goalRoute;
  plansRoute = (await import("./plans/route")) as unknown as typeof plansRoute;
});

afterAll(async () => {
  await t?.drop();
});

describe("changes made with the session cookie", () => {
  it("from another site, or with no Origin, are refused with 403 and change nothing", async () => {
    for (const origin of ["http://evil.example", "http://0.0.0.0:3300", "null", null]) {
      const response = await patchGoal({ origin });
      expect(response.status, String(origin)).toBe(403);
      const body = await response.json();
      expect(body.error.code).toBe("forbidden");
      expect(body.error.message).toMatch(CHINESE);
    }
    expect(await metric()).toBe("新建高标准农田");
  });

  it("that are not JSON (what a cross-site form can send) are refused with 403", async () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null]) {
      const response = await patchGoal({ contentType });
      expect(response.status, String(contentType)).toBe(403);
      expect((await response.json()).error).toEqual({ code: "forbidden", message: "请求体须为 JSON（Content-Type: application/json）" });
    }
    expect(await metric()).toBe("新建高标准农田");
  });

  it("from the app's own pages, as JSON, go through — under whatever name the app is reached", async () => {
    const response = await patchGoal({ contentType: "application/json; charset=utf-8" });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await metric()).toBe("改过的指标");
  });

  it("a DELETE without a body needs only the Origin", async () => {
    const del = (origin: string) =>
      goalRoute.DELETE(request(`/goals/${archivedId}`, { method: "DELETE", origin }), { params: Promise.resolve({ goalId: archivedId }) });
    expect((await del("http://evil.example")).status).toBe(403);
    const response = await del(`http://${HOST}`);
    expect(response.status, await response.clone().text()).toBe(200);
  });

  it("reads are not concerned", async () => {
    const response = await goalRoute.GET(request(`/goals/${goalId}`, { method: "GET", origin: "http://evil.example" }), { params: Promise.resolve({ goalId }) });
    expect(response.status).toBe(200);
  });
});

describe("bearer tokens and anonymous callers", () => {
  it("a token's change needs no Origin (scripts)", async () => {
    const response = await goalRoute.PATCH(request(`/goals/${goalId}`, { auth: "token", origin: null, body: JSON.stringify({ metric: "令牌改的" }) }), { params: Promise.resolve({ goalId }) });
    expect(response.status).toBe(200);
    expect(await metric()).toBe("令牌改的");
  });

  it("without cookie or token it stays a 401", async () => {
    const response = await patchGoal({ auth: "none", origin: "http://evil.example" });
    expect(response.status).toBe(401);
  });
});

describe("body size", () => {
  const tooLarge = { error: { code: "too_large", message: "请求内容过大（上限8 MB）" } };

  it("a declared body over 8 MB is a 413 before anything is read", async () => {
    const response = await plansRoute.POST(request("/plans", { method: "POST", auth: "token", body: "{}", headers: { "content-length": String(9 * 1024 * 1024) } }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge);
  });

  it("a body streamed without a length is counted as it arrives", async () => {
    const chunk = new TextEncoder().encode(`"${"字".repeat(300_000)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 50 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const headers = new Headers({ host: HOST, authorization: `Bearer ${token}`, "content-type": "application/json" });
    const streamed = new Request(`${BASE}/plans`, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
    const response = await plansRoute.POST(streamed, { params: Promise.resolve({}) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(tooLarge);
    // It stopped reading soon after the limit (the stream may have read a chunk or two ahead).
    expect(sent).toBeLessThan(12 * 1024 * 1024);
  });

  it("a legal report of the longest kind fits (2,000,000 characters as UTF-8 JSON)", async () => {
    const text = "一".repeat(2_000_000);
    const body = JSON.stringify({ region: "测试", level: "city", year: 2030, text });
    expect(new TextEncoder().encode(body).byteLength).toBeLessThan(8 * 1024 * 1024);
    const { readJson } = await import("@/lib/server/api");
    const read = await readJson(request("/plans", { method: "POST", auth: "token", body }));
    expect(read.ok).toBe(true);
  });

  it("a body that is not UTF-8 is a 400, not a 500", async () => {
    const { readJson } = await import("@/lib/server/api");
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const read = await readJson(new Request(`${BASE}/plans`, { method: "POST", body: bytes }));
    expect(read.ok ? null : read.error.code).toBe("bad_request");
  });
});

describe("security headers (proxy.ts does not run for /api/v1)", () => {
  function expectSecurityHeaders(response: Response) {
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  }

  it("every answer carries them: a success, a refusal, a 500", async () => {
    expectSecurityHeaders(await goalRoute.GET(request(`/goals/${goalId}`, { method: "GET", auth: "token" }), { params: Promise.resolve({ goalId }) }));
    expectSecurityHeaders(await patchGoal({ auth: "none" }));
    const { handle } = await import("@/lib/server/api");
    const crashed = await handle(async () => {
      throw new Error("a bug");
    });
    expect(crashed.status).toBe(500);
    expectSecurityHeaders(crashed);
    // A response whose headers are immutable gets them on a copy.
    const redirect = await handle(async () => Response.redirect("http://localhost/api/v1/plans", 303));
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get("location")).toBe("http://localhost/api/v1/plans");
    expectSecurityHeaders(redirect);
  });
});

describe("ids from the URL", () => {
  it("paramId answers 404 for what cannot be an id, before any query", async () => {
    const { paramId } = await import("@/lib/server/api");
    expect(paramId(goalId)).toEqual({ ok: true, value: goalId });
    for (const id of ["a\u0000b", "../x", "x".repeat(65), ""]) {
      const result = paramId(id);
      expect(result.ok ? null : result.error.code, JSON.stringify(id)).toBe("not_found");
    }
  });
});
