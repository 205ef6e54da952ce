import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { entrySubmitInput, includePendingQuery, lockInput, returnInput, reviewBatchInput } from "./inputs";
import { FIGURE_TEXT_MAX } from "../inputs";

const CHINESE = /[\u4e00-\u9fff]/;

/** The parsed data, or a failure naming what went wrong. */
function ok<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new Error(`expected success, got ${JSON.stringify(r.error.issues)}`);
  return r.data;
}

/** The messages of a failed parse, each as "path: message"; every one must be Chinese. */
function errors(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected failure, got ${JSON.stringify(r.data)}`);
  for (const issue of r.error.issues) expect(issue.message).toMatch(CHINESE);
  return r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const entry = (over: Record<string, unknown> = {}) => ({ period: "2024-06", value: "6.5", ...over });

describe("entrySubmitInput", () => {
  it("accepts a minimal entry and leaves the figure as text for checkEntry", () => {
    expect(ok(entrySubmitInput, entry())).toEqual({ period: "2024-06", value: "6.5" });
    expect(ok(entrySubmitInput, entry({ value: "６．５" })).value).toBe("６．５");
    expect(ok(entrySubmitInput, entry({ value: "1,200万元" })).value).toBe("1,200万元");
    // Kept exactly as typed (the raw input is stored); parseFigure trims when it reads it.
    expect(ok(entrySubmitInput, entry({ value: "  －3.5 " })).value).toBe("  －3.5 ");
  });

  it("accepts a figure sent as a JSON number", () => {
    expect(ok(entrySubmitInput, entry({ value: 6.5 })).value).toBe("6.5");
    expect(ok(entrySubmitInput, entry({ value: -3 })).value).toBe("-3");
    expect(ok(entrySubmitInput, entry({ value: 0 })).value).toBe("0");
  });

  it("accepts every period form and trims it", () => {
    for (const period of ["2024-01", "2024-12", "2024-Q1", "2024-Q4", "2024-H1", "2024-H2", "2024"]) expect(ok(entrySubmitInput, entry({ period })).period).toBe(period);
    expect(ok(entrySubmitInput, entry({ period: " 2024-06 " })).period).toBe("2024-06");
  });

  it("refuses a malformed or missing period in Chinese", () => {
    for (const period of ["2024-6", "2024-13", "2024-Q5", "2024-H3", "24-06", "", "2024-06-01"]) {
      expect(errors(entrySubmitInput, entry({ period }))).toEqual(["period: 期间格式应为 2024-06、2024-Q2、2024-H1 或 2024"]);
    }
    expect(errors(entrySubmitInput, entry({ period: "2024-06".padEnd(17, "x") }))).toContain("period: 期间格式应为 2024-06、2024-Q2、2024-H1 或 2024");
    expect(errors(entrySubmitInput, { value: "6.5" })).toEqual(["period: 请选择填报期间"]);
    expect(errors(entrySubmitInput, entry({ period: 202406 }))).toEqual(["period: 请选择填报期间"]);
  });

  it("refuses a missing figure or one of the wrong type", () => {
    expect(errors(entrySubmitInput, { period: "2024-06" })).toEqual(["value: 请填写数值"]);
    expect(errors(entrySubmitInput, entry({ value: null }))).toEqual(["value: 请填写数值"]);
    expect(errors(entrySubmitInput, entry({ value: ["6.5"] }))).toEqual(["value: 请填写数值"]);
  });

  it(`takes a figure of up to ${FIGURE_TEXT_MAX} characters and refuses a longer one`, () => {
    expect(FIGURE_TEXT_MAX).toBe(64);
    expect(ok(entrySubmitInput, entry({ value: "1".repeat(64) })).value).toBe("1".repeat(64));
    expect(errors(entrySubmitInput, entry({ value: "1".repeat(65) }))).toEqual(["value: 数值不能超过64个字"]);
    expect(errors(entrySubmitInput, entry({ value: "一".repeat(200) }))).toEqual(["value: 数值不能超过64个字"]);
  });

  it("refuses NUL and other control characters in the figure, line breaks and tabs included", () => {
    for (const value of ["6\u00005", "\u00006.5", "6.5\u0007", "6\n5", "6\r5", "\t6.5", "6.5\u001b", "6.5\u007f", "6.5\u0085", "6.5\u009f"]) {
      expect(errors(entrySubmitInput, entry({ value }))).toEqual(["value: 数值不能包含控制字符"]);
    }
    expect(errors(entrySubmitInput, entry({ value: "6.5\ud800" }))).toEqual(["value: 数值包含无效的字符"]);
  });

  it("takes a note of up to 1000 characters, with line breaks and tabs, trimmed; blank is none", () => {
    expect(ok(entrySubmitInput, entry({ note: "第一行\n第二行\r\n\t第三行" })).note).toBe("第一行\n第二行\r\n\t第三行");
    expect(ok(entrySubmitInput, entry({ note: "  统计局核定数  " })).note).toBe("统计局核定数");
    expect(ok(entrySubmitInput, entry({ note: "说".repeat(1000) })).note).toBe("说".repeat(1000));
    expect(ok(entrySubmitInput, entry({ note: "   " }))).toEqual({ period: "2024-06", value: "6.5" });
    expect(ok(entrySubmitInput, entry({ note: "" })).note).toBeUndefined();
    expect(ok(entrySubmitInput, entry({ note: undefined })).note).toBeUndefined();
    expect(ok(entrySubmitInput, entry({ note: "说😀".repeat(10) })).note).toBe("说😀".repeat(10));
  });

  it("refuses a note over 1000 characters, with control characters, or not text", () => {
    expect(errors(entrySubmitInput, entry({ note: "说".repeat(1001) }))).toEqual(["note: 说明不能超过1000个字"]);
    for (const note of ["a\u0000b", "\u0007", "a\u000bb", "a\u000cb", "a\u001bb", "a\u007fb", "a\u0085b"]) {
      expect(errors(entrySubmitInput, entry({ note }))).toEqual(["note: 说明不能包含控制字符"]);
    }
    expect(errors(entrySubmitInput, entry({ note: "a\udc00b" }))).toEqual(["note: 说明包含无效的字符"]);
    expect(errors(entrySubmitInput, entry({ note: 5 }))).toEqual(["note: 说明应为文字"]);
    expect(errors(entrySubmitInput, entry({ note: { text: "x" } }))).toEqual(["note: 说明应为文字"]);
  });

  it("takes a stated reporting date that exists; blank is none", () => {
    expect(ok(entrySubmitInput, entry({ reportedAt: "2024-02-29" })).reportedAt).toBe("2024-02-29");
    expect(ok(entrySubmitInput, entry({ reportedAt: "" })).reportedAt).toBeUndefined();
    expect(ok(entrySubmitInput, entry()).reportedAt).toBeUndefined();
  });

  it("refuses a reporting date that does not exist or is not a date", () => {
    expect(errors(entrySubmitInput, entry({ reportedAt: "2024-02-30" }))).toEqual(["reportedAt: 日期不存在"]);
    expect(errors(entrySubmitInput, entry({ reportedAt: "2023-02-29" }))).toEqual(["reportedAt: 日期不存在"]);
    // calendarDate (lib/domain/inputs.ts) also adds 日期不存在 after the format message; the format one comes first.
    expect(errors(entrySubmitInput, entry({ reportedAt: "yesterday" }))[0]).toBe("reportedAt: 日期格式应为 YYYY-MM-DD");
    expect(errors(entrySubmitInput, entry({ reportedAt: "2024/07/01" }))[0]).toBe("reportedAt: 日期格式应为 YYYY-MM-DD");
    expect(errors(entrySubmitInput, entry({ reportedAt: "2024-07-01T00:00:00Z" }))[0]).toBe("reportedAt: 日期格式应为 YYYY-MM-DD");
    expect(errors(entrySubmitInput, entry({ reportedAt: "x".repeat(41) }))).toEqual(["reportedAt: 填报日期格式应为 YYYY-MM-DD"]);
    // Surrounding spaces are trimmed before the date is read.
    expect(ok(entrySubmitInput, entry({ reportedAt: " 2024-07-01 " })).reportedAt).toBe("2024-07-01");
    expect(errors(entrySubmitInput, entry({ reportedAt: 20240701 }))).toEqual(["reportedAt: 填报日期格式应为 YYYY-MM-DD"]);
  });

  it("reads confirm from a checkbox, a form string or JSON", () => {
    for (const confirm of [true, "on", "true", "1"]) expect(ok(entrySubmitInput, entry({ confirm })).confirm).toBe(true);
    for (const confirm of [false, "false", "0", ""]) expect(ok(entrySubmitInput, entry({ confirm })).confirm).toBe(false);
    expect(ok(entrySubmitInput, entry()).confirm).toBeUndefined();
    for (const confirm of ["yes", "off", 1, "TRUE"]) expect(errors(entrySubmitInput, entry({ confirm }))).toEqual(["confirm: 应为 true 或 false"]);
  });

  it("reads the base version as a whole number from a form or JSON", () => {
    expect(ok(entrySubmitInput, entry({ baseVersion: "3" })).baseVersion).toBe(3);
    expect(ok(entrySubmitInput, entry({ baseVersion: 0 })).baseVersion).toBe(0);
    expect(ok(entrySubmitInput, entry({ baseVersion: 1_000_000 })).baseVersion).toBe(1_000_000);
    expect(ok(entrySubmitInput, entry()).baseVersion).toBeUndefined();
    // Blank or null means "not checked", never version 0 (which would be a false conflict).
    expect(ok(entrySubmitInput, entry({ baseVersion: "" })).baseVersion).toBeUndefined();
    expect(ok(entrySubmitInput, entry({ baseVersion: null })).baseVersion).toBeUndefined();
    expect(errors(entrySubmitInput, entry({ baseVersion: "abc" }))).toEqual(["baseVersion: 版本号应为不小于0的整数"]);
    expect(errors(entrySubmitInput, entry({ baseVersion: 1.5 }))).toEqual(["baseVersion: 版本号应为不小于0的整数"]);
    expect(errors(entrySubmitInput, entry({ baseVersion: -1 }))).toEqual(["baseVersion: 版本号应为不小于0的整数"]);
    expect(errors(entrySubmitInput, entry({ baseVersion: 1_000_001 }))).toHaveLength(1);
  });

  it("lists every bad field at once", () => {
    expect(errors(entrySubmitInput, { period: "2024-6", value: "6\u0000", note: 5, reportedAt: "2024-02-30", confirm: "yes" })).toEqual([
      "period: 期间格式应为 2024-06、2024-Q2、2024-H1 或 2024",
      "value: 数值不能包含控制字符",
      "note: 说明应为文字",
      "confirm: 应为 true 或 false",
      "reportedAt: 日期不存在",
    ]);
  });
});

describe("returnInput", () => {
  it("needs a reason, trimmed; line breaks allowed", () => {
    expect(ok(returnInput, { reason: "  与统计局口径不一致  " })).toEqual({ reason: "与统计局口径不一致" });
    expect(ok(returnInput, { reason: "1. 数字有误\n2. 缺少佐证" }).reason).toBe("1. 数字有误\n2. 缺少佐证");
    expect(ok(returnInput, { reason: "因".repeat(500) }).reason).toHaveLength(500);
  });

  it("refuses a blank, missing, too long or malformed reason", () => {
    for (const reason of ["", "   ", "\n\t "]) expect(errors(returnInput, { reason })).toEqual(["reason: 请填写退回原因，部门会看到它"]);
    expect(errors(returnInput, {})).toEqual(["reason: 请填写退回原因"]);
    expect(errors(returnInput, { reason: 3 })).toEqual(["reason: 退回原因应为文字"]);
    expect(errors(returnInput, { reason: "因".repeat(501) })).toEqual(["reason: 退回原因不能超过500个字"]);
    expect(errors(returnInput, { reason: "有误\u0000" })).toEqual(["reason: 退回原因不能包含控制字符"]);
  });
});

describe("reviewBatchInput", () => {
  it("takes 1 to 500 ids", () => {
    expect(ok(reviewBatchInput, { versionIds: ["a"] })).toEqual({ versionIds: ["a"] });
    expect(ok(reviewBatchInput, { versionIds: Array.from({ length: 500 }, (_, i) => `v${i}`) }).versionIds).toHaveLength(500);
  });

  it("refuses none, more than 500, or not a list", () => {
    expect(errors(reviewBatchInput, { versionIds: [] })).toEqual(["versionIds: 请选择要审核的填报"]);
    expect(errors(reviewBatchInput, {})).toEqual(["versionIds: 请选择要审核的填报"]);
    expect(errors(reviewBatchInput, { versionIds: "a" })).toEqual(["versionIds: 请选择要审核的填报"]);
    expect(errors(reviewBatchInput, { versionIds: Array.from({ length: 501 }, (_, i) => `v${i}`) })).toEqual(["versionIds: 一次最多审核500条"]);
    expect(errors(reviewBatchInput, { versionIds: ["x".repeat(65)] })).toHaveLength(1);
  });
});

describe("lockInput", () => {
  it("takes a period and an optional reason", () => {
    expect(ok(lockInput, { period: "2024-06" })).toEqual({ period: "2024-06" });
    expect(ok(lockInput, { period: " 2024-Q2 ", reason: " 二季度报表已报送 " })).toEqual({ period: "2024-Q2", reason: "二季度报表已报送" });
    expect(ok(lockInput, { period: "2024", reason: "   " })).toEqual({ period: "2024" });
  });

  it("refuses a malformed period or reason in Chinese", () => {
    expect(errors(lockInput, { period: "2024-6" })).toEqual(["period: 期间格式应为 2024-06、2024-Q2、2024-H1 或 2024"]);
    expect(errors(lockInput, {})).toEqual(["period: 请选择期间"]);
    expect(errors(lockInput, { period: "2024-06", reason: "因".repeat(501) })).toEqual(["reason: 原因不能超过500个字"]);
    expect(errors(lockInput, { period: "2024-06", reason: "a\u0000" })).toEqual(["reason: 原因不能包含控制字符"]);
    expect(errors(lockInput, { period: "2024-06", reason: 1 })).toEqual(["reason: 原因应为文字"]);
  });
});

describe("includePendingQuery", () => {
  it("reads 1/true as on and 0/false/blank/absent as off", () => {
    expect(ok(includePendingQuery, {})).toEqual({ includePending: false });
    expect(ok(includePendingQuery, { includePending: "1" })).toEqual({ includePending: true });
    expect(ok(includePendingQuery, { includePending: "true" })).toEqual({ includePending: true });
    for (const off of ["0", "false", ""]) expect(ok(includePendingQuery, { includePending: off })).toEqual({ includePending: false });
  });

  it("refuses anything else in Chinese", () => {
    for (const bad of ["yes", "2", "TRUE", "on"]) expect(errors(includePendingQuery, { includePending: bad })).toEqual(["includePending: includePending 应为 1 或 0"]);
  });
});
