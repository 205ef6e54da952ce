// Readies a database for the process specs (durability, instances), as `npm start` would on a first start:
// migrations, then the sample data (prisma/seed.ts); then issues an API token for each user name given, as
// `npm run token` does. Prints {"tokens": {"<username>": "ls_…"}} on stdout.
//
//   DATABASE_URL=… tsx --conditions=react-server e2e/prepare-database.ts admin nongye
//
// Run as its own process (e2e/processes.ts): lib/server is server-only, so it loads only under the react-server
// condition, which Playwright's workers do not have.
import { applyMigrations } from "../scripts/lib/migrate";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  await applyMigrations(url);
  const { createPrismaClient, setAppClient } = await import("../lib/server/prisma-client");
  const { seedIfEmpty } = await import("../prisma/seed");
  const { generateToken, insertApiToken } = await import("../lib/server/tokens");
  const db = createPrismaClient(url);
  setAppClient(db); // one pool for the seed and the lib/server functions it calls
  try {
    await seedIfEmpty(db);
    const tokens: Record<string, string> = {};
    for (const username of process.argv.slice(2)) {
      const user = await db.user.findUnique({ where: { username }, select: { id: true } });
      if (!user) throw new Error(`no user ${username}`);
      const token = generateToken();
      await db.$transaction((tx) => insertApiToken(tx, { userId: user.id, name: "e2e", token, createdById: null }));
      tokens[username] = token;
    }
    process.stdout.write(`${JSON.stringify({ tokens })}\n`);
  } finally {
    setAppClient(undefined);
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
