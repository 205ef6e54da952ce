// Backup and restore (scripts/lib/backup.ts, `npm run backup` / `npm run restore`) against the real tools: the
// sample database with reviews, locks, 说明, a share link and an API token is dumped by pg_dump and restored by
// pg_restore into a fresh database, and the two must be the same row for row and give the same boards, summaries
// and audit trail. A damaged archive and a non-empty target are refused without changing anything; --replace
// keeps the replaced database; an older backup is migrated up to the current schema.
import { randomBytes } from "node:crypto";
import { chmod, cp, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { getBoard } from "@/lib/server/board";
import { submitEntry, withdrawEntry } from "@/lib/server/entries";
import { setExplanation } from "@/lib/server/explanations";
import { lockPeriod } from "@/lib/server/locks";
import { createPrismaClient, setAppClient, type PrismaClient } from "@/lib/server/prisma-client";
import { createPublicLink, getPublicBoard } from "@/lib/server/public-links";
import { reviewVersion } from "@/lib/server/review";
import { getSummary, summaryJson } from "@/lib/server/summary";
import { actorFromBearer, issueApiToken } from "@/lib/server/tokens";
import { seedIfEmpty } from "@/prisma/seed";
import { backupDatabase, BackupError, databaseUrlFor, restoreDatabase, tableRowCounts } from "@/scripts/lib/backup";
import { applyMigrations } from "@/scripts/lib/migrate";
import { MIGRATIONS_DIR } from "@/scripts/lib/migrations";
import { createTestDatabase, type TestDatabase } from "./db";
import { actorOf } from "./fixtures";
import { TEST_DATABASE_PREFIX, withClient } from "./postgres";

const NOW = new Date("2025-02-10T02:00:00Z");

let source: TestDatabase;
let serverUrl: string;
let dir: string;
let backupFile: string;
let restoredName: string;
let restored: PrismaClient;
let admin: Actor;
let publicToken: string;
let apiToken: string;
/** The source as dumped (reading boards later writes derived rows, e.g. kept verdicts, into whichever database is read). */
let dumped: Awaited<ReturnType<typeof fingerprint>>;
const extraDatabases: string[] = [];

/** Every table's row count and a digest of its rows in a canonical order: equal fingerprints, equal contents. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; digest: string }>> {
  return withClient(url, async (client) => {
    const result: Record<string, { rows: number; digest: string }> = {};
    for (const { table, rows } of await tableRowCounts(client)) {
      const [schema, name] = table.includes(".") ? table.split(".") : ["public", table];
      const { rows: digest } = await client.query<{ md5: string | null }>(
        `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5 FROM ${client.escapeIdentifier(schema!)}.${client.escapeIdentifier(name!)} t`,
      );
      result[table] = { rows, digest: digest[0]!.md5 ?? "" };
    }
    return result;
  });
}

async function databasesLike(pattern: string): Promise<string[]> {
  return withClient(serverUrl, async (client) =>
    (await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname", [pattern])).rows.map((r) => r.datname),
  );
}

/** Runs `read` with lib/server's `db` on `client`. */
async function on<T>(client: PrismaClient, read: () => Promise<T>): Promise<T> {
  setAppClient(client);
  try {
    return await read();
  } finally {
    setAppClient(source.db);
  }
}

beforeAll(async () => {
  source = await createTestDatabase();
  serverUrl = inject("testServerUrl");
  expect((await seedIfEmpty(source.db)).seeded).toBe(true);
  const db = source.db;
  admin = await actorOf(db, await db.user.findUniqueOrThrow({ where: { username: "admin" } }));
  const reporterRow = await db.user.findUniqueOrThrow({ where: { username: "nongye" } });
  const reporter = await actorOf(db, reporterRow);
  const plan = await db.plan.findFirstOrThrow({ where: { year: 2024 } });

  // What the sample history lacks: a lock, 说明, a share link, an API token, a returned and a withdrawn version.
  expect((await lockPeriod(admin, plan.id, { period: "2024-06", reason: "上半年数据已审核完毕" })).ok).toBe(true);
  const goals = await db.goal.findMany({ where: { planId: plan.id, leadDepartmentId: reporterRow.departmentId, frequency: "monthly" }, orderBy: { position: "asc" }, take: 2 });
  expect(goals).toHaveLength(2);
  const [first, second] = goals as [(typeof goals)[0], (typeof goals)[0]];
  expect((await setExplanation(reporter, first.id, { text: "受汛期影响，部分项目延至四季度开工。" })).ok).toBe(true);
  expect((await setExplanation(admin, second.id, { text: "已按季度督办。" })).ok).toBe(true);
  const november = new Date("2024-11-05T02:00:00Z");
  const returned = await submitEntry(reporter, first.id, { period: "2024-10", value: "7", note: "口径待核", confirm: true }, november);
  if (!returned.ok) throw new Error(returned.error.message);
  expect((await reviewVersion(admin, returned.value.version.id, { action: "return", reason: "请按全口径填报" }, november)).ok).toBe(true);
  const withdrawn = await submitEntry(reporter, second.id, { period: "2024-10", value: "3", confirm: true }, november);
  if (!withdrawn.ok) throw new Error(withdrawn.error.message);
  expect((await withdrawEntry(reporter, withdrawn.value.version.id, november)).ok).toBe(true);
  const pending = await submitEntry(reporter, second.id, { period: "2024-10", value: "4", note: "待审核", confirm: true }, november);
  expect(pending.ok).toBe(true);
  const link = await createPublicLink(admin, plan.id, "http://127.0.0.1:3000");
  if (!link.ok) throw new Error(link.error.message);
  publicToken = link.value.token;
  const token = await issueApiToken(admin, { username: "leader", name: "数据对接" });
  if (!token.ok) throw new Error(token.error.message);
  apiToken = token.value.token;

  dir = await mkdtemp(path.join(tmpdir(), "luoshi-backup-"));
  const backup = await backupDatabase({ databaseUrl: source.url, dir, now: NOW });
  backupFile = backup.file;
  dumped = await fingerprint(source.url);
  restoredName = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString("hex")}`;
  const result = await restoreDatabase({ file: backupFile, serverUrl, database: restoredName });
  expect(result).toMatchObject({ database: restoredName, previous: null, migrationsApplied: [] });
  restored = createPrismaClient(databaseUrlFor(serverUrl, restoredName));
}, 300_000);

afterAll(async () => {
  await restored?.$disconnect();
  if (restoredName) {
    for (const name of [...(await databasesLike(`${restoredName}%`)), ...extraDatabases]) {
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
    }
  }
  await source?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("npm run backup", () => {
  it("writes one timestamped custom-format file, no partial one, with the row counts of the database", async () => {
    expect(await readdir(dir)).toEqual([path.basename(backupFile)]);
    expect(path.basename(backupFile)).toMatch(/^luoshi-\d{8}-\d{6}\.dump$/);
    const head = Buffer.alloc(5);
    const handle = await open(backupFile, "r");
    await handle.read(head, 0, 5, 0).finally(() => handle.close());
    expect(head.toString("latin1")).toBe("PGDMP"); // pg_dump's custom format
    const again = await backupDatabase({ databaseUrl: source.url, dir, now: NOW });
    expect(path.basename(again.file)).toBe(path.basename(backupFile).replace(".dump", "-2.dump")); // same second: never overwritten
    const counts = Object.fromEntries(again.counts.map((c) => [c.table, c.rows]));
    expect(counts).toEqual(Object.fromEntries(Object.entries(dumped).map(([table, f]) => [table, f.rows])));
    expect(counts.ProgressEntry).toBeGreaterThan(100);
    await rm(again.file);
  });
});

describe("npm run backup refuses", () => {
  /** Runs `work` with PG_DUMP set to a stand-in shell script. */
  async function withPgDump<T>(script: string, work: () => Promise<T>): Promise<T> {
    const fake = path.join(dir, "fake-pg_dump");
    await writeFile(fake, `#!/bin/sh\n${script}\n`);
    await chmod(fake, 0o755);
    process.env.PG_DUMP = fake;
    try {
      return await work();
    } finally {
      delete process.env.PG_DUMP;
      await rm(fake);
    }
  }

  it("a pg_dump older than the server, before dumping anything", async () => {
    const out = path.join(dir, "old-tool");
    await withPgDump('echo "pg_dump (PostgreSQL) 14.12"', () =>
      expect(backupDatabase({ databaseUrl: source.url, dir: out })).rejects.toThrow(/14\.12.*不能导出比自己新的服务器/),
    );
    expect(await readdir(out)).toEqual([]);
  });

  it("to leave anything behind when pg_dump fails halfway", async () => {
    const out = path.join(dir, "failing-tool");
    // Answers --version like the real one; a dump writes part of a file and dies.
    const script = [
      'if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 15.18"; exit 0; fi',
      'for a in "$@"; do case "$a" in --file=*) printf PGDMP-half > "${a#--file=}";; esac; done',
      'echo "pg_dump: error: connection lost" >&2; exit 1',
    ].join("\n");
    await withPgDump(script, () => expect(backupDatabase({ databaseUrl: source.url, dir: out })).rejects.toThrow(/pg_dump 失败.*connection lost/));
    expect(await readdir(out)).toEqual([]);
  });
});

