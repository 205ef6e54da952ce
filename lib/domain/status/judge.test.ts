import { describe, expect, it } from "vitest";
import fc from "fast-check";
import Decimal from "decimal.js";
import { judgeGoal, latestEntry, overduePeriods } from "./judge";
import { DEFAULT_STATUS_SETTINGS, type GoalForJudging, type Judgement, type StatusSettings } from "./types";

/** 新建高标准农田 50万亩以上-style: accumulating, higher is better, monthly, plan year 2024. */
function goal(over: Partial<GoalForJudging> = {}): GoalForJudging {
  return {
    target: 100,
    unit: "个",
    comparator: "gte",
    kind: "increment",
    direction: "higher",
    accumulates: true,
    frequency: "monthly",
    year: 2024,
    ...over,
  };
}

/** 地区生产总值增长6%-style point goal. */
function growth(over: Partial<GoalForJudging> = {}): GoalForJudging {
  return goal({ target: 6, unit: "%", comparator: "gte", kind: "growth", accumulates: false, ...over });
}

type Entries = ReadonlyArray<readonly [string, Decimal.Value]>;

function judge(g: GoalForJudging, entries: Entries, asOf: string, settings: StatusSettings = DEFAULT_STATUS_SETTINGS): Judgement {
  return judgeGoal(g, entries.map(([period, value]) => ({ period, value })), settings, asOf);
}

function code(g: GoalForJudging, entries: Entries, asOf: string, settings?: StatusSettings) {
  return judge(g, entries, asOf, settings).code;
}

describe("rule 1: no entry at all", () => {
  it("is not_started while nothing is due", () => {
    const j = judge(goal(), [], "2024-01-15");
    expect(j).toEqual({
      code: "not_started",
      light: "none",
      latest: null,
      completion: null,
      expectedShare: null,
      lag: null,
      overduePeriod: null,
    });
  });

  it("is not_started on the due date itself and overdue the day after (monthly, 10 grace days)", () => {
    expect(code(goal(), [], "2024-02-10")).toBe("not_started");
    const j = judge(goal(), [], "2024-02-11");
    expect(j.code).toBe("overdue");
    expect(j.light).toBe("grey");
    expect(j.overduePeriod).toBe("2024-01");
  });

  it("honours the plan's grace days", () => {
    const none: StatusSettings = { ...DEFAULT_STATUS_SETTINGS, graceDays: 0 };
    expect(code(goal(), [], "2024-01-31", none)).toBe("not_started");
    expect(code(goal(), [], "2024-02-01", none)).toBe("overdue");
    const long: StatusSettings = { ...DEFAULT_STATUS_SETTINGS, graceDays: 20 };
    expect(code(goal(), [], "2024-02-20", long)).toBe("not_started");
    expect(code(goal(), [], "2024-02-21", long)).toBe("overdue");
  });

  it("uses the goal's frequency for what is due", () => {
    expect(code(goal({ frequency: "quarterly" }), [], "2024-04-10")).toBe("not_started");
    expect(judge(goal({ frequency: "quarterly" }), [], "2024-04-11").overduePeriod).toBe("2024-Q1");
    expect(code(goal({ frequency: "half_yearly" }), [], "2024-07-10")).toBe("not_started");
    expect(judge(goal({ frequency: "half_yearly" }), [], "2024-07-11").overduePeriod).toBe("2024-H1");
    expect(code(goal({ frequency: "annual" }), [], "2024-12-31")).toBe("not_started");
    expect(code(goal({ frequency: "annual" }), [], "2025-01-10")).toBe("not_started");
    expect(judge(goal({ frequency: "annual" }), [], "2025-01-11")).toMatchObject({ code: "overdue", overduePeriod: "2024" });
  });

  it("reports the earliest overdue period", () => {
    expect(judge(goal(), [], "2024-06-20").overduePeriod).toBe("2024-01");
    expect(judge(goal(), [], "2026-01-01").overduePeriod).toBe("2024-01");
  });

  it("is not_started before the plan year", () => {
    expect(code(goal(), [], "2023-12-31")).toBe("not_started");
  });

  it("leap February: due 2024-03-10", () => {
    expect(overduePeriods(goal(), null, 10, "2024-03-10")).toEqual(["2024-01"]);
    expect(overduePeriods(goal(), null, 10, "2024-03-11")).toEqual(["2024-01", "2024-02"]);
  });

  it("ignores entries for other years and malformed periods", () => {
    expect(code(goal(), [["2023-12", 500], ["2024-13", 500], ["bogus", 1]], "2024-01-15")).toBe("not_started");
    expect(code(goal(), [["2025-01", 500]], "2024-03-01")).toBe("overdue");
  });
});

