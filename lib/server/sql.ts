// SQL straight through the app's pool, for the paths every entry write takes (issue 11: ≥ 300 writes/s on two
// cores). Prisma's client costs a few hundred microseconds of CPU per query in building and reading it; a figure's
// write made ≈ 20 of them. These paths make 5–6 plain statements instead, on the same pool and the same rows, so they
// see and are seen by everything else at once. Values come back as Prisma would give them (Date for timestamps and
// dates, read as UTC; numeric as text for the caller to wrap in Decimal), so the rows can stand in for Prisma's.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { Prisma } from "./generated/prisma/client";
import { db, dbPool, isUniqueViolation } from "./db";

const TIMESTAMP = 1114; // timestamp without time zone: Prisma stores DateTime as UTC in these
const DATE = 1082;
const utc = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const utcDay = (text: string) => new Date(`${text}T00:00:00Z`);

/** pg's parsers with our two exceptions (pg's defaults read both as local time). */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP) return utc;
    if (oid === DATE) return utcDay;
    return (pg.types.getTypeParser as (oid: number, format?: string) => (value: string) => unknown)(oid, format);
  },
};

export type SqlRunner = pg.Pool | pg.PoolClient;

// Each statement is prepared once per connection under a name made from its text, so PostgreSQL parses and plans
// it once instead of on every call (planning was most of these statements' cost). The texts are a fixed few.
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `luoshi_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`));
  return name;
}

/**
 * One prepared statement with $1… parameters; the rows. Dates are sent as UTC (pg would send local time with an
 * offset, which a timestamp without time zone silently drops).
 */
export async function sql<T extends object>(runner: SqlRunner, text: string, values: readonly unknown[] = []): Promise<T[]> {
  const result = await runner.query<T>({ name: nameOf(text), text, values: values.map((v) => (v instanceof Date ? v.toISOString() : v)), types });
  return result.rows;
}

/**
 * `db` with its $queryRaw answered by sql(): for read paths written as Prisma.sql templates that a hot path shares
 * (the board's goal rows, judged for the answer to each write). Only for statements whose columns pg and Prisma read
 * alike — text, booleans, int4 and float8, dates — as the board's are; everything else goes to Prisma.
 */
export function sqlReads(): Prisma.TransactionClient {
  const pool = dbPool();
  const queryRaw = (strings: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
    const statement = strings instanceof Prisma.Sql ? strings : Prisma.sql(strings, ...values);
    return sql(pool, statement.text, statement.values);
  };
  return new Proxy(db, { get: (target, property) => (property === "$queryRaw" ? queryRaw : Reflect.get(target, property)) }) as unknown as Prisma.TransactionClient;
}

/** Runs `work` in a transaction on one connection of the app's pool; rolled back if it throws. */
export async function inSqlTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await dbPool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const value = await work(client);
    await client.query("COMMIT");
    return value;
  } catch (error) {
    // A connection whose transaction cannot even be rolled back is closed, not given to the next caller.
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken || undefined);
  }
}

/** A unique constraint refused the write, from Prisma or from pg (SQLSTATE 23505). */
export function isUniqueViolationAnywhere(error: unknown): boolean {
  return isUniqueViolation(error) || (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505");
}

/** PostgreSQL broke a deadlock by rolling back this transaction (SQLSTATE 40P01): none of it was written. */
export function isDeadlock(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "40P01";
}

/**
 * Runs `work` (a write that is all or nothing, read again on each try) again when PostgreSQL chose it to break a
 * deadlock, up to `tries` times in all. A figure's write locks its goal's kept verdict and then its parents'; a write
 * to a parent, or a reader keeping verdicts in id order, can hold them the other way round. Rolled back, the write
 * changed nothing, so trying it again is safe, and the person gets their answer instead of a 500.
 */
export async function retryingDeadlocks<T>(work: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= tries) throw error;
      console.warn(`[sql] deadlock, trying the write again (${attempt + 1} of ${tries})`);
    }
  }
}

// Ids as Prisma's @default(cuid()) makes them (cuid v1: c, time, counter, host, random; 25 characters), so a row
// written here is indistinguishable from one written through Prisma.
let counter = Math.floor(Math.random() * 36 ** 4);
const host = (process.pid.toString(36) + randomBytes(2).toString("hex")).slice(-4).padStart(4, "0");
const base36 = (n: number, width: number) => n.toString(36).padStart(width, "0").slice(-width);

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const random = randomBytes(6).readUIntBE(0, 6) % 36 ** 8;
  return `c${base36(Date.now(), 8)}${base36(counter, 4)}${host}${base36(random, 8)}`;
}
