// The zod schemas of the entry model's edges: a figure, a review decision, a period lock. Shared by the form
// actions and the API routes.
import { z } from "zod";
import { calendarDate, entryInput, PERIOD_PATTERN } from "../inputs";
import { optionalText, safeText } from "../text";
import { ENTRY_MESSAGES } from "../messages";

const flag = z.preprocess(
  (v) => (v === "on" || v === "true" || v === "1" ? true : v === "false" || v === "0" || v === "" ? false : v),
  z.boolean({ message: "应为 true 或 false" }),
);

/** A figure as the form and the API send it: entryInput (period, typed value, note) plus the supervision fields. */
export const entrySubmitInput = entryInput.extend({
  confirm: flag.optional(),
  reportedAt: z
    .string({ message: "填报日期格式应为 YYYY-MM-DD" })
    .max(40, { message: "填报日期格式应为 YYYY-MM-DD" })
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined))
    .pipe(calendarDate.optional()),
  baseVersion: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number({ message: "版本号应为不小于0的整数" }).int({ message: "版本号应为不小于0的整数" }).min(0, { message: "版本号应为不小于0的整数" }).max(1_000_000, { message: "版本号过大" }).optional(),
  ),
});
export type EntrySubmitInput = z.infer<typeof entrySubmitInput>;

export const returnInput = z.object({
  reason: safeText(500, "退回原因", { multiline: true, min: { length: 1, message: ENTRY_MESSAGES.returnReason } }),
});

export const reviewBatchInput = z.object({
  versionIds: z.array(z.string().max(64), { message: "请选择要审核的填报" }).min(1, { message: "请选择要审核的填报" }).max(500, { message: "一次最多审核500条" }),
});

export const lockInput = z.object({
  period: z
    .string({ message: "请选择期间" })
    .max(16, { message: "期间格式应为 2024-06、2024-Q2、2024-H1 或 2024" })
    .trim()
    .regex(PERIOD_PATTERN, { message: "期间格式应为 2024-06、2024-Q2、2024-H1 或 2024" }),
  reason: optionalText(500, "原因", { multiline: true }),
});


/** `includePending=1|true|0|false` on a board query; absent: false. */
export const includePendingQuery = z.object({
  includePending: z
    .enum(["1", "true", "0", "false", ""], { message: "includePending 应为 1 或 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
});