describe("rule 2: final, accumulating", () => {
  it("is exceeded at A/T exactly 1.10, met from A = T, not_met below", () => {
    expect(code(goal(), [["2024-12", 110]], "2025-01-05")).toBe("exceeded");
    expect(code(goal(), [["2024-12", "109.999999"]], "2025-01-05")).toBe("met");
    expect(code(goal(), [["2024-12", 100]], "2025-01-05")).toBe("met");
    expect(code(goal(), [["2024-12", "99.999999"]], "2025-01-05")).toBe("not_met");
    expect(code(goal(), [["2024-12", 0]], "2025-01-05")).toBe("not_met");
    expect(code(goal({ target: 50, unit: "万亩" }), [["2024-12", 55]], "2025-01-05")).toBe("exceeded");
    expect(code(goal({ target: "2.4", unit: "万人" }), [["2024-12", "2.64"]], "2025-01-05")).toBe("exceeded");
    expect(code(goal({ target: "2.4", unit: "万人" }), [["2024-12", "2.639999"]], "2025-01-05")).toBe("met");
  });

  it("gives the lights and figures of the verdict", () => {
    expect(judge(goal(), [["2024-12", 110]], "2025-01-05")).toEqual({
      code: "exceeded",
      light: "green",
      latest: { period: "2024-12", value: "110" },
      completion: "1.1",
      expectedShare: "1",
      lag: "-0.1",
      overduePeriod: null,
    });
    expect(judge(goal(), [["2024-12", 100]], "2025-01-05").light).toBe("green");
    expect(judge(goal(), [["2024-12", 90]], "2025-01-05")).toMatchObject({ code: "not_met", light: "red", completion: "0.9" });
  });

  it("applies to the last period of every frequency", () => {
    expect(code(goal({ frequency: "quarterly" }), [["2024-Q4", 110]], "2025-01-05")).toBe("exceeded");
    expect(code(goal({ frequency: "quarterly" }), [["2024-Q4", 99]], "2025-01-05")).toBe("not_met");
    expect(code(goal({ frequency: "half_yearly" }), [["2024-H2", 100]], "2025-01-05")).toBe("met");
    expect(code(goal({ frequency: "half_yearly" }), [["2024-H2", 80]], "2025-01-05")).toBe("not_met");
    expect(code(goal({ frequency: "annual" }), [["2024", 120]], "2025-01-05")).toBe("exceeded");
    expect(code(goal({ frequency: "annual" }), [["2024", 50]], "2025-01-05")).toBe("not_met");
  });

  it("judges a final entry whenever it is read, even before the period is over", () => {
    expect(code(goal(), [["2024-12", 100]], "2024-12-01")).toBe("met");
    expect(code(goal(), [["2024-12", 90]], "2024-12-01")).toBe("not_met");
  });

  it("a final entry of another granularity is final too", () => {
    expect(code(goal(), [["2024-Q4", 100]], "2025-01-05")).toBe("met");
    expect(code(goal(), [["2024", 95]], "2025-01-05")).toBe("not_met");
  });

  it("approx accumulating goals meet within the tolerance but are never basically_met", () => {
    const g = goal({ comparator: "approx" }); // tol = 5% of 100 = 5
    expect(code(g, [["2024-12", 95]], "2025-01-05")).toBe("met");
    expect(code(g, [["2024-12", "94.99"]], "2025-01-05")).toBe("not_met");
    expect(code(g, [["2024-12", 110]], "2025-01-05")).toBe("exceeded");
    expect(code(g, [["2024-12", "109.99"]], "2025-01-05")).toBe("met");
  });

  it("lower-is-better accumulating goals are met or not_met, never exceeded", () => {
    const g = goal({ comparator: "lte", direction: "lower" });
    expect(code(g, [["2024-12", 50]], "2025-01-05")).toBe("met");
    expect(code(g, [["2024-12", 0]], "2025-01-05")).toBe("met");
    expect(code(g, [["2024-12", 100]], "2025-01-05")).toBe("met");
    expect(code(g, [["2024-12", "100.01"]], "2025-01-05")).toBe("not_met");
  });

  it("T = 0: met when it meets (A/T is undefined, so never exceeded)", () => {
    expect(code(goal({ target: 0 }), [["2024-12", 5]], "2025-01-05")).toBe("met");
    expect(code(goal({ target: 0 }), [["2024-12", 0]], "2025-01-05")).toBe("met");
    expect(code(goal({ target: 0, comparator: "lte", direction: "lower" }), [["2024-12", 0]], "2025-01-05")).toBe("met");
    expect(code(goal({ target: 0, comparator: "lte", direction: "lower" }), [["2024-12", 1]], "2025-01-05")).toBe("not_met");
  });
});

