import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db";
import { applyMigrations } from "./migrate";
import { MIGRATIONS_DIR, readMigrationFolders } from "./migrations";

let empty: TestDatabase;
let dir: string;

beforeEach(async () => {
  empty = await createTestDatabase({ migrated: false });
  dir = await mkdtemp(path.join(tmpdir(), "luoshi-migrations-"));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
});
afterEach(async () => {
  await empty.drop();
  await rm(dir, { recursive: true, force: true });
});

async function history(db = empty) {
  return db.db.$queryRawUnsafe<
    {
      id: string;
      checksum: string;
      finished_at: Date | null;
      migration_name: string;
      logs: string | null;
      rolled_back_at: Date | null;
      started_at: Date;
      applied_steps_count: number;
    }[]
  >("SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name");
}

async function addMigration(name: string, sql: string) {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

describe("applyMigrations", () => {
  it("applies every migration once, then nothing", async () => {
    const folders = await readMigrationFolders(dir);
    expect(folders.length).toBeGreaterThan(0);
    expect(await applyMigrations(empty.url, dir)).toEqual(folders.map((folder) => folder.name));
    expect(await applyMigrations(empty.url, dir)).toEqual([]);
    const tables = await empty.db.$queryRawUnsafe<{ table_name: string }[]>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(tables.map((row) => row.table_name)).toEqual(expect.arrayContaining(["Plan", "Goal", "user", "_prisma_migrations"]));
  });

  it("records migrations as Prisma does", async () => {
    await applyMigrations(empty.url, dir);
    const folders = await readMigrationFolders(dir);
    const rows = await history();
    expect(rows).toHaveLength(folders.length);
    for (const [i, row] of rows.entries()) {
      expect(row.migration_name).toBe(folders[i]!.name);
      expect(row.checksum).toBe(folders[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
    // The table itself, column by column, as Prisma's schema engine creates it.
    const columns = await empty.db.$queryRawUnsafe<unknown[]>(
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", length: 36, is_nullable: "NO", column_default: null },
      { column_name: "checksum", data_type: "character varying", length: 64, is_nullable: "NO", column_default: null },
      { column_name: "finished_at", data_type: "timestamp with time zone", length: null, is_nullable: "YES", column_default: null },
      { column_name: "migration_name", data_type: "character varying", length: 255, is_nullable: "NO", column_default: null },
      { column_name: "logs", data_type: "text", length: null, is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", length: null, is_nullable: "YES", column_default: null },
      { column_name: "started_at", data_type: "timestamp with time zone", length: null, is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", data_type: "integer", length: null, is_nullable: "NO", column_default: "0" },
    ]);
  });

  it("applies only the new migration when one is added", async () => {
    await applyMigrations(empty.url, dir);
    await addMigration("29990101000000_add_note", 'ALTER TABLE "Plan" ADD COLUMN "note" TEXT;');
    expect(await applyMigrations(empty.url, dir)).toEqual(["29990101000000_add_note"]);
    expect(await empty.db.$queryRawUnsafe('SELECT "note" FROM "Plan"')).toEqual([]);
  });

  it("refuses to run when an applied migration was edited", async () => {
    await applyMigrations(empty.url, dir);
    const [first] = await readMigrationFolders(dir);
    await writeFile(path.join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited\n`);
    await expect(applyMigrations(empty.url, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it("rolls a failing migration back completely and records it as rolled back", async () => {
    await applyMigrations(empty.url, dir);
    await addMigration("29990101000000_broken", 'CREATE TABLE "Half" ("id" TEXT);\nSELECT 1/0;');
    await expect(applyMigrations(empty.url, dir)).rejects.toThrow(/29990101000000_broken failed and was rolled back.*division by zero/);
    const half = await empty.db.$queryRawUnsafe<unknown[]>("SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'");
    expect(half).toEqual([]);
    const broken = (await history()).find((row) => row.migration_name === "29990101000000_broken");
    expect(broken).toMatchObject({ finished_at: null, applied_steps_count: 0 });
    expect(broken!.rolled_back_at).not.toBeNull();
    expect(broken!.logs).toMatch(/division by zero/);

    // Fixed, it applies on the next start.
    await writeFile(path.join(dir, "29990101000000_broken", "migration.sql"), 'CREATE TABLE "Half" ("id" TEXT);');
    expect(await applyMigrations(empty.url, dir)).toEqual(["29990101000000_broken"]);
  });

  it("refuses to run after a migration failed half-way (as Prisma records it)", async () => {
    await applyMigrations(empty.url, dir);
    await empty.db.$executeRawUnsafe(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ('00000000-0000-4000-8000-000000000000', repeat('0', 64), '29990101000000_half', now(), 0)`,
    );
    await expect(applyMigrations(empty.url, dir)).rejects.toThrow(/29990101000000_half failed earlier/);
  });

  it("lets concurrent runners apply each migration once", async () => {
    const results = await Promise.all([applyMigrations(empty.url, dir), applyMigrations(empty.url, dir)]);
    expect(results.flat().sort()).toEqual((await readMigrationFolders(dir)).map((folder) => folder.name));
    expect(await history()).toHaveLength(results.flat().length);
  });
});

describe("test databases", () => {
  let migrated: TestDatabase;
  beforeAll(async () => {
    migrated = await createTestDatabase();
  });
  afterAll(async () => {
    await migrated.drop();
  });

  it("come migrated, with the same history as a fresh run", async () => {
    expect(await applyMigrations(migrated.url)).toEqual([]);
    const rows = await history(migrated);
    expect(rows.map((row) => row.checksum)).toEqual((await readMigrationFolders()).map((folder) => folder.checksum));
  });
});
