import { describe, expect, it } from "vitest";
import { suggestFrequency } from "./frequency";

const f = (metric: string, kind: Parameters<typeof suggestFrequency>[0]["kind"], unit = "") => suggestFrequency({ metric, kind, unit }).frequency;

describe("suggestFrequency", () => {
  it("GDP and growth rates: quarterly", () => {
    expect(f("地区生产总值", "growth", "%")).toBe("quarterly");
    expect(f("地区生产总值", "level", "亿元")).toBe("quarterly");
    expect(f("社会消费品零售总额", "growth", "%")).toBe("quarterly");
    expect(f("城镇调查失业率", "level", "%")).toBe("quarterly");
    expect(f("规上工业增加值", "growth", "%")).toBe("quarterly");
    expect(f("某项新指标", "decrease", "%")).toBe("quarterly");
  });

  it("粮食产量 and other annual-only statistics: annual (before the quarterly words they contain)", () => {
    expect(f("粮食产量", "level", "亿斤")).toBe("annual");
    expect(f("单位地区生产总值能耗", "decrease", "%")).toBe("annual");
    expect(f("森林覆盖率", "ratio", "%")).toBe("annual");
    expect(f("常住人口城镇化率", "ratio", "%")).toBe("annual");
  });

  it("counted works (个/项/公里/万亩 increments): monthly", () => {
    expect(f("新建高标准农田", "increment", "万亩")).toBe("monthly");
    expect(f("改造老旧小区", "increment", "个")).toBe("monthly");
    expect(f("新建农村公路", "increment", "公里")).toBe("monthly");
    expect(f("城镇新增就业", "increment", "万人")).toBe("monthly");
  });

  it("shares and ratios, levels, milestones: quarterly; each with a Chinese reason", () => {
    expect(f("农作物耕种收综合机械化率", "ratio", "%")).toBe("quarterly");
    expect(f("空气质量优良天数", "level", "天")).toBe("quarterly");
    expect(f("全面完成老旧小区改造", "milestone")).toBe("quarterly");
    for (const kind of ["growth", "decrease", "level", "increment", "ratio", "milestone"] as const) {
      expect(suggestFrequency({ metric: "某指标", kind, unit: "" }).reason).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
