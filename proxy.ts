// Runs before every request but the JSON API's (Next 16's proxy, formerly middleware; static files too):
//  - security headers on every response, and a Content-Security-Policy whose script nonce is new per request —
//    Next reads it from the request's CSP header and puts it on its own inline scripts;
//  - refusals Next itself would answer with a 500: a body over the limit (413), a server action posted from
//    another site (403), and a path with a control character or broken percent-encoding (404; PostgreSQL refuses
//    NUL in an id) — each with a short Chinese text (JSON under /api).
// /api/v1 is left out (config.matcher below) unless its path has percent-encoding: running the proxy cost every API
// request about a millisecond of the server's CPU (a third of a figure's submission; decision 0023). Its routes set
// the same headers and body limits themselves (lib/server/api.ts handle() and readBody; next.config.js headers()).
// Only lib/domain is imported: this file is bundled apart from the app and must not load lib/server.
import { NextResponse, type NextRequest } from "next/server";
import { AUTH_BODY_LIMIT, declaresMoreThan, REPORT_UPLOAD_LIMIT, REPORT_UPLOAD_PATH, REPORT_UPLOAD_TOO_LARGE, REQUEST_BODY_LIMIT, TOO_LARGE_MESSAGE } from "@/lib/domain/body-limits";
import { isSameOrigin, originSettings } from "@/lib/domain/request-origin";
import { NON_PAGE_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, SECURITY_HEADERS } from "@/lib/domain/security-headers";

/** Marks a public board page for app/layout.tsx. */
const PUBLIC_PAGE_HEADER = "x-luoshi-public-page";

const FOREIGN_ACTION_MESSAGE = "请求来源不是本系统，已拒绝。请从本系统页面重新操作。";

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const api = pathname === "/api" || pathname.startsWith("/api/");
  const refusal = malformedPath(pathname, api) ?? (api ? apiRefusal(request, pathname) : pageRefusal(request));
  if (refusal) return secured(refusal, NON_PAGE_CONTENT_SECURITY_POLICY);
  if (api) return secured(NextResponse.next(), NON_PAGE_CONTENT_SECURITY_POLICY);

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  // 公开看板: the root layout leaves the app's header (and its links) off these pages; set on every page request,
  // so a client cannot send its own.
  requestHeaders.set(PUBLIC_PAGE_HEADER, pathname.startsWith("/public/") ? "1" : "0");
  return secured(NextResponse.next({ request: { headers: requestHeaders } }), policy);
}

function secured(response: Response, policy: string): Response {
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

/** A path no route can mean: one with a control character (NUL above all) or percent-encoding that is not UTF-8. */
function malformedPath(pathname: string, api: boolean): Response | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = "\u0000";
  }
  if (!/[\u0000-\u001F\u007F]/.test(decoded)) return null;
  return api
    ? Response.json({ error: { code: "not_found", message: "找不到该记录" } }, { status: 404, headers: { "cache-control": "no-store" } })
    : plainText("找不到该页面", 404);
}

/** JSON API and better-auth: a declared body over the limit (a body sent in chunks is counted by readJson). */
function apiRefusal(request: NextRequest, pathname: string): Response | null {
  const auth = pathname === "/api/auth" || pathname.startsWith("/api/auth/");
  // A report file may be larger than a JSON body (the route counts what arrives against the same figure).
  const upload = request.method === "POST" && pathname === REPORT_UPLOAD_PATH;
  const limit = auth ? AUTH_BODY_LIMIT : upload ? REPORT_UPLOAD_LIMIT : REQUEST_BODY_LIMIT;
  if (!declaresMoreThan(request.headers.get("content-length"), limit)) return null;
  // Each in the error shape its callers read: better-auth's {code, message}, or /api/v1's envelope.
  const message = upload ? REPORT_UPLOAD_TOO_LARGE : TOO_LARGE_MESSAGE;
  const body = auth ? { code: "TOO_LARGE", message: "请求内容过大" } : { error: { code: "too_large", message } };
  return Response.json(body, { status: 413, headers: { "cache-control": "no-store" } });
}

/**
 * Pages take POSTs only as server actions. Next answers an oversized one, or one whose Origin is not the host it
 * was sent to, with a 500; this answers 413 / 403 first. A POST without Origin is left to Next (browsers always
 * send one; a hand-made request carries no one else's cookies).
 */
function pageRefusal(request: NextRequest): Response | null {
  if (request.method !== "POST") return null;
  if (declaresMoreThan(request.headers.get("content-length"), REQUEST_BODY_LIMIT)) return plainText(TOO_LARGE_MESSAGE, 413);
  const origin = request.headers.get("origin");
  if (origin !== null && !isSameOrigin(origin, request.headers, originSettings(process.env))) return plainText(FOREIGN_ACTION_MESSAGE, 403);
  return null;
}

function plainText(text: string, status: number): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/**
 * Every path but /api/v1/…, and those too when they carry percent-encoding: no id of ours needs it, and only the
 * proxy can refuse a broken one before Next answers it with a 500. Matched against the path as sent (encoded).
 */
export const config = { matcher: ["/((?!api/v1/).*)", "/api/v1/(.*%.*)"] };
