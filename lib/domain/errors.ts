// Expected failures travel as typed results; this is the one place their codes get Chinese messages.
import { FORBIDDEN, NOT_FOUND } from "./messages";

export type ErrorCode =
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "validation"
  | "conflict"
  | "rate_limited"
  | "bad_request"
  | "needs_confirmation"
  | "too_large";

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  unauthenticated: "请先登录",
  forbidden: FORBIDDEN.generic,
  not_found: NOT_FOUND.record,
  validation: "输入有误，请按提示修改",
  conflict: "数据已被修改或与现有记录冲突，请刷新后重试",
  rate_limited: "尝试次数过多，请稍后再试",
  bad_request: "请求格式不正确",
  needs_confirmation: "数据看起来可能有误，请核对后确认提交",
  too_large: "请求内容过大",
};

export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  rate_limited: 429,
  bad_request: 400,
  needs_confirmation: 422,
  too_large: 413,
};

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Per-field messages for forms (field name → Chinese message). */
  fields?: Record<string, string>;
  /** Plausibility warnings (needs_confirmation): what looks wrong, to confirm with a note. */
  warnings?: { code: string; message: string }[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message?: string, fields?: Record<string, string>): { ok: false; error: AppError } {
  return { ok: false, error: { code, message: message ?? ERROR_MESSAGES[code], ...(fields ? { fields } : {}) } };
}

/** What every server action that is not a form answers: done, or why not (Chinese, fit to show). */
export type ActionResult = { ok: true; message: string } | { ok: false; message: string };
