import { describe, expect, it } from "vitest";
import { checkEntry, type GoalForEntry } from "../entries/check";
import {
  bulkVerdict, cellText, defaultTemplatePeriod, goalPeriodFor, periodInYear, rowDraft, rowMessage, rowOutcome, signTemplate, signatureMatches,
  signaturePayload, summarise, templatePeriods, xlsxProblem, COLUMNS, TEMPLATE_VERSION,
} from ".";

const meta = { planId: "plan1", departmentId: "dep1", period: "2024-06", version: TEMPLATE_VERSION };
const SECRET = "x".repeat(40);

describe("goalPeriodFor: the goal's period ending with the template's", () => {
  it("maps a month to each frequency that ends then", () => {
    expect(goalPeriodFor("2024-06", 2024, "monthly")).toBe("2024-06");
    expect(goalPeriodFor("2024-06", 2024, "quarterly")).toBe("2024-Q2");
    expect(goalPeriodFor("2024-06", 2024, "half_yearly")).toBe("2024-H1");
    expect(goalPeriodFor("2024-06", 2024, "annual")).toBeNull();
    expect(goalPeriodFor("2024-05", 2024, "quarterly")).toBeNull();
    expect(goalPeriodFor("2024-12", 2024, "annual")).toBe("2024");
  });
  it("default period: the latest month ended, January before any, December after the year", () => {
    expect(defaultTemplatePeriod(2024, "2024-07-05")).toBe("2024-06");
    expect(defaultTemplatePeriod(2024, "2024-01-15")).toBe("2024-01");
    expect(defaultTemplatePeriod(2024, "2025-03-01")).toBe("2024-12");
    expect(defaultTemplatePeriod(2024, "2024-06-30")).toBe("2024-06");
  });
  it("periods of the year", () => {
    expect(templatePeriods(2024)).toHaveLength(12);
    expect(templatePeriods(2024)[5]).toEqual({ value: "2024-06", label: "2024年6月" });
    expect(periodInYear("2024-Q2", 2024)).toBe(true);
    expect(periodInYear("2023-12", 2024)).toBe(false);
  });
});

describe("the template signature", () => {
  const ids = ["g1", "g2", "g3"];
  const signature = signTemplate(meta, ids, SECRET);
  it("covers the layout version, plan, department, period and the ids in order", () => {
    expect(signaturePayload(meta, ids)).toBe("luoshi-template-v1|plan1|dep1|2024-06|g1,g2,g3");
    expect(signatureMatches({ ...meta, signature }, ids, SECRET)).toBe(true);
  });
  it("fails for a changed id, order, period, department, plan, secret or signature", () => {
    expect(signatureMatches({ ...meta, signature }, ["g1", "g2", "gX"], SECRET)).toBe(false);
    expect(signatureMatches({ ...meta, signature }, ["g2", "g1", "g3"], SECRET)).toBe(false);
    expect(signatureMatches({ ...meta, signature }, ["g1", "g2"], SECRET)).toBe(false);
    expect(signatureMatches({ ...meta, period: "2024-07", signature }, ids, SECRET)).toBe(false);
    expect(signatureMatches({ ...meta, departmentId: "dep2", signature }, ids, SECRET)).toBe(false);
    expect(signatureMatches({ ...meta, planId: "plan2", signature }, ids, SECRET)).toBe(false);
    expect(signatureMatches({ ...meta, signature }, ids, "y".repeat(40))).toBe(false);
    expect(signatureMatches({ ...meta, signature: "short" }, ids, SECRET)).toBe(false);
  });
});

