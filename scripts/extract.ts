// CLI: npm run --silent extract -- <file>
// Prints {"targets":[…],"sections":[…],"baselines":[…],"planYear":…} for a report in UTF-8 text.
// Offsets are JavaScript string indices into the file's decoded text.
import { readFileSync } from "node:fs";
import { extractTargets } from "../lib/domain/extract";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run --silent extract -- <report.txt>\n");
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (e) {
  process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
  process.exit(1);
}
const { targets, sections, baselines, planYear } = extractTargets(text);
process.stdout.write(`${JSON.stringify({ targets, sections, baselines, planYear })}\n`);
