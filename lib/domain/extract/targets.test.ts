import { describe, expect, it } from "vitest";
import { extractTargets } from "./extract";
import { brief, briefs, inPlan, offsetsHold, targetsOf } from "./test-helpers";

describe("number-last targets: [indicator][cue][figure][unit][suffix]", () => {
  it("reads growth with the comparator of its suffix", () => {
    expect(briefs(inPlan("全区生产总值增长7%左右，税收收入增长9%以上，外贸出口增长4%。"))).toEqual([
      "生产总值|7|%|approx|growth",
      "税收收入|9|%|gte|growth",
      "外贸出口|4|%|eq|growth",
    ]);
  });

  it("reads a decrease and keeps it higher-is-better (the decrease achieved is entered)", () => {
    const [t] = targetsOf(inPlan("单位产值能耗下降4%。"));
    expect(t && brief(t)).toBe("单位产值能耗|4|%|eq|decrease");
    expect(t?.direction).toBe("higher");
    expect(t?.accumulates).toBe(false);
  });

  it("treats 控制在/以内 as a cap, lower is better", () => {
    const [t] = targetsOf(inPlan("城镇登记失业率控制在4.5%以内。"));
    expect(t && brief(t)).toBe("城镇登记失业率|4.5|%|lte|ratio");
    expect(t?.direction).toBe("lower");
  });

  it("marks burdens lower-is-better even without a cap", () => {
    const [t] = targetsOf(inPlan("居民消费价格涨幅2.5%左右。"));
    expect(t?.direction).toBe("lower");
    expect(t?.kind).toBe("growth");
  });

  it("reads a bare 达到 as written (eq, judged as a floor) and 突破 as at least", () => {
    expect(briefs(inPlan("花卉种植面积达到1.2万亩，文旅综合收入突破45亿元。"))).toEqual([
      "花卉种植面积|1.2|万亩|eq|level",
      "文旅综合收入|45|亿元|gte|level",
    ]);
  });

  it("reads 力争 as at least", () => {
    const [t] = targetsOf(inPlan("力争新增规上服务业企业12家。"));
    expect(t && brief(t)).toBe("新增规上服务业企业|12|家|gte|increment");
    expect(t?.accumulates).toBe(true);
  });

  it("keeps a verb that belongs to the indicator and drops the fillers", () => {
    expect(briefs(inPlan("确保全年新建高标准农田6万亩，全市新增城镇就业8000人。"))).toEqual([
      "新建高标准农田|6|万亩|eq|increment",
      "新增城镇就业|8000|人|eq|increment",
    ]);
  });

  it("drops a generic verb before a long enough name", () => {
    expect(briefs(inPlan("建设乡村产业路35公里。"))).toEqual(["乡村产业路|35|公里|eq|increment"]);
  });

  it("reads a level held with 保持在/稳定在", () => {
    expect(briefs(inPlan("空气优良天数保持在330天以上，油料面积稳定在8万亩。"))).toEqual([
      "空气优良天数|330|天|gte|level",
      "油料面积|8|万亩|eq|level",
    ]);
  });

  it("reads ratios named with 率/比例/覆盖率", () => {
    expect(briefs(inPlan("城市污水处理率达到97%，绿色建筑占新建建筑比例达到70%。"))).toEqual([
      "城市污水处理率|97|%|eq|ratio",
      "绿色建筑占新建建筑比例|70|%|eq|ratio",
    ]);
  });

  it("reads 个百分点 as its own unit", () => {
    const [t] = targetsOf(inPlan("常住人口城镇化率提高1个百分点。"));
    expect(t?.unit).toBe("个百分点");
    expect(t?.value).toBe(1);
  });
});

describe("number-first targets: [verb][figure][measure word][noun]", () => {
  it("reads a counted noun after its verb", () => {
    expect(briefs(inPlan("打造40个和美乡村示范点，创建6条美丽河湖。"))).toEqual([
      "和美乡村示范点|40|个|eq|increment",
      "美丽河湖|6|条|eq|increment",
    ]);
  });

  it("reads a listed sibling without its own verb", () => {
    expect(briefs(inPlan("建成12个村级综合服务站、4个乡镇养老中心。"))).toEqual([
      "村级综合服务站|12|个|eq|increment",
      "乡镇养老中心|4|个|eq|increment",
    ]);
  });

  it("reads a figure that starts its clause when a completion follows", () => {
    expect(briefs(inPlan("全年推进项目120个，65个项目竣工投产。"))).toEqual([
      "推进项目|120|个|eq|increment",
      "项目竣工投产|65|个|eq|increment",
    ]);
  });

  it("reads a share of things: 80%的…达到…", () => {
    const [t] = targetsOf(inPlan("推动60%的规上企业实现数字化改造。"));
    expect(t?.value).toBe(60);
    expect(t?.unit).toBe("%");
    expect(t?.kind).toBe("ratio");
    expect(t?.metric).toContain("规上企业");
  });

  it("ignores a counted noun without a verb that asks for it", () => {
    expect(targetsOf(inPlan("依托5所职业院校开展订单式培养。"))).toEqual([]);
  });
});

