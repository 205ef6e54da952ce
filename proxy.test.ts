// proxy.ts without a server: the headers it puts on every answer, and the requests it refuses before Next would
// answer them with a 500.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { REPORT_UPLOAD_LIMIT } from "@/lib/domain/body-limits";
import nextConfig, { API_SECURITY_HEADERS } from "./next.config.js";
import { NON_PAGE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "@/lib/domain/security-headers";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { config, proxy } from "./proxy";

const HOST = "192.168.1.20:3300";

function request(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  // Next gives proxy.ts a URL built from the address it listens on; the Host header names the one the browser used.
  return new NextRequest(`http://0.0.0.0:3300${path}`, { method: init.method ?? "GET", headers: { host: HOST, ...init.headers } });
}

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
}

describe("headers", () => {
  it("a page gets a CSP with a fresh nonce, which Next reads from the request", () => {
    const first = proxy(request("/login"));
    const second = proxy(request("/login"));
    expectSecurityHeaders(first);
    const policy = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    // NextResponse.next({ request: { headers } }) passes the request headers on as x-middleware-request-*.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline/);
  });

  it("static files and the API get them too; the API's CSP allows nothing", () => {
    expectSecurityHeaders(proxy(request("/_next/static/chunks/app.js")));
    const api = proxy(request("/api/v1/plans"));
    expectSecurityHeaders(api);
    expect(api.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
  });
});

describe("server actions (POSTs to pages)", () => {
  const action = (headers: Record<string, string>) => proxy(request("/admin/users", { method: "POST", headers: { "next-action": "7f00", ...headers } }));

  it("from another origin: 403 with a Chinese text", async () => {
    for (const origin of ["http://evil.example", "null", "http://0.0.0.0:3300"]) {
      const response = action({ origin });
      expect(response.status, origin).toBe(403);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await response.text()).toMatch(/请求来源不是本系统/);
      expectSecurityHeaders(response);
    }
  });

  it("from the app's own origin, or without an Origin (not a browser), passes to Next", () => {
    expect(action({ origin: `http://${HOST}` }).headers.get("x-middleware-next")).toBe("1");
    expect(action({}).headers.get("x-middleware-next")).toBe("1");
  });

  it("over 8 MB: 413", async () => {
    const response = action({ origin: `http://${HOST}`, "content-length": String(8 * 1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("请求内容过大（上限8 MB）");
    expect(action({ origin: `http://${HOST}`, "content-length": String(8 * 1024 * 1024) }).status).toBe(200);
  });
});

// The proxy runs for /api/v1 paths with percent-encoding only (config.matcher); the routes count bodies themselves
// (request-guards.int.test.ts, imports.int.test.ts). Sign-in's limit is the proxy's alone.
describe("bodies sent to the API", () => {
  it("a declared body over 8 MB is a 413 in the API's error shape", async () => {
    const response = proxy(request("/api/v1/plans", { method: "POST", headers: { "content-length": String(9 * 1024 * 1024) } }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "too_large", message: "请求内容过大（上限8 MB）" } });
  });

  it("a report upload may carry 20 MB and its form fields; more is a 413 that speaks of the file", async () => {
    const upload = (bytes: number, path = "/api/v1/imports") => proxy(request(path, { method: "POST", headers: { "content-length": String(bytes) } }));
    expect(upload(REPORT_UPLOAD_LIMIT).status).not.toBe(413);
    expect(upload(9 * 1024 * 1024, "/api/v1/imports/x/commit").status).toBe(413);
    const refused = upload(REPORT_UPLOAD_LIMIT + 1);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: { code: "too_large", message: "文件过大（上限 20 MB），请删去图片或拆分后上传" } });
  });

  it("Next buffers at least an upload's whole body for the proxy (else it cuts it silently)", () => {
    const size = /^(\d+)mb$/.exec(String(nextConfig.experimental?.proxyClientMaxBodySize));
    expect(size).not.toBeNull();
    expect(Number(size![1]) * 1024 * 1024).toBeGreaterThanOrEqual(REPORT_UPLOAD_LIMIT);
  });

  it("sign-in takes at most 64 KB, answered in better-auth's shape", async () => {
    const response = proxy(request("/api/auth/sign-in/username", { method: "POST", headers: { "content-length": "70000" } }));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: "TOO_LARGE", message: "请求内容过大" });
  });
});

describe("paths no route can mean", () => {
  it("a control character or broken percent-encoding is a 404, never a database error", async () => {
    for (const path of ["/api/v1/plans/ab%00cd", "/api/v1/goals/x%0Ay/entries", "/api/v1/plans/ab%ED%A0%80"]) {
      const response = proxy(request(path));
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ error: { code: "not_found", message: "找不到该记录" } });
      expectSecurityHeaders(response);
    }
    const page = proxy(request("/plans/ab%00cd/goals"));
    expect(page.status).toBe(404);
    expect(await page.text()).toBe("找不到该页面");
  });

  it("ordinary and non-ASCII paths pass", () => {
    for (const path of ["/plans/cmx1viss0001m6c7dowaxka63", "/plans/%E4%B8%AD", "/api/v1/plans/abc-123_x"]) {
      expect(proxy(request(path)).headers.get("x-middleware-next"), path).toBe("1");
    }
  });
});

describe("where the proxy runs (config.matcher)", () => {
  const runs = (path: string) => unstable_doesMiddlewareMatch({ config, url: path, nextConfig });

  it("on pages, static files and sign-in, not on the JSON API (its routes set the headers themselves)", () => {
    for (const path of ["/", "/plans/cmx1viss0001m6c7dowaxka63", "/_next/static/chunks/app.js", "/api/auth/sign-in/username", "/login?next=%2F"]) {
      expect(runs(path), path).toBe(true);
    }
    for (const path of ["/api/v1/plans", "/api/v1/goals/cmx1viss0001m6c7dowaxka63/entries", "/api/v1/entries/x/approve", "/api/v1/plans?year=2026"]) {
      expect(runs(path), path).toBe(false);
    }
  });

  it("next.config.js puts the same headers on every /api/v1 answer (an unknown path's 404 has no route to set them)", async () => {
    expect(API_SECURITY_HEADERS).toEqual({ "Content-Security-Policy": NON_PAGE_CONTENT_SECURITY_POLICY, ...SECURITY_HEADERS });
    const rules = await nextConfig.headers!();
    expect(rules).toEqual([{ source: "/api/v1/:path*", headers: Object.entries(API_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }]);
  });

  it("on an API path with percent-encoding, which only the proxy can refuse before Next answers it with a 500", () => {
    for (const path of ["/api/v1/plans/ab%00cd", "/api/v1/goals/x%0Ay/entries", "/api/v1/plans/ab%ED%A0%80", "/api/v1/plans/%E4%B8%AD/board"]) {
      expect(runs(path), path).toBe(true);
    }
  });
});
