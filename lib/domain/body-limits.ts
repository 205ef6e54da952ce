// How much a request may carry, in bytes. Server actions (next.config.js serverActions.bodySizeLimit "8mb", which
// must stay equal) and the JSON API share one figure: a report of REPORT_TEXT_MAX (2,000,000) characters is at
// most about 6 MB as UTF-8 JSON. proxy.ts answers 413 on a declared Content-Length above it; readJson counts
// what actually arrives.

export const REQUEST_BODY_LIMIT = 8 * 1024 * 1024;

/** better-auth's endpoints take a user name and a password. */
export const AUTH_BODY_LIMIT = 64 * 1024;

export const TOO_LARGE_MESSAGE = "请求内容过大（上限8 MB）";

/** Whether a Content-Length header declares more than `limit` bytes (a missing or malformed one does not). */
export function declaresMoreThan(contentLength: string | null, limit: number): boolean {
  if (contentLength === null || !/^\d+$/.test(contentLength.trim())) return false;
  return Number(contentLength.trim()) > limit;
}
