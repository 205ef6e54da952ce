// The preload that gives reads priority over figure writes: GET/HEAD requests are counted from arrival to the end of
// their response (or a dropped connection); writes and Next's static files are not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";

type State = { reads: number; others: number; changed: Set<() => void>; held: number };
const state = () => (globalThis as typeof globalThis & { luoshiReadPriority: State }).luoshiReadPriority;

let server: http.Server;
let origin: string;
const held: http.ServerResponse[] = [];
/** What the server was handed, in order (method and path), and when. */
const handed: { what: string; at: number }[] = [];

beforeAll(async () => {
  await import("./read-priority.mjs");
  server = http.createServer((request, response) => {
    handed.push({ what: `${request.method} ${request.url}`, at: performance.now() });
    held.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(done()).toBe(true);
};

describe("read priority (scripts/lib/read-priority.mjs)", () => {
  it("counts a GET in flight until its response ends, and tells the gates", async () => {
    let told = 0;
    const notify = () => void told++;
    state().changed.add(notify);
    try {
      const answered = fetch(`${origin}/plans/x`).then((r) => r.text());
      await until(() => held.length === 1);
      expect(state().reads).toBe(1);
      held.shift()!.end("ok");
      await answered;
      await until(() => state().reads === 0);
      expect(told).toBe(1);
    } finally {
      state().changed.delete(notify);
    }
  });

  it("does not count writes or static files, and a dropped connection ends the count", async () => {
    const post = fetch(`${origin}/api/v1/goals/x/entries`, { method: "POST", body: "{}" }).then((r) => r.text());
    const asset = fetch(`${origin}/_next/static/chunks/a.js`).then((r) => r.text());
    await until(() => held.length === 2);
    expect(state().reads).toBe(0);
    for (const response of held.splice(0)) response.end();
    await Promise.all([post, asset]);

    const controller = new AbortController();
    const dropped = fetch(`${origin}/`, { signal: controller.signal }).catch(() => "aborted");
    await until(() => held.length === 1);
    expect(state().reads).toBe(1);
    controller.abort();
    expect(await dropped).toBe("aborted");
    await until(() => state().reads === 0);
    held.splice(0).forEach((response) => response.destroy());
  });

  it("while a read is in flight, takes up writes one at a time at its pace, then the rest once reads are over", async () => {
    handed.length = 0;
    const read = fetch(`${origin}/plans/p`).then((r) => r.text());
    await until(() => held.length === 1);
    const startedAt = performance.now();
    const posts = [1, 2, 3].map((n) => fetch(`${origin}/api/v1/goals/g${n}/entries`, { method: "POST", body: "{}" }).then((r) => r.text()));
    await until(() => state().held === 3);
    // One write taken up per 25 ms while the read goes on, in arrival order …
    await until(() => handed.length === 2);
    expect(handed[1]!.what).toBe("POST /api/v1/goals/g1/entries");
    expect(handed[1]!.at - startedAt).toBeGreaterThanOrEqual(15);
    await until(() => handed.length === 3);
    expect(handed[2]!.what).toBe("POST /api/v1/goals/g2/entries");
    expect(handed[2]!.at - handed[1]!.at).toBeGreaterThanOrEqual(15);
    // … and once the read is answered, the rest (up to four per pace).
    const readResponse = held.shift()!;
    readResponse.end("ok");
    await read;
    await until(() => handed.length === 4 && state().held === 0);
    expect(handed[3]!.what).toBe("POST /api/v1/goals/g3/entries");
    for (const response of held.splice(0)) response.end("done");
    expect(await Promise.all(posts)).toEqual(["done", "done", "done"]);
    // With no read in flight a write is handed over at once.
    handed.length = 0;
    const alone = fetch(`${origin}/api/v1/goals/g4/entries`, { method: "POST", body: "{}" }).then((r) => r.text());
    await until(() => handed.length === 1);
    expect(state().held).toBe(0);
    held.shift()!.end("done");
    expect(await alone).toBe("done");
  });

  it("paces writes while another worker of the server has a read in flight, as the primary tells it", async () => {
    handed.length = 0;
    // What the cluster's primary sends a worker when another worker starts having reads in flight.
    process.emit("message", { luoshiOthersReading: 1 }, undefined);
    expect(state().others).toBe(1);
    const posts = [5, 6].map((n) => fetch(`${origin}/api/v1/goals/g${n}/entries`, { method: "POST", body: "{}" }).then((r) => r.text()));
    // Held on arrival, then taken up one per pace: never both at once.
    await until(() => state().held + handed.length === 2);
    expect(state().held).toBeGreaterThanOrEqual(1);
    await until(() => handed.length === 1);
    expect(state().held).toBe(1);
    // The other worker's reads are over: the rest is taken up.
    process.emit("message", { luoshiOthersReading: 0 }, undefined);
    await until(() => handed.length === 2 && state().held === 0);
    for (const response of held.splice(0)) response.end("done");
    expect(await Promise.all(posts)).toEqual(["done", "done"]);
    // Other messages are none of its business.
    process.emit("message", { something: "else" }, undefined);
    expect(state().others).toBe(0);
  });
});
