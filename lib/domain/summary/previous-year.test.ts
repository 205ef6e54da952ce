import { describe, expect, it } from "vitest";
import { matchPreviousYear, metricKey } from "./previous-year";

describe("metricKey", () => {
  it("reads full-width characters and white space the same; the unit and a share's holder count", () => {
    expect(metricKey("新建　高标准 农田", "万亩")).toBe(metricKey("新建高标准农田", "万亩"));
    expect(metricKey("ＧＤＰ增速", "％")).toBe(metricKey("gdp增速", "%"));
    expect(metricKey("新建高标准农田", "万亩")).not.toBe(metricKey("新建高标准农田", "亩"));
    expect(metricKey("新建高标准农田", "万亩", "department:d1")).not.toBe(metricKey("新建高标准农田", "万亩"));
  });
});

describe("matchPreviousYear", () => {
  const previous = [
    { id: "p1", metric: "新建高标准农田", unit: "万亩" },
    { id: "p2", metric: "粮食基地建设", unit: "个" },
    { id: "p3", metric: "新增限上企业", unit: "家" },
    { id: "p4", metric: "新增限上企业", unit: "家" },
    { id: "p5", metric: "新建高标准农田", unit: "万亩", holder: "department:d1" },
  ];
  it("a linked goal first, else the one goal of the same metric and unit; two candidates are no match", () => {
    const matched = matchPreviousYear(
      [
        { id: "c1", metric: "新建 高标准农田", unit: "万亩" },
        { id: "c2", metric: "新增粮食基地", unit: "个", previousGoalId: "p2" },
        { id: "c3", metric: "新增限上企业", unit: "家" },
        { id: "c4", metric: "城镇新增就业", unit: "万人" },
        { id: "c5", metric: "新建高标准农田", unit: "万亩", holder: "department:d1" },
        { id: "c6", metric: "新增粮食基地", unit: "个", previousGoalId: "not-in-the-plan" },
      ],
      previous,
    );
    expect(Object.fromEntries(matched)).toEqual({ c1: "p1", c2: "p2", c5: "p5" });
  });

  it("two goals of this year with one metric match neither", () => {
    expect(matchPreviousYear([{ id: "c1", metric: "新建高标准农田", unit: "万亩" }, { id: "c2", metric: "新建高标准农田", unit: "万亩" }], previous).size).toBe(0);
  });
});
