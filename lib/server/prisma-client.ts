// Creates Prisma clients. Not server-only on purpose: scripts (start, seed) and tests run outside Next and import
// this; the app imports the `db` singleton from ./db, which is server-only.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

export type { PrismaClient };

/**
 * Each client's connection pool: the few hot paths that speak SQL directly (lib/server/sql.ts) share it. On
 * globalThis, like the app's client below: Next bundles this module into more than one chunk.
 */
const pools = ((globalThis as typeof globalThis & { luoshiPools?: WeakMap<PrismaClient, pg.Pool> }).luoshiPools ??= new WeakMap());

export function createPrismaClient(databaseUrl: string): PrismaClient {
  // pg's default of 10 connections, as the adapter would make; $disconnect() ends it.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // More concurrent writes than pooled connections (writers of one goal also queue on its row lock) must wait
    // their turn, not fail: Prisma's defaults (2 s to get a connection, 5 s per transaction) answered 500 (P2028)
    // to valid figures with 24 concurrent writers on two cores (e2e/durability.spec.ts).
    transactionOptions: { maxWait: 15_000, timeout: 15_000 },
  });
  pools.set(client, pool);
  return client;
}

/** The connection pool under a client made by createPrismaClient. */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error("This Prisma client was not made by createPrismaClient: it has no pool to share.");
  return pool;
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
