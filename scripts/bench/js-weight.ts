// The board page's first-load JavaScript (issue 10): the sum of the gzip (level 6) sizes of every script its HTML
// references — <script src> and <link rel="preload"|"modulepreload" as="script">, each URL counted once. Inline
// scripts (the RSC payload) are the page's data, not its code, and are left to the HTML size.
import { gzipSync } from "node:zlib";

export const JS_WEIGHT_TARGET_KB = 150;

export interface JsWeight {
  scripts: { url: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
  targetKb: number;
  holds: boolean;
}

/** The script URLs an HTML page references, in order of first appearance, resolved against pageUrl. */
export function referencedScripts(html: string, pageUrl: string): string[] {
  const urls = new Set<string>();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/gi) ?? []) {
    const attr = (name: string) => tag.match(new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`, "i"));
    const value = (name: string) => { const m = attr(name); return m ? (m[1] ?? m[2] ?? "").replaceAll("&amp;", "&") : null; };
    let src: string | null = null;
    if (/^<script/i.test(tag)) src = value("src");
    else if (/^(?:preload|modulepreload)$/i.test(value("rel") ?? "") && (value("as") ?? "script").toLowerCase() === "script") src = value("href");
    if (src) urls.add(new URL(src, pageUrl).toString());
  }
  return [...urls];
}

/** Fetches the page (with the signed-in cookie) and every script it references; sums their gzip level-6 sizes. */
export async function measureJsWeight(pageUrl: string, cookie: string): Promise<JsWeight> {
  const page = await fetch(pageUrl, { headers: { cookie }, redirect: "manual" });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`GET ${pageUrl}: ${page.status}`);
  const scripts = await Promise.all(referencedScripts(html, pageUrl).map(async (url) => {
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    return { url, bytes: body.byteLength, gzipBytes: gzipSync(body, { level: 6 }).byteLength };
  }));
  const gzipBytes = scripts.reduce((n, s) => n + s.gzipBytes, 0);
  return { scripts, gzipBytes, targetKb: JS_WEIGHT_TARGET_KB, holds: gzipBytes <= JS_WEIGHT_TARGET_KB * 1024 };
}

export function jsWeightLine(weight: JsWeight): string {
  return `board page JavaScript: ${(weight.gzipBytes / 1024).toFixed(1)} KB gzip in ${weight.scripts.length} scripts ` +
    `(target ≤ ${weight.targetKb} KB: ${weight.holds ? "yes" : "NO"})`;
}