describe("npm run restore into a fresh database", () => {
  it("restores every table row for row: counts and contents", async () => {
    const after = await fingerprint(databaseUrlFor(serverUrl, restoredName));
    expect(Object.keys(after)).toEqual(Object.keys(dumped));
    expect(after).toEqual(dumped);
    for (const table of ["Plan", "Goal", "ProgressEntry", "PeriodLock", "GoalExplanation", "PublicLink", "ApiToken", "AuditEvent", "user", "account"]) {
      expect(dumped[table]?.rows, table).toBeGreaterThan(0);
    }
    const states = await restored.progressEntry.groupBy({ by: ["state"], _count: true });
    expect(states.map((s) => s.state).sort()).toEqual(["approved", "pending", "returned", "withdrawn"]);
  });

  it("keeps the audit trail identical", async () => {
    const read = (client: PrismaClient) => client.auditEvent.findMany({ orderBy: [{ at: "asc" }, { id: "asc" }] });
    const [original, copy] = await Promise.all([read(source.db), read(restored)]);
    expect(original.length).toBeGreaterThan(100);
    expect(copy).toEqual(original);
  });

  it("gives the same board of every plan at several dates, with and without pending versions, and the same summaries", async () => {
    const plans = await source.db.plan.findMany({ select: { id: true, year: true }, orderBy: { year: "asc" } });
    expect(plans.length).toBeGreaterThanOrEqual(2);
    let judged = 0;
    for (const plan of plans) {
      for (const asOf of [`${plan.year}-03-31`, `${plan.year}-07-15`, `${plan.year}-10-20`, `${plan.year}-12-31`, `${plan.year + 1}-02-10`]) {
        for (const includePending of [false, true]) {
          const read = () => getBoard(admin, plan.id, { asOf, includePending }, NOW);
          const [original, copy] = [await on(source.db, read), await on(restored, read)];
          if (!original.ok) throw new Error(original.error.message);
          expect(copy, `${plan.year} ${asOf} ${includePending}`).toEqual(original);
          judged += original.value.rows.filter((r) => r.latestState !== null).length;
        }
        const summary = async () => {
          const result = await getSummary(admin, plan.id, { asOf }, NOW);
          if (!result.ok) throw new Error(result.error.message);
          return { summary: result.value, json: summaryJson(result.value) };
        };
        expect(await on(restored, summary), `summary ${plan.year} ${asOf}`).toEqual(await on(source.db, summary));
      }
    }
    expect(judged).toBeGreaterThan(100); // the boards compared carry verdicts, not only 未报送
  });

  it("keeps the share link and the API token working (their hashes came along)", async () => {
    const board = await on(restored, () => getPublicBoard(publicToken, "127.0.0.1", NOW));
    expect(board.ok).toBe(true);
    const actor = await on(restored, () => actorFromBearer(`Bearer ${apiToken}`));
    expect(actor?.username).toBe("leader");
  });
});