describe("rule 2: final, point goal, approx", () => {
  it("% unit: tolerance 0.5 points either side", () => {
    const g = growth({ comparator: "approx" }); // 增长6%左右
    expect(code(g, [["2024-12", "6.51"]], "2025-01-20")).toBe("exceeded");
    expect(code(g, [["2024-12", "6.5"]], "2025-01-20")).toBe("met");
    expect(code(g, [["2024-12", "6"]], "2025-01-20")).toBe("met");
    expect(code(g, [["2024-12", "5.99"]], "2025-01-20")).toBe("basically_met");
    expect(code(g, [["2024-12", "5.5"]], "2025-01-20")).toBe("basically_met");
    expect(code(g, [["2024-12", "5.49"]], "2025-01-20")).toBe("not_met");
    expect(code(g, [["2024-12", "-1"]], "2025-01-20")).toBe("not_met");
  });

  it("lights: exceeded/met green, basically_met yellow, not_met red", () => {
    const g = growth({ comparator: "approx" });
    expect(judge(g, [["2024-12", "7"]], "2025-01-20").light).toBe("green");
    expect(judge(g, [["2024-12", "5.8"]], "2025-01-20").light).toBe("yellow");
    expect(judge(g, [["2024-12", "5"]], "2025-01-20").light).toBe("red");
  });

  it("accepts ％ and 个百分点 as percentage units", () => {
    expect(code(growth({ comparator: "approx", unit: "％" }), [["2024-12", "5.5"]], "2025-01-20")).toBe("basically_met");
    expect(code(growth({ comparator: "approx", unit: "个百分点", target: 1 }), [["2024-12", "1.5"]], "2025-01-20")).toBe("met");
    expect(code(growth({ comparator: "approx", unit: "个百分点", target: 1 }), [["2024-12", "1.51"]], "2025-01-20")).toBe("exceeded");
  });

  it("other units: tolerance 5% of |T|", () => {
    const g = goal({ target: 200, unit: "万吨", comparator: "approx", kind: "level", accumulates: false }); // tol 10
    expect(code(g, [["2024-12", "210.01"]], "2025-01-20")).toBe("exceeded");
    expect(code(g, [["2024-12", "210"]], "2025-01-20")).toBe("met");
    expect(code(g, [["2024-12", "200"]], "2025-01-20")).toBe("met");
    expect(code(g, [["2024-12", "199.99"]], "2025-01-20")).toBe("basically_met");
    expect(code(g, [["2024-12", "190"]], "2025-01-20")).toBe("basically_met");
    expect(code(g, [["2024-12", "189.99"]], "2025-01-20")).toBe("not_met");
  });

  it("lower-is-better: the good side is below", () => {
    const cpi = growth({ target: 3, comparator: "approx", direction: "lower" }); // 居民消费价格涨幅3%左右
    expect(code(cpi, [["2024-12", "2.49"]], "2025-01-20")).toBe("exceeded");
    expect(code(cpi, [["2024-12", "2.5"]], "2025-01-20")).toBe("met");
    expect(code(cpi, [["2024-12", "3"]], "2025-01-20")).toBe("met");
    expect(code(cpi, [["2024-12", "3.01"]], "2025-01-20")).toBe("basically_met");
    expect(code(cpi, [["2024-12", "3.5"]], "2025-01-20")).toBe("basically_met");
    expect(code(cpi, [["2024-12", "3.51"]], "2025-01-20")).toBe("not_met");
    expect(code(cpi, [["2024-12", "0"]], "2025-01-20")).toBe("exceeded");
  });

  it("T = 0 with a non-% unit has no tolerance", () => {
    const g = goal({ target: 0, unit: "件", comparator: "approx", kind: "level", accumulates: false });
    expect(code(g, [["2024-12", 0]], "2025-01-20")).toBe("met");
    expect(code(g, [["2024-12", "0.01"]], "2025-01-20")).toBe("exceeded");
    expect(code(g, [["2024-12", "-0.01"]], "2025-01-20")).toBe("not_met");
  });

  it("a negative target uses |T| for the tolerance", () => {
    const g = goal({ target: -40, unit: "个", comparator: "approx", kind: "level", accumulates: false }); // tol 2
    expect(code(g, [["2024-12", -42]], "2025-01-20")).toBe("basically_met");
    expect(code(g, [["2024-12", "-42.01"]], "2025-01-20")).toBe("not_met");
    expect(code(g, [["2024-12", "-37.99"]], "2025-01-20")).toBe("exceeded");
  });
});

