import { describe, expect, it } from "vitest";
import { extractTargets } from "./extract";
import { buildLayout, quoteMask } from "./layout";
import { normaliseText, traditionalPairs } from "./normalise";
import { chineseValue, readArabic, readChinese } from "./numbers";
import { readUnit } from "./units";

describe("normalisation keeps one character for one character", () => {
  it("folds full-width forms and traditional characters without changing the length", () => {
    const text = "增長６．５％（億元）(一)萬畝";
    const norm = normaliseText(text);
    expect(norm.length).toBe(text.length);
    expect(norm).toBe("增长6.5%（亿元）（一）万亩");
  });

  it("keeps Chinese punctuation, lone surrogates and a byte-order mark", () => {
    const text = "\uFEFF，；：！？\uD800😀";
    expect(normaliseText(text)).toBe(text);
  });

  it("maps each traditional character to one different simplified character", () => {
    for (const [t, s] of traditionalPairs()) {
      expect(t.length).toBe(1);
      expect(s.length).toBe(1);
      expect(t).not.toBe(s);
    }
  });
});

describe("numbers and units", () => {
  it("reads Arabic figures with thousands separators and decimals", () => {
    expect(readArabic("1,200万元", 0, 7)?.value).toBe(1200);
    expect(readArabic("83.3%", 0, 5)?.value).toBe(83.3);
    expect(readArabic("1,20", 0, 4)?.value).toBe(1);
  });

  it("reads Chinese numerals and leaves the magnitude to the unit", () => {
    expect(chineseValue("一千二百")).toBe(1200);
    expect(chineseValue("十五")).toBe(15);
    expect(chineseValue("二十")).toBe(20);
    expect(chineseValue("一百零五")).toBe(105);
    expect(chineseValue("五点五")).toBe(5.5);
    expect(readChinese("两万亩", 0, 3)).toMatchObject({ value: 2, multiplier: "万" });
    expect(readChinese("百分之六", 0, 4)).toMatchObject({ value: 6, percent: true });
  });

  it("does not read a bare magnitude as an amount", () => {
    expect(readChinese("百万吨级", 0, 4)).toBeNull();
    expect(readChinese("千万元以上", 0, 5)).toBeNull();
  });

  it("reads compound units with their magnitude", () => {
    expect(readUnit("万平方米", 0, 4)?.unit).toBe("万平方米");
    expect(readUnit("个百分点", 0, 4)?.unit).toBe("个百分点");
    expect(readUnit("微克/立方米", 0, 6)?.unit).toBe("微克/立方米");
    expect(readUnit("万亿斤", 0, 3)?.unit).toBe("万亿斤");
    expect(readUnit("年", 0, 1)).toBeNull();
  });
});

describe("layout", () => {
  it("joins lines broken inside a sentence and keeps paragraphs that end one", () => {
    const layout = buildLayout(normaliseText("第一段落里\n\n的文字。\n第二段。\n"));
    expect(layout.paragraphs.length).toBe(2);
    const first = layout.paragraphs[0];
    expect(first && layout.compact.slice(first.start, first.end)).toBe("第一段落里的文字。");
  });

  it("maps every compact character back to the same character of the input", () => {
    const text = "  二、2024年 重点\n\n- 3 -\n\n工作任务\n新建 5 个。";
    const layout = buildLayout(normaliseText(text));
    for (let k = 0; k < layout.compact.length; k++) {
      const ch = layout.compact.charAt(k);
      if (ch !== "\n") expect(normaliseText(text.charAt(layout.map[k] as number))).toBe(ch);
    }
    expect(layout.compact).not.toContain("-3-");
  });

  it("masks quoted names", () => {
    const compact = "实施“1553”行动，新建5个";
    const mask = quoteMask(compact);
    expect(mask[compact.indexOf("1")]).toBe(1);
    expect(mask[compact.indexOf("5个")]).toBe(0);
  });
});

