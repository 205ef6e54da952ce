// The server as `npm start` runs it on a machine with cores to spare (decision 0019): scripts/lib/serve.mjs with
// two `next start` workers sharing one port. Both workers serve; a worker killed with -9 is replaced while the
// other goes on answering, and no acknowledged figure is lost; SIGTERM stops the workers and then the launcher.
import { test, expect } from "@playwright/test";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { AppProcess, newAuthSecret, Postgres, stopAll, waitUntil } from "./processes";

const APP_PORT = 3244;
const PG_PORT = 54393;

test.describe.configure({ mode: "serial" });

let postgres: Postgres;
let app: AppProcess;
let adminToken: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const fresh = await Postgres.fresh("e2e-workers", PG_PORT, { ephemeral: true, tokenUsers: ["admin"] });
  postgres = fresh.postgres;
  adminToken = fresh.tokens.admin!;
  app = await AppProcess.start({ port: APP_PORT, databaseUrl: postgres.url, authSecret: newAuthSecret(), workers: 2, logFile: path.join(test.info().project.outputDir, "workers-next.log") });
});

test.afterAll(async () => {
  await stopAll();
});

/** The launcher's live children (its workers) and their CPU time so far, from /proc. */
async function workers(launcher: number): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[1]) === launcher && fields[0] !== "Z") found.set(Number(entry), Number(fields[11]) + Number(fields[12]));
  }
  return found;
}

/** Writes a figure through the API; the version id (201) or the failure. */
async function writeFigure(goalId: string, period: string, value: string): Promise<string> {
  const response = await fetch(`${app.origin}/api/v1/goals/${goalId}/entries`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json", connection: "close" },
    body: JSON.stringify({ period, value, note: `workers ${value}`, confirm: true }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await response.json()) as { entry?: { id: string } };
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.entry!.id;
}

test("two workers share the port, a killed worker is replaced without losing a figure, SIGTERM stops them all", async () => {
  test.setTimeout(180_000);
  const goal = await postgres.query(async (client) => {
    const { rows } = await client.query<{ id: string; target: string; year: number }>(
      `SELECT g."id", g."targetValue"::text AS "target", p."year" FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId"
        WHERE p."title" LIKE '牡丹江市%' AND g."frequency" = 'monthly' AND g."kind" <> 'milestone' AND g."targetValue" IS NOT NULL AND g."archivedAt" IS NULL
        ORDER BY g."id" LIMIT 1`,
    );
    return rows[0]!;
  });
  const period = `${goal.year}-12`;
  const value = (n: number) => (Number(goal.target) * (0.5 + n / 1000)).toFixed(1);

  const first = await workers(app.pid);
  expect(first.size).toBe(2);
  // Both workers accept connections from the shared socket (SCHED_NONE, scripts/lib/serve.mjs): after a burst of
  // new connections both have done work.
  const acknowledged: string[] = [];
  for (let n = 0; n < 16; n++) acknowledged.push(await writeFigure(goal.id, period, value(n)));
  const busy = await workers(app.pid);
  for (const [pid, ticks] of first) expect(busy.get(pid)!, `worker ${pid} served requests`).toBeGreaterThan(ticks);

  // kill -9 of one worker: once the launcher has seen it die, the other answers while a replacement starts.
  // (A connection handed to the worker in the instant between its death and the launcher hearing of it is lost,
  // as with any process killed behind a load balancer; the client's retry goes to a live worker.)
  const [victim] = [...busy.keys()];
  process.kill(victim!, "SIGKILL");
  await waitUntil(() => readFile(`/proc/${victim}/stat`, "utf8").then(() => false, () => true), 15_000, "the launcher to reap the killed worker");
  for (let n = 16; n < 32; n++) acknowledged.push(await writeFigure(goal.id, period, value(n)));
  await waitUntil(async () => {
    const now = await workers(app.pid);
    return now.size === 2 && !now.has(victim!);
  }, 60_000, "a replacement worker");
  for (let n = 32; n < 40; n++) acknowledged.push(await writeFigure(goal.id, period, value(n)));

  const stored = await postgres.query(async (client) => {
    const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "ProgressEntry" WHERE "id" = ANY($1::text[])`, [acknowledged]);
    return rows.map((r) => r.id);
  });
  expect(stored.sort()).toEqual([...acknowledged].sort());

  // SIGTERM to the launcher: its workers stop, then it does.
  const last = [...(await workers(app.pid)).keys()];
  await app.stop();
  await waitUntil(async () => (await Promise.all(last.map((pid) => readFile(`/proc/${pid}/stat`, "utf8").then(() => true, () => false)))).every((alive) => !alive), 15_000, "the workers to stop");
});
