// For command-line tools that use lib/server: the app's database (DATABASE_URL, or the embedded one — shared when
// `npm start` runs, else started and stopped again), migrated, with lib/server's client pointed at it.
import { ensureDatabase } from "./database";
import { applyMigrations } from "./migrate";

/** Runs `work` on the app's database, then disconnects lib/server's client and stops what was started. */
export async function withAppDatabase<T>(log: (message: string) => void, work: () => Promise<T>): Promise<T> {
  const database = await ensureDatabase({ log });
  try {
    const applied = await applyMigrations(database.url);
    if (applied.length) log(`已应用数据库迁移：${applied.join(", ")}`);
    // lib/server/db reads DATABASE_URL on first use, so set it before the modules load.
    process.env.DATABASE_URL = database.url;
    const { db } = await import("@/lib/server/db");
    try {
      return await work();
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.stop();
  }
}
