// The embedded cluster's life cycle. Uses its own data directory and port, next to the shared test server.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, withClient } from "../../test/postgres";
import { ensureDatabase, runningPostmaster } from "./database";
import { PROJECT_ROOT } from "./migrations";

const dataDir = path.join(PROJECT_ROOT, ".data", `test-lifecycle-${process.pid}`, "postgres");
const port = await freePort(54349);
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  // Whatever is still running on the directory goes with a last ensureDatabase/stop.
  if (existsSync(dataDir)) await (await ensureDatabase({ dataDir, port, embeddedOnly: true, log: () => {} })).stop();
  await rm(path.dirname(dataDir), { recursive: true, force: true });
});

/** Starts the cluster in a child process, as `npm start` would, and resolves once it is ready. */
function holdClusterInChild(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(PROJECT_ROOT, "test/fixtures/hold-cluster.ts"), dataDir, String(port)],
    { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, DATABASE_URL: "" } },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`cluster holder exited early (${code})`)));
  });
}

async function selectOne(url: string) {
  return withClient(url, async (client) => (await client.query("SELECT 1 AS one")).rows[0]);
}

describe("ensureDatabase (embedded)", () => {
  it("initialises a cluster, creates the database, stops cleanly and restarts quickly", async () => {
    const first = await ensureDatabase({ dataDir, port, databaseName: "luoshi_lifecycle", embeddedOnly: true, log: () => {} });
    expect(first.embedded).toBe(true);
    expect(first.url).toBe(`postgresql://postgres:postgres@127.0.0.1:${port}/luoshi_lifecycle`);
    expect(await selectOne(first.url)).toEqual({ one: 1 });
    const encoding = await withClient(first.url, async (client) => (await client.query("SHOW server_encoding")).rows[0]);
    expect(encoding).toEqual({ server_encoding: "UTF8" });
    await first.stop();
    expect(await runningPostmaster(dataDir)).toBeNull();

    const started = Date.now();
    const second = await ensureDatabase({ dataDir, port, databaseName: "luoshi_lifecycle", embeddedOnly: true, log: () => {} });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await selectOne(second.url)).toEqual({ one: 1 });
    await second.stop();
  });

  it("shares a cluster another live process runs, and takes over one left behind by a hard kill", async () => {
    const holder = await holdClusterInChild();
    const held = await runningPostmaster(dataDir);
    expect(held).toMatchObject({ port, orphaned: false });

    // While its owner lives, a second user shares the cluster and does not stop it.
    const shared = await ensureDatabase({ dataDir, port, embeddedOnly: true, log: () => {} });
    expect(await selectOne(shared.url)).toEqual({ one: 1 });
    await shared.stop();
    expect((await runningPostmaster(dataDir))?.pid).toBe(held!.pid);

    // kill -9 the owner: Postgres keeps running, detached, with nobody to stop it.
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    await expect.poll(async () => (await runningPostmaster(dataDir))?.orphaned, { timeout: 5_000 }).toBe(true);

    const logs: string[] = [];
    const restarted = await ensureDatabase({ dataDir, port, embeddedOnly: true, log: (line) => logs.push(line) });
    expect(logs.join("\n")).toMatch(/Stopping the PostgreSQL left running/);
    const now = await runningPostmaster(dataDir);
    expect(now?.pid).not.toBe(held!.pid);
    expect(now?.orphaned).toBe(false);
    expect(await selectOne(restarted.url)).toEqual({ one: 1 });
    await restarted.stop();
    expect(await runningPostmaster(dataDir)).toBeNull();
  });
});
