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

/** While a board or plan list is being read in this process, figure writes go one at a time (withReadPriority)… */
const SLOTS_WHILE_READING = 1;
/** …and for this long after its data is read, while the page is rendered. */
export const READ_PRIORITY_LINGER_MS = 250;

let active = 0;
let reading = 0;
const waiting: (() => void)[] = [];

function capacity(): number {
  return reading > 0 ? Math.min(SLOTS_WHILE_READING, slots()) : slots();
}

/** Lets waiting writers in, in arrival order, up to what the gate allows now. */
function admit(): void {
  while (waiting.length && active < capacity()) {
    active++;
    waiting.shift()!();
  }
}

/** Runs `work` once a write slot is free, freeing it after (whatever `work` does). */
export async function inWriteSlot<T>(work: () => Promise<T>): Promise<T> {
  if (active >= capacity() || waiting.length) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
  try {
    return await work();
  } finally {
    active--;
    admit();
  }
}

/**
 * Runs a read people wait for (a board, the plan list, 待我处理) with priority over figure writes: while one runs,
 * this process starts figure writes one at a time, so the read has the process's CPU rather than sharing it with a
 * burst of writers. The writes keep going — one at a time here, at full pace in the other workers — and waiting
 * costs them nothing; a moment after the last read ends, the gate opens to its full width again.
 */
export async function withReadPriority<T>(work: () => Promise<T>): Promise<T> {
  reading++;
  try {
    return await work();
  } finally {
    // A page goes on rendering (its rows, its charts) after its data is read: the priority lasts a little longer.
    setTimeout(() => {
      reading--;
      admit();
    }, READ_PRIORITY_LINGER_MS).unref();
  }
}

/** For tests: writes running and waiting now, and reads holding the gate narrow. */
export function writeSlotsInUse(): { active: number; waiting: number; reading: number } {
  return { active, waiting: waiting.length, reading };
}
