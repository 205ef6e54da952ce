import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import { APIError } from "better-auth/api";
import { headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/domain/passwords";
import { allowedOrigins, originSettings, servedOverHttpsOnly } from "@/lib/domain/request-origin";
import { db } from "./db";
import { actorFromUserRow, type Actor } from "./actor";
import { actorFromBearer } from "./tokens";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { loginLimits } from "./login-limit";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authSecret } from "./secret";

const SESSION_DAYS = 7;

const settings = originSettings(process.env);

/** better-auth: username + password (scrypt), database sessions, database-backed login rate limits. */
export const auth = betterAuth({
  appName: "落实",
  secret: authSecret(),
  database: prismaAdapter(db, { provider: "postgresql" }),
  // Accounts are made and reset by administrators (lib/domain/passwords.ts has the whole rule).
  emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: MIN_PASSWORD_LENGTH, maxPasswordLength: MAX_PASSWORD_LENGTH },
  user: {
    additionalFields: {
      role: { type: "string", required: true, input: false, defaultValue: "reporter" },
      departmentId: { type: "string", required: false, input: false },
      disabledAt: { type: "date", required: false, input: false },
    },
  },
  session: { expiresIn: 60 * 60 * 24 * SESSION_DAYS, updateAge: 60 * 60 * 24 },
  // Same-origin only, whatever name the app is reached under: the request's Host (X-Forwarded-Host behind a trusted
  // proxy) and LUOSHI_TRUSTED_ORIGINS — not request.url, which Next builds from the address it listens on.
  trustedOrigins: async (request) => (request ? allowedOrigins(request.headers, settings) : [...settings.trustedOrigins]),
  advanced: {
    // On everywhere, tests included (better-auth would skip it under NODE_ENV=test).
    disableOriginCheck: false,
    trustedProxyHeaders: settings.trustedProxy,
    // better-auth would mark the session cookie Secure in every production run, and browsers drop such a cookie on
    // a plain-http LAN address (sign-in "works" but nobody stays signed in): Secure only behind https.
    useSecureCookies: servedOverHttpsOnly(settings),
    // Per-address limits count the real peer address (see client-address.ts), never a client's X-Forwarded-For.
    ipAddress: { ipAddressHeaders: CLIENT_ADDRESS_HEADER ? [CLIENT_ADDRESS_HEADER] : [] },
  },
  rateLimit: {
    enabled: process.env.LUOSHI_DISABLE_RATE_LIMIT !== "1",
    storage: "database",
    modelName: "rateLimit",
    window: 60,
    max: 100,
    customRules: { "/sign-in/username": { window: 60, max: 10 } },
  },
  databaseHooks: {
    session: {
      create: {
        // A disabled account cannot open a session; the right password learns that it is disabled.
        before: async (session) => {
          const user = await db.user.findUnique({ where: { id: session.userId }, select: { disabledAt: true } });
          if (!user || user.disabledAt) throw new APIError("FORBIDDEN", { code: "ACCOUNT_DISABLED", message: "该账号已停用，请联系管理员" });
        },
      },
    },
  },
  telemetry: { enabled: false },
  plugins: [username({ minUsernameLength: 3, maxUsernameLength: 30 }), loginLimits(), nextCookies()],
});

/**
 * The better-auth endpoints the app uses: the login form's sign-in, sign-out and the session read. Every other
 * one (update-user, change-password, sessions, …) answers 404 — user changes go through the admin pages, which
 * record an audit event.
 */
const OPEN_AUTH_PATHS: ReadonlySet<string> = new Set(["/sign-in/username", "/sign-out", "/get-session"]);

/** /api/auth/* (app/api/auth/[...all]/route.ts): the open endpoints through better-auth, the rest 404. */
export async function authEndpoint(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/^\/api\/auth(?=\/)/, "").replace(/\/+$/, "");
  if (!OPEN_AUTH_PATHS.has(path)) {
    return Response.json({ code: "NOT_FOUND", message: NOT_FOUND.route }, { status: 404, headers: { "cache-control": "no-store" } });
  }
  return auth.handler(request);
}

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
    select: { id: true, username: true, name: true, role: true, regionId: true, departmentId: true, disabledAt: true, department: { select: { name: true, regionId: true } } },
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
