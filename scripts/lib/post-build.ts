// After every `next build` (scripts/build.ts, start.ts, the bench's build, `npm run build`): the build's manifest
// stops naming Next's legacy-browser polyfills, so pages no longer reference them (docs/decisions/0014).
//
// Next 16 puts a `<script noModule src="…/polyfills….js">` on every page for browsers without ES modules. Those
// browsers cannot run Next 16's own output (it targets browsers with modules: Chrome 111+, Safari 16.4+, Firefox
// 111+), so the script is dead weight in every page's HTML (39 KB gzip of the board's 174 KB). `next start` reads
// build-manifest.json per server start, so an empty `polyfillFiles` leaves the script out; nothing else reads it.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export async function dropLegacyPolyfills(distDir: string): Promise<number> {
  const file = path.join(distDir, "build-manifest.json");
  const manifest = JSON.parse(await readFile(file, "utf8")) as { polyfillFiles?: string[] };
  const dropped = manifest.polyfillFiles?.length ?? 0;
  if (dropped) {
    manifest.polyfillFiles = [];
    await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return dropped;
}

// `tsx scripts/lib/post-build.ts` (after `next build` in package.json's "build").
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, "post-build.ts")) {
  await dropLegacyPolyfills(path.resolve(import.meta.dirname, "..", "..", ".next"));
}
