// Repeated timing of one operation: warm-up runs first (JIT, caches, connection pools), then measured runs.

export interface Timing {
  iterations: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
  /** Every measured run in milliseconds, in run order. */
  samples: number[];
}

/** Nearest-rank percentile of ascending `sorted` (p in (0, 1]). */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) throw new RangeError("no samples");
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1]!;
}

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    iterations: samples.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    mean: samples.reduce((sum, s) => sum + s, 0) / samples.length,
    samples,
  };
}

/**
 * Times several operations in rounds — each round runs every operation once, in turn — so that they share the
 * machine's conditions (other processes, CPU frequency) and their ratios stay meaningful on a busy machine.
 */
export async function timeRounds<K extends string>(
  operations: Record<K, () => Promise<unknown>>,
  { warmup, iterations }: { warmup: number; iterations: number },
): Promise<Record<K, Timing>> {
  const names = Object.keys(operations) as K[];
  for (let i = 0; i < warmup; i++) for (const name of names) await operations[name]();
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < iterations; i++) {
    for (const name of names) {
      const started = performance.now();
      await operations[name]();
      samples[name].push(performance.now() - started);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarise(samples[name])])) as Record<K, Timing>;
}