describe("rule 2: final, point goal, other comparators", () => {
  it("gte: met from A = T, never exceeded", () => {
    expect(code(growth(), [["2024-12", "6"]], "2025-01-20")).toBe("met");
    expect(code(growth(), [["2024-12", "30"]], "2025-01-20")).toBe("met");
    expect(code(growth(), [["2024-12", "5.99"]], "2025-01-20")).toBe("not_met");
  });

  it("eq is judged as gte", () => {
    expect(code(growth({ comparator: "eq" }), [["2024-12", "7"]], "2025-01-20")).toBe("met");
    expect(code(growth({ comparator: "eq" }), [["2024-12", "6"]], "2025-01-20")).toBe("met");
    expect(code(growth({ comparator: "eq" }), [["2024-12", "5.9"]], "2025-01-20")).toBe("not_met");
  });

  it("lte, lower is better, with A = T and A = 0", () => {
    const jobless = goal({ target: 5, unit: "%", comparator: "lte", kind: "ratio", direction: "lower", accumulates: false });
    expect(code(jobless, [["2024-12", "5"]], "2025-01-20")).toBe("met");
    expect(code(jobless, [["2024-12", "0"]], "2025-01-20")).toBe("met");
    expect(code(jobless, [["2024-12", "5.01"]], "2025-01-20")).toBe("not_met");
  });

  it("lte with T = 0 (只减不增): zero and falls meet, a rise does not", () => {
    const g = growth({ target: 0, comparator: "lte", direction: "lower" });
    expect(code(g, [["2024-12", "0"]], "2025-01-20")).toBe("met");
    expect(code(g, [["2024-12", "-1.2"]], "2025-01-20")).toBe("met");
    expect(code(g, [["2024-12", "0.1"]], "2025-01-20")).toBe("not_met");
    expect(judge(g, [["2024-12", "0"]], "2025-01-20").completion).toBe("1");
    expect(judge(g, [["2024-12", "0.1"]], "2025-01-20").completion).toBe("0");
  });

  it("decrease goals: the decrease achieved, higher is better", () => {
    const energy = growth({ target: "3.2", kind: "decrease", comparator: "eq" }); // 万元GDP能耗下降3.2%
    expect(code(energy, [["2024-12", "3.5"]], "2025-01-20")).toBe("met");
    expect(code(energy, [["2024-12", "3.2"]], "2025-01-20")).toBe("met");
    expect(code(energy, [["2024-12", "3.19"]], "2025-01-20")).toBe("not_met");
    expect(code(energy, [["2024-12", "-0.5"]], "2025-01-20")).toBe("not_met");
  });

  it("quarterly, half-yearly and annual point goals", () => {
    expect(code(growth({ frequency: "quarterly" }), [["2024-Q4", 6]], "2025-01-20")).toBe("met");
    expect(code(growth({ frequency: "half_yearly" }), [["2024-H2", 5]], "2025-01-20")).toBe("not_met");
    expect(code(growth({ frequency: "annual" }), [["2024", "6.1"]], "2025-01-20")).toBe("met");
  });

  it("final wins over earlier missing periods", () => {
    expect(judge(growth(), [["2024-12", 6]], "2025-06-01")).toMatchObject({ code: "met", overduePeriod: null });
  });
});

describe("rule 3: accumulating and meets before the year end → met (销号)", () => {
  it("met from A = T", () => {
    const g = goal({ target: 50, unit: "万亩" });
    expect(code(g, [["2024-06", 50]], "2024-07-05")).toBe("met");
    expect(code(g, [["2024-06", 80]], "2024-07-05")).toBe("met");
    expect(code(g, [["2024-06", "49.99"]], "2024-07-05")).toBe("on_track");
  });

  it("met even when later periods are overdue, and the overdue period is still reported", () => {
    const j = judge(goal(), [["2024-03", 120]], "2024-10-01");
    expect(j.code).toBe("met");
    expect(j.light).toBe("green");
    expect(j.overduePeriod).toBe("2024-04");
  });

  it("approx accumulating goals are met within the tolerance", () => {
    expect(code(goal({ comparator: "approx" }), [["2024-06", 95]], "2024-07-05")).toBe("met");
    expect(code(goal({ comparator: "approx" }), [["2024-06", "94.99"]], "2024-07-05")).toBe("on_track");
  });

  it("lower-is-better accumulating goals meet while A ≤ T (rule 3 as written)", () => {
    const g = goal({ comparator: "lte", direction: "lower" });
    expect(code(g, [["2024-03", 0]], "2024-04-05")).toBe("met");
    expect(code(g, [["2024-03", 100]], "2024-04-05")).toBe("met");
  });

  it("quarterly goals too", () => {
    expect(code(goal({ frequency: "quarterly" }), [["2024-Q2", 100]], "2024-07-05")).toBe("met");
  });
});

