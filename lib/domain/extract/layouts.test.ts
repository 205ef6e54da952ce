// News digests, mixed review-and-plan passages, traditional characters, comparators as written and
// scope clauses (issue 9, item 6). Invented sentences, one block per rule, both directions.
import { describe, expect, it } from "vitest";
import { extractTargets } from "./extract";
import { brief, briefs, inPlan, offsetsHold } from "./test-helpers";

describe("digests: one target a line", () => {
  it("reads lines without punctuation under a heading as separate targets", () => {
    const text = "2024年主要预期目标：\n地区生产总值增长6%左右\n一般公共预算收入增长5%\n城镇新增就业1.2万人\n";
    expect(briefs(text)).toEqual([
      "地区生产总值|6|%|approx|growth",
      "一般公共预算收入|5|%|eq|growth",
      "城镇新增就业|1.2|万人|eq|increment",
    ]);
    expect(offsetsHold(text, extractTargets(text))).toBe(true);
  });

  it("splits short headings (经济◢, 民生实事) from the items below them", () => {
    expect(briefs("经济◢\n地区生产总值超1400亿元\n民生◢\n新增养老床位600张\n改造老旧小区120个\n")).toEqual([
      "地区生产总值|1400|亿元|gte|level",
      "新增养老床位|600|张|eq|increment",
      "改造老旧小区|120|个|eq|increment",
    ]);
    expect(briefs("民生实事\n新增城镇就业1.3万人\n")).toEqual(["新增城镇就业|1.3|万人|eq|increment"]);
  });

  it("reads bullets and circled numbers", () => {
    expect(briefs("● 新增城镇就业1.3万人\n▲城镇调查失业率5.5%以内\n①新建5G基站200个；\n— 新增停车泊位5000个\n")).toEqual([
      "新增城镇就业|1.3|万人|eq|increment",
      "城镇调查失业率|5.5|%|lte|ratio",
      "新建5G基站|200|个|eq|increment",
      "新增停车泊位|5000|个|eq|increment",
    ]);
  });

  it("reads numbered lines that state figures as a list, not as part headings", () => {
    const text = "政府工作报告提出今年主要目标\n1.地区生产总值增长5.5%左右\n2.城镇新增就业2.2万人\n3.单位地区生产总值能耗下降完成省下达任务\n";
    expect(briefs(text)).toEqual(["地区生产总值|5.5|%|approx|growth", "城镇新增就业|2.2|万人|eq|increment"]);
  });

  it("still joins a line broken after a figure when the next line continues it", () => {
    expect(briefs(inPlan("地区生产总值增长6%\n左右，新增城镇就业1.2万\n人。"))).toEqual([
      "地区生产总值|6|%|approx|growth",
      "新增城镇就业|1.2|万人|eq|increment",
    ]);
    expect(briefs(inPlan("全年打造100个\n美丽乡村示范村，推进重点项目建设。"))).toEqual(["美丽乡村示范村|100|个|eq|increment"]);
  });
});

