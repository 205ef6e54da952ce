import { describe, expect, it } from "vitest";
import { findMilestoneHints } from "./milestones";

describe("findMilestoneHints", () => {
  const text = "一、2023年工作回顾\n老旧小区改造全面完成。\n二、2024年工作安排\n主要预期目标是：地区生产总值增长6%左右，居民收入增长与经济增长同步，能耗完成省下达任务。一是全面完成棚户区改造；新建学校3所。";
  const sections = [
    { part: "review", start: 0, end: text.indexOf("二、") },
    { part: "plan", start: text.indexOf("二、"), end: text.length },
  ];
  it("lists clauses of the plan part with a target cue and no figure, with offsets into the text", () => {
    const gdp = text.indexOf("地区生产总值增长6%左右");
    const hints = findMilestoneHints(text, sections, [{ start: gdp, end: gdp + 12 }]);
    expect(hints.map((h) => h.quote)).toEqual(["居民收入增长与经济增长同步", "能耗完成省下达任务", "全面完成棚户区改造"]);
    for (const h of hints) expect(text.slice(h.start, h.end)).toBe(h.quote);
  });
  it("skips the review part, clauses with figures and clauses overlapping a target", () => {
    const hints = findMilestoneHints(text, sections, []);
    expect(hints.some((h) => h.quote.includes("老旧小区"))).toBe(false);
    expect(hints.some((h) => h.quote.includes("学校"))).toBe(false);
    const clause = text.indexOf("居民收入");
    expect(findMilestoneHints(text, sections, [{ start: clause, end: clause + 4 }]).some((h) => h.quote.startsWith("居民收入"))).toBe(false);
  });
  it("reads a text without sections as plan, and stops at the limit", () => {
    expect(findMilestoneHints("确保安全生产事故不发生，全面完成改造任务。", [], [], 1)).toHaveLength(1);
  });
});
