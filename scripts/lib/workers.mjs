// How many `next start` workers scripts/lib/serve.mjs runs (decision 0019).
import os from "node:os";

const MAX_WORKERS = 8;

/** LUOSHI_WORKERS if it is a whole number from 1 to 64; else one per core, at most 8. */
export function workerCount(env = process.env, cores = os.availableParallelism()) {
  const asked = Number(env.LUOSHI_WORKERS);
  if (Number.isInteger(asked) && asked >= 1 && asked <= 64) return asked;
  return Math.max(1, Math.min(cores, MAX_WORKERS));
}
