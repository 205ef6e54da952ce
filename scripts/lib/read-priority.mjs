// Preloaded into the Next.js server with client-address.mjs (`node --import`), before Next creates its HTTP server.
//
// Reads people wait for take priority over figure writes (decisions 0020 and 0021): every GET or HEAD request in
// flight in this process — a page, the board or plan list API — is counted here from its arrival to the end of its
// response, and
//  - lib/server/write-gate.ts starts figure writes one at a time while the count is above zero;
//  - writes that arrive meanwhile (POST, PUT, PATCH, DELETE: submissions, reviews, server actions) are taken up one
//    every WRITE_PACE_MS, in arrival order, instead of all at once. Their request handling (Next's routing, the
//    sign-in check, the body) costs this process's one thread a few milliseconds each: thirty writers' worth would
//    otherwise run between every step of the read's rendering. Once no read has been in flight for QUIET_MS the
//    waiting writes are taken up CATCH_UP per pace (a backlog of sixteen in 100 ms, not all at once onto the next
//    read). A write waits at most about WRITE_PACE_MS × the writes ahead of it; the other workers, not reading,
//    take theirs at full pace.
// Only Next's static files are left out. Counting at the socket covers the whole request (sign-in check, queries,
// rendering, streaming), which no code inside the app can see from end to end. LUOSHI_WRITE_PACE_MS=0 turns the
// pacing off.
import cluster from "node:cluster";
import http from "node:http";

const state = (globalThis.luoshiReadPriority ??= { reads: 0, others: 0, changed: new Set(), held: 0 });
state.others ??= 0;

/** A read is in flight here or in another worker of this server. */
const reading = () => state.reads > 0 || state.others > 0;

function paceMs() {
  const n = Number(process.env.LUOSHI_WRITE_PACE_MS ?? 25);
  return Number.isFinite(n) && n >= 0 ? n : 25;
}
const WRITE_PACE_MS = paceMs();
const QUIET_MS = 10;
/** Writes taken up per pace once no read is in flight. */
const CATCH_UP = 4;

function isRead(request) {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const url = request.url ?? "";
  return !url.startsWith("/_next/static/") && !url.startsWith("/favicon");
}

const isWrite = (request) => request.method === "POST" || request.method === "PUT" || request.method === "PATCH" || request.method === "DELETE";

const emit = http.Server.prototype.emit;
/** Writes waiting to be taken up, oldest first: the server and the request's 'request' event arguments. */
const waiting = [];
let lastReadEnded = 0;
let pacer = null;

function takeUp(entry) {
  state.held = waiting.length;
  emit.call(entry.server, "request", ...entry.args);
}

function pace() {
  if (!waiting.length) {
    clearInterval(pacer);
    pacer = null;
    return;
  }
  if (!reading() && performance.now() - lastReadEnded >= QUIET_MS) {
    // Reads are over: the backlog goes a few at a time, not all at once onto the next read that comes.
    for (let n = 0; n < CATCH_UP && waiting.length; n++) takeUp(waiting.shift());
  } else {
    takeUp(waiting.shift());
  }
}

// The workers of one server (node:cluster, scripts/lib/serve.mjs) share the cores and the database, so a read in one
// paces the writes of all: each worker tells the primary when it starts and stops having reads in flight, and the
// primary tells every worker how many others have (state.others).
function tellPrimary(readingHere) {
  if (cluster.isWorker) process.send?.({ luoshiReading: readingHere });
}

process.on("message", (message) => {
  if (typeof message?.luoshiOthersReading !== "number") return;
  const before = reading();
  state.others = message.luoshiOthersReading;
  if (before && !reading()) lastReadEnded = performance.now();
  for (const notify of state.changed) notify();
});

if (cluster.isPrimary) {
  const workersReading = new Set();
  const tellWorkers = () => {
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker?.isConnected()) worker.send({ luoshiOthersReading: workersReading.size - (workersReading.has(worker.id) ? 1 : 0) });
    }
  };
  cluster.on("message", (worker, message) => {
    if (typeof message?.luoshiReading !== "boolean") return;
    if (message.luoshiReading) workersReading.add(worker.id);
    else workersReading.delete(worker.id);
    tellWorkers();
  });
  cluster.on("exit", (worker) => {
    if (workersReading.delete(worker.id)) tellWorkers();
  });
}

http.Server.prototype.emit = function emitCounted(event, ...args) {
  if (event === "request" && args[0] && args[1]) {
    const [request, response] = args;
    if (isRead(request)) {
      if (state.reads++ === 0) tellPrimary(true);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        state.reads--;
        if (state.reads === 0) {
          tellPrimary(false);
          if (!reading()) lastReadEnded = performance.now();
        }
        for (const notify of state.changed) notify();
      };
      response.once("finish", end);
      response.once("close", end);
    } else if (WRITE_PACE_MS > 0 && isWrite(request) && (reading() || waiting.length)) {
      waiting.push({ server: this, args });
      state.held = waiting.length;
      pacer ??= setInterval(pace, WRITE_PACE_MS);
      return true;
    }
  }
  return emit.call(this, event, ...args);
};
