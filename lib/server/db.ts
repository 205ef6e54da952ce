// The one Prisma client of the app, on DATABASE_URL (set by scripts/start.ts for the embedded database, or by the
// host). Created on first use, so importing it costs nothing (`next build` imports server modules without a
// database) and tests can point it at their own database first (test/db.ts).
import "server-only";
import { Prisma } from "./generated/prisma/client";
import type pg from "pg";
import { appClient, createPrismaClient, poolOf, type PrismaClient } from "./prisma-client";

function client(): PrismaClient {
  return appClient(() => {
    const url = process.env.DATABASE_URL;
    if (url) return createPrismaClient(url);
    // `next build` loads server modules (better-auth inspects the client) but must not query: pages read data
    // per request. The client connects lazily, so this address is only dialled if a page queries at build time.
    if (process.env.NEXT_PHASE === "phase-production-build") return createPrismaClient("postgresql://no-database-during-build@127.0.0.1:9/none");
    throw new Error("DATABASE_URL is not set — start the app with `npm start` or `npm run dev`.");
  });
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const target = client();
    const value: unknown = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

/** The pool under `db`, for the few hot paths written in SQL (lib/server/sql.ts). */
export function dbPool(): pg.Pool {
  return poolOf(client());
}

/** A unique constraint refused the write (a duplicate name, or a concurrent insert of the same key). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
