// The zod schemas of the entry model's edges: a figure, a review decision, a period lock. Shared by the form
// actions and the API routes.
import { z } from "zod";
import { calendarDate, PERIOD_PATTERN } from "../inputs";

// NUL, other C0/C1 control characters (line breaks allowed where noted) and lone surrogates never reach the database.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const text = (label: string, max: number, multiline: boolean) =>
  z
    .string({ message: `${label}应为文字` })
    .max(max, { message: `${label}不能超过${max}个字` })
    .refine((s) => !(multiline ? CONTROL : CONTROL_SINGLE_LINE).test(s), { message: `${label}不能包含控制字符` })
    .transform((s) => s.trim());

const flag = z.preprocess(
  (v) => (v === "on" || v === "true" || v === "1" ? true : v === "false" || v === "0" || v === "" ? false : v),
  z.boolean({ message: "应为 true 或 false" }),
);

export const FIGURE_TEXT_MAX = 64;

export const entrySubmitInput = z.object({
  period: z
    .string({ message: "请选择填报期间" })
    .max(16, { message: "期间格式应为 2024-06、2024-Q2、2024-H1 或 2024" })
    .trim()
    .regex(PERIOD_PATTERN, { message: "期间格式应为 2024-06、2024-Q2、2024-H1 或 2024" }),
  // The figure stays raw text here: checkEntry interprets it against the goal's unit.
  value: z
    .union([z.string(), z.number()], { message: "请填写数值" })
    .transform((v) => String(v))
    .pipe(text("数值", FIGURE_TEXT_MAX, false)),
  note: text("说明", 1000, true).optional().transform((s) => (s ? s : undefined)),
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
  reason: text("退回原因", 500, true).refine((s) => s.length > 0, { message: "请填写退回原因，部门会看到它" }),
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
  reason: text("原因", 500, true).optional().transform((s) => (s ? s : undefined)),
});

export { text as safeText };

/** `includePending=1|true|0|false` on a board query; absent: false. */
export const includePendingQuery = z.object({
  includePending: z
    .enum(["1", "true", "0", "false", ""], { message: "includePending 应为 1 或 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
});