describe("cellText: what was typed in a cell", () => {
  it("reads text, numbers as written, percentages, rich text and formula results", () => {
    expect(cellText(null)).toEqual({ ok: true, text: null });
    expect(cellText("  ")).toEqual({ ok: true, text: null });
    expect(cellText("6.5%")).toEqual({ ok: true, text: "6.5%" });
    expect(cellText(6.5)).toEqual({ ok: true, text: "6.5" });
    expect(cellText(0.1 + 0.2)).toEqual({ ok: true, text: "0.30000000000000004" });
    expect(cellText(1e21)).toEqual({ ok: true, text: "1000000000000000000000" });
    expect(cellText(0.065, "0.0%")).toEqual({ ok: true, text: "6.5%" });
    expect(cellText({ richText: [{ text: "1.2" }, { text: "万" }] })).toEqual({ ok: true, text: "1.2万" });
    expect(cellText({ formula: "A1+1", result: 12 })).toEqual({ ok: true, text: "12" });
  });
  it("refuses a date, a boolean, an error value and a formula without result", () => {
    expect(cellText(new Date("2024-06-01")).ok).toBe(false);
    expect(cellText(true).ok).toBe(false);
    expect(cellText({ error: "#DIV/0!" })).toEqual({ ok: false, message: "单元格有错误值（#DIV/0!），请填写数字" });
    expect(cellText({ formula: "A1" }).ok).toBe(false);
    expect(cellText(Number.NaN).ok).toBe(false);
  });
});

describe("rowDraft: a row into the entry form's input", () => {
  it("skips an empty fill cell, keeping the note", () => {
    expect(rowDraft({ row: 5, goalId: "g", value: null, note: "无" }, "2024-06", { confirm: false })).toEqual({ kind: "skipped", text: null, note: "无" });
  });
  it("makes the form's input from the typed figure and note", () => {
    const d = rowDraft({ row: 5, goalId: "g", value: "１２．５", note: "统计快报" }, "2024-06", { confirm: true, reportedAt: "2024-07-03" });
    expect(d).toMatchObject({ kind: "draft", text: "１２．５", note: "统计快报", input: { period: "2024-06", value: "１２．５", note: "统计快报", confirm: true, reportedAt: "2024-07-03" } });
  });
  it("names the row and the column of what the schema refuses", () => {
    const d = rowDraft({ row: 7, goalId: "g", value: "1".repeat(100), note: "a\u0000b" }, "2024-06", { confirm: false });
    expect(d.kind).toBe("error");
    const errors = d.kind === "error" ? d.errors : [];
    expect(errors.some((e) => e.startsWith("第7行“本期累计值”："))).toBe(true);
    expect(errors.some((e) => e.startsWith("第7行“说明”："))).toBe(true);
  });
  it("a cell that cannot be read is an error of its column", () => {
    const d = rowDraft({ row: 9, goalId: "g", value: new Date(), note: null }, "2024-06", { confirm: false });
    expect(d.kind === "error" && d.errors[0]).toMatch(/^第9行“本期累计值”：应为数字/);
  });
});

const goal: GoalForEntry = { year: 2024, frequency: "monthly", metric: "新建高标准农田", unit: "万亩", kind: "increment", direction: "higher", accumulates: true, target: "50" };
const context = { role: "reporter" as const, today: "2024-07-05", versions: [{ period: "2024-05", value: "20", state: "approved" as const, version: 1 }], locks: new Map<string, string>() };

describe("rowOutcome: a checked row in the preview", () => {
  it("ok, warning (not confirmed), warning confirmed with a note, and confirmed without a note is an error of 说明", () => {
    expect(rowOutcome(4, checkEntry(goal, { period: "2024-06", value: "25" }, context), null, false)).toMatchObject({ status: "ok", value: "25" });
    const low = checkEntry(goal, { period: "2024-06", value: "15" }, context);
    expect(rowOutcome(4, low, null, false)).toMatchObject({ status: "warning", warnings: [{ code: "ytd_decreased" }] });
    expect(rowOutcome(4, low, "核减重复统计", true)).toMatchObject({ status: "warning", errors: [] });
    const unnoted = rowOutcome(4, low, " ", true);
    expect(unnoted.status).toBe("error");
    expect(unnoted.errors[0]).toMatch(/^第4行“说明”：/);
  });
  it("a refused figure names the row and the column; a lock names the row", () => {
    const bad = rowOutcome(6, checkEntry(goal, { period: "2024-06", value: "约20" }, context), null, false);
    expect(bad.status).toBe("error");
    expect(bad.errors[0]).toMatch(/^第6行“本期累计值”：/);
    const locked = rowOutcome(6, checkEntry(goal, { period: "2024-06", value: "25" }, { ...context, locks: new Map([["2024-06", "6月已关账"]]) }), null, false);
    expect(locked.errors[0]).toMatch(/^第6行：2024年6月已关账/);
  });
  it("rowMessage", () => {
    expect(rowMessage(5, "value", "应为数字")).toBe("第5行“本期累计值”：应为数字");
    expect(rowMessage(5, null, "x")).toBe("第5行：x");
    expect(COLUMNS.value.col).toBe(7);
  });
});

