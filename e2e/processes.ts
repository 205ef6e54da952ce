// Real processes for the durability and instances specs: an embedded PostgreSQL cluster of their own (started by
// scripts/lib/database.ts, as `npm start` does), `next start` instances from the checkout's production build (the
// e2e web server has built it), and the hard ways to end them (SIGKILL). Every process started here is recorded
// and stopped by stopAll(), which the specs call after each test, failed or not.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { ensureDatabase, runningPostmaster, stopPostmaster, type RunningDatabase } from "../scripts/lib/database";
import { PROJECT_ROOT } from "../scripts/lib/migrations";
import { isAlive, portInUse } from "../scripts/lib/processes";

const SERVE = path.join(PROJECT_ROOT, "scripts", "lib", "serve.mjs");
const TSX_BIN = path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
/** The preload `npm start` gives Next: each request stamped with its peer address, for the sign-in limits. */
const CLIENT_ADDRESS = pathToFileURL(path.join(PROJECT_ROOT, "scripts", "lib", "client-address.mjs")).href;
const READ_PRIORITY = pathToFileURL(path.join(PROJECT_ROOT, "scripts", "lib", "read-priority.mjs")).href;

type Stoppable = { stop(): Promise<void> };
const started = new Set<Stoppable>();

/** Stops every app and cluster started by this worker and not stopped yet (apps first, then PostgreSQL). */
export async function stopAll(): Promise<void> {
  const all = [...started];
  const apps = all.filter((s) => s instanceof AppProcess);
  await Promise.all(apps.map((s) => s.stop()));
  for (const s of all.filter((s) => !(s instanceof AppProcess))) await s.stop();
}

// A worker that dies without running its hooks still takes its apps with it (a cluster left behind is stopped by
// the next run: ensureDatabase stops an orphaned postmaster).
process.once("exit", () => {
  for (const s of started) if (s instanceof AppProcess) s.killGroupNow();
});

// ---- PostgreSQL ------------------------------------------------------------------------------------------------

export class Postgres implements Stoppable {
  private database: RunningDatabase | undefined;

  private constructor(
    readonly dataDir: string,
    readonly port: number,
    readonly ephemeral: boolean,
  ) {}

  /**
   * A new, empty cluster in .data/<name> on `port` (whatever was there is stopped and removed), with the app's
   * migrations and sample data and an API token for each of `tokenUsers` (see e2e/prepare-database.ts).
   * `ephemeral` trades durability for speed (fsync off); a cluster that is to be killed must not be.
   */
  static async fresh(name: string, port: number, opts: { ephemeral: boolean; tokenUsers: string[] }): Promise<{ postgres: Postgres; tokens: Record<string, string> }> {
    const root = path.join(PROJECT_ROOT, ".data", name);
    const dataDir = path.join(root, "postgres");
    await stopPostmaster(dataDir);
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    if (await portInUse(port)) throw new Error(`port ${port} is in use`);
    const postgres = new Postgres(dataDir, port, opts.ephemeral);
    await postgres.start();
    const output = await runTsx(["--conditions=react-server", "e2e/prepare-database.ts", ...opts.tokenUsers], { DATABASE_URL: postgres.url });
    const { tokens } = JSON.parse(output.trim().split("\n").pop() ?? "{}") as { tokens: Record<string, string> };
    return { postgres, tokens };
  }

  get url(): string {
    if (!this.database) throw new Error("PostgreSQL is not running");
    return this.database.url;
  }

  /** Starts the cluster (after a SIGKILL: PostgreSQL's crash recovery replays the WAL). */
  async start(): Promise<void> {
    started.add(this);
    // ensureDatabase would rather share a postmaster it finds running than start one: make sure it finds none.
    const running = await runningPostmaster(this.dataDir);
    if (running) throw new Error(`a postmaster (pid ${running.pid}) still runs on ${this.dataDir}`);
    this.database = await ensureDatabase({ dataDir: this.dataDir, port: this.port, embeddedOnly: true, ephemeral: this.ephemeral, log: () => {} });
  }

  /** The postmaster's pid, from postmaster.pid. */
  async postmasterPid(): Promise<number> {
    const running = await runningPostmaster(this.dataDir);
    if (!running) throw new Error(`no postmaster runs on ${this.dataDir}`);
    return running.pid;
  }

  /**
   * SIGKILL to the postmaster: no shutdown checkpoint, shared memory left behind. Waits until its backends (which
   * notice the postmaster's death) are gone too, so that the cluster can be started again.
   */
  async kill9(): Promise<void> {
    const pid = await this.postmasterPid();
    const children = childrenOf(pid);
    process.kill(pid, "SIGKILL");
    await waitUntil(() => !isAlive(pid) && children.every((child) => !isAlive(child)), 30_000, `PostgreSQL ${pid} and its backends to end`);
    this.database = undefined;
  }

