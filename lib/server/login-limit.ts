import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "./db";

/**
 * Sign-in attempts per username, whatever address they come from. better-auth limits per client IP, and the IP
 * comes from X-Forwarded-For, which a client can set itself; this bounds guessing one account's password.
 */
export const LOGIN_ATTEMPTS_PER_USERNAME = { max: 10, windowSeconds: 10 * 60 };

/** Counts one attempt (fixed window, stored in better-auth's rateLimit table); false when over the limit. */
export async function consumeLoginAttempt(username: string, now = Date.now()): Promise<boolean> {
  const { max, windowSeconds } = LOGIN_ATTEMPTS_PER_USERNAME;
  const key = `username|${username.trim().toLowerCase()}`;
  const windowStart = BigInt(now - windowSeconds * 1000);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "rateLimit" ("id", "key", "count", "lastRequest") VALUES (${randomUUID()}, ${key}, 1, ${BigInt(now)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "rateLimit"."lastRequest" < ${windowStart} THEN 1 ELSE "rateLimit"."count" + 1 END,
      "lastRequest" = CASE WHEN "rateLimit"."lastRequest" < ${windowStart} THEN ${BigInt(now)} ELSE "rateLimit"."lastRequest" END
    RETURNING "count"`;
  return (rows[0]?.count ?? 0) <= max;
}
