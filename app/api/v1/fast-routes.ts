import "server-only";
// The two requests a morning of reporting is made of — a figure's submission and its approval — served by their own
// route handlers without Next's request pipeline (decision 0024). Next's routing, its request and response wrappers
// and its async contexts cost each of them about 2.3 ms of a worker's CPU, more than half of it; with 32 writers on
// two cores that was the gap to 300 writes a second. The handlers are the routes' own exports (the same code
// Next runs for every other caller of the same paths: tests, `next dev`, a path that does not match below), called
// with a standard Request: they read nothing of Next's (no next/headers, no cookies(), no after()) and set their
// own headers (handle(), lib/server/api.ts).
//
// register() (instrumentation.ts) puts the table on globalThis, where scripts/lib/serve.mjs's listener finds it;
// until then, and for every request it does not match, Next serves as before.
import { POST as submitEntry } from "@/app/api/v1/goals/[goalId]/entries/route";
import { POST as approveEntry } from "@/app/api/v1/entries/[versionId]/approve/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface FastRoute {
  method: "POST";
  /** Matched against the path as sent, query string excluded: ids of ours only, nothing percent-encoded. */
  pattern: RegExp;
  /** The name of the one path parameter, captured by the pattern's first group. */
  param: string;
  handler: Handler;
}

const ID = "([A-Za-z0-9_-]{1,64})";

export const FAST_ROUTES: readonly FastRoute[] = [
  { method: "POST", pattern: new RegExp(`^/api/v1/goals/${ID}/entries$`), param: "goalId", handler: submitEntry as Handler },
  { method: "POST", pattern: new RegExp(`^/api/v1/entries/${ID}/approve$`), param: "versionId", handler: approveEntry as Handler },
];

/** Offers the fast routes to the server's listener in this process (scripts/lib/serve.mjs). */
export function registerFastRoutes(): void {
  (globalThis as typeof globalThis & { luoshiFastRoutes?: readonly FastRoute[] }).luoshiFastRoutes = FAST_ROUTES;
}
