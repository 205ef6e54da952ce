import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { FIGURE_ERROR_MESSAGES, figureErrorMessage, parseFigure, type FigureErrorCode, type FigureGoal } from "./figures";

const pct: FigureGoal = { unit: "%", kind: "growth", direction: "higher" };
const people: FigureGoal = { unit: "人", kind: "increment" };
const tenThousandPeople: FigureGoal = { unit: "万人", kind: "increment" };
const units: FigureGoal = { unit: "个", kind: "increment" };
const coverage: FigureGoal = { unit: "%", kind: "ratio", metric: "家庭医生重点人群签约服务覆盖率" };

function accepted(input: string, goal: FigureGoal): string {
  const r = parseFigure(input, goal);
  if (!r.ok) throw new Error(`rejected ${JSON.stringify(input)}: ${r.code} ${r.message}`);
  return r.value;
}

function rejected(input: string, goal: FigureGoal): FigureErrorCode {
  const r = parseFigure(input, goal);
  if (r.ok) throw new Error(`accepted ${JSON.stringify(input)} as ${r.value}`);
  expect(r.message).toBe(figureErrorMessage(r.code, goal.unit));
  return r.code;
}

describe("parseFigure accepts", () => {
  it.each([
    ["6.5", pct, "6.5"],
    ["６．５", pct, "6.5"],
    ["6.5%", pct, "6.5"],
    ["6.5％", pct, "6.5"],
    ["6.5 %", pct, "6.5"],
    ["  6.5  ", pct, "6.5"],
    ["\u30006.5\u3000", pct, "6.5"],
    ["-3.5", pct, "-3.5"],
    ["－3.5", pct, "-3.5"],
    ["−3.5", pct, "-3.5"],
    ["- 3.5", pct, "-3.5"],
    ["+3.5", pct, "3.5"],
    ["0", pct, "0"],
    ["-0", pct, "0"],
    ["6.50", pct, "6.5"],
    ["6.", pct, "6"],
    [".5", pct, "0.5"],
    ["007", pct, "7"],
    ["1,200", people, "1200"],
    ["１，２００", people, "1200"],
    ["12,345,678.5", units, "12345678.5"],
    ["1.2万", people, "12000"],
    ["1.2万人", people, "12000"],
    ["1200人", people, "1200"],
    ["2.4", tenThousandPeople, "2.4"],
    ["2.4万", tenThousandPeople, "2.4"],
    ["2.4万人", tenThousandPeople, "2.4"],
    ["24000人", tenThousandPeople, "2.4"],
    ["1.5亿", { unit: "万元", kind: "level" }, "15000"],
    ["5000万", { unit: "亿元", kind: "level" }, "0.5"],
    ["5000万元", { unit: "亿元", kind: "level" }, "0.5"],
    ["8.5亿元", { unit: "亿元", kind: "level" }, "8.5"],
    ["50", { unit: "万", kind: "level" }, "50"],
    ["50万", { unit: "万", kind: "level" }, "50"],
    ["342天", { unit: "天", kind: "level" }, "342"],
    ["0.5", { unit: "个百分点", kind: "level" }, "0.5"],
    ["-0.5", { unit: "个百分点", kind: "level" }, "-0.5"],
    ["0.5%", { unit: "个百分点", kind: "level" }, "0.5"],
    ["0.5个百分点", { unit: "个百分点", kind: "level" }, "0.5"],
    ["100", coverage, "100"],
    ["0", coverage, "0"],
    ["85.5%", coverage, "85.5"],
    ["150", pct, "150"],
    ["-12", { unit: "亿元", kind: "growth" }, "-12"],
    ["-3", { unit: "吨", kind: "decrease" }, "-3"],
    ["-1.5", { unit: "‰", kind: "level" }, "-1.5"],
    ["0.000001", units, "0.000001"],
    ["1.2345678万", people, "12345.678"],
    ["1.2345678901万", people, "12345.678901"],
    ["999999999999999999.999999", units, "999999999999999999.999999"],
    ["60", { unit: "%", kind: "milestone" }, "60"],
    ["60%", { unit: "", kind: "milestone" }, "60"],
    ["120", { unit: "%", kind: "level", metric: "工业增加值增长率" }, "120"],
  ] as const)("%j for %o → %s", (input, goal, value) => {
    expect(accepted(input, goal)).toBe(value);
  });

  it("never rounds: every plain decimal with up to 6 places comes back as the same number", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (n, places) => {
        const s = n < 0n ? "-" + (-n).toString() : n.toString();
        const typed = places === 0 ? s : `${s}.${"1".repeat(places)}`;
        const value = accepted(typed, pct);
        expect(Number(value)).toBe(Number(typed));
        expect(value.replace(/^-/, "")).toBe(typed.replace(/^-/, "").replace(/^0+(?=\d)/, "") || "0");
      }),
    );
  });
});