describe("rule 4: overdue after an entry", () => {
  it("a period after the latest entry is overdue once its due date has passed", () => {
    const entries: Entries = [["2024-03", 25]];
    expect(code(goal(), entries, "2024-05-10")).toBe("on_track");
    const j = judge(goal(), entries, "2024-05-11");
    expect(j).toMatchObject({ code: "overdue", light: "grey", overduePeriod: "2024-04", completion: "0.25" });
    expect(j.latest).toEqual({ period: "2024-03", value: "25" });
  });

  it("an entry for a later period covers earlier missing ones", () => {
    const j = judge(goal(), [["2024-01", 5], ["2024-05", 45]], "2024-06-05");
    expect(j.overduePeriod).toBeNull();
    expect(j.latest).toEqual({ period: "2024-05", value: "45" });
    expect(j.code).toBe("on_track");
  });

  it("uses the latest entry's period, not the as-of date", () => {
    // An entry for June read on 1 June (before the period is over): nothing after June is due.
    expect(judge(goal(), [["2024-06", 50]], "2024-06-01").overduePeriod).toBeNull();
  });

  it("point goals go overdue too", () => {
    const g = goal({ target: 85, unit: "%", kind: "ratio", accumulates: false, frequency: "quarterly" });
    expect(code(g, [["2024-Q1", 90]], "2024-07-10")).toBe("on_track");
    expect(judge(g, [["2024-Q1", 90]], "2024-07-11")).toMatchObject({ code: "overdue", overduePeriod: "2024-Q2" });
  });

  it("half-yearly and an entry of a finer period ending the same day", () => {
    const g = goal({ frequency: "half_yearly" });
    expect(judge(g, [["2024-06", 60]], "2025-01-11")).toMatchObject({ code: "overdue", overduePeriod: "2024-H2" });
    expect(judge(goal({ frequency: "quarterly" }), [["2024-06", 40]], "2024-07-20").overduePeriod).toBeNull();
  });

  it("an overdue goal far behind is still overdue (rule 4 comes before 5)", () => {
    expect(code(goal(), [["2024-01", 0]], "2024-06-01")).toBe("overdue");
  });
});

describe("rule 5: accumulating, lag against 序时进度", () => {
  const asOf = "2024-07-05";

  it("lag exactly at the margins is inclusive (month 6, f = 0.5)", () => {
    expect(code(goal(), [["2024-06", 50]], asOf)).toBe("on_track");
    expect(code(goal(), [["2024-06", 40]], asOf)).toBe("on_track"); // lag 0.10
    expect(code(goal(), [["2024-06", "39.99"]], asOf)).toBe("behind");
    expect(code(goal(), [["2024-06", 20]], asOf)).toBe("behind"); // lag 0.30
    expect(code(goal(), [["2024-06", "19.99"]], asOf)).toBe("far_behind");
    expect(code(goal(), [["2024-06", 0]], asOf)).toBe("far_behind");
  });

  it("reports f, A/T and the lag", () => {
    expect(judge(goal(), [["2024-06", 40]], asOf)).toEqual({
      code: "on_track",
      light: "green",
      latest: { period: "2024-06", value: "40" },
      completion: "0.4",
      expectedShare: "0.5",
      lag: "0.1",
      overduePeriod: null,
    });
    expect(judge(goal(), [["2024-06", 30]], asOf)).toMatchObject({ code: "behind", light: "yellow", lag: "0.2" });
    expect(judge(goal(), [["2024-06", 10]], asOf)).toMatchObject({ code: "far_behind", light: "red", lag: "0.4" });
  });

  it("is exact where binary floating point is not (0.5 − 0.12/0.3 = 0.1)", () => {
    expect(code(goal({ target: "0.3" }), [["2024-06", "0.12"]], asOf)).toBe("on_track");
    expect(code(goal({ target: "0.3" }), [["2024-06", "0.06"]], asOf)).toBe("behind"); // lag 0.30
  });

  it("is exact with a share that does not terminate (month 4, f = 1/3)", () => {
    expect(code(goal({ target: 30 }), [["2024-04", 7]], "2024-05-05")).toBe("on_track"); // 1/3 − 7/30 = 0.1
    expect(code(goal({ target: 30 }), [["2024-04", "6.999999"]], "2024-05-05")).toBe("behind");
    expect(code(goal({ target: 30 }), [["2024-04", 1]], "2024-05-05")).toBe("behind"); // 1/3 − 1/30 = 0.3
    expect(code(goal({ target: 30 }), [["2024-04", "0.999999"]], "2024-05-05")).toBe("far_behind");
    expect(judge(goal({ target: 30 }), [["2024-04", 7]], "2024-05-05")).toMatchObject({ expectedShare: "0.3333", lag: "0.1" });
  });

  it("month 1: f = 1/12 is under the first margin, so nothing reported yet is still on track", () => {
    expect(judge(goal(), [["2024-01", 0]], "2024-02-05")).toMatchObject({ code: "on_track", expectedShare: "0.0833", lag: "0.0833" });
  });

  it("quarterly goals use Q/4", () => {
    const g = goal({ frequency: "quarterly" });
    expect(code(g, [["2024-Q1", 15]], "2024-04-05")).toBe("on_track");
    expect(code(g, [["2024-Q1", 14]], "2024-04-05")).toBe("behind");
    expect(code(g, [["2024-Q3", 45]], "2024-10-05")).toBe("behind");
    expect(code(g, [["2024-Q3", 44]], "2024-10-05")).toBe("far_behind");
    expect(judge(g, [["2024-Q3", 45]], "2024-10-05").expectedShare).toBe("0.75");
  });

  it("half-yearly goals use H/2", () => {
    const g = goal({ frequency: "half_yearly" });
    expect(code(g, [["2024-H1", 40]], "2024-07-05")).toBe("on_track");
    expect(code(g, [["2024-H1", 39]], "2024-07-05")).toBe("behind");
    expect(code(g, [["2024-H1", 19]], "2024-07-05")).toBe("far_behind");
  });

  it("uses the plan's margins", () => {
    const strict: StatusSettings = { graceDays: 10, marginBehind: "0.05", marginFarBehind: 0.2 };
    expect(code(goal(), [["2024-06", 45]], asOf, strict)).toBe("on_track");
    expect(code(goal(), [["2024-06", 44]], asOf, strict)).toBe("behind");
    expect(code(goal(), [["2024-06", 30]], asOf, strict)).toBe("behind");
    expect(code(goal(), [["2024-06", 29]], asOf, strict)).toBe("far_behind");
    const decimals: StatusSettings = { graceDays: 10, marginBehind: new Decimal("0.1"), marginFarBehind: new Decimal("0.3") };
    expect(code(goal(), [["2024-06", 40]], asOf, decimals)).toBe("on_track");
  });

  it("lower-is-better over the cap mid-year: lag = f − A/T is negative, so on_track (rule 5 as written)", () => {
    const g = goal({ comparator: "lte", direction: "lower" });
    expect(judge(g, [["2024-06", 120]], asOf)).toMatchObject({ code: "on_track", lag: "-0.7", completion: "0.8333" });
  });

  it("T = 0 lower-is-better over the cap: A/T stands in as the completion ratio 0", () => {
    const g = goal({ target: 0, comparator: "lte", direction: "lower" });
    expect(judge(g, [["2024-06", 1]], asOf)).toMatchObject({ code: "far_behind", lag: "0.5", completion: "0" });
    expect(code(g, [["2024-01", 1]], "2024-02-05")).toBe("on_track");
  });
});

