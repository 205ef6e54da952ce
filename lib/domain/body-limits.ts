// How much a request may carry, in bytes. Server actions (next.config.js serverActions.bodySizeLimit "8mb", which
// must stay equal) and the JSON API share one figure: a report of REPORT_TEXT_MAX (2,000,000) characters is at
// most about 6 MB as UTF-8 JSON. proxy.ts answers 413 on a declared Content-Length above it; readJson counts
// what actually arrives.

export const REQUEST_BODY_LIMIT = 8 * 1024 * 1024;

/** An uploaded report file (.txt/.docx/.pdf, POST /api/v1/imports): lib/server/import/read.ts refuses more. */
export const REPORT_FILE_LIMIT = 20 * 1024 * 1024;

/**
 * The whole upload request: the file, the other form fields and the multipart framing. proxy.ts allows it on
 * POST /api/v1/imports alone; next.config.js's experimental.proxyClientMaxBodySize ("21mb") must stay above it, or
 * Next silently cuts the body it buffers for the proxy at that size (10 MB by default).
 */
export const REPORT_UPLOAD_LIMIT = REPORT_FILE_LIMIT + 64 * 1024;
export const REPORT_UPLOAD_PATH = "/api/v1/imports";
export const REPORT_UPLOAD_TOO_LARGE = `文件过大（上限 ${REPORT_FILE_LIMIT / 1024 / 1024} MB），请删去图片或拆分后上传`;

/** better-auth's endpoints take a user name and a password. */
export const AUTH_BODY_LIMIT = 64 * 1024;

export const TOO_LARGE_MESSAGE = "请求内容过大（上限8 MB）";

/** Whether a Content-Length header declares more than `limit` bytes (a missing or malformed one does not). */
export function declaresMoreThan(contentLength: string | null, limit: number): boolean {
  if (contentLength === null || !/^\d+$/.test(contentLength.trim())) return false;
  return Number(contentLength.trim()) > limit;
}
