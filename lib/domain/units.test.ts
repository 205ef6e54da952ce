import { describe, expect, it } from "vitest";
import { isCountUnit, isPercentUnit, isPercentagePointUnit, splitUnit } from "./units";

describe("units", () => {
  it("recognises percentages", () => {
    expect(["%", "％", "个百分点", "百分点", " % "].every(isPercentUnit)).toBe(true);
    expect(["‰", "个", "万人", "", "百分比"].some(isPercentUnit)).toBe(false);
    expect(isPercentagePointUnit("个百分点")).toBe(true);
    expect(isPercentagePointUnit("%")).toBe(false);
  });

  it("splits off 万/亿 magnitudes", () => {
    expect(splitUnit("万人")).toEqual({ exponent: 4, base: "人" });
    expect(splitUnit("亿元")).toEqual({ exponent: 8, base: "元" });
    expect(splitUnit("万亿元")).toEqual({ exponent: 12, base: "元" });
    expect(splitUnit("万")).toEqual({ exponent: 4, base: "" });
    expect(splitUnit("千瓦")).toEqual({ exponent: 0, base: "千瓦" });
    expect(splitUnit("个")).toEqual({ exponent: 0, base: "个" });
  });

  it("knows counts and amounts of things", () => {
    for (const u of ["个", "家", "户", "人", "项", "件", "处", "条", "所", "座", "亩", "吨", "公里", "元", "天", "万人", "亿元", "万亩", "万平方米", "亿斤", "万只"]) {
      expect(isCountUnit(u), u).toBe(true);
    }
    for (const u of ["%", "个百分点", "‰", "倍", "", "℃"]) expect(isCountUnit(u), u).toBe(false);
  });
});
