// How sign-in attempts are limited, as numbers and pure rules (lib/server/login-limit.ts applies them). Guessing
// must be slow, yet nobody may lock an owner out of their own account:
//  - per client address: better-auth's limiter, 10 attempts a minute (lib/server/auth.ts);
//  - per (user name, address): LOGIN_ATTEMPTS_PER_ADDRESS attempts per window — only that address is refused;
//  - per user name, from anywhere: once FREE_ATTEMPTS attempts have failed in a row, every further answer waits
//    (1, 2, 4 … up to MAX_DELAY_SECONDS); the owner is slowed, never refused, and a success starts afresh.

export const LOGIN_ATTEMPTS_PER_ADDRESS = { max: 10, windowSeconds: 15 * 60 };

export const LOGIN_DELAY = {
  /** Attempts since the last success that get an answer at once. */
  freeAttempts: 3,
  firstDelaySeconds: 1,
  maxDelaySeconds: 8,
  /** The count is forgotten after this long without an attempt. */
  idleSeconds: 60 * 60,
};

/** How long to hold the answer to the `attempt`-th attempt (1-based) since the user name's last success. */
export function loginDelayMs(attempt: number): number {
  const { freeAttempts, firstDelaySeconds, maxDelaySeconds } = LOGIN_DELAY;
  if (attempt <= freeAttempts) return 0;
  const seconds = firstDelaySeconds * 2 ** Math.min(attempt - freeAttempts - 1, 16);
  return Math.min(seconds, maxDelaySeconds) * 1000;
}

/** "请3分钟后再试" / "请40秒后再试" for a wait of `seconds`. */
export function retryAfterText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s >= 60 ? `请${Math.ceil(s / 60)}分钟后再试` : `请${s}秒后再试`;
}