describe("parseFigure rejects", () => {
  it.each([
    ["", pct, "empty"],
    ["   ", pct, "empty"],
    ["约6", pct, "approximate"],
    ["6左右", pct, "approximate"],
    ["6%以上", pct, "approximate"],
    ["近6", pct, "approximate"],
    ["1200多", people, "approximate"],
    ["5 6", pct, "multiple_numbers"],
    ["5、6", pct, "multiple_numbers"],
    ["5，6", pct, "multiple_numbers"],
    ["5-6", pct, "multiple_numbers"],
    ["5~6", pct, "multiple_numbers"],
    ["5至6", pct, "multiple_numbers"],
    ["1,20", people, "multiple_numbers"],
    ["NaN", pct, "not_a_number"],
    ["Infinity", pct, "not_a_number"],
    ["-Infinity", pct, "not_a_number"],
    ["∞", pct, "not_a_number"],
    ["abc", pct, "not_a_number"],
    ["六点五", pct, "not_a_number"],
    ["-", pct, "not_a_number"],
    [".", pct, "not_a_number"],
    ["6.5.3", pct, "not_a_number"],
    ["%", pct, "not_a_number"],
    ["6.5abc", pct, "unit_mismatch"],
    ["1e5", units, "not_a_number"],
    ["12元", people, "unit_mismatch"],
    ["6.5%", units, "percent_not_expected"],
    ["6.5%", people, "percent_not_expected"],
    ["1.2万", pct, "magnitude_not_expected"],
    ["1.2亿", { unit: "个百分点", kind: "level" }, "magnitude_not_expected"],
    ["2万", { unit: "倍", kind: "level" }, "magnitude_not_expected"],
    ["0.0000001", units, "too_many_decimals"],
    ["1.23456789012万", people, "too_many_decimals"],
    ["1000000000000000000", units, "too_large"],
    ["-1000000000000000000", pct, "too_large"],
    ["100000000000000亿", { unit: "元", kind: "level" }, "too_large"],
    ["-1", units, "negative_not_allowed"],
    ["-1", people, "negative_not_allowed"],
    ["-2.4", tenThousandPeople, "negative_not_allowed"],
    ["-5", { unit: "亿元", kind: "level" }, "negative_not_allowed"],
    ["-3", { unit: "亩", kind: "increment" }, "negative_not_allowed"],
    ["-1", { unit: "天", kind: "level" }, "negative_not_allowed"],
    ["100.01", coverage, "share_out_of_range"],
    ["101%", coverage, "share_out_of_range"],
    ["-1", coverage, "share_out_of_range"],
    ["120", { unit: "%", kind: "level", metric: "森林覆盖率" }, "share_out_of_range"],
    ["120", { unit: "%", kind: "level", metric: "城镇化率" }, "share_out_of_range"],
    ["101", { unit: "%", kind: "level", metric: "营商环境指标达到一流水平的比例" }, "share_out_of_range"],
    ["101", { unit: "%", kind: "milestone" }, "milestone_out_of_range"],
    ["-5", { unit: "%", kind: "milestone" }, "milestone_out_of_range"],
  ] as const)("%j for %o: %s", (input, goal, code) => {
    expect(rejected(input, goal)).toBe(code);
  });

  it("treats null-ish input as empty", () => {
    expect(rejected(undefined as unknown as string, pct)).toBe("empty");
  });
});

describe("messages", () => {
  it("are Chinese and say what is expected", () => {
    expect(figureErrorMessage("empty")).toBe("请输入一个数字，例如 6.5");
    expect(figureErrorMessage("not_a_number", "万人")).toBe("请输入一个数字，例如 6.5（单位：万人）");
    expect(figureErrorMessage("negative_not_allowed", "个")).toBe("数值不能为负数（单位：个）");
    expect(figureErrorMessage("share_out_of_range", "%")).toContain("覆盖率类指标不能超过100%");
    expect(figureErrorMessage("percent_not_expected", "个")).toContain("不是百分比");
  });

  it("exist for every code", () => {
    for (const [code, message] of Object.entries(FIGURE_ERROR_MESSAGES)) {
      expect(message("个"), code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("come back with a rejection", () => {
    expect(parseFigure("约6", pct)).toEqual({ ok: false, code: "approximate", message: FIGURE_ERROR_MESSAGES.approximate("%") });
  });
});
