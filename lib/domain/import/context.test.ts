import { describe, expect, it } from "vitest";
import { sourceContext } from "./context";

const text = "一、回顾\n去年完成良好。今年全市地区生产总值增长6%左右，粮食产量稳定在300万吨以上。其他工作。\n";

describe("sourceContext", () => {
  it("shows the quote inside its sentence, from the previous sentence end to the next", () => {
    const quote = "地区生产总值增长6%左右";
    const start = text.indexOf(quote);
    const c = sourceContext(text, quote, start, start + quote.length)!;
    expect(c).toMatchObject({ before: "今年全市", quote, after: "，粮食产量稳定在300万吨以上。", start, clippedBefore: false, clippedAfter: false });
  });

  it("finds the quote again when the stored offsets no longer hold it", () => {
    const c = sourceContext(text, "粮食产量稳定在300万吨以上", 3, 9)!;
    expect(c.quote).toBe("粮食产量稳定在300万吨以上");
    expect(c.before).toBe("今年全市地区生产总值增长6%左右，");
    expect(c.after).toBe("。");
  });

  it("cuts a long sentence at the reach and says so; null when the quote is not in the text", () => {
    const long = `${"甲".repeat(50)}目标${"乙".repeat(50)}。`;
    const c = sourceContext(long, "目标", 50, 52, 10)!;
    expect(c.before).toHaveLength(10);
    expect(c.after).toHaveLength(10);
    expect(c.clippedBefore && c.clippedAfter).toBe(true);
    expect(sourceContext(text, "不在文中", null, null)).toBeNull();
    expect(sourceContext(text, "", null, null)).toBeNull();
  });
});
