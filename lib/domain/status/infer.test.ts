import { describe, expect, it } from "vitest";
import { inferAccumulates, inferDirection } from "./infer";

describe("inferDirection", () => {
  it("every lte goal is lower-is-better", () => {
    expect(inferDirection("登记失业率", "lte", "ratio")).toBe("lower");
    expect(inferDirection("财政供养人口总量", "lte", "growth")).toBe("lower");
    expect(inferDirection("新增政府债务", "lte", "increment")).toBe("lower");
  });

  it("burdens and caps are lower-is-better", () => {
    expect(inferDirection("城镇调查失业率", "approx", "ratio")).toBe("lower");
    expect(inferDirection("居民消费价格涨幅", "approx", "growth")).toBe("lower");
    expect(inferDirection("CPI涨幅", "gte", "growth")).toBe("lower");
    expect(inferDirection("物价涨幅", "approx", "growth")).toBe("lower");
    expect(inferDirection("单位GDP能耗", "eq", "level")).toBe("lower");
    expect(inferDirection("亿元GDP生产安全事故死亡率", "eq", "level")).toBe("lower");
    expect(inferDirection("刑事案件发案率", "eq", "ratio")).toBe("lower");
    expect(inferDirection("农民负担率", "eq", "ratio")).toBe("lower");
    expect(inferDirection("化学需氧量排放总量", "eq", "level")).toBe("lower");
    expect(inferDirection("PM2.5平均浓度", "eq", "level")).toBe("lower");
    expect(inferDirection("拖欠农民工工资案件", "eq", "level")).toBe("lower");
  });

  it("a decrease goal is higher-is-better: its figure is the decrease achieved", () => {
    expect(inferDirection("万元GDP综合能耗", "eq", "decrease")).toBe("higher");
    expect(inferDirection("二氧化碳排放", "gte", "decrease")).toBe("higher");
  });

  it("everything else is higher-is-better", () => {
    expect(inferDirection("地区生产总值", "eq", "growth")).toBe("higher");
    expect(inferDirection("新建高标准农田", "gte", "increment")).toBe("higher");
    expect(inferDirection("空气质量优良天数", "gte", "level")).toBe("higher");
    expect(inferDirection("家庭医生重点人群签约服务覆盖率", "gte", "ratio")).toBe("higher");
    expect(inferDirection("新增城镇就业", "eq", "increment")).toBe("higher");
  });
});

describe("inferAccumulates", () => {
  it("only increment goals accumulate", () => {
    expect(inferAccumulates("increment")).toBe(true);
    for (const kind of ["growth", "decrease", "level", "ratio", "milestone"] as const) expect(inferAccumulates(kind)).toBe(false);
  });
});
