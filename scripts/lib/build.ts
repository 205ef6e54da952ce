// Whether the production build (.next) is current. Shared by `npm start` and the install-time build.
import { existsSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "./migrations";

// What a production build is made from. A build older than any of these is redone.
const BUILD_INPUTS = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.js", "proxy.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

/** True when there is no production build or it is older than one of its inputs. */
export async function buildIsStale(log: (message: string) => void = () => {}): Promise<boolean> {
  const buildId = path.join(PROJECT_ROOT, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = (await stat(buildId)).mtimeMs;
  for (const input of BUILD_INPUTS) {
    if ((await newestMtime(path.join(PROJECT_ROOT, input))) > builtAt) {
      log(`The build is older than ${input}.`);
      return true;
    }
  }
  return false;
}

async function newestMtime(file: string): Promise<number> {
  const info = await stat(file).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs; // a deleted file shows as a newer directory
  for (const entry of await readdir(file)) {
    if (/\.test\.tsx?$/.test(entry)) continue; // tests are not part of the build
    newest = Math.max(newest, await newestMtime(path.join(file, entry)));
  }
  return newest;
}
