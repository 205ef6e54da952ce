// Which origins the app accepts browser writes from. The app may be reached under any name (127.0.0.1,
// localhost, a LAN address, a proxy's public name), and Next builds request.url from the address it listens on,
// so the only honest answer to "where was this request sent?" is the Host header — or, behind a reverse proxy the
// operator trusts (LUOSHI_TRUSTED_PROXY=1), X-Forwarded-Host. LUOSHI_TRUSTED_ORIGINS (comma-separated origins)
// adds names a proxy does not pass on. Used by better-auth's origin check, the JSON API and server actions.

export interface OriginSettings {
  /** LUOSHI_TRUSTED_PROXY=1: X-Forwarded-Host / X-Forwarded-For come from a reverse proxy we trust. */
  trustedProxy: boolean;
  /** LUOSHI_TRUSTED_ORIGINS, each normalised to "scheme://host[:port]". */
  trustedOrigins: readonly string[];
}

export interface HeaderReader {
  get(name: string): string | null;
}

/** The settings from environment variables (passed in: this module reads nothing itself). */
export function originSettings(env: Record<string, string | undefined>): OriginSettings {
  const trustedOrigins: string[] = [];
  for (const entry of (env.LUOSHI_TRUSTED_ORIGINS ?? "").split(",")) {
    const origin = parseOrigin(entry.trim());
    if (origin) trustedOrigins.push(origin.origin);
  }
  return { trustedProxy: env.LUOSHI_TRUSTED_PROXY === "1", trustedOrigins };
}

function parseOrigin(value: string): URL | null {
  if (!value || value === "null") return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * Whether the app is known to be served over https only: every listed origin is https. Session cookies are marked
 * Secure then; otherwise they cannot be, since browsers drop Secure cookies on a plain-http LAN address.
 */
export function servedOverHttpsOnly(settings: OriginSettings): boolean {
  return settings.trustedOrigins.length > 0 && settings.trustedOrigins.every((origin) => origin.startsWith("https://"));
}

// host[:port] as browsers send it: a name, an IPv4 address or a bracketed IPv6 address. Nothing else (no "@",
// "/" or spaces) may be read as a host.
const HOST_HEADER = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The host ("name[:port]") the request was addressed to, or null when the header is missing or malformed. */
export function requestHost(headers: HeaderReader, settings: OriginSettings): string | null {
  const forwarded = settings.trustedProxy ? headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwarded || headers.get("host")?.trim();
  return host && HOST_HEADER.test(host) ? host.toLowerCase() : null;
}

/** The origins a browser on this app would send: the request's host over http and https, and the configured ones. */
export function allowedOrigins(headers: HeaderReader, settings: OriginSettings): string[] {
  const host = requestHost(headers, settings);
  return [...(host ? [`http://${host}`, `https://${host}`] : []), ...settings.trustedOrigins];
}

/**
 * Whether an Origin header names this app: one of the configured origins, or the request's own host (compared
 * as host and port, the scheme's default port filled in, as Next compares them for server actions).
 */
export function isSameOrigin(origin: string | null | undefined, headers: HeaderReader, settings: OriginSettings): boolean {
  const url = parseOrigin(origin?.trim() ?? "");
  if (!url) return false;
  if (settings.trustedOrigins.includes(url.origin)) return true;
  const host = requestHost(headers, settings);
  if (!host) return false;
  try {
    return new URL(`${url.protocol}//${host}`).host === url.host;
  } catch {
    return false;
  }
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export const CROSS_SITE_MESSAGE = "请求来源不是本系统：凭登录状态修改数据的请求须从本系统页面发出（脚本请使用访问令牌）";
export const JSON_ONLY_MESSAGE = "请求体须为 JSON（Content-Type: application/json）";
export const UPLOAD_ONLY_MESSAGE = "请求体须为 multipart/form-data（文件放在字段 file 中）";

/**
 * The JSON API's rule for a request that changes data on the strength of the browser's cookies (no
 * Authorization header): it must come from the app's own pages (Origin) and carry JSON, which a cross-site form
 * cannot send without CORS. Returns the Chinese reason for a 403, or null when the request may proceed.
 * Bearer-token requests and reads are not concerned; neither is a request without cookies (it is anonymous).
 */
export function cookieWriteProblem(
  request: { method: string; headers: HeaderReader },
  settings: OriginSettings,
  /** Media types the endpoint takes besides JSON: only multipart/form-data, for a file upload, same-origin still required. */
  options: { multipart?: boolean } = {},
): string | null {
  const { headers } = request;
  if (!WRITE_METHODS.has(request.method.toUpperCase())) return null;
  if (headers.get("authorization") !== null || headers.get("cookie") === null) return null;
  if (!isSameOrigin(headers.get("origin"), headers, settings)) return CROSS_SITE_MESSAGE;
  const hasBody = Number(headers.get("content-length") ?? "0") > 0 || headers.get("transfer-encoding") !== null;
  if (request.method.toUpperCase() === "DELETE" && !hasBody) return null;
  const mediaType = headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType === "application/json") return null;
  if (options.multipart) return mediaType === "multipart/form-data" ? null : UPLOAD_ONLY_MESSAGE;
  return JSON_ONLY_MESSAGE;
}
