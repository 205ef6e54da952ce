import "server-only";

/** Lets other requests run between the chunks of a long export (a 5,000-goal summary must not hold the loop). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
