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

/**
 * While a read people wait for runs in this process — any GET request (scripts/lib/read-priority.mjs), or a board,
 * plan list or 待我处理 read by the app's code (withReadPriority) — figure writes go one at a time.
 */
const SLOTS_WHILE_READING = 1;

// On globalThis: Next may bundle this module into more than one chunk (the routes', and instrumentation.ts's for the
// fast routes, app/api/v1/fast-routes.ts), and the process has one gate.
const gate = ((globalThis as typeof globalThis & { luoshiWriteGate?: { active: number; reading: number; waiting: (() => void)[] } }).luoshiWriteGate ??= {
  active: 0,
  reading: 0,
  waiting: [],
});
const waiting = gate.waiting;

/** GET requests in flight in this process, counted by the preload scripts/lib/read-priority.mjs (absent: none). */
const requests = ((globalThis as typeof globalThis & { luoshiReadPriority?: { reads: number; others?: number; changed: Set<() => void> } }).luoshiReadPriority ??= {
  reads: 0,
  changed: new Set(),
});

function capacity(): number {
  return gate.reading > 0 || requests.reads > 0 || (requests.others ?? 0) > 0 ? Math.min(SLOTS_WHILE_READING, slots()) : slots();
}

/** Lets waiting writers in, in arrival order, up to what the gate allows now. */
function admit(): void {
  while (waiting.length && gate.active < capacity()) {
    gate.active++;
    waiting.shift()!();
  }
}
// A read request ending may widen the gate.
requests.changed.add(admit);

/** Runs `work` once a write slot is free, freeing it after (whatever `work` does). */
export async function inWriteSlot<T>(work: () => Promise<T>): Promise<T> {
  if (gate.active >= capacity() || waiting.length) await new Promise<void>((resolve) => waiting.push(resolve));
  else gate.active++;
  try {
    return await work();
  } finally {
    gate.active--;
    admit();
  }
}

/**
 * Runs a read people wait for (a board, the plan list, 待我处理) with priority over figure writes: while one runs,
 * this process starts figure writes one at a time, so the read has the process's CPU rather than sharing it with a
 * burst of writers. The writes keep going — one at a time here, at full pace in the other workers — and waiting
 * costs them nothing; when the last read ends, the gate opens to its full width again. (In the server, the preload
 * scripts/lib/read-priority.mjs already counts every GET request from arrival to response; this covers the same
 * reads where there is no preload — scripts, tests — and reads made inside other work.)
 */
export async function withReadPriority<T>(work: () => Promise<T>): Promise<T> {
  gate.reading++;
  try {
    return await work();
  } finally {
    gate.reading--;
    admit();
  }
}

/** For tests: writes running and waiting now, and reads holding the gate narrow. */
export function writeSlotsInUse(): { active: number; waiting: number; reading: number } {
  return { active: gate.active, waiting: waiting.length, reading: gate.reading };
}
