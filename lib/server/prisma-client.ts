// Creates Prisma clients. Not server-only on purpose: scripts (start, seed, tests) run under tsx and import this;
// the app imports the `db` singleton from ./db, which is.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type { PrismaClient };

export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