describe("review and plan side by side: the year cues decide", () => {
  it("drops last year's results worded like targets and keeps this year's", () => {
    const text =
      "去年，全市地区生产总值增长6.1%左右，城镇调查失业率控制在5.5%以内。今年，全市主要预期目标是：地区生产总值增长6.5%左右，城镇调查失业率控制在5.5%以内。";
    const r = extractTargets(text);
    expect(r.targets.map(brief)).toEqual(["地区生产总值|6.5|%|approx|growth", "城镇调查失业率|5.5|%|lte|ratio"]);
    expect(r.targets.every((t) => t.start > text.indexOf("今年"))).toBe(true);
    expect(r.baselines.map((b) => b.value)).toEqual([6.1, 5.5]);
  });

  it("reads a year-dated review (2023年…) before a 2024年是… plan", () => {
    const text = "2023年，我区地区生产总值增长7%左右，改造老旧小区32个。2024年是关键一年。主要预期目标是：地区生产总值增长6.5%左右，改造老旧小区40个。";
    const r = extractTargets(text);
    expect(r.planYear).toBe(2024);
    expect(r.targets.map(brief)).toEqual(["地区生产总值|6.5|%|approx|growth", "改造老旧小区|40|个|eq|increment"]);
  });

  it("reads the press: 报告提出 plans, 报告回顾 reviews", () => {
    const text = "省政府工作报告提出，2025年全省地区生产总值增长5%左右，城镇调查失业率控制在5.5%以内。报告回顾，2024年全省地区生产总值达14.16万亿元，增长3.5%。";
    const r = extractTargets(text);
    expect(r.planYear).toBe(2025);
    expect(r.targets.map(brief)).toEqual(["地区生产总值|5|%|approx|growth", "城镇调查失业率|5.5|%|lte|ratio"]);
  });

  it("treats results of the plan year so far (今年一季度) and forecasts (预计全年) as review", () => {
    expect(briefs("今年一季度，全市地区生产总值增长5.6%。全年目标是地区生产总值增长6%左右。")).toEqual(["地区生产总值|6|%|approx|growth"]);
    expect(briefs("预计全年地区生产总值增长5.8%。今年，我市将力争地区生产总值增长6%。")).toEqual(["地区生产总值|6|%|gte|growth"]);
    expect(briefs("去年完成投资90亿元。今年预计完成投资100亿元。")).toEqual(["完成投资|100|亿元|eq|level"]);
  });

  it("reads a digest's scorecard heading (2023年成绩单) as review and 2024年目标 as plan", () => {
    const text = "2023年成绩单\n地区生产总值完成2,015亿元，增长5.6%\n城镇新增就业2.6万人\n2024年目标\n地区生产总值增长6%左右\n城镇新增就业2.5万人\n";
    expect(briefs(text)).toEqual(["地区生产总值|6|%|approx|growth", "城镇新增就业|2.5|万人|eq|increment"]);
  });

  it("reads quoted speech, not only reported speech", () => {
    expect(briefs("市长表示：“今年地区生产总值增长6%左右。”")).toEqual(["地区生产总值|6|%|approx|growth"]);
    expect(briefs(inPlan("实施“1+3+N”工程，开展“百日攻坚”行动。"))).toEqual([]);
  });

  it("reads 今后五年 as plan after a 过去五年 review", () => {
    expect(briefs("过去五年，全县地区生产总值年均增长7.2%。今后五年，全县地区生产总值年均增长7%左右。今年，全县地区生产总值增长7.5%。")).toEqual([
      "地区生产总值|7|%|approx|growth",
      "地区生产总值|7.5|%|eq|growth",
    ]);
  });

  it("reads 新的一年/下一步 as plan after a review", () => {
    expect(briefs("一年来，全市新增城镇就业2.1万人。新的一年，全市新增城镇就业2万人以上，新建口袋公园20个。")).toEqual([
      "新增城镇就业|2|万人|gte|increment",
      "新建口袋公园|20|个|eq|increment",
    ]);
  });

  it("a bare verb repeats the indicator named before it", () => {
    expect(briefs("去年新建高标准农田3万亩，今年计划新建4万亩。")).toEqual(["新建高标准农田|4|万亩|eq|increment"]);
  });
});

describe("comparators only from the words in the text", () => {
  it("adds no 以上 to bare counts", () => {
    expect(briefs(inPlan("新建改扩建中小学和幼儿园8所，新增养老床位600张，建设口袋公园12个。")).map((b) => b.split("|")[3])).toEqual([
      "eq",
      "eq",
      "eq",
    ]);
    expect(briefs(inPlan("主要农产品加工转化率达到75%。"))).toEqual(["主要农产品加工转化率|75|%|eq|ratio"]);
  });

  it("reads the floor, cap and approximate words", () => {
    expect(briefs(inPlan("社会消费品零售总额超800亿元，一般公共预算收入不低于8.5亿元，城镇新增就业不少于3000人。"))).toEqual([
      "社会消费品零售总额|800|亿元|gte|level",
      "一般公共预算收入|8.5|亿元|gte|level",
      "城镇新增就业|3000|人|gte|increment",
    ]);
    expect(briefs(inPlan("城镇登记失业率不超过4%，PM2.5平均浓度低于35微克/立方米。"))).toEqual([
      "城镇登记失业率|4|%|lte|ratio",
      "PM2.5平均浓度|35|微克/立方米|lte|level",
    ]);
    expect(briefs(inPlan("完成固定资产投资近20亿元，实现农村经济总收入约35亿元。")).map((b) => b.split("|")[3])).toEqual(["approx", "approx"]);
  });

  it("reads 居民消费价格涨幅 as the growth it is, with the comparator written", () => {
    const [t] = extractTargets(inPlan("居民消费价格涨幅3%左右。")).targets;
    expect(t && brief(t)).toBe("居民消费价格涨幅|3|%|approx|growth");
    expect(t?.direction).toBe("lower");
  });
});

