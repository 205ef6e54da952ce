// Two app instances on one database (issue 11): `next start` twice from the e2e build, on two loopback ports,
// sharing one PostgreSQL and one BETTER_AUTH_SECRET — as instances behind a load balancer would. A figure written
// through one is seen at once through the other; a session made on one is good on the other (and ended on either);
// sign-in attempts on one count on the other, so the limit trips when they are split across both.
import { test, expect } from "@playwright/test";
import http from "node:http";
import path from "node:path";
import { AppProcess, newAuthSecret, Postgres, stopAll } from "./processes";
import { SAMPLE_LOGINS } from "../prisma/seed";

const APP_PORTS = [3242, 3243] as const;
const PG_PORT = 54392;

test.describe.configure({ mode: "serial" });

let postgres: Postgres;
let apps: AppProcess[];
let adminToken: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const fresh = await Postgres.fresh("e2e-instances", PG_PORT, { ephemeral: true, tokenUsers: ["admin"] });
  postgres = fresh.postgres;
  adminToken = fresh.tokens.admin!;
  const authSecret = newAuthSecret();
  // The sign-in limits stay on (LUOSHI_DISABLE_RATE_LIMIT unset): they are under test.
  apps = await Promise.all(
    APP_PORTS.map((port) => AppProcess.start({ port, databaseUrl: postgres.url, authSecret, logFile: path.join(test.info().project.outputDir, `instances-next-${port}.log`) })),
  );
});

test.afterAll(async () => {
  await stopAll();
});

async function getJson<T>(url: string, headers: Record<string, string>): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

const bearer = () => ({ authorization: `Bearer ${adminToken}` });

interface Latest {
  period: string;
  value: string;
}

test("a figure written through one instance is seen at once through the other (goal API and board API)", async () => {
  // A monthly goal of the sample city plan; a figure for December, its last period, is the goal's latest.
  const goal = await postgres.query(async (client) => {
    const { rows } = await client.query<{ id: string; planId: string; target: string; year: number }>(
      `SELECT g."id", g."planId", g."targetValue"::text AS "target", p."year" FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId"
        WHERE p."title" LIKE '牡丹江市%' AND g."frequency" = 'monthly' AND g."kind" <> 'milestone' AND g."targetValue" IS NOT NULL AND g."archivedAt" IS NULL
        ORDER BY g."id" LIMIT 1`,
    );
    return rows[0]!;
  });
  const period = `${goal.year}-12`;
  for (const [writer, reader] of [
    [apps[0]!, apps[1]!],
    [apps[1]!, apps[0]!],
  ] as const) {
    // A value no earlier write had: the target times a fresh factor in (0.5, 0.9), to one decimal place.
    const value = (Math.round(Number(goal.target) * (0.5 + Math.random() * 0.4) * 10) / 10).toFixed(1);
    const written = await fetch(`${writer.origin}/api/v1/goals/${goal.id}/entries`, {
      method: "POST",
      headers: { ...bearer(), "content-type": "application/json" },
      body: JSON.stringify({ period, value, note: `instances ${writer.origin}`, confirm: true }),
      signal: AbortSignal.timeout(30_000),
    });
    const saved = (await written.json()) as { entry: { id: string }; state: string };
    expect(written.status, JSON.stringify(saved)).toBe(201);
    expect(saved.state).toBe("approved"); // the admin's own figure counts at once

    // At once — no wait, no retry — through the other instance.
    const detail = await getJson<{ goal: { latest: Latest | null; entries: { id: string }[] } }>(`${reader.origin}/api/v1/goals/${goal.id}`, bearer());
    expect(detail.status).toBe(200);
    expect(detail.body.goal.entries[0]?.id, `${reader.origin} shows the version written through ${writer.origin}`).toBe(saved.entry.id);
    expect({ period: detail.body.goal.latest?.period, value: Number(detail.body.goal.latest?.value) }).toEqual({ period, value: Number(value) });

    const board = await getJson<{ goals: { id: string; latest: Latest | null }[] }>(`${reader.origin}/api/v1/plans/${goal.planId}/board`, bearer());
    expect(board.status).toBe(200);
    const row = board.body.goals.find((g) => g.id === goal.id);
    expect({ period: row?.latest?.period, value: Number(row?.latest?.value) }, `${reader.origin}'s board`).toEqual({ period, value: Number(value) });
  }
});

// ---- signing in, from a chosen loopback address ------------------------------------------------------------------

interface Answer {
  status: number;
  body: { code?: string; message?: string } | null;
  cookies: string[];
}

/**
 * POST /api/auth/sign-in/username as the login form sends it, from the loopback address `from` (the app's sign-in
 * limits count per client address; each test uses an address of its own, so their counts stay apart).
 */
