// Playwright's web server (playwright.config.ts): `npm start` on a database of its own that starts empty on every
// run — the e2e cluster is stopped if still running, its folder wiped, then start.ts takes over.
import { rm } from "node:fs/promises";
import path from "node:path";
import { stopPostmaster } from "./lib/database";
import { PROJECT_ROOT } from "./lib/migrations";

const dataRoot = path.resolve(PROJECT_ROOT, process.env.LUOSHI_DATA_DIR ?? ".data/e2e");
if (path.relative(path.join(PROJECT_ROOT, ".data"), dataRoot).startsWith("..")) {
  throw new Error(`Refusing to wipe ${dataRoot}: the e2e data folder must be inside .data/`);
}
process.env.LUOSHI_DATA_DIR = dataRoot;
delete process.env.DATABASE_URL; // never run the e2e suite against a real database

await stopPostmaster(path.join(dataRoot, "postgres"));
await rm(dataRoot, { recursive: true, force: true });
await import("./start");
