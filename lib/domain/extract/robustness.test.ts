import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractTargets, extractUnguarded } from "./extract";
import { inPlan, offsetsHold } from "./test-helpers";

// Characters that exercise every path: digits and Chinese numerals, units, cue words, punctuation
// (full- and half-width), quotes, brackets, headings, whitespace, page breaks, a surrogate pair.
const ALPHABET = [
  ..."0123456789０１２３.．,，、；;：:。！？!?%％‰“”\"《》（）()[]【】-—~～+/ \n\n\t　*#",
  ..."一二三四五六七八九十百千万亿两〇零点第是年月日号级期",
  ..."个家户项件处条所座套亩吨元人天米公里平方倍",
  ..."增长下降达到以上以内左右控制在保持新建新增打造力争确保全年全市分别均和及等的",
  ..."億萬個畝噸長達內實確項處條戶類",
  "百分之", "个百分点", "万亩", "亿元", "一、", "（一）", "一是", "二、2024年重点工作任务", "一、2023年工作回顾",
  "全面完成", "开工建设", "全覆盖", "同步", "惠及", "去年", "今年", "预期目标", "◢", "●", "▲", "①", "【", "】",
  "\uD83D\uDE00", "\uD800",
];
const reportish = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 400 }).map((parts) => parts.join(""));

describe("never throws, offsets always hold", () => {
  it("gives empty results for empty input", () => {
    expect(extractTargets("")).toEqual({ planYear: null, sections: [], targets: [], baselines: [] });
  });

  it("holds on random report-like text", () => {
    fc.assert(
      fc.property(reportish, (text) => {
        const r = extractUnguarded(text);
        expect(offsetsHold(text, r)).toBe(true);
        for (const t of r.targets) {
          expect(Number.isFinite(t.value)).toBe(true);
          expect(t.metric.length).toBeGreaterThan(0);
          expect(t.unit.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it("holds on random report-like text placed in a plan part", () => {
    fc.assert(
      fc.property(reportish, (body) => {
        const text = inPlan(body);
        expect(offsetsHold(text, extractUnguarded(text))).toBe(true);
        const withMilestones = extractUnguarded(text, { milestones: true });
        expect(offsetsHold(text, withMilestones)).toBe(true);
        expect(withMilestones.targets).toEqual(extractUnguarded(text).targets);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("holds on arbitrary unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(offsetsHold(text, extractUnguarded(text))).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it("reports the same targets wherever the text sits in a longer document", () => {
    const body = "新建高标准农田12万亩，地区生产总值增长6%左右。";
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }).filter((p) => !/[\d一二三四五六七八九十、（]/.test(p)), (prefix) => {
        const text = inPlan(`${prefix.replace(/[\n。]/g, "")}。${body}`);
        const values = extractUnguarded(text).targets.map((t) => t.value);
        expect(values).toEqual(expect.arrayContaining([12, 6]));
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});

function timeOf(text: string): number {
  const t0 = performance.now();
  extractUnguarded(text);
  return performance.now() - t0;
}

/**
 * Time for 4n characters against n: linear work gives about 4, quadratic 16. The least of three
 * tries, so that a pause of the machine (other test files run alongside) does not read as growth.
 */
function growth(make: (n: number) => string, n: number): number {
  const small = make(n);
  const large = make(4 * n);
  timeOf(small); // warm up
  const best = (text: string) => Math.min(timeOf(text), timeOf(text));
  let ratio = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 5 && ratio >= 8; attempt++) {
    ratio = Math.min(ratio, best(large) / Math.max(2, best(small)));
  }
  return ratio;
}

const repeat = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

// One megabyte of each: text a careless scanner would read in quadratic time.
const PATHOLOGICAL: Array<[string, (n: number) => string]> = [
  ["digits", repeat("1")],
  ["digits and points", repeat("1.")],
  ["Chinese numerals", repeat("一")],
  ["numerals and units", repeat("十个")],
  ["list of figures", repeat("1亿元、")],
  ["open quotes", repeat("“")],
  ["quotes", repeat("“十四五”")],
  ["commas", repeat("，")],
  ["pauses", repeat("、")],
  ["page breaks", repeat("农\n\n")],
  ["no punctuation", repeat("新建高标准农田")],
  ["cues", repeat("增长达到控制在以上")],
  ["headings", repeat("一、\n")],
  ["items", repeat("一是。")],
  ["targets", repeat("新建高标准农田50万亩以上，地区生产总值增长6%，")],
  ["thousands", repeat("1,000,")],
  ["brackets", repeat("[1")],
  ["spaces", repeat("1 ")],
  ["digest lines", repeat("经济◢\n地区生产总值增长6%左右\n改造老旧小区120个\n1.2万人：城镇新增就业\n")],
  ["quoted statements", repeat("“今年增长6%，")],
  ["year headings", repeat("【回眸2023】\n2024年目标\n")],
];

describe("linear time on pathological input", () => {
  for (const [name, make] of PATHOLOGICAL) {
    it(`${name}: 1 MB finishes and scales linearly`, () => {
      const big = make(1_000_000);
      const t = timeOf(big);
      expect(t).toBeLessThan(30_000);
      expect(offsetsHold(big, extractUnguarded(make(20_000)))).toBe(true);
      expect(offsetsHold(big, extractUnguarded(make(20_000), { milestones: true }))).toBe(true);
      expect(growth(make, 50_000)).toBeLessThan(10);
    }, 120_000);
  }

  it("1 MB of random report-like text finishes and scales linearly", () => {
    const sample = fc.sample(reportish, { numRuns: 200, seed: 42 }).join("");
    const make = repeat(sample);
    expect(timeOf(make(1_000_000))).toBeLessThan(30_000);
    expect(growth(make, 60_000)).toBeLessThan(10);
  }, 120_000);
});
