// npm start  — database (DATABASE_URL or embedded PostgreSQL) → migrations → sample data on first start →
//              production build when missing or stale → next start.
// npm run dev — the same with `next dev`.
// Ctrl-C / SIGTERM stops Next first, then PostgreSQL. See docs/decisions/0001-database-at-start.md.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { ensureDatabase, type RunningDatabase } from "./lib/database";
import { applyMigrations } from "./lib/migrate";
import { PROJECT_ROOT } from "./lib/migrations";
import { isOrphaned, runs, stopProcess } from "./lib/processes";
import { buildIsStale } from "./lib/build";
import { dropLegacyPolyfills } from "./lib/post-build";

const startedAt = Date.now();
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT) || 3000;
const host = process.env.HOST ?? "0.0.0.0";
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const log = (message: string) => console.log(message);
const dataRoot = path.resolve(PROJECT_ROOT, process.env.LUOSHI_DATA_DIR ?? ".data");
// Next's pid, so a start after a hard kill (which leaves Next serving, detached) can stop it and free the port.
const nextPidFile = path.join(dataRoot, `next-${port}.pid`);

let database: RunningDatabase | undefined;
let next: ChildProcess | undefined;
let shuttingDown = false;

async function main(): Promise<void> {
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGHUP", () => void shutdown("SIGHUP")); // the terminal went away
  // Whoever reads our output may be gone (closed terminal, killed Playwright); a failed write must not end
  // the process before it has stopped Next and PostgreSQL.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

  await mkdir(dataRoot, { recursive: true });
  await stopLeftoverNext();
  database = await ensureDatabase({ log });
  const applied = await applyMigrations(database.url);
  if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);
  const logins = await seed(database.url);
  if (shuttingDown) return;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? (await authSecret()),
  };
  if (!dev && (await buildIsStale(log))) {
    log("Building the app (next build)…");
    // The build must not depend on a database: pages read data per request.
    const { DATABASE_URL: _omit, ...buildEnv } = env;
    const code = await run(["build"], buildEnv);
    if (code !== 0) throw new Error(`next build failed (exit code ${code})`);
    await dropLegacyPolyfills(path.join(PROJECT_ROOT, ".next"));
  }
  if (shuttingDown) return;

  // The preload stamps each request with the client's real address for the sign-in limits (see the file).
  const clientAddress = pathToFileURL(path.join(PROJECT_ROOT, "scripts", "lib", "client-address.mjs")).href;
  // scripts/lib/serve.mjs: `next start` in a worker per core sharing the port (decision 0019); `next dev` as is.
  const serve = path.join(PROJECT_ROOT, "scripts", "lib", "serve.mjs");
  const readPriority = pathToFileURL(path.join(PROJECT_ROOT, "scripts", "lib", "read-priority.mjs")).href;
  next = spawn(process.execPath, ["--import", clientAddress, "--import", readPriority, serve, dev ? "dev" : "start", "--hostname", host, "--port", String(port)], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...env, DATABASE_URL: database.url, PORT: String(port) },
  });
  await writeFile(nextPidFile, String(next.pid));
  next.on("exit", (code, signal) => {
    void rm(nextPidFile, { force: true });
    if (shuttingDown) return;
    console.error(`next ${dev ? "dev" : "start"} exited (${signal ?? code}).`);
    void shutdown(undefined, code ?? 1);
  });
  await waitUntilServing(`http://127.0.0.1:${port}/`);
  if (shuttingDown) return;
  printBanner(logins);
}

/** Loads the sample data into an empty database. Returns the sample logins to print. */
async function seed(databaseUrl: string): Promise<{ username: string; password: string; role: string }[]> {
  // lib/server (used by the seed) reads DATABASE_URL when its client is first used.
  process.env.DATABASE_URL = databaseUrl;
  const { createPrismaClient, setAppClient } = await import("../lib/server/prisma-client");
  const seedModule: {
    seedIfEmpty(db: unknown): Promise<{ seeded: boolean; logins: { username: string; password: string; role: string }[] }>;
    SAMPLE_LOGINS?: { username: string; password: string; role: string }[];
  } = await import("../prisma/seed");
  const db = createPrismaClient(databaseUrl);
  setAppClient(db); // one pool for the seed and the lib/server functions it calls
  try {
    const result = await seedModule.seedIfEmpty(db);
    if (result.seeded) log("Loaded the sample data (first start).");
    return result.seeded ? result.logins : (seedModule.SAMPLE_LOGINS ?? []);
  } finally {
    setAppClient(undefined);
    await db.$disconnect();
  }
}

async function stopLeftoverNext(): Promise<void> {
  const pid = Number(await readFile(nextPidFile, "utf8").catch(() => ""));
  if (!pid || !(runs(pid, "serve.mjs") || runs(pid, "next")) || !isOrphaned(pid)) return;
  log(`Stopping the Next.js server a previous start left running (pid ${pid})…`);
  await stopProcess(pid, { graceMs: 10_000 });
}

/** BETTER_AUTH_SECRET for this installation: generated on first start, kept next to the database. */
async function authSecret(): Promise<string> {
  const file = path.join(dataRoot, "auth-secret");
  const existing = await readFile(file, "utf8").catch(() => "");
  if (existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString("hex");
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    next = spawn(process.execPath, [nextBin, ...args], { cwd: PROJECT_ROOT, stdio: "inherit", env });
    next.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function waitUntilServing(url: string): Promise<void> {
  while (!shuttingDown) {
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
      return;
    } catch {
      await sleep(200);
    }
  }
}

function printBanner(logins: { username: string; password: string; role: string }[]): void {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const lines = [
    "",
    `落实 is running at http://localhost:${port}  (${dev ? "development" : "production"}, ready in ${seconds} s)`,
    database?.embedded ? "Database: embedded PostgreSQL (Ctrl-C stops both)" : "Database: DATABASE_URL",
  ];
  if (logins.length) {
    lines.push("Sample logins (change these passwords before real use):");
    const user = Math.max(...logins.map((login) => login.username.length));
    const password = Math.max(...logins.map((login) => login.password.length));
    for (const login of logins) lines.push(`  ${login.username.padEnd(user)}  ${login.password.padEnd(password)}  ${login.role}`);
  }
  log(`${lines.join("\n")}\n`);
}

async function shutdown(signal?: NodeJS.Signals, exitCode = 0): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  if (signal) log(`\n${signal}: stopping…`);
  if (next && next.exitCode === null && next.signalCode === null) {
    const exited = new Promise((resolve) => next!.once("exit", resolve));
    next.kill("SIGTERM");
    const timer = setTimeout(() => next?.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await database?.stop().catch((error: unknown) => console.error(error));
  process.exit(exitCode);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(undefined, 1);
});