describe("rule 6: point goals before the year end", () => {
  const asOf = "2024-07-05";

  it("gte %: meets → on_track; shortfall ≤ 2·tol (1 point) → behind; else far_behind", () => {
    expect(code(growth(), [["2024-06", "6"]], asOf)).toBe("on_track");
    expect(code(growth(), [["2024-06", "9"]], asOf)).toBe("on_track");
    expect(code(growth(), [["2024-06", "5.99"]], asOf)).toBe("behind");
    expect(code(growth(), [["2024-06", "5"]], asOf)).toBe("behind");
    expect(code(growth(), [["2024-06", "4.99"]], asOf)).toBe("far_behind");
    expect(code(growth(), [["2024-06", "-3.5"]], asOf)).toBe("far_behind");
  });

  it("gives point goals no 序时进度", () => {
    expect(judge(growth(), [["2024-06", "5"]], asOf)).toEqual({
      code: "behind",
      light: "yellow",
      latest: { period: "2024-06", value: "5" },
      completion: "0.8333",
      expectedShare: null,
      lag: null,
      overduePeriod: null,
    });
  });

  it("approx %: meets from T − tol; shortfall measured from T", () => {
    const g = growth({ comparator: "approx" });
    expect(code(g, [["2024-06", "7"]], asOf)).toBe("on_track");
    expect(code(g, [["2024-06", "5.5"]], asOf)).toBe("on_track");
    expect(code(g, [["2024-06", "5.49"]], asOf)).toBe("behind");
    expect(code(g, [["2024-06", "5"]], asOf)).toBe("behind");
    expect(code(g, [["2024-06", "4.99"]], asOf)).toBe("far_behind");
  });

  it("lower-is-better %, with A = T and A = 0", () => {
    const jobless = goal({ target: 5, unit: "%", comparator: "lte", kind: "ratio", direction: "lower", accumulates: false });
    expect(code(jobless, [["2024-06", "5"]], asOf)).toBe("on_track");
    expect(code(jobless, [["2024-06", "0"]], asOf)).toBe("on_track");
    expect(code(jobless, [["2024-06", "5.01"]], asOf)).toBe("behind");
    expect(code(jobless, [["2024-06", "6"]], asOf)).toBe("behind");
    expect(code(jobless, [["2024-06", "6.01"]], asOf)).toBe("far_behind");
  });

  it("lower-is-better approx %: meets up to T + tol", () => {
    const cpi = growth({ target: 3, comparator: "approx", direction: "lower" });
    expect(code(cpi, [["2024-06", "3.5"]], asOf)).toBe("on_track");
    expect(code(cpi, [["2024-06", "3.51"]], asOf)).toBe("behind");
    expect(code(cpi, [["2024-06", "4"]], asOf)).toBe("behind");
    expect(code(cpi, [["2024-06", "4.01"]], asOf)).toBe("far_behind");
  });

  it("other units: tolerance 5% of T", () => {
    const days = goal({ target: 342, unit: "天", kind: "level", accumulates: false }); // tol 17.1
    expect(code(days, [["2024-06", 342]], asOf)).toBe("on_track");
    expect(code(days, [["2024-06", "341.9"]], asOf)).toBe("behind");
    expect(code(days, [["2024-06", "307.8"]], asOf)).toBe("behind");
    expect(code(days, [["2024-06", "307.79"]], asOf)).toBe("far_behind");
  });

  it("T = 0, lower is better (动态清零): zero is on track, anything above is far behind", () => {
    const wages = goal({ target: 0, unit: "件", comparator: "eq", kind: "level", direction: "lower", accumulates: false });
    expect(code(wages, [["2024-06", 0]], asOf)).toBe("on_track");
    expect(code(wages, [["2024-06", 1]], asOf)).toBe("far_behind");
    expect(judge(wages, [["2024-06", 0]], asOf).completion).toBe("1");
    expect(judge(wages, [["2024-06", 1]], asOf).completion).toBe("0");
  });

  it("T = 0, higher is better", () => {
    const g = goal({ target: 0, unit: "个", kind: "level", accumulates: false });
    expect(code(g, [["2024-06", 0]], asOf)).toBe("on_track");
    expect(code(g, [["2024-06", "-0.01"]], asOf)).toBe("far_behind");
  });

  it("decrease goals mid-year", () => {
    const energy = growth({ target: "3.2", kind: "decrease", comparator: "eq" });
    expect(code(energy, [["2024-06", "3.2"]], asOf)).toBe("on_track");
    expect(code(energy, [["2024-06", "2.2"]], asOf)).toBe("behind");
    expect(code(energy, [["2024-06", "2.19"]], asOf)).toBe("far_behind");
  });

  it("quarterly, half-yearly", () => {
    expect(code(growth({ frequency: "quarterly" }), [["2024-Q3", "5.5"]], "2024-10-05")).toBe("behind");
    expect(code(growth({ frequency: "half_yearly" }), [["2024-H1", "6.2"]], "2024-07-05")).toBe("on_track");
  });
});

