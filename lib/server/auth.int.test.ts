// Login through /api/auth as the login form reaches it (authEndpoint → better-auth's router): sessions in the
// database; the origin check against the Host the browser used; only sign-in, sign-out and get-session open; and
// the limits — per client address (the stamped one, never X-Forwarded-For), per (user name, address), and a
// growing delay per user name that slows guessing without locking the owner out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";

// What scripts/lib/client-address.mjs announces when `npm start` preloads it.
const ADDRESS_HEADER = "x-luoshi-client-address";
process.env.LUOSHI_CLIENT_ADDRESS_HEADER = ADDRESS_HEADER;
delete process.env.LUOSHI_DISABLE_RATE_LIMIT;

let t: TestDatabase;
let endpoint: (request: Request) => Promise<Response>;
let limits: typeof import("./login-limit");

// Next builds request.url from the address it listens on; the browser's Host and Origin name the address it used.
const LISTEN = "http://0.0.0.0:3300";
const HOST = "192.168.1.20:3300";

interface Call {
  address?: string;
  host?: string;
  origin?: string | null;
  cookie?: string;
  headers?: Record<string, string>;
}

function authRequest(path: string, method: "GET" | "POST", body: unknown, call: Call = {}) {
  const headers = new Headers({ host: call.host ?? HOST, ...call.headers });
  if (call.address) headers.set(ADDRESS_HEADER, call.address);
  const origin = call.origin === undefined ? `http://${call.host ?? HOST}` : call.origin;
  if (origin) headers.set("origin", origin);
  if (call.cookie) headers.set("cookie", call.cookie);
  if (body !== undefined) headers.set("content-type", "application/json");
  return endpoint(new Request(`${LISTEN}/api/auth${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

const signIn = (username: string, password: string, call: Call = {}) =>
  authRequest("/sign-in/username", "POST", { username, password }, { address: "10.9.9.9", ...call });

const sessionCookie = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .filter((c) => c?.includes("session_token="))
    .join("; ");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (response: Response): Promise<any> => response.json();

const CHINESE = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("./users");
  await t.db.$transaction(async (tx) => {
    for (const name of ["alice", "bob", "carol", "dave", "erin", "frank", "grace"]) {
      await insertUser(tx, { username: name, name, password: `${name}-password`, role: "leader", departmentId: null });
    }
  });
  endpoint = (await import("./auth")).authEndpoint;
  limits = await import("./login-limit");
});
afterAll(() => t.drop());

describe("login", () => {
  it("a right password opens a session stored in the database; a wrong one does not", async () => {
    const wrong = await signIn("alice", "nope-nope-nope", { address: "10.1.0.1" });
    expect(wrong.status).toBe(401);
    expect(await t.db.session.count()).toBe(0);
    const right = await signIn("alice", "alice-password", { address: "10.1.0.1" });
    expect(right.status).toBe(200);
    expect(sessionCookie(right)).toMatch(/session_token=/);
    expect(await t.db.session.count({ where: { user: { username: "alice" } } })).toBe(1);
  });

  it("a disabled account is told so (403, in Chinese) and gets no session", async () => {
    await t.db.user.update({ where: { username: "dave" }, data: { disabledAt: new Date() } });
    const response = await signIn("dave", "dave-password", { address: "10.4.0.1" });
    expect(response.status).toBe(403);
    expect(await json(response)).toMatchObject({ code: "ACCOUNT_DISABLED", message: "该账号已停用，请联系管理员" });
    expect(await t.db.session.count({ where: { user: { username: "dave" } } })).toBe(0);
  });

  it("a user name that cannot be one (NUL, too long, not text) is refused in Chinese, never a 500", async () => {
    for (const username of ["ali\u0000ce", "x".repeat(300), 12345, { $ne: "" }]) {
      const response = await authRequest("/sign-in/username", "POST", { username, password: "whatever-pw" }, { address: "10.5.0.1" });
      expect(response.status, JSON.stringify(username)).toBe(401);
      expect((await json(response)).message).toMatch(CHINESE);
    }
  });
});

describe("origin check", () => {
  it("signs in from any address the app is reached at, with stale cookies in the browser", async () => {
    for (const host of ["127.0.0.1:3300", "localhost:3300", "192.168.1.20:3300"]) {
      const response = await signIn("erin", "erin-password", { host, cookie: "better-auth.session_token=stale.value; other=1", address: "10.6.0.1" });
      expect(response.status, host).toBe(200);
    }
  });

  it("signs in again with an expired session's cookie", async () => {
    const first = await signIn("frank", "frank-password", { address: "10.6.0.2" });
    expect(first.status).toBe(200);
    const cookie = sessionCookie(first);
    await t.db.session.updateMany({ where: { user: { username: "frank" } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await json(await authRequest("/get-session", "GET", undefined, { cookie, origin: null }))).toBeNull();
    const again = await signIn("frank", "frank-password", { cookie, address: "10.6.0.2" });
    expect(again.status).toBe(200);
    expect(sessionCookie(again)).not.toBe(cookie);
  });

  it("refuses a sign-in posted from another site", async () => {
    const response = await signIn("erin", "erin-password", { origin: "http://evil.example", cookie: "a=1", address: "10.6.0.3" });
    expect(response.status).toBe(403);
    expect((await json(response)).code).toBe("INVALID_ORIGIN");
  });
});

describe("better-auth's own endpoints", () => {
  it("only sign-in, sign-out and get-session are open; a reporter cannot rename themself or change a password unaudited", async () => {
    const signedIn = await signIn("grace", "grace-password", { address: "10.7.0.1" });
    const cookie = sessionCookie(signedIn);
    expect((await json(await authRequest("/get-session", "GET", undefined, { cookie, origin: null }))).user.username).toBe("grace");

    const closed: [string, "GET" | "POST", unknown][] = [
      ["/update-user", "POST", { name: "改名" }],
      ["/change-password", "POST", { currentPassword: "grace-password", newPassword: "another-password-1" }],
      ["/change-email", "POST", { newEmail: "x@example.com" }],
      ["/set-password", "POST", { newPassword: "another-password-1" }],
      ["/delete-user", "POST", {}],
      ["/list-sessions", "GET", undefined],
      ["/revoke-sessions", "POST", {}],
      ["/sign-up/email", "POST", { email: "x@example.com", password: "another-password-1", name: "x" }],
      ["/sign-in/email", "POST", { email: "grace@users.luoshi.invalid", password: "grace-password" }],
      ["/is-username-available", "POST", { username: "grace" }],
      ["/update-user/", "POST", { name: "改名" }],
      ["/sign-in/username/../../update-user", "POST", { name: "改名" }],
      ["/ok", "GET", undefined],
    ];
    for (const [path, method, body] of closed) {
      const response = await authRequest(path, method, body, { cookie });
      expect(response.status, path).toBe(404);
    }
    const user = await t.db.user.findUniqueOrThrow({ where: { username: "grace" }, include: { accounts: true } });
    expect(user.name).toBe("grace");

    const out = await authRequest("/sign-out", "POST", {}, { cookie });
    expect(out.status).toBe(200);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("limits", () => {
  it("per client address across user names: the stamped address counts, X-Forwarded-For does not", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const response = await signIn(`nobody${i}`, "guess-guess", { address: "10.3.0.1", headers: { "x-forwarded-for": `172.16.0.${i}` } });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // Another address is not affected.
    expect((await signIn("nobody99", "guess-guess", { address: "10.3.0.2" })).status).toBe(401);
  });

  it("per (user name, address): that address is refused for that name, with the wait in Chinese; the owner elsewhere is not", async () => {
    const { max } = (await import("@/lib/domain/login-throttle")).LOGIN_ATTEMPTS_PER_ADDRESS;
    // Attempts spread over many minutes (under the per-address limit) come to the same count.
    for (let i = 0; i < max; i++) await limits.admitLoginAttempt("bob", "10.2.0.1");
    const blocked = await signIn("bob", "bob-password", { address: "10.2.0.1" });
    expect(blocked.status).toBe(429);
    expect(await json(blocked)).toMatchObject({ code: "LOGIN_RATE_LIMITED" });
    expect((await json(await signIn("bob", "bob-password", { address: "10.2.0.1" }))).message).toMatch(/^该账号在当前网络地址的登录尝试次数过多，请\d+分钟后再试$/);
    expect(Number(blocked.headers.get("x-retry-after"))).toBeGreaterThan(60);
    expect(await t.db.session.count({ where: { user: { username: "bob" } } })).toBe(0);

    // The owner, from their own address, signs in; so does another account from the blocked address.
    expect((await signIn("bob", "bob-password", { address: "10.2.0.2" })).status).toBe(200);
    expect((await signIn("carol", "carol-password", { address: "10.2.0.1" })).status).toBe(200);
  });

  it("per user name: after three failures in a row each answer waits longer, a success starts afresh", async () => {
    // Failures from ever-changing addresses, as a guesser with many addresses would make them.
    const timed = async (password: string, address: string) => {
      const started = performance.now();
      const response = await signIn("alice", password, { address });
      return { status: response.status, ms: performance.now() - started };
    };
    for (let i = 0; i < 3; i++) expect((await timed("guess-guess", `10.8.0.${i}`)).ms).toBeLessThan(900);
    const fourth = await timed("guess-guess", "10.8.0.3");
    expect(fourth.status).toBe(401);
    expect(fourth.ms).toBeGreaterThanOrEqual(950);
    // The owner is slowed, not refused.
    const owner = await timed("alice-password", "10.8.1.1");
    expect(owner.status).toBe(200);
    expect(owner.ms).toBeGreaterThanOrEqual(1950);
    expect((await timed("guess-guess", "10.8.0.4")).ms).toBeLessThan(900);
  });

  it("the delay has a ceiling however long the guessing goes on", async () => {
    for (let i = 0; i < 40; i++) await limits.admitLoginAttempt("erin", `10.10.${i}.1`);
    const { delayMs } = await limits.admitLoginAttempt("erin", "10.10.99.1");
    expect(delayMs).toBe(8000);
  });
});
