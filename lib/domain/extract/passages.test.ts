// The hand-written passages of testdata/passages.ts (news digests, mixed review-and-plan passages,
// press quotes, simplified and traditional), scored as ../shared/eval/score.mjs scores: a prediction
// matches a gold target with the same value and unit whose quote it overlaps; strict also wants the
// metric names to share two characters and the comparators to agree (eq and gte count as one).
// testdata/passages-gold.jsonl is the same gold in score.mjs's format; after editing passages.ts run
//   WRITE_GOLD=1 TZ=Asia/Shanghai npx vitest run --project unit lib/domain/extract/passages.test.ts
//   node ../shared/eval/score.mjs --gold lib/domain/extract/testdata/passages-gold.jsonl --verbose
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { extractTargets } from "./extract";
import { PASSAGES, type Passage } from "./testdata/passages";
import { offsetsHold } from "./test-helpers";

const bare = (s: string) => s.replace(/[\s“”"'‘’「」《》（）()、，,.．:：;；]/g, "");
function sharesName(a: string, b: string): boolean {
  const x = bare(a);
  const y = bare(b);
  for (let i = 0; i + 2 <= x.length; i++) if (y.includes(x.slice(i, i + 2))) return true;
  return false;
}
const sameComparator = (p: string, g: string) => p === g || ((p === "eq" || p === "gte") && (g === "eq" || g === "gte"));
const unitKey = (u: string) => u.replace(/％/g, "%").replace(/个百分点/g, "百分点");

interface Score {
  tp: number;
  fp: number;
  fn: number;
  strict: number;
  notes: string[];
}

function score(p: Passage): Score {
  const gold = p.gold.map(([quote, metric, value, unit, comparator]) => {
    const spans: Array<[number, number]> = [];
    for (let at = p.text.indexOf(quote); at >= 0; at = p.text.indexOf(quote, at + 1)) spans.push([at, at + quote.length]);
    return { quote, metric, value, unit, comparator, spans, matched: null as [number, number] | null };
  });
  const out: Score = { tp: 0, fp: 0, fn: 0, strict: 0, notes: [] };
  for (const t of extractTargets(p.text).targets) {
    const fits = (g: (typeof gold)[number]) =>
      Math.abs(g.value - t.value) < 1e-9 && unitKey(g.unit) === unitKey(t.unit) && g.spans.some(([a, b]) => t.start < b && a < t.end);
    const g = gold.find((x) => !x.matched && fits(x));
    if (!g) {
      if (!gold.some((x) => x.matched && fits(x) && !(t.start < x.matched[1] && x.matched[0] < t.end))) {
        out.fp++;
        out.notes.push(`${p.doc} extra ${t.quote} → ${t.value}${t.unit}`);
      }
      continue;
    }
    g.matched = [t.start, t.end];
    out.tp++;
    if (sharesName(t.metric, g.metric) && sameComparator(t.comparator, g.comparator)) out.strict++;
    else out.notes.push(`${p.doc} loose ${g.quote}: ${t.metric} ${t.comparator} (want ${g.metric} ${g.comparator})`);
  }
  for (const g of gold) if (!g.matched) out.notes.push(`${p.doc} miss ${g.quote}`);
  out.fn = gold.filter((g) => !g.matched).length;
  return out;
}

const f1 = (tp: number, fp: number, fn: number) => (tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));

function goldLines(): string {
  const lines = PASSAGES.map((p) =>
    JSON.stringify({
      doc: p.doc,
      text: p.text,
      targets: p.gold.map(([quote, metric, value, unit, comparator, kind]) => ({ quote, metric, value, unit, comparator, kind, optional: false })),
    }),
  );
  return `${lines.join("\n")}\n`;
}

describe("hand-written digests and mixed passages", () => {
  it("the score.mjs gold file matches passages.ts", () => {
    const file = fileURLToPath(new URL("./testdata/passages-gold.jsonl", import.meta.url));
    if (process.env.WRITE_GOLD === "1") writeFileSync(file, goldLines());
    expect(existsSync(file) && readFileSync(file, "utf8")).toBe(goldLines());
  });

  it("every gold quote is in its passage", () => {
    for (const p of PASSAGES) for (const [quote] of p.gold) expect(p.text.includes(quote), `${p.doc}: ${quote}`).toBe(true);
  });

  it("offsets hold on every passage", () => {
    for (const p of PASSAGES) expect(offsetsHold(p.text, extractTargets(p.text)), p.doc).toBe(true);
  });

  it("strict F1 over the passages stays at its bar", () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let strict = 0;
    const notes: string[] = [];
    for (const p of PASSAGES) {
      const s = score(p);
      tp += s.tp;
      fp += s.fp;
      fn += s.fn;
      strict += s.strict;
      notes.push(...s.notes);
    }
    const strictF1 = f1(strict, fp + (tp - strict), fn + (tp - strict));
    expect(strictF1, notes.join("\n")).toBeGreaterThanOrEqual(0.95);
  });
});
