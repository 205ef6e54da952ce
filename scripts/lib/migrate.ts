// Applies pending prisma/migrations/* to a database and records them in `_prisma_migrations` exactly as
// `prisma migrate deploy` does, so the official CLI can take over wherever its native engine is available.
// Differences from Prisma, on purpose: each migration runs inside a transaction (a failure leaves no half-applied
// schema), and an applied migration whose file has changed stops the run instead of being ignored.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { MIGRATIONS_DIR, readMigrationFolders } from "./migrations";

// Prisma's own lock key, so our runner and `prisma migrate` never migrate the same database at once.
const PRISMA_ADVISORY_LOCK = 72707369;

// Prisma's DDL for the history table (schema-engine, postgres flavour), verbatim.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export class MigrationError extends Error {
  override name = "MigrationError";
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every migration folder not yet recorded as finished, in name order. Returns the names applied now
 * (empty when the database is up to date).
 */
export async function applyMigrations(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const folders = await readMigrationFolders(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Wait for a concurrent migrator, but not forever (a stuck session would otherwise hang every start).
    await client.query("SET lock_timeout = '60s'");
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query("SET lock_timeout = 0");
    await client.query(CREATE_MIGRATIONS_TABLE);
    const { rows } = await client.query<AppliedRow>(
      "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
    );

    const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed.length > 0) {
      throw new MigrationError(
        `Migration ${failed.map((row) => row.migration_name).join(", ")} failed earlier and the database may be ` +
          "half-migrated. Repair it by hand, then mark it with `prisma migrate resolve --rolled-back <name>` " +
          "(or --applied) before starting again.",
      );
    }

    const finished = new Map(rows.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]));
    for (const folder of folders) {
      const applied = finished.get(folder.name);
      if (applied && applied.checksum !== folder.checksum) {
        throw new MigrationError(
          `prisma/migrations/${folder.name}/migration.sql was changed after it was applied to this database ` +
            `(checksum ${applied.checksum.slice(0, 12)}… recorded, ${folder.checksum.slice(0, 12)}… on disk). ` +
            "Applied migrations must not be edited: restore the file and put the change in a new migration " +
            "(npm run migrate:new -- <name>).",
        );
      }
    }

    const appliedNow: string[] = [];
    for (const folder of folders) {
      if (finished.has(folder.name)) continue;
      const id = randomUUID();
      try {
        await client.query("BEGIN");
        await client.query(
          "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)",
          [id, folder.checksum, folder.name],
        );
        await client.query(folder.sql);
        await client.query(
          "UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1",
          [id],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        // The transaction undid the migration, so record it as rolled back: visible in the history, not blocking.
        await client.query(
          "INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, rolled_back_at, started_at) VALUES ($1, $2, $3, $4, now(), now())",
          [id, folder.checksum, folder.name, String(error instanceof Error ? error.stack ?? error.message : error)],
        );
        throw new MigrationError(
          `Migration ${folder.name} failed and was rolled back: ${error instanceof Error ? error.message : error}`,
          { cause: error },
        );
      }
      appliedNow.push(folder.name);
    }
    return appliedNow;
  } finally {
    // Ending the session also releases the advisory lock.
    await client.end();
  }
}