describe("a clause that describes another target's scope", () => {
  it("does not read 惠及/涉及/带动 after a target as a target", () => {
    expect(briefs(inPlan("改造老旧小区120个，惠及居民3.2万户；建设产业园3个，带动就业5000人。"))).toEqual([
      "改造老旧小区|120|个|eq|increment",
      "建设产业园|3|个|eq|increment",
    ]);
  });

  it("reads the same words as a target when they stand alone", () => {
    expect(briefs(inPlan("全年带动农民就业5000人。"))).toEqual(["带动农民就业|5000|人|eq|increment"]);
    expect(briefs(inPlan("5G网络覆盖率达到95%。"))).toEqual(["5G网络覆盖率|95|%|eq|ratio"]);
  });

  it("keeps a target whose name only starts like a scope word (服务业增加值)", () => {
    expect(briefs(inPlan("规上工业增加值增长8%，服务业增加值达到500亿元。"))).toEqual([
      "规上工业增加值|8|%|eq|growth",
      "服务业增加值|500|亿元|eq|level",
    ]);
  });

  it("keeps 其中 sub-targets", () => {
    expect(briefs(inPlan("新增规模以上工业企业40家，其中制造业企业30家。"))).toEqual([
      "新增规模以上工业企业|40|家|eq|increment",
      "制造业企业|30|家|eq|level",
    ]);
  });
});

describe("traditional characters (繁體)", () => {
  it("reads a traditional digest like a simplified one, with units and names as written", () => {
    const text = "今年主要預期目標\n地區生產總值增長5.5%左右\n社會消費品零售總額突破900億元\n城鎮新增就業3.5萬人以上\n城鎮調查失業率控制在5.5%以內\n";
    expect(briefs(text)).toEqual([
      "地區生產總值|5.5|%|approx|growth",
      "社會消費品零售總額|900|億元|gte|level",
      "城鎮新增就業|3.5|萬人|gte|increment",
      "城鎮調查失業率|5.5|%|lte|ratio",
    ]);
  });

  it("drops a traditional review (去年/過去一年/回顧)", () => {
    const text = "縣長在報告中回顧，過去一年全縣地區生產總值增長6.8%。他表示，今年全縣將確保地區生產總值增長6%以上。";
    expect(briefs(text)).toEqual(["地區生產總值|6|%|gte|growth"]);
  });
});

describe("qualitative candidates (milestones), on request", () => {
  const text = inPlan(
    "主要预期目标是：地区生产总值增长6%左右，居民收入增长与经济增长同步，单位地区生产总值能耗完成省下达任务。全面完成城镇老旧小区改造，开工建设机场改扩建工程，实现5G网络乡镇全覆盖，进一步优化营商环境。",
    "全面完成老旧小区改造，开工建设产业园。",
  );

  it("is off by default: the result has no milestones key and the same targets", () => {
    const plain = extractTargets(text);
    expect("milestones" in plain).toBe(false);
    expect(extractTargets(text, { milestones: true }).targets).toEqual(plain.targets);
  });

  it("lists plan clauses with a target-like cue and no figure, with offsets into the text", () => {
    const r = extractTargets(text, { milestones: true });
    expect(r.milestones?.map((m) => m.cue)).toEqual(["同步", "完成省下达任务", "全面完成", "开工建设", "全覆盖"]);
    for (const m of r.milestones ?? []) {
      expect(text.slice(m.start, m.end)).toBe(m.quote);
      expect(m.kind).toBe("milestone");
      expect(m.start).toBeGreaterThan(text.indexOf("二、"));
    }
    expect(r.milestones?.[3]?.metric).toBe("开工建设机场改扩建工程");
  });

  it("gives an empty list for an empty text when asked", () => {
    expect(extractTargets("", { milestones: true }).milestones).toEqual([]);
  });
});

describe("excerpts of sections without part headings", () => {
  it("reads a heading that states a result as review and one that commands as plan", () => {
    const text =
      "（一）坚持稳中求进，经济实力稳步提升。全年实现地区生产总值1,523.6亿元，同比增长6.3%。\n（二）发展后劲持续增强。新开工项目146个。\n（三）着力扩大有效需求。固定资产投资增长8%，新开工项目150个。\n";
    const r = extractTargets(text);
    expect(r.targets.map(brief)).toEqual(["固定资产投资|8|%|eq|growth", "新开工项目|150|个|eq|increment"]);
    expect(r.baselines.map((b) => b.value)).toEqual([1523.6, 6.3, 146]);
  });

  it("keeps reading plan sections as plan", () => {
    expect(briefs("（一）着力扩大有效需求。固定资产投资增长8%。\n（二）推动服务业加快发展。服务业增加值增长7%。\n")).toEqual([
      "固定资产投资|8|%|eq|growth",
      "服务业增加值|7|%|eq|growth",
    ]);
  });
});

describe("comparisons and last year's targets", () => {
  it("does not read 比去年提高…个百分点 after a growth target as a target of its own", () => {
    expect(briefs("今年全市地区生产总值预期增长6%，比去年提高0.5个百分点。")).toEqual(["地区生产总值|6|%|eq|growth"]);
    expect(briefs(inPlan("城镇化率比上年提高1个百分点，达到62%。"))).toEqual(["城镇化率|1|个百分点|eq|growth", "城镇化率|62|%|eq|ratio"]);
  });

  it("reads last year's targets (年初确定的…目标) as review", () => {
    expect(briefs("年初确定的地区生产总值增长6%的目标圆满完成。今年地区生产总值增长6.5%左右。")).toEqual([
      "地区生产总值|6.5|%|approx|growth",
    ]);
  });

  it("reads a bare percentage of an amount in a table row as growth", () => {
    expect(briefs("地区生产总值　6%左右\n一般公共预算收入　5%\n")).toEqual(["地区生产总值|6|%|approx|growth", "一般公共预算收入|5|%|eq|growth"]);
  });
});