describe("the verdict of an upload", () => {
  it("errors first, then unconfirmed warnings, then nothing filled, else ready", () => {
    expect(bulkVerdict(summarise(["ok", "error", "warning"]), true)).toBe("errors");
    expect(bulkVerdict(summarise(["ok", "warning"]), false)).toBe("needs_confirmation");
    expect(bulkVerdict(summarise(["ok", "warning"]), true)).toBe("ready");
    expect(bulkVerdict(summarise(["skipped", "skipped"]), false)).toBe("nothing");
    expect(bulkVerdict(summarise(["ok", "skipped"]), false)).toBe("ready");
    expect(summarise(["ok", "skipped", "error"])).toEqual({ rows: 3, ok: 1, warning: 0, error: 1, skipped: 1 });
  });
});

/** A minimal zip: one stored entry declaring `size` bytes unpacked. */
function zip(entries: { name: string; size: number }[]): Uint8Array {
  const parts: number[] = [];
  const central: number[] = [];
  const u16 = (a: number[], v: number) => a.push(v & 0xff, (v >> 8) & 0xff);
  const u32 = (a: number[], v: number) => a.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  for (const e of entries) {
    const offset = parts.length;
    const name = [...Buffer.from(e.name)];
    u32(parts, 0x04034b50); u16(parts, 20); u16(parts, 0); u16(parts, 0); u32(parts, 0); u32(parts, 0); u32(parts, 0); u32(parts, e.size); u16(parts, name.length); u16(parts, 0);
    parts.push(...name);
    u32(central, 0x02014b50); u16(central, 20); u16(central, 20); u16(central, 0); u16(central, 0); u32(central, 0); u32(central, 0); u32(central, 0); u32(central, e.size);
    u16(central, name.length); u16(central, 0); u16(central, 0); u16(central, 0); u16(central, 0); u32(central, 0); u32(central, offset);
    central.push(...name);
  }
  const start = parts.length;
  const end: number[] = [];
  u32(end, 0x06054b50); u16(end, 0); u16(end, 0); u16(end, entries.length); u16(end, entries.length); u32(end, central.length); u32(end, start); u16(end, 0);
  return new Uint8Array([...parts, ...central, ...end]);
}

describe("xlsxProblem: judged by the bytes", () => {
  it("a sound small zip passes", () => {
    expect(xlsxProblem(zip([{ name: "[Content_Types].xml", size: 1000 }, { name: "xl/workbook.xml", size: 2000 }]))).toBeNull();
  });
  it("empty, too large, not a zip, truncated, bomb-like", () => {
    expect(xlsxProblem(new Uint8Array())).toBe("empty");
    expect(xlsxProblem(new Uint8Array(6 * 1024 * 1024))).toBe("too_large");
    expect(xlsxProblem(new TextEncoder().encode("序号,指标\n1,新建农田\n".repeat(3)))).toBe("not_xlsx");
    expect(xlsxProblem(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(100)]))).toBe("not_xlsx"); // an old .xls
    expect(xlsxProblem(zip([{ name: "a", size: 10 }]).slice(0, 40))).toBe("corrupt");
    expect(xlsxProblem(zip([{ name: "xl/worksheets/sheet1.xml", size: 0xfffffff0 }]))).toBe("too_big_unpacked");
    expect(xlsxProblem(zip(Array.from({ length: 300 }, (_, i) => ({ name: `p${i}`, size: 1 }))))).toBe("too_big_unpacked");
  });
});
