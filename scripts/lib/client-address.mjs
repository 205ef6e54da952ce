// Preloaded into the Next.js server by scripts/start.ts (`node --import`), before Next creates its HTTP server.
//
// Sign-in limits count attempts per client address, but Next 16 gives route handlers and proxy.ts no socket
// address, and keeps whatever X-Forwarded-For a client sends (it fills the header in only when it is missing).
// So every request is stamped here, before Next sees it, with the address it really comes from:
//  - by default, the TCP peer's address, which also replaces any X-Forwarded-For the client sent;
//  - with LUOSHI_TRUSTED_PROXY=1 (a reverse proxy in front that appends the client to X-Forwarded-For), the
//    last X-Forwarded-For entry — the one that proxy added.
// The app reads the stamp only when this module announced its header (lib/server/client-address.ts), so a client
// cannot supply one where the preload is not running. See docs/decisions/0004-request-security.md.
import http from "node:http";

const HEADER = "x-luoshi-client-address";
const trustedProxy = process.env.LUOSHI_TRUSTED_PROXY === "1";

/** "::ffff:10.0.0.5" → "10.0.0.5"; anything that is not an address → "". */
function plainAddress(value) {
  const address = String(value ?? "").trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1];
  return /^[0-9a-f.:]{2,45}$/.test(address) ? address : "";
}

function stamp(request) {
  const peer = plainAddress(request.socket?.remoteAddress);
  let address = peer;
  if (trustedProxy) {
    const hops = String(request.headers["x-forwarded-for"] ?? "").split(",");
    address = plainAddress(hops[hops.length - 1]) || peer;
  } else if (peer) {
    request.headers["x-forwarded-for"] = peer;
  } else {
    delete request.headers["x-forwarded-for"];
  }
  if (address) request.headers[HEADER] = address;
  else delete request.headers[HEADER];
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitStamped(event, ...args) {
  if (event === "request" && args[0]) stamp(args[0]);
  return emit.call(this, event, ...args);
};

process.env.LUOSHI_CLIENT_ADDRESS_HEADER = HEADER;
