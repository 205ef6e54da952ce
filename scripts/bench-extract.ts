// Benchmark of the extraction engine: builds ≥ 1 MB of report-like text from the sample reports
// (repeated, with figures and years perturbed so no two copies are alike) and times extractTargets.
//   npx tsx scripts/bench-extract.ts
// `benchExtraction()` is imported by scripts/bench.ts.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractTargets } from "../lib/domain/extract";

const REPORTS_DIR = fileURLToPath(new URL("../data/reports/", import.meta.url));
const TARGET_BYTES = 1_200_000;

/** Report-like text of at least `minBytes` UTF-8 bytes. */
export function benchCorpus(minBytes = TARGET_BYTES): string {
  const seeds = readdirSync(REPORTS_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(REPORTS_DIR, f), "utf8"));
  if (!seeds.length) throw new Error(`no sample reports in ${REPORTS_DIR}`);
  const parts: string[] = [];
  let bytes = 0;
  for (let copy = 0; bytes < minBytes; copy++) {
    const seed = seeds[copy % seeds.length] as string;
    // perturb: shift figures and years so the copies differ
    const text = seed
      .replace(/\d+(\.\d+)?/g, (m) => String(Number(m) + (copy % 7)))
      .replace(/(20\d\d)年/g, (_, y: string) => `${Number(y) + (copy % 3)}年`);
    parts.push(text);
    bytes += Buffer.byteLength(text, "utf8");
  }
  return parts.join("\n\n");
}

export async function benchExtraction(): Promise<{ mbPerSecond: number; bytes: number; ms: number }> {
  const text = benchCorpus();
  const bytes = Buffer.byteLength(text, "utf8");
  extractTargets(text.slice(0, 50_000)); // warm up the JIT
  const runs = 3;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    extractTargets(text);
    best = Math.min(best, performance.now() - t0);
  }
  return { mbPerSecond: bytes / 1_000_000 / (best / 1000), bytes, ms: best };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void benchExtraction().then((r) => {
    console.log(`extractTargets: ${(r.bytes / 1e6).toFixed(2)} MB in ${r.ms.toFixed(0)} ms → ${r.mbPerSecond.toFixed(2)} MB/s`);
  });
}
