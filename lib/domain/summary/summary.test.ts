import { describe, expect, it } from "vitest";
import { statusLight, type StatusCode } from "../status";
import { asOfPhrase, composeSummary, narrative, narrativeParagraphs, type SummaryGoalInput, type SummaryInput } from ".";

const plan = { id: "p1", title: "2024年政府工作报告目标任务", year: 2024 };
const sections = [
  { id: "part", parentId: null, number: "二、", title: "2024年重点工作任务" },
  { id: "s1", parentId: "part", number: "（一）", title: "扩大有效需求" },
  { id: "s1a", parentId: "s1", number: "1.", title: "消费" },
  { id: "s2", parentId: "part", number: "（二）", title: "推进乡村振兴" },
  { id: "aims", parentId: null, number: "一、", title: "主要预期目标" },
];
const dept = (name: string) => ({ id: name, name });

let n = 0;
function goal(code: StatusCode, over: Partial<SummaryGoalInput> = {}): SummaryGoalInput {
  n++;
  const reported = !["not_started", "overdue"].includes(code);
  return {
    id: `g${n}`,
    metric: `指标${n}`,
    sectionId: "s1",
    targetText: "100个以上",
    target: "100",
    unit: "个",
    kind: "increment",
    code,
    light: statusLight(code),
    latest: reported ? { period: "2024-12", value: "100" } : null,
    completion: reported ? "1" : null,
    leadDepartment: dept("市发改委"),
    explanation: null,
    baseline: null,
    ...over,
  };
}
const input = (goals: SummaryGoalInput[], asOf = "2025-01-20"): SummaryInput => ({ plan, asOf, sections, goals });

describe("composeSummary", () => {
  it("rows per top-level section with target as stated, actual with its period, one-decimal completion", () => {
    const s = composeSummary(input([
      goal("exceeded", { metric: "城镇新增就业", sectionId: "s1a", targetText: "2.4万人", unit: "万人", latest: { period: "2024-12", value: "2.950000" }, completion: "1.2290", explanation: " 超额完成 ", baseline: { value: "2.3", unit: null, year: 2023 } }),
      goal("not_met", { metric: "粮食产量", sectionId: "s2", kind: "growth", unit: "%", targetText: "增长6%左右", latest: { period: "2024", value: "4.5" }, completion: "0.75", leadDepartment: dept("市农业农村局"), explanation: "受灾减产" }),
      goal("overdue", { metric: "新建高标准农田", sectionId: "s2" }),
      goal("met", { sectionId: null }),
      goal("met", { sectionId: "aims" }),
    ]));
    expect(s.sections.map((x) => x.title)).toEqual(["其他指标", "（一）扩大有效需求", "（二）推进乡村振兴", "一、主要预期目标"]);
    const [jobs] = s.sections[1]!.goals;
    expect(jobs).toMatchObject({
      metric: "城镇新增就业", targetText: "2.4万人", actual: "2.95万人", actualPeriod: "2024-12", actualPeriodLabel: "2024年12月",
      completion: "122.9%", status: "exceeded", statusLabel: "超额完成", explanation: "超额完成", baseline: "2023年2.3万人",
    });
    expect(s.sections[2]!.goals[0]).toMatchObject({ actual: "增长4.5%", actualPeriodLabel: "2024年全年", completion: "75.0%", statusLabel: "未完成" });
    expect(s.sections[2]!.goals[1]).toMatchObject({ actual: null, completion: null, statusLabel: "未报送", reported: false });
    expect(s.sections[0]!.goals[0]!.statusLabel).toBe("完成");
    expect(s.totals).toMatchObject({ exceeded: 1, not_met: 1, overdue: 1, met: 2, on_track: 0 });
    expect(s.lights).toMatchObject({ green: 3, red: 1, grey: 1 });
    expect(s.unreported).toBe(1);
    expect(s.notMet.map((r) => [r.metric, r.section, r.explanation])).toEqual([["粮食产量", "（二）推进乡村振兴", "受灾减产"]]);
  });
});

