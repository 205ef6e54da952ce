// One zod schema per form / API body, shared by server actions and route handlers.
import { z } from "zod";

const FULL_WIDTH = /[０-９．－＋]/g;
const toHalfWidth = (s: string) =>
  s.replace(FULL_WIDTH, (c) => (c === "．" ? "." : c === "－" ? "-" : c === "＋" ? "+" : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** A plain decimal typed by an administrator (targets, margins): no units, no thousands separators. */
export const decimalString = z
  .union([z.string(), z.number()])
  .transform((v) => toHalfWidth(String(v)).trim())
  .refine((s) => /^-?\d{1,18}(\.\d{1,6})?$/.test(s), { message: "请输入数字（最多6位小数），例如 6.5" });

/** A reference that may be cleared: absent → unchanged (undefined), "" or null → none (null). */
const optionalReference = z
  .union([z.string(), z.null()])
  .optional()
  .transform((s) => (s === undefined ? undefined : s?.trim() ? s.trim() : null));

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}不能超过${max}个字` })
    .optional()
    .transform((s) => (s ? s : undefined));

export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Calendar date "YYYY-MM-DD" that actually exists (rejects 2024-02-30). */
export const calendarDate = z.string().regex(DATE_PATTERN, { message: "日期格式应为 YYYY-MM-DD" }).refine(
  (s) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  },
  { message: "日期不存在" },
);

export const entryInput = z.object({
  period: z.string({ message: "请选择填报期间" }).trim().regex(PERIOD_PATTERN, { message: "期间格式应为 2024-06、2024-Q2、2024-H1 或 2024" }),
  // The figure stays raw text here: parseFigure interprets it against the goal's unit.
  value: z.union([z.string(), z.number()], { message: "请填写数值" }).transform((v) => String(v)),
  note: optionalText(1000, "说明"),
});
export type EntryInput = z.infer<typeof entryInput>;

export const PLAN_LEVELS = ["national", "province", "city", "county", "district"] as const;
export const COMPARATORS = ["gte", "lte", "approx", "eq"] as const;
export const GOAL_KINDS = ["growth", "decrease", "level", "increment", "ratio", "milestone"] as const;
export const DIRECTIONS = ["higher", "lower"] as const;
export const FREQUENCIES = ["monthly", "quarterly", "half_yearly", "annual"] as const;
export const ROLES = ["admin", "reporter", "leader"] as const;

export const planCreateInput = z.object({
  region: z.string().trim().min(1, { message: "请填写地区，例如 牡丹江市" }).max(50, { message: "地区名称过长" }),
  level: z.enum(PLAN_LEVELS, { message: "请选择行政层级" }),
  year: z.coerce.number({ message: "请填写年份" }).int({ message: "年份应为整数" }).min(2000, { message: "年份应在2000至2100之间" }).max(2100, { message: "年份应在2000至2100之间" }).optional(),
  title: optionalText(200, "标题"),
  text: z.string({ message: "请粘贴报告全文" }).min(50, { message: "报告正文过短，请粘贴完整的政府工作报告" }).max(2_000_000, { message: "报告正文过长（上限200万字）" }),
});
export type PlanCreateInput = z.infer<typeof planCreateInput>;

export const planSettingsInput = z
  .object({
    marginBehind: decimalString,
    marginFarBehind: decimalString,
    graceDays: z.coerce.number({ message: "宽限天数应为整数" }).int({ message: "宽限天数应为整数" }).min(0, { message: "宽限天数不能为负" }).max(90, { message: "宽限天数不超过90天" }),
  })
  .refine((s) => Number(s.marginBehind) > 0 && Number(s.marginBehind) < Number(s.marginFarBehind) && Number(s.marginFarBehind) < 1, {
    message: "应满足 0 < 滞后阈值 < 严重滞后阈值 < 1",
    path: ["marginFarBehind"],
  });

const goalFields = {
  metric: z.string().trim().min(1, { message: "请填写指标名称" }).max(200, { message: "指标名称过长" }),
  targetValue: decimalString,
  targetValueHigh: decimalString.optional(),
  unit: z.string().trim().min(1, { message: "请填写单位，例如 %、万亩、个" }).max(20, { message: "单位过长" }),
  comparator: z.enum(COMPARATORS, { message: "请选择比较方式" }),
  kind: z.enum(GOAL_KINDS, { message: "请选择指标类型" }),
  direction: z.enum(DIRECTIONS, { message: "请选择方向" }).optional(),
  accumulates: z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" ? false : v), z.boolean()).optional(),
  frequency: z.enum(FREQUENCIES, { message: "请选择填报频次" }),
  sectionId: optionalReference,
  leadDepartmentId: optionalReference,
  coDepartmentIds: z.array(z.string().trim().min(1)).max(20).optional(),
  quote: optionalText(1000, "原文"),
  description: optionalText(2000, "说明"),
};

export const goalCreateInput = z.object(goalFields);
export type GoalCreateInput = z.infer<typeof goalCreateInput>;
export const goalUpdateInput = z.object(goalFields).partial();
export type GoalUpdateInput = z.infer<typeof goalUpdateInput>;

export const USERNAME_PATTERN = /^[a-z0-9_]{3,30}$/;
export const userCreateInput = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME_PATTERN, { message: "用户名为3–30位小写字母、数字或下划线" }),
  name: z.string().trim().min(1, { message: "请填写姓名" }).max(50, { message: "姓名过长" }),
  password: z.string().min(8, { message: "密码至少8位" }).max(128, { message: "密码过长" }),
  role: z.enum(ROLES, { message: "请选择角色" }),
  departmentId: optionalReference.transform((s) => s ?? null),
});
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userUpdateInput = z.object({
  name: z.string().trim().min(1, { message: "请填写姓名" }).max(50, { message: "姓名过长" }).optional(),
  role: z.enum(ROLES, { message: "请选择角色" }).optional(),
  departmentId: optionalReference,
  password: z.string().max(128).optional().transform((s) => (s ? s : undefined)).refine((s) => s === undefined || s.length >= 8, { message: "密码至少8位" }),
  disabled: z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" ? false : v), z.boolean()).optional(),
});
export type UserUpdateInput = z.infer<typeof userUpdateInput>;

export const departmentInput = z.object({
  name: z.string().trim().min(2, { message: "请填写单位名称" }).max(60, { message: "单位名称过长" }),
});

export const tokenCreateInput = z.object({
  username: z.string().trim().toLowerCase().min(1, { message: "请选择用户" }),
  name: z.string().trim().min(1, { message: "请填写用途，例如 数据对接" }).max(60, { message: "用途说明过长" }),
});

export const boardQuery = z.object({
  asOf: calendarDate.optional(),
  section: z.string().trim().optional().transform((s) => (s ? s : undefined)),
  department: z.string().trim().optional().transform((s) => (s ? s : undefined)),
  status: z.string().trim().optional().transform((s) => (s ? s : undefined)),
});
export type BoardQuery = z.infer<typeof boardQuery>;

/** Turns zod issues into field → first Chinese message. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