describe("not targets", () => {
  it("skips numbers inside names and slogans", () => {
    const text = inPlan(
      "深入实施“十四五”规划，做强“4+3”产业体系，开展“1553”攻坚行动，推进“5+1+1”工程，实施“六大行动”，落实两个确立，抓好八个方面工作。",
    );
    expect(targetsOf(text)).toEqual([]);
  });

  it("skips dates, years, ordinals and durations", () => {
    const text = inPlan("2024年3月底前完成第3批试点，启动2024—2026年三年行动，第二季度召开会议，延长承包期30年。");
    expect(targetsOf(text)).toEqual([]);
  });

  it("reads a size-class label as part of the name, not as a target", () => {
    expect(briefs(inPlan("推进千万元以上工业项目80个，新签约5000万元以上项目25个。"))).toEqual([
      "千万元以上工业项目|80|个|eq|increment",
      "新签约5000万元以上项目|25|个|eq|increment",
    ]);
  });

  it("reads a figure qualifying a noun as part of the name", () => {
    expect(briefs(inPlan("集体经营性收入30万元以上的村达到15个。"))).toEqual([
      "集体经营性收入30万元以上的村|15|个|eq|level",
    ]);
  });

  it("skips codes and technical names: 5G, PM2.5 as names, 4A级", () => {
    expect(briefs(inPlan("建设5G基站600个，创建4A级景区2家。"))).toEqual([
      "5G基站|600|个|eq|increment",
      "4A级景区|2|家|eq|increment",
    ]);
  });

  it("skips a project's size and a restatement against last year", () => {
    expect(targetsOf(inPlan("实施城南片区改造项目，总投资12亿元。专项债券额度比上年增加20亿元。"))).toEqual([]);
  });

  it("finds nothing in the review part", () => {
    const text = `一、2023年工作回顾\n新建高标准农田5万亩，地区生产总值增长5.2%。\n二、2024年工作安排\n推动高质量发展。\n`;
    expect(targetsOf(text)).toEqual([]);
  });
});

describe("enumerations", () => {
  it("pairs listed indicators with listed figures", () => {
    expect(briefs(inPlan("力争边境贸易、转口贸易、离岸贸易额分别达到8亿元、5亿元和3亿元。"))).toEqual([
      "边境贸易额|8|亿元|gte|level",
      "转口贸易额|5|亿元|gte|level",
      "离岸贸易额|3|亿元|gte|level",
    ]);
  });

  it("gives one figure to each listed indicator with 均", () => {
    expect(briefs(inPlan("确保过夜游客、文旅消费均增长15%以上。"))).toEqual([
      "过夜游客|15|%|gte|growth",
      "文旅消费|15|%|gte|growth",
    ]);
  });

  it("reads 分别 with figures sharing one unit and suffix", () => {
    expect(briefs(inPlan("城镇和农村居民人均可支配收入分别增长6%、7.5%以上。"))).toEqual([
      "城镇居民人均可支配收入|6|%|gte|growth",
      "农村居民人均可支配收入|7.5|%|gte|growth",
    ]);
  });

  it("reads separate targets joined by 、", () => {
    expect(briefs(inPlan("造林1.5万亩、修复湿地800亩、治理小流域12条。"))).toEqual([
      "造林|1.5|万亩|eq|increment",
      "修复湿地|800|亩|eq|increment",
      "治理小流域|12|条|eq|increment",
    ]);
  });

  it("names the category of an example list", () => {
    const [t] = targetsOf(inPlan("香菇、木耳、灵芝等食用菌种植规模达到3000万袋。"));
    expect(t?.value).toBe(3000);
    expect(t?.metric).toBe("食用菌种植规模");
  });
});

