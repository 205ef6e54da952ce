// CLI: npm run --silent extract -- <file> [--milestones]
// Prints {"targets":[…],"sections":[…],"baselines":[…],"planYear":…} for a report in UTF-8 text;
// with --milestones also "milestones":[…] (the qualitative candidates of the plan part).
// Offsets are JavaScript string indices into the file's decoded text.
import { readFileSync } from "node:fs";
import { extractTargets } from "../lib/domain/extract";

const args = process.argv.slice(2);
const withMilestones = args.includes("--milestones");
const file = args.find((a) => a !== "--milestones");
if (!file) {
  process.stderr.write("usage: npm run --silent extract -- <report.txt> [--milestones]\n");
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (e) {
  process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
  process.exit(1);
}
const { targets, sections, baselines, planYear, milestones } = extractTargets(text, { milestones: withMilestones });
const out = withMilestones ? { targets, sections, baselines, planYear, milestones } : { targets, sections, baselines, planYear };
process.stdout.write(`${JSON.stringify(out)}\n`);