function signIn(app: AppProcess, username: string, password: string, from: string): Promise<Answer> {
  const url = new URL("/api/auth/sign-in/username", app.origin);
  const payload = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        localAddress: from,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), origin: app.origin },
        timeout: 60_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          resolve({
            status: response.statusCode ?? 0,
            body: text ? (JSON.parse(text) as Answer["body"]) : null,
            cookies: (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!),
          });
        });
      },
    );
    request.on("timeout", () => request.destroy(new Error("sign-in timed out")));
    request.on("error", reject);
    request.end(payload);
  });
}

function login(username: string) {
  const found = SAMPLE_LOGINS.find((l) => l.username === username);
  if (!found) throw new Error(`no sample login ${username}`);
  return found;
}

test("a session signed in on one instance is valid on the other, and signing out on either ends it", async () => {
  const [a, b] = apps as [AppProcess, AppProcess];
  const leader = login("leader");
  const signedIn = await signIn(a, leader.username, leader.password, "127.0.0.1");
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
  expect(signedIn.cookies.length).toBeGreaterThan(0);
  const cookie = signedIn.cookies.join("; ");

  for (const app of [a, b]) {
    const session = await getJson<{ user: { username: string } } | null>(`${app.origin}/api/auth/get-session`, { cookie });
    expect(session.body?.user.username, `the session on ${app.origin}`).toBe(leader.username);
    expect((await getJson(`${app.origin}/api/v1/plans`, { cookie })).status, `the API with the cookie on ${app.origin}`).toBe(200);
    expect((await getJson(`${app.origin}/api/v1/plans`, {})).status, `the API without it on ${app.origin}`).toBe(401);
  }
  // A page, too: the board list of the signed-in leader rather than the login form.
  const page = await fetch(`${b.origin}/`, { headers: { cookie }, redirect: "manual" });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(leader.name);

  const signedOut = await fetch(`${b.origin}/api/auth/sign-out`, {
    method: "POST",
    headers: { cookie, origin: b.origin, "content-type": "application/json" },
    body: "{}",
  });
  expect(signedOut.status).toBe(200);
  for (const app of [a, b]) {
    const session = await getJson<unknown>(`${app.origin}/api/auth/get-session`, { cookie });
    expect(session.body, `the session on ${app.origin} after signing out on ${b.origin}`).toBeNull();
    expect((await getJson(`${app.origin}/api/v1/plans`, { cookie })).status).toBe(401);
  }
});

test("failed sign-ins on one instance count on the other: the limit trips when attempts are split across both", async () => {
  const [a, b] = apps as [AppProcess, AppProcess];
  const from = "127.0.0.2";
  // Ten wrong passwords from one address, two for each of five users, one of each pair on each instance: no user
  // name gets past its free attempts (no delays), and neither instance alone sees more than five.
  const names = ["fagai", "shangwu", "renshe", "nongye", "aimin_nongye"];
  for (let i = 0; i < 10; i += 1) {
    const answer = await signIn(i % 2 === 0 ? a : b, names[Math.floor(i / 2)]!, "wrong-password-123", from);
    expect(answer.status, `attempt ${i + 1}: ${JSON.stringify(answer.body)}`).toBe(401);
  }
  // Both instances counted into the same records: per user name, and per (user name, address).
  const counts = await postgres.query(async (client) => {
    const { rows } = await client.query<{ key: string; count: number }>(`SELECT "key", "count" FROM "rateLimit" WHERE "key" LIKE 'login-%'`);
    return Object.fromEntries(rows.map((r) => [r.key, r.count]));
  });
  for (const name of names) {
    expect(counts[`login-user|${name}`], name).toBe(2);
    expect(counts[`login-address|${name}|${from}`], name).toBe(2);
  }

  // The eleventh attempt from the address is refused, on either instance, even with the right password.
  const leader = login("leader");
  for (const [app, password] of [
    [a, "wrong-password-123"],
    [b, "wrong-password-123"],
    [b, leader.password],
    [a, leader.password],
  ] as const) {
    const answer = await signIn(app, leader.username, password, from);
    expect(answer.status, `${app.origin}: ${JSON.stringify(answer.body)}`).toBe(429);
    expect(answer.cookies).toEqual([]);
  }
  // The limit is the address's: from another one, the right password still signs in, on either instance.
  for (const app of [a, b]) {
    const answer = await signIn(app, leader.username, leader.password, "127.0.0.3");
    expect(answer.status, `${app.origin} from 127.0.0.3: ${JSON.stringify(answer.body)}`).toBe(200);
  }
});