describe("ranges", () => {
  it("reads 4.5%-5% as a range asking for its lower end", () => {
    const [t] = targetsOf(inPlan("经济增长4.5%-5%。"));
    expect(t?.value).toBe(4.5);
    expect(t?.valueHigh).toBe(5);
    expect(t?.comparator).toBe("gte");
  });

  it("reads 3至5个 and 6~8%", () => {
    expect(briefs(inPlan("培育3至5个产业集群，服务业增加值增长6~8%。"))).toEqual([
      "产业集群|3-5|个|gte|increment",
      "服务业增加值|6-8|%|gte|growth",
    ]);
  });
});

describe("what real reports contain", () => {
  it("reads full-width digits and punctuation", () => {
    const [t] = targetsOf(inPlan("社会消费品零售总额增长６．５％，"));
    expect(t?.value).toBe(6.5);
    expect(t?.unit).toBe("%");
  });

  it("reads spaces inside and around figures", () => {
    expect(briefs(inPlan("村卫生室标准化达标率 100%，改造 1 200 户农村危房。"))).toEqual([
      "村卫生室标准化达标率|100|%|eq|ratio",
      "农村危房|1200|户|eq|increment",
    ]);
  });

  it("joins a line broken by a page end in the middle of a word", () => {
    const text = inPlan("力争规模以上工业企\n\n业新增15户，城镇登记失业率控制在 4% 以\n\n内。");
    const r = extractTargets(text);
    expect(r.targets.map(brief)).toEqual(["规模以上工业企业新增|15|户|gte|increment", "城镇登记失业率|4|%|lte|ratio"]);
    expect(offsetsHold(text, r)).toBe(true);
    expect(r.targets[1]?.quote).toContain("以\n\n内");
  });

  it("drops page numbers standing on their own line", () => {
    const text = inPlan("新建城市公园\n\n- 12 -\n\n5个，");
    expect(briefs(text)).toEqual(["新建城市公园|5|个|eq|increment"]);
  });

  it("reads Chinese numerals where they state amounts", () => {
    expect(briefs(inPlan("新建幼儿园三所，新增公共停车位两万个，全年接待游客增长百分之十二。"))).toEqual([
      "新建幼儿园|3|所|eq|increment",
      "新增公共停车位|2|万个|eq|increment",
      "接待游客|12|%|eq|growth",
    ]);
  });

  it("reads a Chinese numeral before its noun only after a verb that builds things", () => {
    expect(briefs(inPlan("新建两所幼儿园，重点抓好六个方面工作，坚持两个毫不动摇。"))).toEqual([
      "新建幼儿园|2|所|eq|increment",
    ]);
  });

  it("reads traditional characters and keeps the text as written", () => {
    const text = "一、2023年工作回顧\n過去一年穩中有進。\n二、2024年重點工作任務\n新建高標準農田3萬畝以上，城鎮調查失業率控制在5.5%以內。\n";
    expect(briefs(text)).toEqual(["新建高標準農田|3|萬畝|gte|increment", "城鎮調查失業率|5.5|%|lte|ratio"]);
  });

  it("splits a traditional-character 分別 list like a simplified one", () => {
    expect(briefs(inPlan("接待遊客、旅遊收入分別增長15%、18%。"))).toEqual(["接待遊客|15|%|eq|growth", "旅遊收入|18|%|eq|growth"]);
  });

  it("ignores markdown emphasis and footnote marks", () => {
    expect(briefs(inPlan("**农产品加工转化率达到70%**，新认定“专精特新”企业[8]20家。"))).toEqual([
      "农产品加工转化率|70|%|eq|ratio",
      "新认定“专精特新”企业|20|家|eq|increment",
    ]);
  });

  it("reads half-width punctuation", () => {
    expect(briefs(inPlan("地区生产总值增长6%左右,固定资产投资增长1,200亿元以上;"))).toEqual([
      "地区生产总值|6|%|approx|growth",
      "固定资产投资|1200|亿元|gte|level",
    ]);
  });

  it("reads old Mac line ends and form feeds between pages", () => {
    const text = inPlan("新增城镇就业\f6000人。").replace(/\n/g, "\r");
    expect(briefs(text)).toEqual(["新增城镇就业|6000|人|eq|increment"]);
  });

  it("reads a markdown list of indicator: figure", () => {
    const text = inPlan("主要预期目标：\n- **地区生产总值增长**：6%左右\n- **城镇调查失业率**：5.5%以内\n");
    expect(briefs(text)).toEqual(["地区生产总值|6|%|approx|growth", "城镇调查失业率|5.5|%|lte|ratio"]);
  });

  it("pairs bare figures with the indicators listed before them", () => {
    expect(briefs(inPlan("接待游客900万人次、旅游收入80亿元，分别增长12%和15%。"))).toEqual([
      "接待游客|900|万人次|eq|level",
      "旅游收入|80|亿元|eq|level",
      "接待游客|12|%|eq|growth",
      "旅游收入|15|%|eq|growth",
    ]);
  });

  it("keeps last year's figures recalled in the plan out of the targets", () => {
    const r = extractTargets(inPlan("去年全市新增城镇就业1.1万人，今年要新增城镇就业1.2万人。"));
    expect(r.targets.map(brief)).toEqual(["新增城镇就业|1.2|万人|eq|increment"]);
    expect(r.baselines.map((b) => b.value)).toEqual([1.1]);
  });

  it("borrows the indicator for a bare growth that follows its level", () => {
    expect(briefs(inPlan("地区生产总值达到980亿元、增长6.5%。"))).toEqual([
      "地区生产总值|980|亿元|eq|level",
      "地区生产总值|6.5|%|eq|growth",
    ]);
  });
});