describe("the latest entry", () => {
  it("is the one with the latest period, whatever the list order", () => {
    const j = judge(goal(), [["2024-05", 45], ["2024-03", 10], ["2024-04", 30]], "2024-06-05");
    expect(j.latest).toEqual({ period: "2024-05", value: "45" });
  });

  it("is not filtered by the as-of date", () => {
    expect(judge(goal(), [["2024-09", 80]], "2024-03-01").latest?.period).toBe("2024-09");
  });

  it("on a tie of end dates prefers the goal's own frequency, then the finer period", () => {
    const entries = [
      { period: "2024-Q2", value: 10 },
      { period: "2024-06", value: 20 },
      { period: "2024-H1", value: 30 },
    ];
    const pick = (frequency: GoalForJudging["frequency"]) => latestEntry({ year: 2024, frequency }, entries)?.period;
    expect(pick("monthly")).toBe("2024-06");
    expect(pick("quarterly")).toBe("2024-Q2");
    expect(pick("half_yearly")).toBe("2024-H1");
    expect(pick("annual")).toBe("2024-06");
    expect(latestEntry({ year: 2024, frequency: "monthly" }, [...entries].reverse())?.period).toBe("2024-06");
  });

  it("takes the later of two entries for the same period", () => {
    const entries = [
      { period: "2024-06", value: 1 },
      { period: "2024-06", value: 2 },
    ];
    expect(latestEntry({ year: 2024, frequency: "monthly" }, entries)?.value.toString()).toBe("2");
  });

  it("accepts figures as number, string or Decimal and shows them canonically", () => {
    expect(judge(goal(), [["2024-06", 50.5]], "2024-07-01").latest?.value).toBe("50.5");
    expect(judge(goal(), [["2024-06", "50.50"]], "2024-07-01").latest?.value).toBe("50.5");
    expect(judge(goal(), [["2024-06", new Decimal("0.000001")]], "2024-07-01").latest?.value).toBe("0.000001");
    expect(judge(goal({ target: new Decimal(100) }), [["2024-06", "-0"]], "2024-07-01").latest?.value).toBe("0");
  });
});

describe("milestones (未启动 / 推进中 / 已完成, judged against the year end)", () => {
  const ms = (over: Partial<GoalForJudging> = {}) =>
    goal({ target: null, unit: "%", kind: "milestone", accumulates: false, ...over });

  it("is in progress while the percentage done is above 0, with no yellow or red before the year end", () => {
    expect(judge(ms(), [["2024-06", 10]], "2024-07-05")).toMatchObject({ code: "on_track", completion: "0.1" });
    expect(code(ms(), [["2024-06", 0]], "2024-07-05")).toBe("not_started");
    expect(code(ms(), [["2024-06", 100]], "2024-07-05")).toBe("met");
  });

  it("is met or not_met at the year end", () => {
    expect(code(ms(), [["2024-12", 100]], "2025-01-05")).toBe("met");
    expect(code(ms(), [["2024-12", 99]], "2025-01-05")).toBe("not_met");
  });

  it("goes overdue like any goal", () => {
    expect(code(ms(), [], "2024-02-11")).toBe("overdue");
    expect(code(ms(), [["2024-03", 30]], "2024-05-11")).toBe("overdue");
  });

  it("uses a target when one is given", () => {
    expect(code(ms({ target: 1, unit: "项" }), [["2024-06", 1]], "2024-07-05")).toBe("met");
  });
});