describe("narrative: year", () => {
  it("the full sentence, a sentence per section and the goals not met named with their departments", () => {
    const goals = [
      goal("exceeded"), goal("met"), goal("met"), goal("basically_met", { metric: "居民收入", leadDepartment: dept("市统计局") }),
      goal("not_met", { sectionId: "s2", metric: "粮食产量", leadDepartment: dept("市农业农村局") }),
      goal("overdue", { sectionId: "s2", metric: "新建高标准农田", leadDepartment: null }),
    ];
    expect(narrative(composeSummary(input(goals)), "year")).toBe(
      "2024年政府工作报告确定量化指标6项。截至2024年12月底，已完成3项（其中超额完成1项），基本完成1项，未完成1项，未报送1项。" +
        "（一）扩大有效需求：共4项，已完成3项（其中超额完成1项），基本完成1项。" +
        "（二）推进乡村振兴：共2项，未完成1项，未报送1项。" +
        "基本完成的指标1项：居民收入（市统计局）。未完成的指标1项：粮食产量（市农业农村局）。未报送的指标1项：新建高标准农田。",
    );
  });

  it("all met: 全部完成, no zero clauses, one section gives no section sentence", () => {
    expect(narrative(composeSummary(input([goal("met"), goal("exceeded")])), "year")).toBe(
      "2024年政府工作报告确定量化指标2项。截至2024年12月底，2项指标全部完成（其中超额完成1项）。",
    );
    expect(narrative(composeSummary(input([goal("met"), goal("met", { sectionId: "s2" })])), "year")).toBe(
      "2024年政府工作报告确定量化指标2项。截至2024年12月底，2项指标全部完成。（一）扩大有效需求：共1项，已完成。（二）推进乡村振兴：共1项，已完成。",
    );
  });

  it("in paragraphs: the headline, the sections, the goals named", () => {
    const s = composeSummary(input([goal("met"), goal("not_met", { sectionId: "s2", metric: "甲" })]));
    expect(narrativeParagraphs(s, "year")).toEqual([
      "2024年政府工作报告确定量化指标2项。截至2024年12月底，已完成1项，未完成1项。",
      "（一）扩大有效需求：共1项，已完成。（二）推进乡村振兴：共1项，未完成1项。",
      "未完成的指标1项：甲（市发改委）。",
    ]);
    expect(narrativeParagraphs(s, "year").join("")).toBe(narrative(s, "year"));
  });

  it("one goal", () => {
    expect(narrative(composeSummary(input([goal("met")])), "year")).toBe("2024年政府工作报告确定量化指标1项。截至2024年12月底，该项指标已完成。");
    expect(narrative(composeSummary(input([goal("not_met", { metric: "粮食产量" })])), "year")).toBe(
      "2024年政府工作报告确定量化指标1项。截至2024年12月底，未完成1项。未完成的指标1项：粮食产量（市发改委）。",
    );
  });

  it("none reported, and no goals", () => {
    expect(narrative(composeSummary(input([goal("overdue", { metric: "甲" }), goal("overdue", { metric: "乙" })])), "year")).toBe(
      "2024年政府工作报告确定量化指标2项。截至2024年12月底，均未报送完成情况。未报送的指标2项：甲（市发改委）、乙（市发改委）。",
    );
    expect(narrative(composeSummary(input([])), "year")).toBe("2024年政府工作报告尚未确定量化指标。");
  });

  it("mid-year: progress clauses, a stale figure and goals not yet due", () => {
    const goals = [
      goal("on_track"), goal("behind", { metric: "甲" }), goal("far_behind", { metric: "乙" }),
      goal("overdue", { latest: { period: "2024-04", value: "30" }, completion: "0.3" }), goal("not_started"),
    ];
    expect(narrative(composeSummary(input(goals, "2024-06-30")), "year")).toBe(
      "2024年政府工作报告确定量化指标5项。截至2024年6月底，正常推进1项，滞后1项，严重滞后1项，未按期更新进度1项，尚未到报送期1项。" +
        "滞后的指标1项：甲（市发改委）。严重滞后的指标1项：乙（市发改委）。",
    );
  });
});

