// The server's side of app/api/v1/fast-routes.ts (decision 0024): Next's HTTP server gets a request listener that
// first offers each request to the fast routes the app registered on globalThis, and passes every other request —
// and every request before the app registered them — to Next's own listener, untouched.
//
// It wraps the listener, not the server's `emit` as the preloads do (client-address.mjs, read-priority.mjs), so a
// request reaches it after their work: stamped with its client's address, counted or paced as a read or a write.
import http from "node:http";
import { API_SECURITY_HEADERS } from "../../next.config.js";

/** The handler and params for `request`, or null: Next's to serve. */
export function fastRouteFor(request, routes = globalThis.luoshiFastRoutes) {
  if (!routes || request.method !== "POST") return null;
  const url = request.url ?? "";
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  for (const route of routes) {
    if (route.method !== request.method) continue;
    const match = route.pattern.exec(path);
    if (match) return { handler: route.handler, params: { [route.param]: match[1] } };
  }
  return null;
}

/**
 * The web Request the route handler reads, as Next builds it: the path and query as sent, and the headers as Node
 * parsed them (with what the preloads stamped: the client's address).
 */
function webRequest(request) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  // Not from the Host header, which the client chooses: like Next's, the handlers read only the path and the query.
  const url = new URL(request.url ?? "/", "http://localhost");
  return new Request(url, { method: request.method, headers, body: bodyOf(request), duplex: "half" });
}

/**
 * The request's body as a web stream that reads from the socket only as the handler reads it. Cancelling it (a
 * handler that stopped at its size limit) leaves the rest to discardRest, not a destroyed socket: the connection
 * stays usable for the client's next request, as Next leaves it.
 */
function bodyOf(request) {
  return new ReadableStream({
    start(controller) {
      const onData = (chunk) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) request.pause();
      };
      const onEnd = () => controller.close();
      const onError = (error) => controller.error(error);
      request.on("data", onData);
      request.once("end", onEnd);
      request.once("error", onError);
      request.pause();
      request.luoshiStopReading = () => {
        request.off("data", onData);
        request.off("end", onEnd);
        request.off("error", onError);
      };
    },
    pull() {
      request.resume();
    },
    cancel() {
      request.luoshiStopReading?.();
    },
  });
}

/** What the handler left unread is read and dropped, as Node does for a request nobody read, so keep-alive works. */
function discardRest(request) {
  if (request.complete) return;
  request.luoshiStopReading?.();
  request.resume();
}

async function serve(route, request, response) {
  let answer;
  try {
    answer = await route.handler(webRequest(request), { params: Promise.resolve(route.params) });
  } catch (error) {
    // handle() answers every error of the route itself; this is the request that could not be built.
    console.error("[fast-routes]", error);
    answer = new Response(JSON.stringify({ error: { code: "internal", message: "服务器内部错误，请稍后重试或联系管理员" } }), {
      status: 500,
      headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...API_SECURITY_HEADERS },
    });
  }
  const body = Buffer.from(await answer.arrayBuffer());
  response.statusCode = answer.status;
  for (const [name, value] of answer.headers) if (name !== "set-cookie") response.setHeader(name, value);
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) response.setHeader("set-cookie", cookies);
  response.setHeader("content-length", body.byteLength);
  discardRest(request);
  response.end(body);
}

/** Makes every HTTP server this process creates offer its requests to the fast routes first. */
export function installFastRoutes() {
  const createServer = http.createServer;
  http.createServer = function createServerWithFastRoutes(...args) {
    const index = args.findIndex((arg) => typeof arg === "function");
    if (index >= 0) {
      const listener = args[index];
      args[index] = function listenWithFastRoutes(request, response) {
        const route = fastRouteFor(request);
        if (!route) return listener.call(this, request, response);
        serve(route, request, response).catch((error) => {
          console.error("[fast-routes]", error);
          if (!response.headersSent) response.writeHead(500);
          response.end();
        });
      };
    }
    return createServer.apply(this, args);
  };
}
