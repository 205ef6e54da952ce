// The plan audit's query (GET /api/v1/plans/:planId/audit and the 变更记录 page): filters and the keyset cursor.
import { z } from "zod";
import { isPlausibleId } from "../ids";
import { calendarDate, PERIOD_PATTERN } from "../inputs";
import { AUDIT_ACTIONS } from "./format";

export const AUDIT_PAGE_SIZE = 50;

/** "<epoch ms>.<event id>": the last row of a page; the next page starts after it (newest first). */
const CURSOR_PATTERN = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/;

export interface AuditCursor {
  at: Date;
  id: string;
}

export function encodeAuditCursor(c: AuditCursor): string {
  return `${c.at.getTime()}.${c.id}`;
}

export function decodeAuditCursor(s: string): AuditCursor | null {
  const m = CURSOR_PATTERN.exec(s);
  if (!m) return null;
  const at = new Date(Number(m[1]));
  return Number.isNaN(at.getTime()) ? null : { at, id: m[2]! };
}

/** A query parameter as text, "" read as absent. */
const optionalText = (label: string) =>
  z
    .string({ message: `${label}参数应为文字` })
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined));

export const auditQuery = z
  .object({
    user: optionalText("用户").refine((s) => s === undefined || isPlausibleId(s), { message: "用户参数无效" }),
    action: optionalText("操作").refine((s) => s === undefined || (AUDIT_ACTIONS as string[]).includes(s), { message: "操作参数无效，应为变更记录中的操作类型，例如 entry.submit" }),
    period: optionalText("期间").refine((s) => s === undefined || PERIOD_PATTERN.test(s), { message: "期间格式应为 2024-06、2024-Q2、2024-H1 或 2024" }),
    from: optionalText("开始日期").pipe(calendarDate.optional()),
    to: optionalText("结束日期").pipe(calendarDate.optional()),
    cursor: optionalText("分页").refine((s) => s === undefined || decodeAuditCursor(s) !== null, { message: "分页参数无效，请使用上一页返回的 nextCursor" }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "开始日期不能晚于结束日期", path: ["to"] });
export type AuditQuery = z.infer<typeof auditQuery>;