describe("narrative: bulletin", () => {
  it("正常 / 滞后 / 严重滞后 / 未填报 with the goals and departments named", () => {
    const goals = [
      goal("on_track"), goal("met"), goal("behind", { metric: "甲", leadDepartment: dept("市商务局") }),
      goal("far_behind", { metric: "乙" }), goal("overdue", { metric: "丙", leadDepartment: dept("市住建局") }), goal("overdue", { metric: "丁", leadDepartment: null }),
    ];
    expect(narrative(composeSummary(input(goals, "2024-06-15")), "bulletin")).toBe(
      "截至2024年6月15日，2024年政府工作报告纳入督办的量化指标共6项，正常2项，滞后1项，严重滞后1项，未填报2项。" +
        "滞后1项：甲（市商务局）。严重滞后1项：乙（市发改委）。未填报2项：丙（市住建局）、丁。",
    );
  });

  it("all normal, one goal, not yet due", () => {
    expect(narrative(composeSummary(input([goal("on_track"), goal("met")], "2024-03-31")), "bulletin")).toBe(
      "截至2024年3月底，2024年政府工作报告纳入督办的量化指标共2项，全部进展正常。",
    );
    expect(narrative(composeSummary(input([goal("on_track")], "2024-03-31")), "bulletin")).toBe(
      "截至2024年3月底，2024年政府工作报告纳入督办的量化指标共1项，该项指标进展正常。",
    );
    expect(narrative(composeSummary(input([goal("not_started"), goal("behind", { metric: "甲" })], "2024-01-15")), "bulletin")).toBe(
      "截至2024年1月15日，2024年政府工作报告纳入督办的量化指标共2项，滞后1项，尚未到报送期1项。滞后1项：甲（市发改委）。",
    );
  });
});

describe("asOfPhrase", () => {
  it("month end, a day, after the year", () => {
    expect(asOfPhrase("2024-02-29", 2024)).toBe("截至2024年2月底");
    expect(asOfPhrase("2024-02-28", 2024)).toBe("截至2024年2月28日");
    expect(asOfPhrase("2025-03-01", 2024)).toBe("截至2024年12月底");
  });
});

describe("composeSummary: the 说明 written for the summary and the previous year", () => {
  it("the written 说明 before the version's note, with its source; rows not met, behind, 未填报 or 未报送 want one", () => {
    const s = composeSummary(input([
      goal("not_met", { explanation: "填报备注", writtenExplanation: " 总结说明 " }),
      goal("behind", { explanation: "填报备注", writtenExplanation: "  " }),
      goal("overdue"),
      goal("met", { explanation: null }),
      // 未填报 with an old figure still wants one.
      goal("overdue", { latest: { period: "2024-06", value: "35" }, completion: "0.35" }),
    ], "2024-12-31"));
    expect(s.sections[0]!.goals.map((g) => [g.explanation, g.explanationSource, g.explanationWanted])).toEqual([
      ["总结说明", "summary", true],
      ["填报备注", "entry", true],
      [null, null, true],
      [null, null, false],
      [null, null, true],
    ]);
    expect(s.notMet.map((g) => g.explanation)).toEqual(["总结说明", "填报备注"]);
  });

  it("the previous year's actual with its verb and unit, 完成率 and verdict; 未报送 without a figure; null without a match", () => {
    const prev = { year: 2023, goalId: "p1", unit: "%", kind: "growth", code: "basically_met" as const, latest: { period: "2023", value: "5.800000" }, completion: "0.9667" };
    const s = composeSummary(input([
      goal("met", { previousYear: prev }),
      goal("met", { previousYear: { ...prev, code: "overdue", latest: null, completion: null } }),
      goal("met", { previousYear: { ...prev, code: "met", kind: "increment", unit: "个", latest: { period: "2023-12", value: "100" }, completion: "1" } }),
      goal("met"),
    ]));
    expect(s.sections[0]!.goals.map((g) => g.previousYear)).toEqual([
      { year: 2023, goalId: "p1", actual: "增长5.8%", actualValue: "5.8", completion: "96.7%", completionRatio: "0.9667", statusLabel: "基本完成" },
      { year: 2023, goalId: "p1", actual: null, actualValue: null, completion: null, completionRatio: null, statusLabel: "未报送" },
      { year: 2023, goalId: "p1", actual: "100个", actualValue: "100", completion: "100.0%", completionRatio: "1", statusLabel: "完成" },
      null,
    ]);
  });
});

describe("narrative: a region's shares", () => {
  it("names the region as the holder, in the year and the bulletin narrative, and when it holds none", () => {
    const held = { ...input([goal("met"), goal("not_met", { metric: "新建农田", leadDepartment: dept("区农业农村局") })]), holder: "东区" };
    expect(narrative(composeSummary(held), "year")).toBe(
      "2024年政府工作报告分解由东区承担的量化指标2项。截至2024年12月底，已完成1项，未完成1项。未完成的指标1项：新建农田（区农业农村局）。",
    );
    expect(narrative(composeSummary({ ...held, asOf: "2024-06-30" }), "bulletin")).toMatch(/^截至2024年6月底，2024年政府工作报告分解由东区承担、纳入督办的量化指标共2项，/);
    expect(narrative(composeSummary({ ...input([]), holder: "东区" }), "year")).toBe("2024年政府工作报告没有分解由东区承担的量化指标。");
  });
});
