// The edges of the fill-in round trip: the template's query, and the upload's options (query string or form fields).
import { z } from "zod";
import { boardQuery, PERIOD_PATTERN } from "../inputs";
import { entrySubmitInput } from "../entries/inputs";

const PERIOD_MESSAGE = "期间格式应为 2024-06（月份）";

const period = z
  .string({ message: PERIOD_MESSAGE })
  .max(16, { message: PERIOD_MESSAGE })
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined))
  .refine((s) => s === undefined || PERIOD_PATTERN.test(s), { message: PERIOD_MESSAGE });

const flag = (label: string) =>
  z
    .enum(["1", "true", "0", "false", "on", ""], { message: `${label}应为 1 或 0` })
    .optional()
    .transform((v) => v === "1" || v === "true" || v === "on");

/** GET …/template.xlsx?department=&period= */
export const templateQuery = z.object({
  department: boardQuery.shape.department,
  period,
});
export type TemplateQuery = z.infer<typeof templateQuery>;

/** POST …/entries/bulk: ?dryRun=1, and confirm / reportedAt / department / period from the query or the form. */
export const bulkOptions = z.object({
  dryRun: flag("dryRun"),
  confirm: flag("confirm"),
  reportedAt: entrySubmitInput.shape.reportedAt,
  /** What the page chose: a sheet of another department or period is refused. */
  department: boardQuery.shape.department,
  period,
});
export type BulkOptions = z.infer<typeof bulkOptions>;
