import "server-only";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { loginName } from "@/lib/domain/inputs";
import { LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_DELAY, loginDelayMs, retryAfterText } from "@/lib/domain/login-throttle";
import { db } from "./db";
import { clientAddress } from "./client-address";

// Sign-in limits beyond better-auth's per-address one (see lib/domain/login-throttle.ts for the rules): a limit per
// (user name, address), and a growing delay per user name. Counts live in better-auth's rateLimit table.

const SIGN_IN = "/sign-in/username";

const disabled = () => process.env.LUOSHI_DISABLE_RATE_LIMIT === "1";

const pairKey = (name: string, address: string | null) => `login-address|${name}|${address ?? "unknown"}`;
const userKey = (name: string) => `login-user|${name}`;

/** Counts one attempt in a fixed window starting at the first; the count and when the window started. */
export async function countInWindow(key: string, windowSeconds: number, now: number): Promise<{ count: number; since: number }> {
  const windowStart = BigInt(now - windowSeconds * 1000);
  const rows = await db.$queryRaw<{ count: number; lastRequest: bigint }[]>`
    INSERT INTO "rateLimit" ("id", "key", "count", "lastRequest") VALUES (${randomUUID()}, ${key}, 1, ${BigInt(now)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "rateLimit"."lastRequest" < ${windowStart} THEN 1 ELSE "rateLimit"."count" + 1 END,
      "lastRequest" = CASE WHEN "rateLimit"."lastRequest" < ${windowStart} THEN ${BigInt(now)} ELSE "rateLimit"."lastRequest" END
    RETURNING "count", "lastRequest"`;
  return { count: rows[0]?.count ?? 1, since: Number(rows[0]?.lastRequest ?? now) };
}

/** Counts one attempt since the last success (forgotten after `idleSeconds` without one); returns the count. */
async function countSinceSuccess(key: string, idleSeconds: number, now: number): Promise<number> {
  const idleStart = BigInt(now - idleSeconds * 1000);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO "rateLimit" ("id", "key", "count", "lastRequest") VALUES (${randomUUID()}, ${key}, 1, ${BigInt(now)})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "rateLimit"."lastRequest" < ${idleStart} THEN 1 ELSE "rateLimit"."count" + 1 END,
      "lastRequest" = ${BigInt(now)}
    RETURNING "count"`;
  return rows[0]?.count ?? 1;
}

/**
 * Checks one sign-in attempt before the password is: refuses it (429) when this address has used up its attempts
 * for this user name, else holds it for the user name's current delay. Exported for tests; better-auth runs it.
 */
export async function admitLoginAttempt(name: string, address: string | null, now = Date.now()): Promise<{ delayMs: number }> {
  const { max, windowSeconds } = LOGIN_ATTEMPTS_PER_ADDRESS;
  const pair = await countInWindow(pairKey(name, address), windowSeconds, now);
  if (pair.count > max) {
    const retryAfter = Math.max(1, Math.ceil((pair.since + windowSeconds * 1000 - now) / 1000));
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: "LOGIN_RATE_LIMITED", message: `该账号在当前网络地址的登录尝试次数过多，${retryAfterText(retryAfter)}` },
      { "X-Retry-After": String(retryAfter) },
    );
  }
  return { delayMs: loginDelayMs(await countSinceSuccess(userKey(name), LOGIN_DELAY.idleSeconds, now)) };
}

/** A successful sign-in starts the user name's count afresh, and that of the address it came from. */
export async function forgetLoginAttempts(name: string, address: string | null): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: { in: [userKey(name), pairKey(name, address)] } } });
}

function headersOf(ctx: { headers?: Headers; request?: Request }): Headers {
  return ctx.headers ?? ctx.request?.headers ?? new Headers();
}

/** The better-auth plugin that applies the limits to /sign-in/username. */
export function loginLimits() {
  return {
    id: "luoshi-login-limits",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN,
          handler: createAuthMiddleware(async (ctx) => {
            // The name is checked first: it becomes part of a stored key.
            const name = loginName.safeParse(ctx.body?.username);
            if (!name.success) {
              throw new APIError("UNAUTHORIZED", { code: "INVALID_USERNAME_OR_PASSWORD", message: "用户名或密码不正确，或账号已停用" });
            }
            if (disabled()) return;
            const { delayMs } = await admitLoginAttempt(name.data, clientAddress(headersOf(ctx)));
            if (delayMs) await sleep(delayMs);
          }),
        },
      ],
      after: [
        {
          matcher: (ctx) => ctx.path === SIGN_IN,
          handler: createAuthMiddleware(async (ctx) => {
            const name = loginName.safeParse(ctx.body?.username);
            if (disabled() || !ctx.context.newSession || !name.success) return;
            await forgetLoginAttempts(name.data, clientAddress(headersOf(ctx)));
          }),
        },
      ],
    },
    // better-auth deletes rateLimit rows older than the longest window it knows of; this rule (which matches no
    // path) makes ours known, so our counts are kept as long as they matter.
    rateLimit: [
      {
        window: Math.max(LOGIN_ATTEMPTS_PER_ADDRESS.windowSeconds, LOGIN_DELAY.idleSeconds),
        max: LOGIN_ATTEMPTS_PER_ADDRESS.max,
        pathMatcher: () => false,
      },
    ],
  } satisfies BetterAuthPlugin;
}
