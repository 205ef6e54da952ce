// CLI: npm run --silent extract -- <file>
// Prints {"targets":[…],"sections":[…],"baselines":[…],"planYear":…} for a report in UTF-8 text.
import { readFileSync } from "node:fs";
import { extractTargets } from "../lib/domain/extract";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: npm run --silent extract -- <report.txt>\n");
  process.exit(2);
}
const text = readFileSync(file, "utf8");
const { targets, sections, baselines, planYear } = extractTargets(text);
process.stdout.write(`${JSON.stringify({ targets, sections, baselines, planYear })}\n`);
