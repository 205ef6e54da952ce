// A fresh database per integration test file, copied from the migrated template the global setup made.
//
//   const t = await createTestDatabase();   // in beforeAll
//   … t.db.goal.create(…), or call lib/server functions: their `db` now uses this database …
//   await t.drop();                          // in afterAll
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { applyMigrations } from "../scripts/lib/migrate";
import { createPrismaClient, setAppClient, type PrismaClient } from "../lib/server/prisma-client";
import { databaseUrl, TEST_DATABASE_PREFIX, withClient } from "./postgres";

export interface TestDatabase {
  /** Connection URL of this file's database. */
  url: string;
  db: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** false: an empty database (no tables, no migration history) — for testing migrations themselves. */
  migrated?: boolean;
}

/**
 * Creates a uniquely named database (migrated unless `migrated: false`) and returns a Prisma client on it.
 * A migrated database also becomes the app's database for this test file: lib/server's `db` and DATABASE_URL
 * point at it until drop().
 */
export async function createTestDatabase({ migrated = true }: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = inject("testServerUrl");
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(6).toString("hex")}`;
  await withClient(serverUrl, (client) =>
    client.query(
      migrated
        ? `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(inject("testTemplateDatabase"))}`
        : `CREATE DATABASE ${client.escapeIdentifier(name)}`,
    ),
  );
  const url = databaseUrl(serverUrl, name);
  if (migrated) await applyMigrations(url); // a no-op on the copy; fails loudly if the template is stale
  const db = createPrismaClient(url);
  const previousUrl = process.env.DATABASE_URL;
  if (migrated) {
    process.env.DATABASE_URL = url;
    setAppClient(db);
  }
  return {
    url,
    db,
    drop: async () => {
      if (migrated) {
        setAppClient(undefined);
        if (previousUrl === undefined) delete process.env.DATABASE_URL;
        else process.env.DATABASE_URL = previousUrl;
      }
      await db.$disconnect();
      await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}
