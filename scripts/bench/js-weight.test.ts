import { describe, expect, it } from "vitest";
import { referencedScripts } from "./js-weight";

describe("referencedScripts", () => {
  it("lists every script the HTML references once — src, preloads and nomodule polyfills — and no inline script or stylesheet", () => {
    const html =
      '<link rel="stylesheet" href="/_next/static/chunks/a.css"/>' +
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/main.js"/>' +
      '<script src="/_next/static/chunks/main.js" async=""></script>' +
      '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>' +
      "<link rel='modulepreload' href='/_next/static/chunks/page.js?v=1&amp;x=2'/>" +
      '<script>self.__next_f.push([1,"<script src=\\"/fake.js\\">"])</script>';
    expect(referencedScripts(html, "http://127.0.0.1:3190/plans/p1?asOf=2024-07-15")).toEqual([
      "http://127.0.0.1:3190/_next/static/chunks/main.js",
      "http://127.0.0.1:3190/_next/static/chunks/polyfills.js",
      "http://127.0.0.1:3190/_next/static/chunks/page.js?v=1&x=2",
    ]);
  });
});
