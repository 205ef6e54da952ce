import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { db } from "./db";
import { actorFromUserRow, type Actor } from "./actor";
import { actorFromBearer } from "./tokens";
import { consumeLoginAttempt } from "./login-limit";

const SESSION_DAYS = 7;

function authSecret(): string {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (secret && secret.length >= 32) return secret;
  if (process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("BETTER_AUTH_SECRET (≥ 32 characters) must be set; `npm start` creates one under .data/");
  }
  return "development-only-secret-development-only-secret";
}

/** better-auth: username + password (scrypt), database sessions, database-backed login rate limit. */
export const auth = betterAuth({
  appName: "落实",
  secret: authSecret(),
  database: prismaAdapter(db, { provider: "postgresql" }),
  emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
  user: {
    additionalFields: {
      role: { type: "string", required: true, input: false, defaultValue: "reporter" },
      departmentId: { type: "string", required: false, input: false },
      disabledAt: { type: "date", required: false, input: false },
    },
  },
  session: { expiresIn: 60 * 60 * 24 * SESSION_DAYS, updateAge: 60 * 60 * 24 },
  // Same-origin only: the app may be reached by any host name it is served under.
  trustedOrigins: async (request) => (request ? [new URL(request.url).origin] : []),
  rateLimit: {
    enabled: process.env.LUOSHI_DISABLE_RATE_LIMIT !== "1",
    storage: "database",
    modelName: "rateLimit",
    window: 60,
    max: 100,
    customRules: { "/sign-in/username": { window: 60, max: 10 } },
  },
  hooks: {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== "/sign-in/username" || process.env.LUOSHI_DISABLE_RATE_LIMIT === "1") return;
      const name = typeof ctx.body?.username === "string" ? ctx.body.username : "";
      if (name && !(await consumeLoginAttempt(name))) {
        throw new APIError("TOO_MANY_REQUESTS", { message: "该账号登录尝试次数过多，请10分钟后再试" });
      }
    }),
  },
  databaseHooks: {
    session: {
      create: {
        // A disabled account cannot open a session.
        before: async (session) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { disabledAt: true } });
          return user && !user.disabledAt ? undefined : false;
        },
      },
    },
  },
  telemetry: { enabled: false },
  plugins: [username({ minUsernameLength: 3, maxUsernameLength: 30 }), nextCookies()],
});

/**
 * The signed-in user of the current request (cookie session), or null. Cached per request: the layout and the
 * page both ask.
 */
export const currentActor = cache(async (): Promise<Actor | null> => sessionActor(await headers()));

async function sessionActor(requestHeaders: Headers): Promise<Actor | null> {
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const user = await db.user.findUnique({
    where: { id: session.user.id },
    select: { id: true, username: true, name: true, role: true, departmentId: true, disabledAt: true, department: { select: { name: true } } },
  });
  return user && !user.disabledAt ? actorFromUserRow(user) : null;
}

/** The caller of an API request: a bearer token first, else the cookie session. */
export async function apiActor(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) return actorFromBearer(header);
  // The request's own headers (not next/headers): same cookies, and callable outside Next's request scope.
  return sessionActor(request.headers);
}

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}
