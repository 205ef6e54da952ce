import "server-only";
// How many figure writes (a submission from its read to its write, a review, withGoalLock) one app process runs at
// once; the others wait their turn, in order, without holding a connection or any CPU. Under a burst of writes the process's CPU is shared by everything
// in flight, so without a bound 32 concurrent writers leave a board reader a thirty-third of it; with a few slots
// the reader keeps most of its speed and the writes go through at the same rate (they are CPU-bound either way,
// and the database pool holds only 10 connections). LUOSHI_WRITE_CONCURRENCY overrides the default of 4.

const DEFAULT_SLOTS = 4;

function slots(): number {
  const n = Number(process.env.LUOSHI_WRITE_CONCURRENCY);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_SLOTS;
}

let active = 0;
const waiting: (() => void)[] = [];

/** Runs `work` once a write slot is free, freeing it after (whatever `work` does). */
export async function inWriteSlot<T>(work: () => Promise<T>): Promise<T> {
  if (active >= slots()) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next(); // the slot passes straight to the next writer
    else active--;
  }
}

/** For tests: writes running and waiting now. */
export function writeSlotsInUse(): { active: number; waiting: number } {
  return { active, waiting: waiting.length };
}
