// Text that people (or scripts) send us: a length cap, no control characters, and Chinese messages for every
// refusal, including the wrong JSON type (a number where text belongs). lib/domain/inputs.ts builds every schema
// from these pieces.
import { z } from "zod";

/**
 * zod's own messages in Chinese, for any issue a schema gives no message of its own. zod keeps this setting in
 * one global, so importing this module (inputs.ts does) sets it for every schema in the app.
 */
z.config({ ...z.locales.zhCN(), customError: chineseTypeMessage });

const TYPE_NAMES: Record<string, string> = {
  string: "文字",
  number: "数字",
  int: "整数",
  boolean: "是或否",
  array: "列表",
  object: "对象",
  date: "日期",
};

function chineseTypeMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === "invalid_type") {
    if (issue.input === undefined) return "缺少此项";
    const expected = TYPE_NAMES[String(issue.expected)];
    return expected ? `应为${expected}` : "类型不正确";
  }
  if (issue.code === "invalid_union") return "格式不正确";
  return undefined;
}

// C0 controls except tab, line feed and carriage return (allowed in multi-line text), DEL and the C1 block.
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Half of a UTF-16 surrogate pair on its own: not a character, and PostgreSQL cannot store it as UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` holds a control character (tab and line breaks allowed when `multiline`). */
export function hasControlCharacter(text: string, multiline = false): boolean {
  return (multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(text);
}

/** Whether `text` holds half of a surrogate pair (malformed UTF-16). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

export interface SafeTextOptions {
  /** Tab, line feed and carriage return allowed (notes, descriptions, report text). */
  multiline?: boolean;
  /** Shortest accepted length after trimming, with its message (default: empty allowed). */
  min?: { length: number; message: string };
  /** Trim surrounding white space first (default true). */
  trim?: boolean;
  /** The message for a value of the wrong type (default "<label>应为文字"). */
  typeMessage?: string;
  /** The message for a value over `max` (default "<label>不能超过<max>个字"). */
  maxMessage?: string;
}

/**
 * A text field: a string (anything else is refused with `typeMessage`), trimmed, at most `max` UTF-16 units,
 * without control characters or broken surrogates. `label` names the field in the messages ("说明不能超过1000个字").
 */
export function safeText(max: number, label: string, options: SafeTextOptions = {}) {
  const { multiline = false, min, trim = true, typeMessage, maxMessage } = options;
  let schema = z.string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : (typeMessage ?? `${label}应为文字`)) });
  if (trim) schema = schema.trim();
  if (min) schema = schema.min(min.length, { message: min.message });
  return schema
    .max(max, { message: maxMessage ?? `${label}不能超过${max}个字` })
    .refine((s) => !hasControlCharacter(s, multiline), { message: `${label}不能包含控制字符` })
    .refine((s) => !hasLoneSurrogate(s), { message: `${label}包含无效的字符` });
}

/** An optional text field: absent, null-free and empty all read as undefined. */
export function optionalText(max: number, label: string, options: Omit<SafeTextOptions, "min"> = {}) {
  return safeText(max, label, options)
    .optional()
    .transform((s) => (s ? s : undefined));
}