  /** A fast shutdown (SIGINT), as `npm start` does on Ctrl-C. */
  async stop(): Promise<void> {
    started.delete(this);
    this.database = undefined;
    await stopPostmaster(this.dataDir);
  }

  /** Runs `work` with a client of the app's database. */
  async query<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, "utf8"))?.[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

// ---- the app -------------------------------------------------------------------------------------------------

/** A BETTER_AUTH_SECRET for a test installation: instances of one installation share it, as they must. */
export function newAuthSecret(): string {
  return randomBytes(32).toString("hex");
}

export interface AppOptions {
  port: number;
  databaseUrl: string;
  authSecret: string;
  /** Where Next's output goes (appended). */
  logFile: string;
  /** LUOSHI_DISABLE_RATE_LIMIT=1 (default: the sign-in limits are on). */
  disableRateLimit?: boolean;
  /** LUOSHI_WORKERS: `next start` processes sharing the port (default 1, Next in the launcher's own process). */
  workers?: number;
}

/** `next start` from the checkout's build, as scripts/start.ts runs it (serve.mjs with the client-address preload). */
export class AppProcess implements Stoppable {
  private constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
  ) {}

  static async start(opts: AppOptions): Promise<AppProcess> {
    if (await portInUse(opts.port)) throw new Error(`port ${opts.port} is in use`);
    await mkdir(path.dirname(opts.logFile), { recursive: true });
    const log = openSync(opts.logFile, "a");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(opts.port),
      DATABASE_URL: opts.databaseUrl,
      BETTER_AUTH_SECRET: opts.authSecret,
    };
    delete env.LUOSHI_DISABLE_RATE_LIMIT;
    delete env.LUOSHI_TRUSTED_PROXY;
    delete env.LUOSHI_TRUSTED_ORIGINS;
    if (opts.disableRateLimit) env.LUOSHI_DISABLE_RATE_LIMIT = "1";
    env.LUOSHI_WORKERS = String(opts.workers ?? 1);
    // Its own process group, so that SIGKILL reaches whatever Next runs besides its main process.
    const child = spawn(process.execPath, ["--import", CLIENT_ADDRESS, "--import", READ_PRIORITY, SERVE, "start", "--hostname", "127.0.0.1", "--port", String(opts.port)], {
      cwd: PROJECT_ROOT,
      env,
      detached: true,
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    const app = new AppProcess(child, `http://127.0.0.1:${opts.port}`);
    started.add(app);
    try {
      await app.waitUntilServing(opts.logFile);
    } catch (error) {
      await app.stop();
      throw error;
    }
    return app;
  }

  get pid(): number {
    return this.child.pid!;
  }

  private exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  private async waitUntilServing(logFile: string): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (this.exited()) throw new Error(`next start exited (${this.child.signalCode ?? this.child.exitCode}):\n${await tail(logFile)}`);
      try {
        const response = await fetch(`${this.origin}/login`, { redirect: "manual", signal: AbortSignal.timeout(15_000) });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`next start did not answer on ${this.origin} within 90 s:\n${await tail(logFile)}`);
  }

  /** kill -9 of the app (its whole process group); resolves once it is gone. */
  async kill9(): Promise<void> {
    const exited = new Promise((resolve) => (this.exited() ? resolve(undefined) : this.child.once("exit", resolve)));
    this.killGroupNow();
    await exited;
    started.delete(this);
  }

  killGroupNow(): void {
    try {
      process.kill(-this.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }

  /** SIGTERM (Next's graceful stop), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    started.delete(this);
    if (this.exited()) return this.killGroupNow();
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.killGroupNow(), 10_000);
    await exited;
    clearTimeout(timer);
    this.killGroupNow(); // anything of its group left behind
  }
}

// ---- helpers -------------------------------------------------------------------------------------------------

/** Runs tsx with `args` in the checkout; resolves with its stdout, rejects with its stderr. */
function runTsx(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX_BIN, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out).toString());
      else reject(new Error(`tsx ${args.join(" ")} failed (${signal ?? code}):\n${Buffer.concat(err).toString()}`));
    });
  });
}

async function tail(file: string): Promise<string> {
  return (await readFile(file, "utf8").catch(() => "")).split("\n").slice(-30).join("\n");
}

export async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** A short unique tag for a run's writes. */
export function runTag(prefix: string): string {
  return `${prefix}-${createHash("sha256").update(`${process.pid}-${Date.now()}-${Math.random()}`).digest("hex").slice(0, 10)}`;
}
