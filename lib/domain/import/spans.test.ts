import { describe, expect, it } from "vitest";
import { sectionAt, spanProblem, trimSpan } from "./spans";

const text = "一、总体要求\n新建高标准农田50万亩以上。 \n😀完成";

describe("spanProblem", () => {
  it("accepts a span inside the text", () => {
    expect(spanProblem(text, 7, 20)).toBeNull();
    expect(spanProblem(text, 0, text.length)).toBeNull();
  });
  it("refuses offsets outside, empty, reversed, fractional, too long, blank, or cutting a character", () => {
    expect(spanProblem(text, -1, 3)?.field).toBe("start");
    expect(spanProblem(text, 1.5, 3)?.field).toBe("start");
    expect(spanProblem(text, 3, 3)?.field).toBe("end");
    expect(spanProblem(text, 4, 3)?.field).toBe("end");
    expect(spanProblem(text, 0, text.length + 1)?.message).toMatch(/超出/);
    expect(spanProblem("a".repeat(2000), 0, 1001)?.message).toMatch(/过长/);
    expect(spanProblem(text, 6, 7)?.message).toMatch(/空白/);
    const emoji = text.indexOf("😀");
    expect(spanProblem(text, emoji + 1, emoji + 3)?.message).toMatch(/切断/);
    expect(spanProblem(text, emoji, emoji + 1)?.message).toMatch(/切断/);
  });
});

describe("trimSpan and sectionAt", () => {
  it("drops surrounding white space", () => {
    const start = text.indexOf("\n新建");
    const { start: s, end: e } = trimSpan(text, start, text.indexOf("。") + 3);
    expect(text.slice(s, e)).toBe("新建高标准农田50万亩以上。");
  });
  it("finds the innermost section", () => {
    const sections = [{ id: "1", start: 0, end: 100 }, { id: "1.1", start: 10, end: 50 }, { id: "2", start: 100, end: 200 }];
    expect(sectionAt(sections, 12, 20)?.id).toBe("1.1");
    expect(sectionAt(sections, 5, 20)?.id).toBe("1");
    expect(sectionAt(sections, 90, 110)).toBeNull();
  });
});
