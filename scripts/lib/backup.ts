// Backup and restore of the app's database with PostgreSQL's own tools: pg_dump's custom format (compressed, one
// file, restorable table by table) and pg_restore. Used by `npm run backup` / `npm run restore` and by
// test/backup-restore.int.test.ts. The password goes to the tools in PGPASSWORD, never on their command line.
import { execFile } from "node:child_process";
import { link, mkdir, open, rm, stat } from "node:fs/promises";
import { devNull } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import pg from "pg";
import { applyMigrations } from "./migrate";

const execFileAsync = promisify(execFile);

/** An expected refusal or failure, with a message for the operator (Chinese). */
export class BackupError extends Error {
  override name = "BackupError";
}

export interface TableCount {
  /** Schema-qualified unless in public: "Plan", "user", "pgboss.job". */
  table: string;
  rows: number;
}

/** The tables a backup or restore reports first (the rest are summed). */
export const MAIN_TABLES = ["Region", "Department", "user", "Plan", "Goal", "ProgressEntry", "PeriodLock", "GoalExplanation", "PublicLink", "AuditEvent"];

// ---- the client tools ----

interface PgTool {
  command: string;
  major: number;
  version: string;
}

async function findTool(name: "pg_dump" | "pg_restore"): Promise<PgTool> {
  const variable = name === "pg_dump" ? "PG_DUMP" : "PG_RESTORE";
  const command = process.env[variable] || name;
  let output: string;
  try {
    output = (await execFileAsync(command, ["--version"])).stdout;
  } catch (error) {
    throw new BackupError(
      `找不到 ${name}（${command}：${describe(error)}）。请安装 PostgreSQL 客户端工具（Debian/Ubuntu: apt-get install postgresql-client），` +
        `或用环境变量 ${variable} 指定其路径。`,
    );
  }
  const match = /\(PostgreSQL\)\s+((\d+)[.\d]*)/.exec(output);
  if (!match) throw new BackupError(`无法识别 ${command} --version 的输出：${output.trim()}`);
  return { command, major: Number(match[2]), version: match[1]! };
}

// libpq's own URI parameters; the rest (Prisma's `schema`, `connection_limit` …) would make the tools refuse the URI.
const LIBPQ_PARAMETERS = new Set([
  "sslmode", "sslcert", "sslkey", "sslrootcert", "sslcrl", "sslpassword", "sslnegotiation", "application_name",
  "connect_timeout", "options", "host", "hostaddr", "port", "target_session_attrs", "gssencmode", "channel_binding",
  "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout", "passfile", "service",
]);

/** `--dbname=<uri without password>` and an environment with PGPASSWORD, for pg_dump and pg_restore. */
function toolConnection(databaseUrl: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  for (const key of [...url.searchParams.keys()]) if (!LIBPQ_PARAMETERS.has(key)) url.searchParams.delete(key);
  const env = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { args: [`--dbname=${url.href}`, "--no-password"], env };
}