describe("sections", () => {
  const report = [
    "政府工作报告",
    "各位代表：",
    "一、2023年工作回顾",
    "一是经济平稳增长。地区生产总值增长5.5%。",
    "二、2024年工作安排",
    "（一）壮大实体经济。一是抓项目。新开工项目80个。二是育企业。新增规上企业10家。",
    "（二）改善民生。城镇新增就业5000人。",
    "三、加强政府自身建设",
    "各位代表，让我们团结奋斗！",
  ].join("\n");
  const r = extractTargets(report);

  it("finds numbered sections with their titles, levels and parents", () => {
    expect(r.sections.map((s) => [s.id, s.number, s.title, s.level, s.parentId])).toEqual([
      ["1", "一、", "2023年工作回顾", 1, null],
      ["1.1", "一是", "经济平稳增长", 2, "1"],
      ["2", "二、", "2024年工作安排", 1, null],
      ["2.1", "（一）", "壮大实体经济", 2, "2"],
      ["2.1.1", "一是", "抓项目", 3, "2.1"],
      ["2.1.2", "二是", "育企业", 3, "2.1"],
      ["2.2", "（二）", "改善民生", 2, "2"],
      ["3", "三、", "加强政府自身建设", 1, null],
    ]);
  });

  it("tells review from plan, and a section after the plan stays in it", () => {
    expect(r.sections.filter((s) => s.level === 1).map((s) => s.part)).toEqual(["review", "plan", "plan"]);
    expect(r.planYear).toBe(2024);
  });

  it("gives each section its span in the input", () => {
    for (const s of r.sections) expect(report.slice(s.start, s.start + s.number.length)).toBe(s.number);
    const plan = r.sections.find((s) => s.id === "2");
    expect(plan && report.slice(plan.start, plan.end)).toContain("城镇新增就业5000人");
    expect(plan && report.slice(plan.start, plan.end)).not.toContain("加强政府自身建设");
  });

  it("puts every target in its innermost section", () => {
    expect(r.targets.map((t) => [t.value, t.sectionId, t.sectionPath.join(" / ")])).toEqual([
      [80, "2.1.1", "2024年工作安排 / 壮大实体经济 / 抓项目"],
      [10, "2.1.2", "2024年工作安排 / 壮大实体经济 / 育企业"],
      [5000, "2.2", "2024年工作安排 / 改善民生"],
    ]);
  });

  it("reads part headings written without numbers", () => {
    const text = "2023年工作回顾\n新增城镇就业4000人。\n2024年重点工作任务\n新增城镇就业4500人。\n";
    const t = extractTargets(text);
    expect(t.targets.map((x) => x.value)).toEqual([4500]);
    expect(t.baselines.map((x) => x.value)).toEqual([4000]);
  });

  it("switches to the plan inside a review section at the year's expected targets", () => {
    const text = "一、2023年工作回顾\n新增城镇就业4000人。\n2024年是关键之年。全年主要预期目标是：新增城镇就业4500人。\n";
    expect(extractTargets(text).targets.map((x) => x.value)).toEqual([4500]);
  });

  it("without headings, keeps a review paragraph in the review until a plan cue", () => {
    const text =
      "过去一年，全县经济稳中有进。\n全年争取上级资金12亿元，新建农村公路80公里，确保了脱贫成果。\n今年，全县将新建农村公路100公里，争取上级资金15亿元。";
    const r = extractTargets(text);
    expect(r.targets.map((t) => t.value)).toEqual([100, 15]);
    expect(r.baselines.map((b) => b.value)).toEqual([12, 80]);
  });

  it("takes the plan year from the dated header when no heading names it", () => {
    const text = "政府工作报告\n（2023年1月12日在区第五届人民代表大会第三次会议上）\n今年，全区将新增城镇就业3000人。";
    expect(extractTargets(text).planYear).toBe(2023);
  });

  it("includes the five-year goals section in the plan", () => {
    const text = "一、过去五年工作回顾\n累计新增就业2万人。\n二、今后五年的目标任务\n到2026年，地区生产总值年均增长6%。\n三、2022年工作安排\n地区生产总值增长6.5%。\n";
    const t = extractTargets(text);
    expect(t.planYear).toBe(2022);
    expect(t.targets.map((x) => x.value)).toEqual([6, 6.5]);
  });
});

describe("baselines", () => {
  it("lists review figures with their year and links the target of the same indicator", () => {
    const text =
      "一、2023年工作回顾\n新建高标准农田8.2万亩，粮食产量达到45亿斤，地区生产总值增长5.1%。\n二、2024年重点工作任务\n新建高标准农田10万亩以上，粮食产量稳定在46亿斤以上，地区生产总值增长6%左右，城镇新增就业6000人。\n";
    const r = extractTargets(text);
    expect(r.baselines.map((b) => [b.metric, b.value, b.unit, b.year])).toEqual([
      ["新建高标准农田", 8.2, "万亩", 2023],
      ["粮食产量", 45, "亿斤", 2023],
      ["地区生产总值", 5.1, "%", 2023],
    ]);
    expect(r.targets.map((t) => t.baselineIndex)).toEqual([0, 1, 2, undefined]);
    expect(r.targets[0]?.baseline?.value).toBe(8.2);
    for (const b of r.baselines) expect(text.slice(b.start, b.end)).toBe(b.quote);
  });

  it("does not link figures of different units or kinds", () => {
    const text = "一、2023年工作回顾\n地区生产总值达到300亿元。\n二、2024年重点工作任务\n地区生产总值增长6%。\n";
    expect(extractTargets(text).targets[0]?.baselineIndex).toBeUndefined();
  });

  it("leaves multi-year sums without a year", () => {
    const text = "一、过去五年工作回顾\n五年来，累计改造老旧小区120个。\n二、2022年工作安排\n改造老旧小区30个。\n";
    const r = extractTargets(text);
    expect(r.baselines[0]?.year).toBeNull();
  });
});
