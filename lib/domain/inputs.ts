// One zod schema per form / API body, shared by server actions and route handlers. Every text field has a length
// cap and refuses control characters (lib/domain/text.ts); every type error has a Chinese message.
import { z } from "zod";
import { isPlausibleId } from "./ids";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "./passwords";
import { optionalText, safeText } from "./text";

export { optionalText, safeText } from "./text";

const FULL_WIDTH = /[０-９．－＋]/g;
const toHalfWidth = (s: string) =>
  s.replace(FULL_WIDTH, (c) => (c === "．" ? "." : c === "－" ? "-" : c === "＋" ? "+" : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

/** A number sent as JSON becomes its text, so "6.5" and 6.5 read alike; anything else is left for the schema. */
const numberAsText = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? String(v) : v);

const DECIMAL_MESSAGE = "请输入数字（最多6位小数），例如 6.5";

/** A plain decimal typed by an administrator (targets, margins): no units, no thousands separators. */
export const decimalString = z.preprocess(
  numberAsText,
  z
    .string({ message: DECIMAL_MESSAGE })
    .max(40, { message: DECIMAL_MESSAGE })
    .transform((s) => toHalfWidth(s).trim())
    .refine((s) => /^-?\d{1,18}(\.\d{1,6})?$/.test(s), { message: DECIMAL_MESSAGE }),
);

/** A record id chosen in a form or sent by a script (see ids.ts); `label` names what it refers to. */
const referenceId = (label: string) =>
  z
    .string({ message: `所选${label}无效` })
    .trim()
    .refine(isPlausibleId, { message: `所选${label}不存在` });

/** A reference that may be cleared: absent → unchanged (undefined), "" or null → none (null). */
const optionalReference = (label: string) =>
  z
    .union([z.string(), z.null()], { message: `所选${label}无效` })
    .optional()
    .transform((s) => (s === undefined ? undefined : s?.trim() ? s.trim() : null))
    .refine((s) => s == null || isPlausibleId(s), { message: `所选${label}不存在` });

export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/;
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const DATE_MESSAGE = "日期格式应为 YYYY-MM-DD";

/** Calendar date "YYYY-MM-DD" that actually exists (rejects 2024-02-30). */
export const calendarDate = z
  .string({ message: DATE_MESSAGE })
  .regex(DATE_PATTERN, { message: DATE_MESSAGE })
  .refine(
    (s) => {
      const [y, m, d] = s.split("-").map(Number) as [number, number, number];
      const t = new Date(Date.UTC(y, m - 1, d));
      return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
    },
    { message: "日期不存在" },
  );

const PERIOD_MESSAGE = "期间格式应为 2024-06、2024-Q2、2024-H1 或 2024";

/** The most a figure's typed text may hold ("1,234.5万元（初步统计）" fits). */
export const FIGURE_TEXT_MAX = 64;

export const entryInput = z.object({
  period: z
    .string({ message: "请选择填报期间" })
    .max(16, { message: PERIOD_MESSAGE })
    .trim()
    .regex(PERIOD_PATTERN, { message: PERIOD_MESSAGE }),
  // The figure stays raw text here (not even trimmed): parseFigure interprets it against the goal's unit.
  value: z.preprocess(numberAsText, safeText(FIGURE_TEXT_MAX, "数值", { trim: false, typeMessage: "请填写数值" })),
  note: optionalText(1000, "说明", { multiline: true }),
});
export type EntryInput = z.infer<typeof entryInput>;

export const PLAN_LEVELS = ["national", "province", "city", "county", "district"] as const;
export const COMPARATORS = ["gte", "lte", "approx", "eq"] as const;
export const GOAL_KINDS = ["growth", "decrease", "level", "increment", "ratio", "milestone"] as const;
export const DIRECTIONS = ["higher", "lower"] as const;
export const FREQUENCIES = ["monthly", "quarterly", "half_yearly", "annual"] as const;
export const ROLES = ["admin", "reporter", "leader"] as const;

/** The longest report text an import takes (characters); in UTF-8 JSON that is at most about 6 MB. */
export const REPORT_TEXT_MAX = 2_000_000;

export const planCreateInput = z.object({
  region: safeText(50, "地区", { min: { length: 1, message: "请填写地区，例如 牡丹江市" } }),
  /** An existing region (GET /api/v1/regions); without it the region is found or made by name under the importer's. */
  regionId: referenceId("地区").optional(),
  level: z.enum(PLAN_LEVELS, { message: "请选择行政层级" }),
  year: z.coerce.number({ message: "请填写年份" }).int({ message: "年份应为整数" }).min(2000, { message: "年份应在2000至2100之间" }).max(2100, { message: "年份应在2000至2100之间" }).optional(),
  title: optionalText(200, "标题"),
  // Text copied out of a PDF keeps its page breaks (form feeds): they read as line breaks, not as control characters.
  text: z.preprocess(
    (v) => (typeof v === "string" ? v.replace(/[\f\v]/g, "\n") : v),
    safeText(REPORT_TEXT_MAX, "报告正文", {
      multiline: true,
      trim: false,
      min: { length: 50, message: "报告正文过短，请粘贴完整的政府工作报告" },
      typeMessage: "请粘贴报告全文",
      maxMessage: "报告正文过长（上限200万字）",
    }),
  ),
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

/** A checkbox ("on"), a form's "true"/"false", or a JSON boolean. */
const checkbox = (label: string) =>
  z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" ? false : v), z.boolean({ message: `${label}应为是或否` }));

const goalFields = {
  metric: safeText(200, "指标名称", { min: { length: 1, message: "请填写指标名称" } }),
  targetValue: decimalString,
  targetValueHigh: decimalString.optional(),
  unit: safeText(20, "单位", { min: { length: 1, message: "请填写单位，例如 %、万亩、个" } }),
  comparator: z.enum(COMPARATORS, { message: "请选择比较方式" }),
  kind: z.enum(GOAL_KINDS, { message: "请选择指标类型" }),
  direction: z.enum(DIRECTIONS, { message: "请选择方向" }).optional(),
  accumulates: checkbox("是否累计").optional(),
  frequency: z.enum(FREQUENCIES, { message: "请选择填报频次" }),
  sectionId: optionalReference("章节"),
  leadDepartmentId: optionalReference("牵头单位"),
  coDepartmentIds: z.array(referenceId("配合单位"), { message: "配合单位应为列表" }).max(20, { message: "配合单位最多20个" }).optional(),
  quote: optionalText(1000, "原文", { multiline: true }),
  description: optionalText(2000, "说明", { multiline: true }),
};

export const goalCreateInput = z.object(goalFields);
export type GoalCreateInput = z.infer<typeof goalCreateInput>;
export const goalUpdateInput = z.object(goalFields).partial();
export type GoalUpdateInput = z.infer<typeof goalUpdateInput>;

export const USERNAME_PATTERN = /^[a-z0-9_]{3,30}$/;
const USERNAME_MESSAGE = "用户名为3–30位小写字母、数字或下划线";

/** A user name as typed: trimmed, lower-cased, 3–30 of a–z, 0–9 and "_". */
const username = (message: string) =>
  z.string({ message }).max(64, { message }).trim().toLowerCase().regex(USERNAME_PATTERN, { message });

/** The name typed on the login form (checked before it is used to count attempts). */
export const loginName = username("用户名或密码不正确");

const password = z
  .string({ message: "密码应为文字" })
  .max(MAX_PASSWORD_LENGTH, { message: `密码不能超过${MAX_PASSWORD_LENGTH}位` })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const userCreateInput = z
  .object({
    username: username(USERNAME_MESSAGE),
    name: safeText(50, "姓名", { min: { length: 1, message: "请填写姓名" } }),
    password,
    role: z.enum(ROLES, { message: "请选择角色" }),
    departmentId: optionalReference("单位").transform((s) => s ?? null),
    /** An admin's or leader's government (a reporter's follows their department); none: the creating admin's own. */
    regionId: optionalReference("地区").transform((s) => s ?? undefined),
  })
  .superRefine((user, ctx) => {
    // The rest of the rule is the field's own; only "not the user name" needs both.
    const problem = passwordProblem(user.password, user.username);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type UserCreateInput = z.infer<typeof userCreateInput>;

/** A change to a user; a new password is checked against the user's name by updateUser, which knows it. */
export const userUpdateInput = z.object({
  name: safeText(50, "姓名", { min: { length: 1, message: "请填写姓名" } }).optional(),
  role: z.enum(ROLES, { message: "请选择角色" }).optional(),
  departmentId: optionalReference("单位"),
  regionId: optionalReference("地区").transform((s) => s ?? undefined),
  password: z
    .string({ message: "密码应为文字" })
    .max(MAX_PASSWORD_LENGTH, { message: `密码不能超过${MAX_PASSWORD_LENGTH}位` })
    .optional()
    .transform((s) => (s ? s : undefined))
    .superRefine((value, ctx) => {
      const problem = value === undefined ? null : passwordProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  disabled: checkbox("停用").optional(),
});
export type UserUpdateInput = z.infer<typeof userUpdateInput>;

export const departmentInput = z.object({
  name: safeText(60, "单位名称", { min: { length: 2, message: "请填写单位名称" } }),
});

/** A new department: in `regionId` (a region the admin manages), else in the admin's own. */
export const departmentCreateInput = departmentInput.extend({
  regionId: referenceId("地区").optional(),
});

/** A government added under one in the admin's scope (POST /api/v1/regions, the 地区 admin page). */
export const regionCreateInput = z.object({
  name: safeText(50, "地区名称", { min: { length: 1, message: "请填写地区名称，例如 爱民区" } }),
  level: z.enum(PLAN_LEVELS, { message: "请选择行政层级" }),
  parentId: referenceId("上级地区"),
});
export type RegionCreateInput = z.infer<typeof regionCreateInput>;

export const tokenCreateInput = z.object({
  username: username("请选择用户"),
  name: safeText(60, "用途说明", { min: { length: 1, message: "请填写用途，例如 数据对接" } }),
});

/** An optional filter id in a query string: "" reads as absent. */
const optionalQueryId = (label: string) =>
  z
    .string({ message: `${label}参数应为文字` })
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined))
    .refine((s) => s === undefined || isPlausibleId(s), { message: `${label}参数无效` });

export const boardQuery = z.object({
  asOf: calendarDate.optional(),
  section: optionalQueryId("章节"),
  department: optionalQueryId("单位"),
  // A status code or a light (checked against the lists by the caller); here only its shape.
  status: z
    .string({ message: "状态参数应为文字" })
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined))
    .refine((s) => s === undefined || /^[a-z_]{1,32}$/.test(s), { message: "状态参数无效" }),
});
export type BoardQuery = z.infer<typeof boardQuery>;

/** The board API's page: `limit` rows (1–2000, default 500) from `offset` (default 0), after every filter. */
export const BOARD_PAGE_DEFAULT = 500;
export const BOARD_PAGE_MAX = 2000;
const queryCount = (name: string, min: number, max: number) =>
  z
    .string({ message: `${name}应为整数` })
    .trim()
    .optional()
    .refine((s) => s === undefined || s === "" || (/^\d{1,9}$/.test(s) && Number(s) >= min && Number(s) <= max), {
      message: `${name}应为 ${min} 至 ${max} 之间的整数`,
    })
    .transform((s) => (s === undefined || s === "" ? undefined : Number(s)));
export const boardPageQuery = z.object({
  limit: queryCount("每页条数 limit ", 1, BOARD_PAGE_MAX).transform((n) => n ?? BOARD_PAGE_DEFAULT),
  offset: queryCount("起始位置 offset ", 0, 1_000_000_000).transform((n) => n ?? 0),
});

/** The summary's query (年度总结 / 督办通报): the board's filters without the status. */
export const summaryQuery = boardQuery.pick({ asOf: true, section: true, department: true }).extend({
  /** A region with its shares: the plan's goals held by that region (its own region: the whole plan). */
  region: optionalQueryId("地区"),
});

/** Cap of the 说明 written for the summary. */
export const EXPLANATION_MAX = 1000;
/** PUT /goals/:id/explanation and the summary page's 填写说明 form: empty text clears the 说明. */
export const explanationInput = z.object({
  text: safeText(EXPLANATION_MAX, "说明", { multiline: true }),
});
export type ExplanationInput = z.infer<typeof explanationInput>;

/** Turns zod issues into field → first Chinese message. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_";
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