describe("press wording of a target", () => {
  it("reads 目标定为/目标是/设定在 as cues", () => {
    expect(briefs("今年GDP增长目标定为6%左右。")).toEqual(["GDP|6|%|approx|growth"]);
    expect(briefs("今年经济增长的预期目标是5%左右。")).toEqual(["经济|5|%|approx|growth"]);
    expect(briefs("今年地区生产总值的增长目标设定在6%左右。")).toEqual(["地区生产总值|6|%|approx|growth"]);
  });

  it("reads lines headed by their figure (6%左右：地区生产总值增长目标)", () => {
    const text = "6%左右：地区生产总值增长目标\n1.2万人：城镇新增就业\n5.5%以内：城镇调查失业率\n";
    const r = extractTargets(text);
    expect(r.targets.map(brief)).toEqual([
      "地区生产总值|6|%|approx|growth",
      "城镇新增就业|1.2|万人|eq|increment",
      "城镇调查失业率|5.5|%|lte|ratio",
    ]);
    expect(r.targets.map((t) => t.quote)).toEqual(["6%左右", "1.2万人", "5.5%以内"]);
  });
});

describe("hard-wrapped text stays joined", () => {
  it("joins a line that ends with a figure after a verb (the noun follows on the next line)", () => {
    expect(briefs(inPlan("全年完成60万平方米\n老旧小区改造，新建高标准农田50万亩\n以上。"))).toEqual([
      "老旧小区改造|60|万平方米|eq|increment",
      "新建高标准农田|50|万亩|gte|increment",
    ]);
  });
});

describe("counts of things that reach a rank or a list", () => {
  it("reads 2个县进入全省十强 as a count target", () => {
    expect(briefs(inPlan("力争2个县进入全省十强，5家企业入选省级专精特新名单。"))).toEqual([
      "县进入全省十强|2|个|gte|increment",
      "企业入选省级专精特新名单|5|家|gte|increment",
    ]);
    expect(briefs(inPlan("做好3个方面进入新阶段的工作。"))).toEqual([]);
  });
});

describe("a press text opening with results before any cue", () => {
  it("reads the opening results as review once 今年/主要预期目标 follows", () => {
    const text = "（2024年1月18日）\n全市地区生产总值完成2,103亿元，增长5.9%。今年主要预期目标：地区生产总值增长6%左右。";
    const r = extractTargets(text);
    expect(r.targets.map(brief)).toEqual(["地区生产总值|6|%|approx|growth"]);
    expect(r.baselines.map((b) => b.value)).toEqual([2103, 5.9]);
  });

  it("keeps an opening list of targets as plan", () => {
    expect(briefs("地区生产总值增长6%左右，城镇新增就业1.2万人以上。今年还将新建学校3所。")).toEqual([
      "地区生产总值|6|%|approx|growth",
      "城镇新增就业|1.2|万人|gte|increment",
      "新建学校|3|所|eq|increment",
    ]);
    expect(briefs("新增城镇就业1.3万人\n改造老旧小区20个\n")).toEqual(["新增城镇就业|1.3|万人|eq|increment", "改造老旧小区|20|个|eq|increment"]);
  });

  it("does not take a deadline (到2025年) for the year reviewed", () => {
    expect(briefs("今年全县要完成造林2万亩，到2025年森林覆盖率达到50%。")).toEqual([
      "完成造林|2|万亩|eq|increment",
      "森林覆盖率|50|%|eq|ratio",
    ]);
  });
});

describe("last year and this year inside one sentence", () => {
  it("reads the year word where it stands (…去年增长7.8%，今年预期增长7.5%)", () => {
    const text = "2023年，全市粮食总产量达到95.6亿斤，今年将稳定在95亿斤以上；全市农村居民人均可支配收入去年增长7.8%，今年预期增长7.5%。";
    const r = extractTargets(text);
    expect(r.targets.map(brief)).toEqual(["粮食总产量|95|亿斤|gte|level", "农村居民人均可支配收入|7.5|%|eq|growth"]);
    expect(r.baselines.map((b) => b.value)).toEqual([95.6, 7.8]);
  });

  it("does not take 比上年 for a time word", () => {
    expect(briefs("今年的主要目标是：万元地区生产总值能耗比上年下降2.5%。")).toEqual(["万元地区生产总值能耗|2.5|%|eq|decrease"]);
  });
});
