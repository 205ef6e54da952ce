// Writes passages-gold.jsonl (the format ../shared/eval/score.mjs reads) from passages.ts.
//   npx tsx lib/domain/extract/testdata/write-gold.ts
//   node ../shared/eval/score.mjs --gold lib/domain/extract/testdata/passages-gold.jsonl
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PASSAGES } from "./passages";

const lines = PASSAGES.map((p) => {
  const targets = p.gold.map(([quote, metric, value, unit, comparator, kind]) => {
    if (!p.text.includes(quote)) throw new Error(`${p.doc}: quote not in text: ${quote}`);
    return { quote, metric, value, unit, comparator, kind, optional: false };
  });
  return JSON.stringify({ doc: p.doc, text: p.text, targets });
});
writeFileSync(fileURLToPath(new URL("./passages-gold.jsonl", import.meta.url)), `${lines.join("\n")}\n`);
console.log(`${lines.length} passages`);
