import { describe, expect, it } from "vitest";
import { diffAgainstGoals, findSameMetric, metricSimilarity, normaliseMetric, sameTarget } from "./matching";

const goal = (id: string, metric: string, value: string, unit: string, quote = metric + value + unit) => ({
  id, metric, unit, value, valueHigh: null, comparator: "gte", kind: "increment", quote,
});

describe("normaliseMetric and findSameMetric", () => {
  it("ignores width, spaces, punctuation and leading fillers", () => {
    expect(normaliseMetric(" 全年 ＧＤＰ（地区）")).toBe("GDP地区");
    expect(normaliseMetric("确保新建高标准农田")).toBe("新建高标准农田");
  });
  it("needs the same unit too", () => {
    const goals = [goal("a", "新建高标准农田", "40", "亩"), goal("b", "新建高标准农田", "40", "万亩")];
    expect(findSameMetric({ metric: "新建高标准农田", unit: "万亩" }, goals)?.id).toBe("b");
    expect(findSameMetric({ metric: "新建农田", unit: "万亩" }, goals)).toBeNull();
  });
});

describe("diffAgainstGoals", () => {
  const text = "新建高标准农田60万亩。改造老旧小区120个。新增市场主体2万户。建设农村公路300公里。";
  const at = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
  const candidate = (metric: string, value: string, unit: string, quote: string) => ({ ...goal("", metric, value, unit, quote), ...at(quote) });

  it("new / changed / unchanged / removed, each goal matched once", () => {
    const goals = [
      goal("farm", "新建高标准农田", "50", "万亩"),
      goal("housing", "改造老旧小区", "120", "个", "改造老旧小区120个"),
      goal("gone", "接待游客", "10", "%"),
      goal("road", "新建农村公路", "300", "公里", "建设农村公路300公里"),
    ];
    const result = diffAgainstGoals(text, [
      candidate("新建高标准农田", "60", "万亩", "新建高标准农田60万亩"),
      candidate("改造老旧小区", "120", "个", "改造老旧小区120个"),
      candidate("新增市场主体", "2", "万户", "新增市场主体2万户"),
      // Named differently this time; found where the goal's quote stands in the new text.
      candidate("建设农村公路", "300", "公里", "建设农村公路300公里"),
    ], goals);
    expect(result.matches).toEqual([
      { goalId: "farm", status: "changed" },
      { goalId: "housing", status: "unchanged" },
      { goalId: null, status: "new" },
      { goalId: "road", status: "changed" },
    ]);
    expect(result.removedGoalIds).toEqual(["gone"]);
  });

  it("a similar metric in the same unit matches when nothing surer does", () => {
    const result = diffAgainstGoals("新建高标准化农田55万亩", [{ ...goal("", "新建高标准化农田", "55", "万亩"), start: 0, end: 12 }], [goal("farm", "新建高标准农田", "50", "万亩", "旧文本")]);
    expect(result.matches[0]).toEqual({ goalId: "farm", status: "changed" });
    expect(metricSimilarity("新建高标准农田", "新增城镇就业")).toBeLessThan(0.6);
  });

  it("sameTarget compares figures as numbers", () => {
    expect(sameTarget(goal("", "x", "6.0", "%"), goal("", "x", "6", "%"))).toBe(true);
    expect(sameTarget(goal("", "x", "6", "%"), { ...goal("", "x", "6", "%"), comparator: "approx" })).toBe(false);
  });
});
