// npm run migrate:new -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the migration history to the
// current prisma/schema.prisma — what `prisma migrate dev --create-only` writes — using Prisma's schema engine
// as WebAssembly (scripts/lib/schema-engine.ts). Review the SQL, commit it; `npm start` / `npm run migrate` apply it.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ensureDatabase } from "./lib/database";
import { LOCKFILE_CONTENT, LOCKFILE_NAME, MIGRATIONS_DIR, PROJECT_ROOT } from "./lib/migrations";
import { diffMigrationsToSchema } from "./lib/schema-engine";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run migrate:new -- <name>   (lower-case letters, digits and _, e.g. add_goal_note)");
  process.exit(2);
}

// The engine replays the history in a throwaway shadow database: it needs a server, not a particular database.
const database = await ensureDatabase({ log: (message) => console.error(message) });
try {
  const sql = await diffMigrationsToSchema(database.url);
  if (!sql) {
    console.log("schema.prisma matches the migration history: nothing to migrate.");
  } else {
    const folder = path.join(MIGRATIONS_DIR, `${migrationTimestamp(new Date())}_${name}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "migration.sql"), `${sql}\n`);
    await writeFile(path.join(MIGRATIONS_DIR, LOCKFILE_NAME), LOCKFILE_CONTENT);
    console.log(`Wrote ${path.relative(PROJECT_ROOT, folder)}/migration.sql — review it, then commit it.`);
  }
} finally {
  await database.stop();
}

/** Prisma names migration folders by UTC time: YYYYMMDDHHMMSS. */
function migrationTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}
