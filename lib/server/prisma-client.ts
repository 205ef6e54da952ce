// Creates Prisma clients. Not server-only on purpose: scripts (start, seed) and tests run outside Next and import
// this; the app imports the `db` singleton from ./db, which is server-only.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type { PrismaClient };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl }),
    // More concurrent writes than pooled connections (writers of one goal also queue on its row lock) must wait
    // their turn, not fail: Prisma's defaults (2 s to get a connection, 5 s per transaction) answered 500 (P2028)
    // to valid figures with 24 concurrent writers on two cores (e2e/durability.spec.ts).
    transactionOptions: { maxWait: 15_000, timeout: 15_000 },
  });
}

// The app's one client lives on globalThis: dev reloads re-evaluate modules and would otherwise open a new pool
// each time, and integration tests put their own database's client here (test/db.ts).
const slot = globalThis as typeof globalThis & { luoshiAppClient?: PrismaClient };

export function appClient(create: () => PrismaClient): PrismaClient {
  return (slot.luoshiAppClient ??= create());
}

/** Makes `db` (lib/server/db.ts) use `client` from now on; `undefined` goes back to DATABASE_URL. */
export function setAppClient(client: PrismaClient | undefined): void {
  slot.luoshiAppClient = client;
}
