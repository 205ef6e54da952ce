// Login through better-auth's router (what the login form calls): sessions in the database, and attempts limited
// per client address and per username — the latter holds even when a client changes X-Forwarded-For.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let handler: (request: Request) => Promise<Response>;

function signIn(username: string, password: string, ip: string) {
  return handler(
    new Request("http://localhost/api/auth/sign-in/username", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", "x-forwarded-for": ip },
      body: JSON.stringify({ username, password }),
    }),
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("./users");
  await t.db.$transaction(async (tx) => {
    for (const name of ["alice", "bob", "carol", "dave"]) {
      await insertUser(tx, { username: name, name, password: `${name}-password`, role: "leader", departmentId: null });
    }
  });
  handler = (await import("./auth")).auth.handler;
});
afterAll(() => t.drop());

describe("login", () => {
  it("a right password opens a session stored in the database; a wrong one does not", async () => {
    const wrong = await signIn("alice", "nope-nope", "10.1.0.1");
    expect(wrong.status).toBe(401);
    expect(await t.db.session.count()).toBe(0);
    const right = await signIn("alice", "alice-password", "10.1.0.1");
    expect(right.status).toBe(200);
    expect(right.headers.getSetCookie().join(";")).toMatch(/session_token=/);
    expect(await t.db.session.count({ where: { user: { username: "alice" } } })).toBe(1);
  });

  it("a disabled account cannot log in", async () => {
    await t.db.user.update({ where: { username: "dave" }, data: { disabledAt: new Date() } });
    const response = await signIn("dave", "dave-password", "10.4.0.1");
    expect(response.ok).toBe(false);
    expect(await t.db.session.count({ where: { user: { username: "dave" } } })).toBe(0);
  });

  it("limits attempts per username even from ever-changing addresses", async () => {
    for (let i = 0; i < 10; i++) expect((await signIn("bob", "guess", `10.2.0.${i}`)).status).toBe(401);
    const blocked = await signIn("bob", "bob-password", "10.2.1.1");
    expect(blocked.status).toBe(429);
    expect(await t.db.session.count({ where: { user: { username: "bob" } } })).toBe(0);
    // Another account is not affected.
    expect((await signIn("carol", "carol-password", "10.2.1.2")).status).toBe(200);
  });

  it("limits attempts per client address across usernames", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn(`nobody${i}`, "guess", "10.3.0.1")).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
