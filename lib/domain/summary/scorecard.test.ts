import { describe, expect, it } from "vitest";
import { composeScorecard, goalPunctuality, percentOneDecimal, SCORECARD_RULES, type ScorecardGoal, type ScorecardVersion } from "./scorecard";

const at = (iso: string) => new Date(iso);
const v = (period: string, submittedAt: string, state: ScorecardVersion["state"] = "pending", reviewedAt?: string): ScorecardVersion => ({
  period, state, submittedAt: at(submittedAt), reviewedAt: reviewedAt ? at(reviewedAt) : null,
});

describe("percentOneDecimal", () => {
  it("rounds half up to one decimal, null without a denominator", () => {
    expect(percentOneDecimal(2, 3)).toBe(66.7);
    expect(percentOneDecimal(1, 3)).toBe(33.3);
    expect(percentOneDecimal(1, 16)).toBe(6.3); // 6.25
    expect(percentOneDecimal(1, 8)).toBe(12.5);
    expect(percentOneDecimal(3, 3)).toBe(100);
    expect(percentOneDecimal(0, 4)).toBe(0);
    expect(percentOneDecimal(0, 0)).toBeNull();
  });
});

describe("goalPunctuality (quarterly 2024, 10 grace days: Q1 due 2024-04-10, Q2 due 2024-07-10)", () => {
  const q = (versions: ScorecardVersion[]) => ({ frequency: "quarterly" as const, versions });
  it("a period is due on its due date; a version submitted by the end of that day (Shanghai) is on time", () => {
    expect(goalPunctuality(q([]), 2024, 10, "2024-04-09")).toEqual({ due: 0, onTime: 0, late: 0, missing: 0 });
    expect(goalPunctuality(q([]), 2024, 10, "2024-04-10")).toEqual({ due: 1, onTime: 0, late: 0, missing: 1 });
    // 2024-04-10 23:59 Shanghai = 15:59 UTC
    expect(goalPunctuality(q([v("2024-Q1", "2024-04-10T15:59:00Z")]), 2024, 10, "2024-04-10")).toMatchObject({ due: 1, onTime: 1 });
    // 2024-04-11 00:00 Shanghai: late
    expect(goalPunctuality(q([v("2024-Q1", "2024-04-10T16:00:00Z")]), 2024, 10, "2024-04-20")).toMatchObject({ due: 1, late: 1, onTime: 0 });
    // submitted after asOf: missing as of asOf
    expect(goalPunctuality(q([v("2024-Q1", "2024-04-25T02:00:00Z")]), 2024, 10, "2024-04-20")).toMatchObject({ due: 1, missing: 1 });
  });
  it("approved counts; withdrawn never; returned counts only while it was still pending on the day", () => {
    expect(goalPunctuality(q([v("2024-Q1", "2024-04-05T02:00:00Z", "approved")]), 2024, 10, "2024-05-01")).toMatchObject({ onTime: 1 });
    expect(goalPunctuality(q([v("2024-Q1", "2024-04-05T02:00:00Z", "withdrawn")]), 2024, 10, "2024-05-01")).toMatchObject({ missing: 1 });
    const returned = v("2024-Q1", "2024-04-05T02:00:00Z", "returned", "2024-04-12T02:00:00Z");
    expect(goalPunctuality(q([returned]), 2024, 10, "2024-04-11")).toMatchObject({ onTime: 1 });
    expect(goalPunctuality(q([returned]), 2024, 10, "2024-05-01")).toMatchObject({ missing: 1 });
    // resubmitted after the due date: late
    expect(goalPunctuality(q([returned, v("2024-Q1", "2024-04-15T02:00:00Z")]), 2024, 10, "2024-05-01")).toMatchObject({ late: 1 });
  });
  it("a later period's year-to-date figure covers the earlier periods; figures outside the plan year do not", () => {
    expect(goalPunctuality(q([v("2024-Q2", "2024-07-05T02:00:00Z")]), 2024, 10, "2024-07-20")).toEqual({ due: 2, onTime: 1, late: 1, missing: 0 });
    expect(goalPunctuality(q([v("2025-Q1", "2024-04-05T02:00:00Z")]), 2024, 10, "2024-05-01")).toMatchObject({ missing: 1 });
  });
});

