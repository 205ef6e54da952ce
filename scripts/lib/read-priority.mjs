// Preloaded into the Next.js server with client-address.mjs (`node --import`), before Next creates its HTTP server.
//
// Reads people wait for take priority over figure writes (decision 0020): every GET or HEAD request in flight in this
// process — a page, the board or plan list API — is counted here from its arrival to the end of its response, and
// lib/server/write-gate.ts starts figure writes one at a time while the count is above zero. Only Next's static
// files are left out. Counting at the socket covers the whole request (sign-in check, queries, rendering,
// streaming), which no code inside the app can see from end to end.
import http from "node:http";

const state = (globalThis.luoshiReadPriority ??= { reads: 0, changed: new Set() });

function counts(request) {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const url = request.url ?? "";
  return !url.startsWith("/_next/static/") && !url.startsWith("/favicon");
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitCounted(event, ...args) {
  if (event === "request" && args[0] && args[1] && counts(args[0])) {
    state.reads++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      state.reads--;
      for (const notify of state.changed) notify();
    };
    args[1].once("finish", end);
    args[1].once("close", end);
  }
  return emit.call(this, event, ...args);
};
