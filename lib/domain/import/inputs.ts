// The bodies of the import-draft operations (API and, later, the review screen's actions). Chinese messages.
import { z } from "zod";
import { isPlausibleId } from "@/lib/domain/ids";
import { COMPARATORS, DIRECTIONS, FREQUENCIES, GOAL_KINDS, PLAN_LEVELS, REPORT_TEXT_MAX, decimalString } from "@/lib/domain/inputs";
import { optionalText, safeText } from "@/lib/domain/text";

const id = (label: string) =>
  z
    .string({ message: `所选${label}无效` })
    .trim()
    .refine(isPlausibleId, { message: `所选${label}不存在` });

/** absent → unchanged; "" or null → none. */
const clearableId = (label: string) =>
  z
    .union([z.string(), z.null()], { message: `所选${label}无效` })
    .optional()
    .transform((s) => (s === undefined ? undefined : s?.trim() ? s.trim() : null))
    .refine((s) => s == null || isPlausibleId(s), { message: `所选${label}不存在` });

/** A form's "true"/"on" or a JSON boolean. */
const flag = (label: string) =>
  z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" || v === "" ? false : v), z.boolean({ message: `${label}应为是或否` }));

const year = z.coerce
  .number({ message: "请填写年份" })
  .int({ message: "年份应为整数" })
  .min(2000, { message: "年份应在2000至2100之间" })
  .max(2100, { message: "年份应在2000至2100之间" });

/** Text copied out of a PDF keeps its page breaks (form feeds): they read as line breaks. */
export const reportText = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/[\f\v]/g, "\n") : v),
  safeText(REPORT_TEXT_MAX, "报告正文", {
    multiline: true,
    trim: false,
    min: { length: 50, message: "报告正文过短，请粘贴完整的政府工作报告" },
    typeMessage: "请粘贴报告全文或上传文件",
    maxMessage: "报告正文过长（上限200万字）",
  }),
);

/** POST /api/v1/imports (JSON or the fields of a multipart upload, where "" reads as absent). */
export const importCreateInput = z.object({
  regionId: id("地区"),
  level: z.enum(PLAN_LEVELS, { message: "请选择行政层级" }),
  year: z.preprocess((v) => (v === "" || v === null ? undefined : v), year.optional()),
  title: optionalText(200, "标题"),
  text: reportText.optional(),
  /** A re-import into this plan. */
  planId: z.preprocess((v) => (v === "" || v === null ? undefined : v), id("计划").optional()),
});
export type ImportCreateInput = z.infer<typeof importCreateInput>;

/** A figure that may be cleared (a milestone has none): absent → unchanged, null or "" → none. */
const clearableDecimal = z.preprocess((v) => (v === "" ? null : v), z.union([z.null(), decimalString]).optional());

/** The fields of a candidate a reviewer may set. */
const candidateFields = {
  metric: safeText(200, "指标名称", { min: { length: 1, message: "请填写指标名称" } }),
  value: clearableDecimal,
  valueHigh: clearableDecimal,
  unit: safeText(20, "单位"),
  comparator: z.enum(COMPARATORS, { message: "请选择比较方式" }),
  kind: z.enum(GOAL_KINDS, { message: "请选择指标类型" }),
  direction: z.enum(DIRECTIONS, { message: "请选择方向" }),
  accumulates: flag("是否累计"),
  frequency: z.enum(FREQUENCIES, { message: "请选择填报频次" }),
  leadDepartmentId: clearableId("牵头单位"),
  coDepartmentIds: z.array(id("配合单位"), { message: "配合单位应为列表" }).max(20, { message: "配合单位最多20个" }),
  sectionId: z
    .union([z.string(), z.null()], { message: "所选章节无效" })
    .optional()
    .transform((s) => (s === undefined ? undefined : s?.trim() ? s.trim() : null))
    .refine((s) => s == null || /^\d{1,3}(\.\d{1,3}){0,7}$/.test(s), { message: "所选章节不存在" }),
  description: z.union([z.null(), optionalText(2000, "说明", { multiline: true })]).optional(),
};

export const CANDIDATE_DECISIONS = ["undecided", "accepted", "rejected"] as const;

const version = z.coerce
  .number({ message: "请提供候选项的版本号（version）" })
  .int({ message: "版本号应为整数" })
  .min(1, { message: "版本号应为正整数" });

/** Unknown fields are refused, so a misspelt one is not silently ignored. */
const strict = { error: (issue: { code?: string }) => (issue.code === "unrecognized_keys" ? "包含无法识别的字段" : undefined) };

const candidatePatch = z.object(candidateFields).partial().shape;
const decision = z.enum(CANDIDATE_DECISIONS, { message: "决定应为 accepted、rejected 或 undecided" }).optional();

/** PATCH …/candidates/:cid — any fields, a decision, and the version the change was made on. */
export const candidateUpdateInput = z.strictObject({ ...candidatePatch, version, decision }, strict);
export type CandidateUpdateInput = z.infer<typeof candidateUpdateInput>;

/** An offset into the text: a JSON number (not coerced, so null is not 0). */
const offset = (label: string) => z.number({ message: `${label}应为数字` }).int({ message: `${label}应为整数` });

/** POST …/candidates — a span of the text and what the reviewer already filled in. */
export const candidateAddInput = z.strictObject({ ...candidatePatch, start: offset("选区起点"), end: offset("选区终点"), decision }, strict);
export type CandidateAddInput = z.infer<typeof candidateAddInput>;

/** POST …/sections — a decision or a lead department for a section's candidates (and its subsections'). */
export const sectionBulkInput = z
  .strictObject(
    {
    sectionId: z
      .string({ message: "请选择章节" })
      .trim()
      .regex(/^\d{1,3}(\.\d{1,3}){0,7}$/, { message: "所选章节不存在" }),
    decision: z.enum(["accepted", "rejected"], { message: "决定应为 accepted 或 rejected" }).optional(),
    leadDepartmentId: clearableId("牵头单位"),
    },
    strict,
  )
  .refine((b) => b.decision !== undefined || b.leadDepartmentId !== undefined, { message: "请指定决定（decision）或牵头单位（leadDepartmentId）", path: ["decision"] });

/** POST …/commit */
export const commitInput = z.strictObject({ acceptAll: flag("全部接受").optional() }, strict);

/** PUT /api/v1/regions/:regionId/department-mapping */
export const mappingInput = z.object({
  rows: z
    .array(
      z.object({
        keyword: safeText(40, "关键词", { min: { length: 1, message: "请填写关键词" } }),
        departmentId: clearableId("单位").transform((s) => s ?? null),
      }),
      { message: "对照表应为列表" },
    )
    .max(2000, { message: "对照表最多2000行" })
    .refine((rows) => new Set(rows.map((r) => r.keyword.normalize("NFKC").toUpperCase())).size === rows.length, { message: "关键词不能重复" }),
});

/** PATCH /api/v1/plans/:planId */
export const planUpdateInput = z
  .strictObject(
    {
      title: safeText(200, "标题", { min: { length: 1, message: "请填写标题" } }).optional(),
      archived: flag("归档").optional(),
    },
    strict,
  )
  .refine((b) => b.title !== undefined || b.archived !== undefined, { message: "请提供新标题（title）或归档状态（archived）", path: ["title"] });