describe("inputs that are bugs", () => {
  it("throws on a malformed as-of date or figure, or a missing target", () => {
    expect(() => judge(goal(), [], "2024-7-1")).toThrow(RangeError);
    expect(() => judge(goal(), [["2024-06", "abc"]], "2024-07-01")).toThrow(TypeError);
    expect(() => judge(goal(), [["2024-06", Number.NaN]], "2024-07-01")).toThrow(TypeError);
    expect(() => judge(goal({ target: null }), [["2024-06", 1]], "2024-07-01")).toThrow(TypeError);
  });
});

describe("properties", () => {
  const RANK: Record<string, number> = { far_behind: 0, behind: 1, on_track: 2, not_met: 0, basically_met: 1, met: 2, exceeded: 3 };
  const figure = fc.integer({ min: -2_000_000, max: 2_000_000 }).map((n) => new Decimal(n).div(1000).toString());
  const arbGoal = fc.record({
    target: fc.integer({ min: -500_000, max: 500_000 }).map((n) => new Decimal(n).div(1000).toString()),
    unit: fc.constantFrom("%", "个", "万亩", "天"),
    comparator: fc.constantFrom("gte", "lte", "approx", "eq") as fc.Arbitrary<GoalForJudging["comparator"]>,
    direction: fc.constantFrom("higher", "lower") as fc.Arbitrary<GoalForJudging["direction"]>,
    accumulates: fc.boolean(),
    frequency: fc.constantFrom("monthly", "quarterly", "half_yearly", "annual") as fc.Arbitrary<GoalForJudging["frequency"]>,
  });

  it("a better figure never gives a worse verdict (same period, nothing overdue)", () => {
    fc.assert(
      fc.property(arbGoal, figure, figure, fc.boolean(), (g, x, y, final) => {
        const full = goal({ ...g, kind: g.accumulates ? "increment" : "level" });
        const period = final ? "2024-12" : "2024-06";
        const [lo, hi] = new Decimal(x).lte(y) ? [x, y] : [y, x];
        const [worse, better] = full.direction === "higher" ? [lo, hi] : [hi, lo];
        const p = full.frequency === "monthly" ? period : final ? "2024" : "2024-06";
        const a = judge(full, [[p, worse]], "2024-06-30").code;
        const b = judge(full, [[p, better]], "2024-06-30").code;
        if (a === "met" && full.accumulates && !final) return; // met (销号) outranks everything before the year end
        expect(RANK[b]! >= RANK[a]! || b === "met").toBe(true);
      }),
    );
  });

  it("the light always follows the code, and completion is present exactly when there is an entry", () => {
    fc.assert(
      fc.property(arbGoal, fc.option(figure, { nil: undefined }), fc.integer({ min: 0, max: 500 }), (g, value, day) => {
        const asOf = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
        const full = goal({ ...g, kind: g.accumulates ? "increment" : "level" });
        const j = judge(full, value === undefined ? [] : [["2024-Q2", value]], asOf);
        expect(j.completion === null).toBe(value === undefined);
        expect(j.expectedShare !== null).toBe(value !== undefined && full.accumulates);
        const light = { not_started: "none", overdue: "grey", on_track: "green", behind: "yellow", far_behind: "red", met: "green", exceeded: "green", basically_met: "yellow", not_met: "red" }[j.code];
        expect(j.light).toBe(light);
      }),
    );
  });

  it("without details the verdict is the same, only the shown ratios are left out", () => {
    const periods = ["2024-03", "2024-06", "2024-12", "2024-Q2", "2024-Q4", "2024-H1", "2024"];
    fc.assert(
      fc.property(arbGoal, fc.option(figure, { nil: undefined }), fc.constantFrom(...periods), fc.integer({ min: 0, max: 500 }), (g, value, period, day) => {
        const asOf = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
        const full = goal({ ...g, kind: g.accumulates ? "increment" : "level" });
        const entries = value === undefined ? [] : [{ period, value }];
        const detailed = judgeGoal(full, entries, DEFAULT_STATUS_SETTINGS, asOf);
        const bare = judgeGoal(full, entries, DEFAULT_STATUS_SETTINGS, asOf, { details: false });
        expect(bare).toEqual({ ...detailed, completion: null, expectedShare: null, lag: null });
      }),
    );
  });
});
