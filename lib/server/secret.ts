import "server-only";

/**
 * The server secret (better-auth's): also the key behind the fill-in templates' signatures (lib/server/bulk). On its
 * own module so that code outside a Next request (scripts, the benchmark) can use it without loading the auth setup.
 */
export function authSecret(): string {
  const secret = process.env.BETTER_AUTH_SECRET;
  if (secret && secret.length >= 32) return secret;
  if (process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("BETTER_AUTH_SECRET (≥ 32 characters) must be set; `npm start` creates one under .data/");
  }
  return "development-only-secret-development-only-secret";
}
