// The server's side of the fast routes (decision 0024): a request matching a registered route is answered by its
// handler with a standard Request (headers as Node parsed them, the body as a stream); every other request goes to
// the server's own listener untouched; an unread body leaves the connection usable; a failure is a JSON 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { fastRouteFor, installFastRoutes, type FastRouteTableEntry } from "./fast-routes.mjs";

const slot = globalThis as typeof globalThis & { luoshiFastRoutes?: readonly FastRouteTableEntry[] };
let server: http.Server;
let origin: string;
/** What the server's own listener was handed. */
const passed: string[] = [];
/** What the fast handler saw. */
const seen: { url: string; params: Record<string, string>; headers: Record<string, string>; body?: string }[] = [];

const ID = "([A-Za-z0-9_-]{1,64})";
const routes: FastRouteTableEntry[] = [
  {
    method: "POST",
    pattern: new RegExp(`^/api/v1/goals/${ID}/entries$`),
    param: "goalId",
    handler: async (request, { params }) => {
      const body = await request.text();
      seen.push({ url: request.url, params: await params, headers: Object.fromEntries(request.headers), body });
      if (body === "throw") throw new Error("boom");
      const response = new Response(JSON.stringify({ ok: true, length: body.length }), { status: 201, headers: { "content-type": "application/json" } });
      response.headers.append("set-cookie", "a=1");
      response.headers.append("set-cookie", "b=2");
      return response;
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^/api/v1/entries/${ID}/approve$`),
    param: "versionId",
    // Answers without reading the body, as a 401 does.
    handler: async (request, { params }) => {
      seen.push({ url: request.url, params: await params, headers: Object.fromEntries(request.headers) });
      return new Response("{}", { status: 401 });
    },
  },
];

beforeAll(async () => {
  installFastRoutes();
  server = http.createServer((request, response) => {
    passed.push(`${request.method} ${request.url}`);
    request.resume();
    response.end("next");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete slot.luoshiFastRoutes;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("fast routes (scripts/lib/fast-routes.mjs)", () => {
  it("match only their method and exact path: no trailing slash, percent-encoding, other characters or prefixes", () => {
    const match = (method: string, url: string) => fastRouteFor({ method, url }, routes)?.params ?? null;
    expect(match("POST", "/api/v1/goals/c123abc/entries")).toEqual({ goalId: "c123abc" });
    expect(match("POST", "/api/v1/goals/c123abc/entries?asOf=2024-07-01")).toEqual({ goalId: "c123abc" });
    expect(match("POST", "/api/v1/entries/c9_x-1/approve")).toEqual({ versionId: "c9_x-1" });
    for (const [method, url] of [
      ["GET", "/api/v1/goals/c123abc/entries"],
      ["PUT", "/api/v1/goals/c123abc/entries"],
      ["POST", "/api/v1/goals/c123abc/entries/"],
      ["POST", "/api/v1/goals/c%31/entries"],
      ["POST", "/api/v1/goals/a.b/entries"],
      ["POST", "/api/v1/goals//entries"],
      ["POST", "//api/v1/goals/c1/entries"],
      ["POST", "/api/v1/goals/c1/entries/x"],
      ["POST", `/api/v1/goals/${"a".repeat(65)}/entries`],
      ["POST", "/api/v1/entries/c1/return"],
    ]) {
      expect(match(method!, url!), `${method} ${url}`).toBeNull();
    }
    expect(fastRouteFor({ method: "POST", url: "/api/v1/goals/c1/entries" }, undefined)).toBeNull();
  });

  it("leave every request to the server's listener until the app registers them", async () => {
    delete slot.luoshiFastRoutes;
    expect(await (await fetch(`${origin}/api/v1/goals/c1/entries`, { method: "POST", body: "{}" })).text()).toBe("next");
    expect(passed.at(-1)).toBe("POST /api/v1/goals/c1/entries");
  });

  it("answer a matching request with its handler: the URL, params, headers as parsed, the body, every cookie", async () => {
    slot.luoshiFastRoutes = routes;
    const response = await fetch(`${origin}/api/v1/goals/g1/entries?asOf=2024-07-01`, {
      method: "POST",
      headers: { authorization: "Bearer t", "x-luoshi-client-address": "10.0.0.9" },
      body: JSON.stringify({ value: "中文" }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true, length: JSON.stringify({ value: "中文" }).length });
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    const last = seen.at(-1)!;
    expect(new URL(last.url).pathname + new URL(last.url).search).toBe("/api/v1/goals/g1/entries?asOf=2024-07-01");
    expect(last.params).toEqual({ goalId: "g1" });
    expect(last.headers.authorization).toBe("Bearer t");
    expect(last.headers["x-luoshi-client-address"]).toBe("10.0.0.9");
    // Everything else still reaches the server's listener.
    const before = passed.length;
    expect(await (await fetch(`${origin}/api/v1/goals/g1/entries`)).text()).toBe("next");
    expect(await (await fetch(`${origin}/api/v1/goals/g%31/entries`, { method: "POST", body: "{}" })).text()).toBe("next");
    expect(passed.length).toBe(before + 2);
  });

  it("read a large body as it comes, and leave the connection usable after a body left unread", async () => {
    slot.luoshiFastRoutes = routes;
    const big = "x".repeat(3_000_000);
    const response = await fetch(`${origin}/api/v1/goals/g2/entries`, { method: "POST", body: big });
    expect(await response.json()).toEqual({ ok: true, length: big.length });
    // Two requests on one connection: the first's 200 kB body never read by its handler.
    const socket = net.connect((server.address() as AddressInfo).port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    let got = "";
    socket.on("data", (chunk) => (got += chunk));
    const unread = "y".repeat(200_000);
    socket.write(`POST /api/v1/entries/v1/approve HTTP/1.1\r\nHost: a\r\nContent-Length: ${unread.length}\r\n\r\n${unread}`);
    socket.write(`POST /api/v1/goals/g3/entries HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}`);
    for (let i = 0; i < 200 && (got.match(/HTTP\/1\.1 \d+/g) ?? []).length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    socket.destroy();
    expect(got.match(/HTTP\/1\.1 \d+/g)).toEqual(["HTTP/1.1 401", "HTTP/1.1 201"]);
  });

  it("answer a handler's failure with the API's JSON 500", async () => {
    slot.luoshiFastRoutes = routes;
    const response = await fetch(`${origin}/api/v1/goals/g4/entries`, { method: "POST", body: "throw" });
    expect(response.status).toBe(500);
    expect((await response.json()).error.code).toBe("internal");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});
