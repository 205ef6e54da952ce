import "server-only";
import type { z } from "zod";
import { declaresMoreThan, REQUEST_BODY_LIMIT, TOO_LARGE_MESSAGE } from "@/lib/domain/body-limits";
import { ERROR_MESSAGES, HTTP_STATUS, fail, ok, type AppError, type Result } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { boardQuery, fieldErrors, type BoardQuery } from "@/lib/domain/inputs";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { cookieWriteProblem, originSettings } from "@/lib/domain/request-origin";
import { NON_PAGE_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "@/lib/domain/security-headers";
import { LIGHTS, STATUS_CODES } from "@/lib/domain/status";
import { apiActor } from "./auth";

// The JSON side of /api/v1: a Result becomes `{...}` or `{"error":{"code","message","fields"?}}` with its status.

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

export function errorResponse(error: AppError): Response {
  // The generic "输入有误" says nothing to a script; lead with the field messages instead.
  const message =
    error.code === "validation" && error.fields && error.message === ERROR_MESSAGES.validation
      ? Object.values(error.fields).join("；")
      : error.message;
  const body = {
    error: { code: error.code, message, ...(error.fields ? { fields: error.fields } : {}), ...(error.warnings ? { warnings: error.warnings } : {}) },
  };
  const headers: Record<string, string> = error.code === "unauthenticated" ? { "www-authenticate": 'Bearer realm="luoshi"' } : {};
  return json(body, HTTP_STATUS[error.code], headers);
}

/** Sends `present(value)` with `status`, or the error. */
export function respond<T>(result: Result<T>, present: (value: T) => unknown, status = 200): Response {
  return result.ok ? json(present(result.value), status) : errorResponse(result.error);
}

/** The request body as bytes, refused (413) once it passes `limit` — counted as it arrives, whatever it declared. */
async function readBody(request: Request, limit: number, tooLarge = TOO_LARGE_MESSAGE): Promise<Result<Uint8Array>> {
  if (declaresMoreThan(request.headers.get("content-length"), limit)) return fail("too_large", tooLarge);
  if (!request.body) return ok(new Uint8Array());
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return fail("too_large", tooLarge);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return ok(body);
}

/**
 * The request body as JSON; a body that is not JSON is a 400, never a validation error, and one over 8 MB a 413
 * (`too_large`).
 */
export async function readJson(request: Request): Promise<Result<unknown>> {
  const body = await readBody(request, REQUEST_BODY_LIMIT);
  if (!body.ok) return body;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body.value);
  } catch {
    return fail("bad_request", "请求体不是有效的 UTF-8 文本");
  }
  if (!text.trim()) return fail("bad_request", "请求体为空，应为 JSON 对象");
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== "object" || body === null || Array.isArray(body)) return fail("bad_request", "请求体应为 JSON 对象");
    return ok(body);
  } catch {
    return fail("bad_request", "请求体不是有效的 JSON");
  }
}

/**
 * A multipart/form-data body (a file upload), refused (413) once it passes `limit` bytes as it arrives; a body that
 * is not multipart is a 400.
 */
export async function readForm(request: Request, limit: number, tooLarge?: string): Promise<Result<FormData>> {
  const type = request.headers.get("content-type") ?? "";
  if (type.split(";")[0]?.trim().toLowerCase() !== "multipart/form-data") return fail("bad_request", "请求体须为 multipart/form-data（文件放在字段 file 中）");
  const body = await readBody(request, limit, tooLarge);
  if (!body.ok) return body;
  try {
    return ok(await new Response(body.value as Uint8Array<ArrayBuffer>, { headers: { "content-type": type } }).formData());
  } catch {
    return fail("bad_request", "无法解析上传的表单（multipart/form-data）");
  }
}

/** The query string as a plain object (first value of each key), for the shared zod schemas. */
export function queryOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in out)) out[key] = value;
  return out;
}

/**
 * Runs a handler; an exception is a bug, so it is logged and answered with a JSON 500 rather than
 * Next's HTML error page (API clients always get the error envelope). Either answer gets the security headers.
 */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    console.error("[api/v1]", error);
    response = json({ error: { code: "internal", message: "服务器内部错误，请稍后重试或联系管理员" } }, 500);
  }
  return secured(response);
}

/**
 * The security headers proxy.ts puts on every other answer, with the policy that lets nothing run or load: the proxy
 * does not run for /api/v1 (its config.matcher), so every route's answer passes through here.
 */
export function secured(response: Response): Response {
  let headers = response.headers;
  try {
    headers.set("Content-Security-Policy", NON_PAGE_CONTENT_SECURITY_POLICY);
  } catch {
    // A response whose headers cannot change (one from fetch, Response.redirect): the same body in a new one.
    response = new Response(response.body, response);
    headers = response.headers;
    headers.set("Content-Security-Policy", NON_PAGE_CONTENT_SECURITY_POLICY);
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  return response;
}

/** Parses the query string with a shared zod schema; bad values are a 422 with field messages. */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request): Result<z.output<S>> {
  const parsed = schema.safeParse(queryOf(request));
  return parsed.success ? ok(parsed.data) : fail("validation", undefined, fieldErrors(parsed.error));
}

/**
 * A record id from the URL (route params): one that cannot name a record (NUL, a path, 10 kB of text) is a
 * 404 before any query is made. `message` defaults to "找不到该记录".
 */
export function paramId(id: string, message?: string): Result<string> {
  return isPlausibleId(id) ? ok(id) : fail("not_found", message);
}

/**
 * The caller, who must be signed in (any role may read). Checked before the body or query is looked at,
 * so an anonymous caller learns nothing but 401; each lib/server function still checks its own permission.
 */
export async function caller(request: Request, options: { multipart?: boolean } = {}): Promise<Result<Actor>> {
  // A change made with the browser's cookies must come from our own pages, as JSON (see request-origin.ts) — or,
  // for a file upload endpoint, as multipart/form-data.
  const crossSite = cookieWriteProblem(request, originSettings(process.env), options);
  if (crossSite) return fail("forbidden", crossSite);
  const actor = await apiActor(request);
  if (actor) return authorize(actor, { action: "read" });
  return request.headers.has("authorization")
    ? fail("unauthenticated", "访问令牌无效、已撤销或已过期")
    : fail("unauthenticated", "请提供访问令牌（Authorization: Bearer <令牌>）或先登录");
}

/** The board's query: asOf a calendar date, status a status code or a light. */
export function parseBoardQuery(request: Request): Result<BoardQuery> {
  const query = parseQuery(boardQuery, request);
  if (!query.ok) return query;
  const status = query.value.status;
  if (status && !(STATUS_CODES as readonly string[]).includes(status) && !(LIGHTS as readonly string[]).includes(status)) {
    return fail("validation", undefined, { status: `状态应为 ${STATUS_CODES.join("、")} 或灯色 ${LIGHTS.join("、")} 之一` });
  }
  return query;
}

const asOfQuery = boardQuery.pick({ asOf: true });

/** `?asOf=YYYY-MM-DD` (optional; default today in Asia/Shanghai). */
export function parseAsOf(request: Request): Result<string | undefined> {
  const query = parseQuery(asOfQuery, request);
  return query.ok ? ok(query.value.asOf) : query;
}