describe("npm run restore refuses, changing nothing", () => {
  it("a truncated, a corrupted and a foreign file", async () => {
    const bytes = await readFile(backupFile);
    const truncated = path.join(dir, "truncated.dump");
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const corrupted = path.join(dir, "corrupted.dump");
    const damaged = Buffer.from(bytes);
    for (let i = Math.floor(damaged.length / 2); i < damaged.length / 2 + 4096 && i < damaged.length; i++) damaged[i] = damaged[i]! ^ 0x5a;
    await writeFile(corrupted, damaged);
    const foreign = path.join(dir, "notes.dump");
    await writeFile(foreign, "这不是备份文件\n");

    const target = databaseUrlFor(serverUrl, restoredName);
    const before = await fingerprint(target);
    const fresh = `${restoredName}_fresh`;
    for (const file of [truncated, corrupted, foreign, path.join(dir, "missing.dump")]) {
      await expect(restoreDatabase({ file, serverUrl, database: restoredName, replace: true }), file).rejects.toThrow(BackupError);
      await expect(restoreDatabase({ file, serverUrl, database: fresh }), file).rejects.toThrow(/未作任何改动|找不到/);
    }
    expect(await fingerprint(target)).toEqual(before);
    expect(await databasesLike(`${restoredName}_%`)).toEqual([]); // no temporary, kept or half-made database
  });

  it("a database that already has tables, without --replace", async () => {
    const target = databaseUrlFor(serverUrl, restoredName);
    const before = await fingerprint(target);
    await expect(restoreDatabase({ file: backupFile, serverUrl, database: restoredName })).rejects.toThrow(/已有 \d+ 张表.*--replace/);
    expect(await fingerprint(target)).toEqual(before);
    expect(await databasesLike(`${restoredName}_%`)).toEqual([]);
  });
});