async function runTool(tool: PgTool, args: string[], env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<string> {
  try {
    const { stdout } = await execFileAsync(tool.command, args, { env, signal, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new ToolFailure(stderr || describe(error));
  }
}

class ToolFailure extends Error {}

// ---- databases ----

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.href;
}

export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new BackupError(`连接地址中没有数据库名：${redact(databaseUrl)}`);
  return name;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** A connection to the server for CREATE/ALTER/DROP DATABASE: its `postgres` database, else template1. */
async function withMaintenance<T>(serverUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  try {
    return await withClient(databaseUrlFor(serverUrl, "postgres"), use);
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error; // no such database
    return withClient(databaseUrlFor(serverUrl, "template1"), use);
  }
}

/** Exact row counts of every table outside the system schemas. */
export async function tableRowCounts(client: pg.ClientBase): Promise<TableCount[]> {
  const { rows: tables } = await client.query<{ schemaname: string; tablename: string }>(
    `SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY schemaname, tablename`,
  );
  const counts: TableCount[] = [];
  for (const { schemaname, tablename } of tables) {
    const qualified = `${client.escapeIdentifier(schemaname)}.${client.escapeIdentifier(tablename)}`;
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualified}`);
    counts.push({ table: schemaname === "public" ? tablename : `${schemaname}.${tablename}`, rows: Number(rows[0]!.n) });
  }
  return counts;
}

/** "Plan 3 · Goal 120 · … · 其他 5 张表 42 行". */
export function describeCounts(counts: readonly TableCount[]): string {
  const main = MAIN_TABLES.flatMap((name) => counts.filter((c) => c.table === name)).map((c) => `${c.table} ${c.rows}`);
  const others = counts.filter((c) => !MAIN_TABLES.includes(c.table));
  const rest = others.length ? [`其他 ${others.length} 张表共 ${others.reduce((sum, c) => sum + c.rows, 0)} 行`] : [];
  return [...main, ...rest].join(" · ");
}

// ---- backup ----

export interface BackupOptions {
  databaseUrl: string;
  /** The folder for the file (created if missing). */
  dir: string;
  /** For the file name (local time). */
  now?: Date;
  /** Aborting kills pg_dump; the partial file is removed. */
  signal?: AbortSignal;
}

export interface BackupResult {
  file: string;
  bytes: number;
  /** The rows in the file: counted in the very snapshot pg_dump dumped. */
  counts: TableCount[];
  serverVersion: string;
  pgDumpVersion: string;
}

/**
 * Dumps the database with `pg_dump --format=custom` into `<dir>/luoshi-<YYYYMMDD-HHmmss>.dump`. The dump is written
 * under a `.partial` name and linked into place only once pg_dump has finished (pg_dump syncs it to disk), so the
 * folder never holds a half backup under a backup's name, and an existing file is never overwritten.
 */
export async function backupDatabase({ databaseUrl, dir, now = new Date(), signal }: BackupOptions): Promise<BackupResult> {
  const pgDump = await findTool("pg_dump");
  await mkdir(dir, { recursive: true });
  const base = `luoshi-${timestamp(now)}`;
  const partial = path.join(dir, `${base}.dump.partial`);

  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string; server_version_num: string }>(
      "SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS server_version_num",
    );
    const serverVersion = rows[0]!.server_version.split(" ")[0]!;
    const serverMajor = Math.floor(Number(rows[0]!.server_version_num) / 10_000);
    if (pgDump.major < serverMajor) {
      throw new BackupError(
        `${pgDump.command} 的版本是 ${pgDump.version}，而数据库服务器是 PostgreSQL ${serverVersion}：pg_dump 不能导出比自己新的服务器。` +
          `请安装 PostgreSQL ${serverMajor} 或更新的客户端工具，并用环境变量 PG_DUMP（及 PG_RESTORE）指定其路径。`,
      );
    }
    // One snapshot for pg_dump and for the row counts, so the counts printed are those of the file.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
      const connection = toolConnection(databaseUrl);
      try {
        await runTool(pgDump, ["--format=custom", `--snapshot=${snapshot}`, `--file=${partial}`, ...connection.args], connection.env, signal);
      } catch (error) {
        await rm(partial, { force: true });
        if (signal?.aborted) throw new BackupError("备份已中断，未留下备份文件。");
        throw new BackupError(`pg_dump 失败，未留下备份文件：${error instanceof ToolFailure ? error.message : describe(error)}`);
      }
      const counts = await tableRowCounts(client);
      const file = await publish(partial, dir, base);
      return { file, bytes: (await stat(file)).size, counts, serverVersion, pgDumpVersion: pgDump.version };
    } finally {
      await client.query("ROLLBACK").catch(() => {});
    }
  });
}

/** Links the finished dump to its final name (never replacing a file: a second backup in the same second gets "-2"). */
async function publish(partial: string, dir: string, base: string): Promise<string> {
  try {
    for (let n = 1; ; n++) {
      const file = path.join(dir, `${base}${n > 1 ? `-${n}` : ""}.dump`);
      try {
        await link(partial, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
        throw error;
      }
      const folder = await open(dir, "r");
      await folder.sync().finally(() => folder.close());
      return file;
    }
  } finally {
    await rm(partial, { force: true });
  }
}

// ---- restore ----

export interface ArchiveInfo {
  /** The database it was dumped from. */
  database: string | null;
  createdAt: string | null;
  serverVersion: string | null;
  pgDumpVersion: string | null;
  /** Tables with data in the archive. */
  tables: number;
}

export interface RestoreOptions {
  file: string;
  /** Any URL on the target server with the rights to create, rename and drop databases (e.g. the app's). */
  serverUrl: string;
  /** The target database. */
  database: string;
  /** Replace a database that already has tables (it is kept, renamed `<database>_before_<time>`). */
  replace?: boolean;
  /** For the names of the kept and the temporary database. */
  now?: Date;
  log?: (message: string) => void;
}

export interface RestoreResult {
  database: string;
  archive: ArchiveInfo;
  /** The rows in the restored database (after migrations). */
  counts: TableCount[];
  /** Migrations the backup lacked, applied after restoring. */
  migrationsApplied: string[];
  /** Where the replaced database was kept (null when none was replaced). */
  previous: string | null;
}

/**
 * Restores a backup into `database`. Refuses, changing nothing, when the file is not a readable pg_dump custom
 * archive of this app or when the target already has tables and `replace` is not set. A missing target, or a
 * replaced one, is restored into a new temporary database first and only renamed into place once restore and
 * migrations have succeeded; an existing empty one is restored in a single transaction. Either way a failure
 * leaves the target as it was.
 */
export async function restoreDatabase({ file, serverUrl, database, replace = false, now = new Date(), log = () => {} }: RestoreOptions): Promise<RestoreResult> {
  const pgRestore = await findTool("pg_restore");
  const archive = await inspectArchive(pgRestore, file);

  const stamp = timestamp(now).replace("-", "");
  const temporary = `${database}_restoring_${stamp}`;
  const previousName = `${database}_before_${stamp}`;
  for (const name of [temporary, previousName]) {
    if (Buffer.byteLength(name) > 63) throw new BackupError(`数据库名 ${database} 过长，无法生成临时库名 ${name}（PostgreSQL 限 63 字节）。`);
  }

  const target = await withMaintenance(serverUrl, async (client) => {
    const { rows } = await client.query<{ encoding: string; collate: string; ctype: string }>(
      "SELECT pg_encoding_to_char(encoding) AS encoding, datcollate AS collate, datctype AS ctype FROM pg_database WHERE datname = $1",
      [database],
    );
    return rows[0] ?? null;
  });
  const targetUrl = databaseUrlFor(serverUrl, database);
  const tableCount = target
    ? await withClient(targetUrl, async (client) =>
        Number((await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")).rows[0]!.n),
      )
    : 0;
  if (tableCount > 0 && !replace) {
    throw new BackupError(
      `数据库 ${database} 中已有 ${tableCount} 张表，未作任何改动。若要用备份替换它，请加 --replace（原库会改名保留为 ${database}_before_<时间>）；` +
        "或用 --database <新库名> 恢复到另一个数据库。",
    );
  }

  if (target && tableCount === 0) {
    log(`恢复到空数据库 ${database}（单个事务）…`);
    await restoreInto(pgRestore, file, targetUrl, database);
    const migrationsApplied = await applyMigrations(targetUrl);
    return { database, archive, counts: await countRows(targetUrl), migrationsApplied, previous: null };
  }

  log(`先恢复到临时数据库 ${temporary}…`);
  await withMaintenance(serverUrl, async (client) => {
    const name = client.escapeIdentifier(temporary);
    // A replaced database's encoding and collation carry over (they decide text order); a new one is made as the app makes it.
    await client.query(
      target
        ? `CREATE DATABASE ${name} TEMPLATE template0 ENCODING ${client.escapeLiteral(target.encoding)} LC_COLLATE ${client.escapeLiteral(target.collate)} LC_CTYPE ${client.escapeLiteral(target.ctype)}`
        : `CREATE DATABASE ${name}`,
    );
  });
  const temporaryUrl = databaseUrlFor(serverUrl, temporary);
  let migrationsApplied: string[];
  try {
    await restoreInto(pgRestore, file, temporaryUrl, database);
    migrationsApplied = await applyMigrations(temporaryUrl);
  } catch (error) {
    await dropDatabase(serverUrl, temporary);
    throw error;
  }

  let previous: string | null = null;
  await withMaintenance(serverUrl, async (client) => {
    if (!target) {
      await client.query(`ALTER DATABASE ${client.escapeIdentifier(temporary)} RENAME TO ${client.escapeIdentifier(database)}`);
      return;
    }
    log(`断开 ${database} 的其他连接，原库改名为 ${previousName}，新库改名为 ${database}…`);
    try {
      await setConnectable(client, database, false);
      await renameWhenIdle(client, database, previousName);
    } catch (error) {
      await setConnectable(client, database, true).catch(() => {});
      await dropDatabase(serverUrl, temporary);
      throw new BackupError(`无法替换数据库 ${database}（未作改动）：${describe(error)}`);
    }
    await setConnectable(client, previousName, true);
    await client.query(`ALTER DATABASE ${client.escapeIdentifier(temporary)} RENAME TO ${client.escapeIdentifier(database)}`);
    previous = previousName;
  });
  return { database, archive, counts: await countRows(targetUrl), migrationsApplied, previous };
}

/** Reads the archive's table of contents (refusing a file that is not one) and then every data block (a truncated file fails). */
async function inspectArchive(pgRestore: PgTool, file: string): Promise<ArchiveInfo> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new BackupError(`找不到备份文件 ${file}。`);
  let list: string;
  try {
    list = await runTool(pgRestore, ["--list", file]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : describe(error);
    const newer = /unsupported version/i.test(reason) ? `（它由比 ${pgRestore.version} 更新的 pg_dump 生成，请用同样新的 pg_restore，经环境变量 PG_RESTORE 指定）` : "";
    throw new BackupError(`${file} 不是可读的 pg_dump 自定义格式（--format=custom）备份：文件损坏、不完整或格式不对${newer}。未作任何改动。${reason}`);
  }
  const header = (label: string) => new RegExp(`^;\\s+${label}:?\\s+(.+)$`, "m").exec(list)?.[1]?.trim() ?? null;
  if (!/^\d+; \d+ \d+ TABLE \S+ _prisma_migrations /m.test(list)) {
    throw new BackupError(`${file} 是 pg_dump 备份，但不是本系统的数据库（其中没有 _prisma_migrations 表），未作任何改动。`);
  }
  try {
    await runTool(pgRestore, [`--file=${devNull}`, file]);
  } catch (error) {
    throw new BackupError(`备份文件 ${file} 已损坏或不完整，未作任何改动：${error instanceof Error ? error.message : describe(error)}`);
  }
  return {
    database: header("dbname"),
    createdAt: header("Archive created at"),
    serverVersion: header("Dumped from database version"),
    pgDumpVersion: header("Dumped by pg_dump version"),
    tables: (list.match(/^\d+; \d+ \d+ TABLE DATA /gm) ?? []).length,
  };
}

/** pg_restore into an existing database, all or nothing. Owners and grants are the restoring role's, not the source's. */
async function restoreInto(pgRestore: PgTool, file: string, databaseUrl: string, label: string): Promise<void> {
  const connection = toolConnection(databaseUrl);
  try {
    await runTool(pgRestore, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", ...connection.args, file], connection.env);
  } catch (error) {
    throw new BackupError(`pg_restore 失败，${label} 未作改动：${error instanceof Error ? error.message : describe(error)}`);
  }
}

async function setConnectable(client: pg.Client, database: string, allow: boolean): Promise<void> {
  await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} WITH ALLOW_CONNECTIONS ${allow}`);
}

/** Ends the other sessions on `database` (the app's pool reconnects to the new one) and renames it once none is left. */
async function renameWhenIdle(client: pg.Client, database: string, newName: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database]);
    try {
      await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} RENAME TO ${client.escapeIdentifier(newName)}`);
      return;
    } catch (error) {
      // 55006: "database is being accessed by other users" — terminated sessions take a moment to exit.
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
      await sleep(200);
    }
  }
}

async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withMaintenance(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`)).catch(() => {});
}

async function countRows(databaseUrl: string): Promise<TableCount[]> {
  return withClient(databaseUrl, tableRowCounts);
}

// ---- small helpers ----

/** YYYYMMDD-HHmmss in local time. */
function timestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
}

export function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = "***";
    return url.href;
  } catch {
    return "(地址无法解析)";
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
