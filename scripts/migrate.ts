// npm run migrate — applies pending prisma/migrations to DATABASE_URL, or to the embedded database when unset.
// (npm start does this too; this is for deployments and for checking a migration by hand.)
import { ensureDatabase } from "./lib/database";
import { applyMigrations } from "./lib/migrate";

const database = await ensureDatabase();
try {
  const applied = await applyMigrations(database.url);
  console.log(applied.length ? `Applied ${applied.join(", ")}.` : "The database is up to date.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await database.stop();
}
