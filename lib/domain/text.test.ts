import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hasControlCharacter, hasLoneSurrogate, optionalText, safeText } from "./text";

function messages(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
}

describe("control characters", () => {
  it("finds C0, DEL and C1 controls; tab and line breaks only count on single-line text", () => {
    for (const s of ["a\u0000b", "\u0001", "x\u001b[31m", "\u007f", "\u0085", "\u009f", "\u000b", "\u000c"]) {
      expect(hasControlCharacter(s), JSON.stringify(s)).toBe(true);
      expect(hasControlCharacter(s, true), JSON.stringify(s)).toBe(true);
    }
    for (const s of ["a\nb", "a\r\nb", "a\tb"]) {
      expect(hasControlCharacter(s)).toBe(true);
      expect(hasControlCharacter(s, true)).toBe(false);
    }
    expect(hasControlCharacter("增长6%，约 12.5 万亩（初步）")).toBe(false);
  });

  it("finds halves of surrogate pairs, not whole pairs", () => {
    expect(hasLoneSurrogate("a\ud800b")).toBe(true);
    expect(hasLoneSurrogate("\udc00")).toBe(true);
    expect(hasLoneSurrogate("x\ud83d")).toBe(true);
    expect(hasLoneSurrogate("𠀀😀")).toBe(false);
  });
});

describe("safeText", () => {
  const note = safeText(10, "说明", { multiline: true });
  const name = safeText(10, "名称", { min: { length: 1, message: "请填写名称" } });

  it("trims, and keeps line breaks in multi-line text", () => {
    expect(note.parse("  第一行\n第二行  ")).toBe("第一行\n第二行");
  });

  it("refuses control characters and broken surrogates with Chinese messages", () => {
    expect(messages(note, "a\u0000b")).toEqual(["说明不能包含控制字符"]);
    expect(messages(name, "a\nb")).toEqual(["名称不能包含控制字符"]);
    expect(messages(name, "a\ud800")).toEqual(["名称包含无效的字符"]);
  });

  it("caps the length and says so in Chinese", () => {
    expect(messages(name, "一".repeat(11))).toEqual(["名称不能超过10个字"]);
    expect(messages(safeText(5, "数值", { maxMessage: "太长" }), "123456")).toEqual(["太长"]);
  });

  it("answers a number, an object or nothing in Chinese", () => {
    expect(messages(name, 5)).toEqual(["名称应为文字"]);
    expect(messages(name, { a: 1 })).toEqual(["名称应为文字"]);
    expect(messages(name, undefined)).toEqual(["请填写名称"]);
    expect(messages(name, "   ")).toEqual(["请填写名称"]);
    expect(messages(safeText(10, "值", { typeMessage: "请填写数值" }), true)).toEqual(["请填写数值"]);
  });

  it("optionalText reads absent and empty as undefined", () => {
    const optional = z.object({ note: optionalText(10, "说明") });
    expect(optional.parse({}).note).toBeUndefined();
    expect(optional.parse({ note: "  " }).note).toBeUndefined();
    expect(messages(optional, { note: 5 })).toEqual(["说明应为文字"]);
  });
});

describe("zod's own messages", () => {
  it("are Chinese where a schema sets none", () => {
    // Importing text.ts configured zod for every schema.
    const schema = z.object({ count: z.number(), items: z.array(z.string()), flag: z.boolean() });
    const parsed = schema.safeParse({ count: "x", items: "y" });
    expect(parsed.success).toBe(false);
    const all = parsed.error!.issues.map((i) => i.message);
    expect(all).toEqual(["应为数字", "应为列表", "缺少此项"]);
    for (const message of all) expect(message).toMatch(/[\u4e00-\u9fff]/);
  });
});