describe("invented report paragraphs", () => {
  it("reads national headline targets", () => {
    const text =
      "一、2023年工作回顾\n国内生产总值增长5.3%。\n二、2024年经济社会发展总体要求和政策取向\n今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右；居民消费价格涨幅3%左右；粮食产量1.3万亿斤以上；单位国内生产总值能耗降低2.5%左右。\n";
    const r = extractTargets(text);
    expect(r.planYear).toBe(2024);
    expect(r.targets.map(brief)).toEqual([
      "国内生产总值|5|%|approx|growth",
      "城镇新增就业|1200|万人|gte|increment",
      "城镇调查失业率|5.5|%|approx|ratio",
      "居民消费价格涨幅|3|%|approx|growth",
      "粮食产量|1.3|万亿斤|gte|level",
      "单位国内生产总值能耗|2.5|%|approx|decrease",
    ]);
    expect(r.targets[2]?.direction).toBe("lower");
    expect(r.targets[0]?.baseline?.value).toBe(5.3);
  });

  it("reads a news-style excerpt without headings by its tense", () => {
    const text =
      "记者从市发改委获悉，2023年，全市地区生产总值完成1860亿元，增长5.6%。今年，全市将力争地区生产总值增长6%以上，新增城镇就业3.2万人，实施重点项目260个。";
    const r = extractTargets(text);
    expect(r.planYear).toBe(2024);
    expect(r.targets.map(brief)).toEqual([
      "地区生产总值|6|%|gte|growth",
      "新增城镇就业|3.2|万人|gte|increment",
      "重点项目|260|个|gte|increment",
    ]);
    expect(r.baselines.map((b) => `${b.metric}|${b.value}|${b.year}`)).toEqual(["地区生产总值|1860|2023", "地区生产总值|5.6|2023"]);
    expect(r.targets[0]?.baseline?.value).toBe(5.6);
  });

  it("reads a provincial paragraph", () => {
    const text = inPlan(
      "全省主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长5%，规模以上工业增加值增长6%以上，研发经费投入强度达到2.6%，森林覆盖率提高到43.6%，PM2.5平均浓度控制在32微克/立方米以内。",
    );
    expect(briefs(text)).toEqual([
      "地区生产总值|5.5|%|approx|growth",
      "一般公共预算收入|5|%|eq|growth",
      "规模以上工业增加值|6|%|gte|growth",
      "研发经费投入强度|2.6|%|eq|ratio",
      "森林覆盖率|43.6|%|gte|ratio",
      "PM2.5平均浓度|32|微克/立方米|lte|level",
    ]);
  });

  it("reads a county paragraph in traditional characters", () => {
    const text =
      "一、2023年工作回顧\n新增城鎮就業2800人。\n二、2024年工作安排\n（一）做強縣域經濟。全年引進億元以上項目15個，新增規上工業企業8家以上，城鎮新增就業3000人。\n";
    const r = extractTargets(text);
    expect(r.targets.map(brief)).toEqual([
      "引進億元以上項目|15|個|eq|increment",
      "新增規上工業企業|8|家|gte|increment",
      "城鎮新增就業|3000|人|eq|increment",
    ]);
    expect(r.targets[0]?.sectionPath).toEqual(["2024年工作安排", "做強縣域經濟"]);
  });
});
