// The one Prisma client of the app. DATABASE_URL is set by scripts/start.ts (embedded Postgres) or by the host.
import "server-only";
import { createPrismaClient, type PrismaClient } from "./prisma-client";

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (url) return url;
  // `next build` imports server modules without a database; the client connects lazily, so a build only fails
  // here if a page queries at build time (it should be dynamic instead).
  if (process.env.NEXT_PHASE === "phase-production-build") return "postgresql://build-has-no-database@127.0.0.1:9/none";
  throw new Error("DATABASE_URL is not set — start the app with `npm start` or `npm run dev`.");
}

// Dev reloads re-evaluate modules; keep one client (one pool) per process instead of one per reload.
const cache = globalThis as typeof globalThis & { luoshiDb?: PrismaClient };

export const db: PrismaClient = cache.luoshiDb ?? createPrismaClient(databaseUrl());
if (process.env.NODE_ENV !== "production") cache.luoshiDb = db;
