// Playwright's web server (playwright.config.ts): `npm start` on a database of its own that starts empty on every
// run — the e2e cluster is stopped if still running, its folder wiped, then start.ts takes over.
import { rm } from "node:fs/promises";
import path from "node:path";
import { runningPostmaster, stopPostmaster } from "./lib/database";
import { PROJECT_ROOT } from "./lib/migrations";

const dataRoot = path.resolve(PROJECT_ROOT, process.env.LUOSHI_DATA_DIR ?? ".data/e2e");
if (path.relative(path.join(PROJECT_ROOT, ".data"), dataRoot).startsWith("..")) {
  throw new Error(`Refusing to wipe ${dataRoot}: the e2e data folder must be inside .data/`);
}
process.env.LUOSHI_DATA_DIR = dataRoot;
delete process.env.DATABASE_URL; // never run the e2e suite against a real database

const running = await runningPostmaster(path.join(dataRoot, "postgres"));
if (running && !running.orphaned) {
  throw new Error(`Another e2e run is using ${dataRoot} (PostgreSQL pid ${running.pid}); wait for it to finish.`);
}
await stopPostmaster(path.join(dataRoot, "postgres")); // left behind by a run that was killed hard
await rm(dataRoot, { recursive: true, force: true });
// Playwright talks to its web server through pipes. If Playwright is killed instead of shutting us down, stdin
// ends: stop then (as on SIGTERM) rather than keep serving on its port with nobody to stop us.
if (!process.stdin.isTTY) {
  process.stdin.on("end", () => process.kill(process.pid, "SIGTERM"));
  process.stdin.resume();
}
await import("./start");