describe("npm run restore into an existing empty database", () => {
  it("restores in one transaction: all or nothing", async () => {
    const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString("hex")}`;
    extraDatabases.push(name);
    const url = databaseUrlFor(serverUrl, name);
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
    // A sequence named like one of the indexes: pg_restore fails at the index, after it has created and filled
    // the tables — they must be rolled back.
    await withClient(url, (client) => client.query(`CREATE SEQUENCE "AuditEvent_at_idx"`));
    await expect(restoreDatabase({ file: backupFile, serverUrl, database: name })).rejects.toThrow(/pg_restore 失败.*AuditEvent_at_idx/s);
    const tables = () => withClient(url, async (client) => (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows);
    expect(await tables()).toEqual([]);

    await withClient(url, (client) => client.query(`DROP SEQUENCE "AuditEvent_at_idx"`));
    const result = await restoreDatabase({ file: backupFile, serverUrl, database: name });
    expect(result).toMatchObject({ database: name, previous: null, migrationsApplied: [] });
    expect(await fingerprint(url)).toEqual(dumped);
    expect(await databasesLike(`${name}_%`)).toEqual([]);
  });
});

describe("npm run restore --replace", () => {
  it("swaps the restored copy in, ending other sessions, and keeps the replaced database", async () => {
    const target = databaseUrlFor(serverUrl, restoredName);
    // The copy drifts from the backup (a lock is lifted), and a session stays open on it, as the app's would.
    await restored.periodLock.deleteMany({});
    const drifted = await fingerprint(target);
    const session = new pg.Client({ connectionString: target });
    const sessionError = new Promise<Error>((resolve) => session.on("error", resolve));
    await session.connect();

    const result = await restoreDatabase({ file: backupFile, serverUrl, database: restoredName, replace: true, now: new Date("2026-01-02T03:04:05Z") });
    expect(result.previous).toMatch(new RegExp(`^${restoredName}_before_\\d{14}$`));
    expect(await sessionError).toBeInstanceOf(Error); // terminated by the swap
    await session.end().catch(() => {});

    expect(await fingerprint(target)).toEqual(dumped);
    expect(await fingerprint(databaseUrlFor(serverUrl, result.previous!))).toEqual(drifted);
    expect(await databasesLike(`${restoredName}_restoring_%`)).toEqual([]);
    // lib/server's pool reconnects to the new database.
    expect(await restored.periodLock.count()).toBe(await source.db.periodLock.count());
  });
});

describe("an older backup", () => {
  it("is brought up to the current schema by the migrations it lacks", async () => {
    const all = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    const older = all.slice(0, 3);
    const oldMigrations = path.join(dir, "old-migrations");
    for (const name of older) await cp(path.join(MIGRATIONS_DIR, name), path.join(oldMigrations, name), { recursive: true });
    const oldName = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString("hex")}`;
    const newName = `${oldName}_new`;
    extraDatabases.push(oldName, newName);
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(oldName)}`));
    expect(await applyMigrations(databaseUrlFor(serverUrl, oldName), oldMigrations)).toEqual(older);

    const oldDir = path.join(dir, "old");
    const backup = await backupDatabase({ databaseUrl: databaseUrlFor(serverUrl, oldName), dir: oldDir });
    expect((await stat(backup.file)).size).toBe(backup.bytes);
    const result = await restoreDatabase({ file: backup.file, serverUrl, database: newName });
    expect(result.migrationsApplied).toEqual(all.slice(3));
    const history = await withClient(databaseUrlFor(serverUrl, newName), async (client) =>
      (await client.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name")).rows.map((r) => r.migration_name),
    );
    expect(history).toEqual(all);
  });
});