describe("composeScorecard", () => {
  const goal = (g: Partial<ScorecardGoal> & { id: string }): ScorecardGoal => ({
    leadDepartmentId: null, coDepartmentIds: [], isShare: false, frequency: "quarterly", judgement: null, versions: [], ...g,
  });
  const departments = [
    { id: "a", name: "市农业农村局" },
    { id: "b", name: "市人社局" },
    { id: "c", name: "市发展改革委" },
    { id: "d", name: "市统计局" },
  ];
  const rows = composeScorecard({
    year: 2024,
    graceDays: 10,
    asOf: "2024-07-20",
    departments,
    goals: [
      goal({ id: "g1", leadDepartmentId: "a", coDepartmentIds: ["b"], judgement: "met", versions: [v("2024-Q1", "2024-04-05T02:00:00Z", "approved"), v("2024-Q2", "2024-07-05T02:00:00Z")] }),
      goal({ id: "g2", leadDepartmentId: "a", isShare: true, judgement: "far_behind", versions: [v("2024-Q1", "2024-04-15T02:00:00Z", "returned", "2024-04-16T02:00:00Z"), v("2024-Q1", "2024-04-18T02:00:00Z")] }),
      goal({ id: "g3", leadDepartmentId: "b", coDepartmentIds: ["a", "b"], judgement: "exceeded", versions: [v("2024-Q1", "2024-04-10T02:00:00Z", "approved"), v("2024-Q2", "2024-07-01T02:00:00Z")] }),
      goal({ id: "g4", leadDepartmentId: "b", frequency: "annual", judgement: "on_track" }),
      goal({ id: "g5", leadDepartmentId: null, coDepartmentIds: ["c"], judgement: "not_met" }),
    ],
  });
  it("counts what each department holds, its punctuality, returns and verdicts", () => {
    const a = rows.find((r) => r.id === "a")!;
    expect(a).toEqual({
      id: "a", name: "市农业农村局", goals: 3, lead: 2, co: 1, shares: 1, due: 4, onTime: 2, late: 1, missing: 1, returned: 1,
      met: 1, behind: 1, notMet: 0, onTimeRate: 50, completionRate: 50, rank: 2,
    });
    const b = rows.find((r) => r.id === "b")!;
    // g3 lists b as co as well as lead: counted once, as lead; g4 (annual) is not yet due.
    expect(b).toMatchObject({ goals: 3, lead: 2, co: 1, shares: 0, due: 2, onTime: 2, late: 0, missing: 0, returned: 0, met: 1, behind: 0, notMet: 0, onTimeRate: 100, completionRate: 50, rank: 1 });
  });
  it("a co-lead only department has no rates and ranks last; a department holding nothing has no row", () => {
    expect(rows.map((r) => r.id)).toEqual(["b", "a", "c"]);
    expect(rows[2]).toMatchObject({ goals: 1, lead: 0, co: 1, due: 0, onTimeRate: null, completionRate: null, notMet: 0, rank: 3 });
  });
  it("equal rates share a rank and are ordered by name", () => {
    const tied = composeScorecard({
      year: 2024, graceDays: 10, asOf: "2024-04-01", departments,
      goals: [goal({ id: "x", leadDepartmentId: "d" }), goal({ id: "y", leadDepartmentId: "c" }), goal({ id: "z", leadDepartmentId: "a", judgement: "met" })],
    });
    expect(tied.map((r) => [r.name, r.rank])).toEqual([["市农业农村局", 1], ["市发展改革委", 2], ["市统计局", 2]]);
  });
  it("states a rule for every column and rate, in Chinese", () => {
    expect(SCORECARD_RULES.map((r) => r.column)).toEqual(expect.arrayContaining(["按时报送率", "完成率", "排名"]));
    for (const r of SCORECARD_RULES) expect(r.rule).toMatch(/[\u4e00-\u9fff]/);
  });
});
