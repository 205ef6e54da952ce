// The real app for the page benchmark: a production build served by `next start` on the benchmark database.
//
// Others may be building or serving .next in this checkout at the same time (npm start, e2e runs), so the
// benchmark builds its own copy of the sources in a folder outside the checkout (node_modules hard-linked, not
// copied) and rebuilds it only when the build inputs changed.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { PROJECT_ROOT } from "../lib/migrations";
import { isOrphaned, portInUse, runs, stopProcess } from "../lib/processes";
import { dropLegacyPolyfills } from "../lib/post-build";

/** Not copied: dependencies (hard-linked instead), builds, data, test output. */
const NOT_COPIED = new Set(["node_modules", ".next", ".data", ".git", "test-results", "playwright-report", "tsconfig.tsbuildinfo"]);
/** What a production build is made from (as in scripts/start.ts). */
const BUILD_INPUTS = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.js", "proxy.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

export const appCopyDir = path.join(os.tmpdir(), `luoshi-bench-app-${createHash("sha256").update(PROJECT_ROOT).digest("hex").slice(0, 8)}`);

type Log = (message: string) => void;

/** Copies the sources next to a hard-linked node_modules and builds them when needed. Returns the folder. */
export async function prepareAppBuild(logDir: string, log: Log): Promise<string> {
  const dir = appCopyDir;
  await mkdir(dir, { recursive: true });
  for (const entry of await readdir(dir)) {
    if (entry !== "node_modules" && entry !== ".next" && !entry.startsWith(".bench-")) await rm(path.join(dir, entry), { recursive: true, force: true });
  }
  for (const entry of await readdir(PROJECT_ROOT)) {
    if (!NOT_COPIED.has(entry)) await cp(path.join(PROJECT_ROOT, entry), path.join(dir, entry), { recursive: true });
  }

  const lockHash = hash(await readFile(path.join(PROJECT_ROOT, "package-lock.json")));
  if ((await readFile(path.join(dir, ".bench-lock"), "utf8").catch(() => "")) !== lockHash || !existsSync(path.join(dir, "node_modules"))) {
    log(`Linking node_modules into ${dir}…`);
    await rm(path.join(dir, "node_modules"), { recursive: true, force: true });
    await run("cp", ["-al", path.join(PROJECT_ROOT, "node_modules"), path.join(dir, "node_modules")], { cwd: dir });
    await writeFile(path.join(dir, ".bench-lock"), lockHash);
  }

  const inputsHash = await hashBuildInputs(PROJECT_ROOT);
  if ((await readFile(path.join(dir, ".bench-build"), "utf8").catch(() => "")) === inputsHash && existsSync(path.join(dir, ".next", "BUILD_ID"))) {
    log(`Using the build in ${dir} (sources unchanged).`);
    return dir;
  }
  const logFile = path.join(logDir, "next-build.log");
  log(`Building the app in ${dir} (next build, log: ${path.relative(PROJECT_ROOT, logFile)})…`);
  await rm(path.join(dir, ".bench-build"), { force: true });
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL; // pages read data per request; the build must not need a database
  await run(process.execPath, [nextBin(dir), "build"], { cwd: dir, env, logFile });
  await dropLegacyPolyfills(path.join(dir, ".next"));
  await writeFile(path.join(dir, ".bench-build"), inputsHash);
  return dir;
}

export interface AppServer {
  origin: string;
  stop(): Promise<void>;
}

/** `next start` on 127.0.0.1:port against databaseUrl; resolves once it answers. */
export async function startAppServer(opts: { dir: string; port: number; databaseUrl: string; logDir: string; log: Log }): Promise<AppServer> {
  // A benchmark killed hard leaves its server running, detached: stop it (only that one, by its pid).
  const pidFile = path.join(opts.logDir, `next-${opts.port}.pid`);
  const leftover = Number(await readFile(pidFile, "utf8").catch(() => ""));
  if (leftover && runs(leftover, "next") && isOrphaned(leftover)) {
    opts.log(`Stopping the Next.js server a previous benchmark left running (pid ${leftover})…`);
    await stopProcess(leftover, { graceMs: 10_000 });
  }
  if (await portInUse(opts.port)) throw new Error(`Port ${opts.port} is in use; set BENCH_PORT to a free port.`);
  const origin = `http://127.0.0.1:${opts.port}`;
  const output = createWriteStream(path.join(opts.logDir, "next-start.log"));
  // As `npm start` serves it (scripts/start.ts): the cluster launcher (a worker per core) with its two preloads.
  const preload = (name: string) => ["--import", pathToFileURL(path.join(opts.dir, "scripts", "lib", name)).href];
  const child = spawn(process.execPath, [...preload("client-address.mjs"), ...preload("read-priority.mjs"),
    path.join(opts.dir, "scripts", "lib", "serve.mjs"), "start", "--hostname", "127.0.0.1", "--port", String(opts.port)], {
    cwd: opts.dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: opts.databaseUrl,
      BETTER_AUTH_SECRET: createHash("sha256").update(`bench-${process.pid}-${Date.now()}`).digest("hex"),
      // The benchmark signs in once, but warm-up and repeated runs must never trip the login limit.
      LUOSHI_DISABLE_RATE_LIMIT: "1",
    },
  });
  child.stdout.pipe(output);
  child.stderr.pipe(output);
  await writeFile(pidFile, String(child.pid));
  const stop = async () => {
    await stopChild(child);
    await rm(pidFile, { force: true });
  };
  try {
    await waitUntilServing(origin, child);
  } catch (error) {
    await stop();
    throw error;
  }
  opts.log(`next start (pid ${child.pid}) serving ${origin}`);
  return { origin, stop };
}

/** Signs in through better-auth like the login form; returns the Cookie header for later requests. */
export async function signIn(origin: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (!cookies.length) throw new Error("sign-in set no cookie");
  return cookies.join("; ");
}

function nextBin(dir: string): string {
  return path.join(dir, "node_modules", "next", "dist", "bin", "next");
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntilServing(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.signalCode ?? child.exitCode}); see next-start.log`);
    try {
      await fetch(`${origin}/login`, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`next start did not answer on ${origin} within 60 s`);
}

const building = new Set<ChildProcess>();

/** Stops a build still running (the benchmark was interrupted). */
export async function stopBuilding(): Promise<void> {
  await Promise.all([...building].map(stopChild));
}

function run(command: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; logFile?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    building.add(child);
    child.on("exit", () => building.delete(child));
    const tail: string[] = [];
    const output = opts.logFile ? createWriteStream(opts.logFile) : null;
    const keep = (chunk: Buffer) => {
      output?.write(chunk);
      tail.push(chunk.toString());
      if (tail.length > 40) tail.shift();
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      output?.end();
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} failed (${signal ?? code}):\n${tail.join("")}`));
    });
  });
}

function hash(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

async function hashBuildInputs(root: string): Promise<string> {
  const digest = createHash("sha256");
  const visit = async (relative: string): Promise<void> => {
    const full = path.join(root, relative);
    const entries = await readdir(full, { withFileTypes: true }).catch(() => null);
    if (entries === null) {
      const content = await readFile(full).catch(() => null);
      if (content !== null) digest.update(`${relative}\0`).update(content).update("\0");
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (/\.test\.tsx?$/.test(entry.name)) continue; // tests are not part of the build
      await visit(path.join(relative, entry.name));
    }
  };
  for (const input of BUILD_INPUTS) await visit(input);
  return digest.digest("hex");
}
