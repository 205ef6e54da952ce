// The install-time build (run by `postinstall`): `npm ci && npm start` then starts in seconds instead of building
// on first start. Builds only when there is no current build; LUOSHI_SKIP_BUILD=1 skips it (e.g. while adding
// a dependency during development).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { buildIsStale } from "./lib/build";
import { dropLegacyPolyfills } from "./lib/post-build";
import { PROJECT_ROOT } from "./lib/migrations";

if (process.env.LUOSHI_SKIP_BUILD === "1") {
  console.log("LUOSHI_SKIP_BUILD=1: not building (npm start builds when needed).");
} else if (await buildIsStale((message) => console.log(message))) {
  console.log("Building the app (next build)…");
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  // The build never needs a database: pages read data per request.
  const { DATABASE_URL: _omit, ...env } = process.env;
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status === 0) await dropLegacyPolyfills(path.join(PROJECT_ROOT, ".next"));
  process.exit(result.status ?? 1);
}
