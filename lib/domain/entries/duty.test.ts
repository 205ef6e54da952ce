import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays } from "../dates";
import { chineseDate, daysBetween, goalDuty, reminderText, type DutyVersion, type GoalDuty } from "./duty";
import type { EntryState } from "./versions";

const monthly = { year: 2024, frequency: "monthly" as const };
const quarterly = { year: 2024, frequency: "quarterly" as const };
const halfYearly = { year: 2024, frequency: "half_yearly" as const };
const annual = { year: 2024, frequency: "annual" as const };

/** A version submitted at a Shanghai wall-clock time ("2024-06-05 10:00"). */
function v(period: string, state: EntryState, submitted: string, extra: { version?: number; reviewed?: string; reason?: string | null } = {}): DutyVersion {
  const at = (s: string) => new Date(`${s.replace(" ", "T")}:00+08:00`);
  return {
    period,
    state,
    version: extra.version ?? 1,
    submittedAt: at(submitted),
    reviewedAt: extra.reviewed ? at(extra.reviewed) : null,
    reviewNote: extra.reason ?? null,
  };
}

const periods = (list: { period: string }[]) => list.map((p) => p.period);

describe("daysBetween", () => {
  it("counts whole calendar days, positive when b is after a", () => {
    expect(daysBetween("2024-07-10", "2024-07-15")).toBe(5);
    expect(daysBetween("2024-07-15", "2024-07-10")).toBe(-5);
    expect(daysBetween("2024-07-15", "2024-07-15")).toBe(0);
    expect(daysBetween("2024-02-10", "2024-07-15")).toBe(156);
    expect(daysBetween("2023-12-31", "2024-01-01")).toBe(1);
  });

  it("knows leap years", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2023-01-01", "2024-01-01")).toBe(365);
  });

  it("is the inverse of addDays", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -2000, max: 2000 }), (offset, n) => {
        const a = addDays("1990-01-01", offset);
        expect(daysBetween(a, addDays(a, n))).toBe(n);
      }),
    );
  });

  it("refuses what is not a calendar date", () => {
    expect(() => daysBetween("2024-02-30", "2024-03-01")).toThrow(RangeError);
    expect(() => daysBetween("2024-03-01", "today")).toThrow(RangeError);
  });
});

describe("chineseDate", () => {
  it("writes 2024年7月15日 without leading zeros", () => {
    expect(chineseDate("2024-07-15")).toBe("2024年7月15日");
    expect(chineseDate("2024-01-05")).toBe("2024年1月5日");
    expect(chineseDate("2024-12-31")).toBe("2024年12月31日");
    expect(chineseDate("2024-10-10")).toBe("2024年10月10日");
  });

  it("refuses what is not a calendar date", () => {
    expect(() => chineseDate("2024-02-30")).toThrow(RangeError);
    expect(() => chineseDate("2024/07/15")).toThrow(RangeError);
  });
});

describe("goalDuty: overdue and due periods", () => {
  it("with nothing reported, every period past its due date is overdue, counted from the earliest", () => {
    const duty = goalDuty(monthly, [], 10, "2024-07-15");
    expect(duty).toEqual({
      overdue: [
        { period: "2024-01", due: "2024-02-10" },
        { period: "2024-02", due: "2024-03-10" },
        { period: "2024-03", due: "2024-04-10" },
        { period: "2024-04", due: "2024-05-10" },
        { period: "2024-05", due: "2024-06-10" },
        { period: "2024-06", due: "2024-07-10" },
      ],
      daysOverdue: 156,
      returned: [],
      due: [],
    });
  });

  it("a period that has ended but is still within its grace days is due, not overdue; its due day itself is still due", () => {
    const early = goalDuty(monthly, [v("2024-05", "approved", "2024-06-05 10:00")], 10, "2024-07-05");
    expect(early).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [{ period: "2024-06", due: "2024-07-10" }] });
    expect(goalDuty(monthly, [v("2024-05", "approved", "2024-06-05 10:00")], 10, "2024-07-10").due).toEqual([{ period: "2024-06", due: "2024-07-10" }]);
    const late = goalDuty(monthly, [v("2024-05", "approved", "2024-06-05 10:00")], 10, "2024-07-11");
    expect(late).toEqual({ overdue: [{ period: "2024-06", due: "2024-07-10" }], daysOverdue: 1, returned: [], due: [] });
  });

  it("a period that has not ended yet is neither", () => {
    const duty = goalDuty(monthly, [v("2024-06", "pending", "2024-07-02 09:00")], 10, "2024-07-30");
    expect(duty).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [] });
    expect(goalDuty(monthly, [], 10, "2023-12-31")).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [] });
  });

  it("a later period's figure covers the earlier ones (a year-to-date series)", () => {
    const duty = goalDuty(monthly, [v("2024-05", "pending", "2024-06-05 10:00")], 10, "2024-07-15");
    expect(duty.overdue).toEqual([{ period: "2024-06", due: "2024-07-10" }]);
    expect(duty.daysOverdue).toBe(5);
    // A figure for 2024-03 only covers January to March.
    const partial = goalDuty(monthly, [v("2024-03", "approved", "2024-04-05 10:00")], 10, "2024-07-15");
    expect(periods(partial.overdue)).toEqual(["2024-04", "2024-05", "2024-06"]);
    expect(partial.daysOverdue).toBe(daysBetween("2024-05-10", "2024-07-15"));
  });

  it("counts pending and approved versions as reported", () => {
    for (const state of ["pending", "approved"] as const) {
      expect(goalDuty(monthly, [v("2024-06", state, "2024-07-02 09:00")], 10, "2024-07-15")).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [] });
    }
  });

  it("a withdrawn version is not reported", () => {
    const duty = goalDuty(monthly, [v("2024-05", "approved", "2024-06-05 10:00"), v("2024-06", "withdrawn", "2024-07-02 09:00")], 10, "2024-07-15");
    expect(duty).toEqual({ overdue: [{ period: "2024-06", due: "2024-07-10" }], daysOverdue: 5, returned: [], due: [] });
  });

  it("a returned version is not reported and is listed with its reason, until resubmitted", () => {
    const versions = [v("2024-05", "approved", "2024-06-05 10:00"), v("2024-06", "returned", "2024-07-02 09:00", { reviewed: "2024-07-03 15:00", reason: "口径有误" })];
    expect(goalDuty(monthly, versions, 10, "2024-07-15")).toEqual({
      overdue: [{ period: "2024-06", due: "2024-07-10" }],
      daysOverdue: 5,
      returned: [{ period: "2024-06", reason: "口径有误" }],
      due: [],
    });
    // Resubmitted as version 2: reported, nothing to chase.
    const resubmitted = [...versions, v("2024-06", "pending", "2024-07-04 09:00", { version: 2 })];
    expect(goalDuty(monthly, resubmitted, 10, "2024-07-15")).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [] });
  });

  it("a version returned after the as-of day was still reported on that day", () => {
    const versions = [v("2024-06", "returned", "2024-07-02 09:00", { reviewed: "2024-07-20 15:00", reason: "口径有误" })];
    expect(goalDuty(monthly, versions, 10, "2024-07-15")).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [] });
    // Returned at 23:59 Shanghai on the as-of day: returned on it.
    const sameDay = [v("2024-06", "returned", "2024-07-02 09:00", { reviewed: "2024-07-15 23:59", reason: "口径有误" })];
    expect(goalDuty(monthly, sameDay, 10, "2024-07-15").returned).toEqual([{ period: "2024-06", reason: "口径有误" }]);
    // From the day it was returned on, the period is owed again.
    expect(goalDuty(monthly, versions, 10, "2024-07-20")).toEqual({
      overdue: ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"].map((period) => ({ period, due: dueOf(period) })),
      daysOverdue: daysBetween("2024-02-10", "2024-07-20"),
      returned: [{ period: "2024-06", reason: "口径有误" }],
      due: [],
    });
  });

  it("an older reported version still counts while a newer correction is withdrawn or returned", () => {
    const approved = v("2024-06", "approved", "2024-07-02 09:00");
    const withdrawn = v("2024-06", "withdrawn", "2024-07-04 09:00", { version: 2 });
    expect(goalDuty(monthly, [approved, withdrawn], 10, "2024-07-15")).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [] });
    const returned = v("2024-06", "returned", "2024-07-04 09:00", { version: 2, reviewed: "2024-07-05 10:00", reason: "请附佐证" });
    // The approved figure stands (nothing overdue), but the returned correction still asks to be resubmitted.
    expect(goalDuty(monthly, [returned, approved], 10, "2024-07-15")).toEqual({
      overdue: [],
      daysOverdue: 0,
      returned: [{ period: "2024-06", reason: "请附佐证" }],
      due: [],
    });
  });

  it("ignores versions submitted after the as-of day (Asia/Shanghai)", () => {
    const lastMinute = v("2024-06", "pending", "2024-07-15 23:59");
    expect(lastMinute.submittedAt.toISOString()).toBe("2024-07-15T15:59:00.000Z");
    expect(goalDuty(monthly, [lastMinute], 10, "2024-07-15").overdue).toEqual([]);
    const nextDay = { ...lastMinute, submittedAt: new Date("2024-07-15T16:00:00.000Z") };
    expect(periods(goalDuty(monthly, [nextDay], 10, "2024-07-15").overdue)).toEqual(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]);
    const justBefore = { ...lastMinute, submittedAt: new Date("2024-07-15T15:59:59.999Z") };
    expect(goalDuty(monthly, [justBefore], 10, "2024-07-15").overdue).toEqual([]);
    // A later, not-yet-known resubmission does not hide a returned version either.
    const returned = v("2024-06", "returned", "2024-07-02 09:00", { reviewed: "2024-07-03 09:00", reason: null });
    const resubmitted = v("2024-06", "pending", "2024-07-16 09:00", { version: 2 });
    expect(goalDuty(monthly, [returned, resubmitted], 10, "2024-07-15").returned).toEqual([{ period: "2024-06", reason: null }]);
    expect(goalDuty(monthly, [returned, resubmitted], 10, "2024-07-16").returned).toEqual([]);
  });

  it("lists returned periods earliest first, with a null reason when none was given", () => {
    const versions = [
      v("2024-05", "returned", "2024-06-05 10:00", { reviewed: "2024-06-06 10:00" }),
      v("2024-03", "returned", "2024-04-05 10:00", { reviewed: "2024-04-06 10:00", reason: "数字有误" }),
      v("2024-04", "approved", "2024-05-05 10:00"),
    ];
    expect(goalDuty(monthly, versions, 10, "2024-07-15").returned).toEqual([
      { period: "2024-03", reason: "数字有误" },
      { period: "2024-05", reason: null },
    ]);
  });

  it("quarterly goals", () => {
    expect(goalDuty(quarterly, [], 10, "2024-07-15")).toEqual({
      overdue: [
        { period: "2024-Q1", due: "2024-04-10" },
        { period: "2024-Q2", due: "2024-07-10" },
      ],
      daysOverdue: 96,
      returned: [],
      due: [],
    });
    expect(goalDuty(quarterly, [], 10, "2024-07-05")).toEqual({
      overdue: [{ period: "2024-Q1", due: "2024-04-10" }],
      daysOverdue: 86,
      returned: [],
      due: [{ period: "2024-Q2", due: "2024-07-10" }],
    });
    expect(goalDuty(quarterly, [v("2024-Q2", "pending", "2024-07-08 10:00")], 10, "2024-10-20")).toEqual({
      overdue: [{ period: "2024-Q3", due: "2024-10-10" }],
      daysOverdue: 10,
      returned: [],
      due: [],
    });
  });

  it("half-yearly and annual goals", () => {
    expect(goalDuty(halfYearly, [], 15, "2024-07-20")).toEqual({ overdue: [{ period: "2024-H1", due: "2024-07-15" }], daysOverdue: 5, returned: [], due: [] });
    expect(goalDuty(annual, [], 10, "2024-12-30")).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [] });
    expect(goalDuty(annual, [], 10, "2024-12-31")).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [{ period: "2024", due: "2025-01-10" }] });
    expect(goalDuty(annual, [], 10, "2025-01-11")).toEqual({ overdue: [{ period: "2024", due: "2025-01-10" }], daysOverdue: 1, returned: [], due: [] });
    expect(goalDuty(annual, [v("2024", "pending", "2025-01-09 10:00")], 10, "2025-03-01")).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [] });
  });

  it("with no grace days a period is due on its last day and overdue the day after", () => {
    expect(goalDuty(monthly, [], 0, "2024-01-31")).toEqual({ overdue: [], daysOverdue: 0, returned: [], due: [{ period: "2024-01", due: "2024-01-31" }] });
    expect(goalDuty(monthly, [], 0, "2024-02-01")).toEqual({ overdue: [{ period: "2024-01", due: "2024-01-31" }], daysOverdue: 1, returned: [], due: [] });
    expect(goalDuty(monthly, [], 0, "2024-03-01").overdue).toEqual([
      { period: "2024-01", due: "2024-01-31" },
      { period: "2024-02", due: "2024-02-29" },
    ]);
  });

  it("refuses negative or fractional grace days once a period has ended", () => {
    expect(() => goalDuty(monthly, [], -1, "2024-07-15")).toThrow(RangeError);
    expect(() => goalDuty(monthly, [], 1.5, "2024-07-15")).toThrow(RangeError);
    expect(() => goalDuty(monthly, [], 10, "2024-7-15")).toThrow(RangeError);
  });

  it("on generated histories, overdue periods are exactly those past due and not covered by a reported one", () => {
    const arb = fc.array(
      fc.record({
        month: fc.integer({ min: 1, max: 12 }),
        state: fc.constantFrom<EntryState>("pending", "approved", "returned", "withdrawn"),
        submittedDay: fc.integer({ min: 0, max: 400 }),
        reviewDelay: fc.integer({ min: 0, max: 30 }),
      }),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 420 }), fc.integer({ min: 0, max: 20 }), (raw, asOfOffset, grace) => {
        const count = new Map<string, number>();
        const versions: DutyVersion[] = raw.map((r) => {
          const period = `2024-${String(r.month).padStart(2, "0")}`;
          const n = (count.get(period) ?? 0) + 1;
          count.set(period, n);
          const submitted = addDays("2024-01-01", r.submittedDay);
          return {
            period,
            state: r.state,
            version: n,
            submittedAt: new Date(`${submitted}T12:00:00+08:00`),
            reviewedAt: r.state === "returned" ? new Date(`${addDays(submitted, r.reviewDelay)}T12:00:00+08:00`) : null,
          };
        });
        const asOf = addDays("2024-01-01", asOfOffset);
        const duty = goalDuty(monthly, versions, grace, asOf);
        const cutoff = new Date(`${addDays(asOf, 1)}T00:00:00+08:00`);
        const reportedMonths = versions
          .filter((x) => x.submittedAt < cutoff && (x.state === "pending" || x.state === "approved" || (x.state === "returned" && x.reviewedAt! >= cutoff)))
          .map((x) => Number(x.period.slice(5)));
        const upTo = Math.max(0, ...reportedMonths);
        for (const { period, due } of duty.overdue) {
          expect(Number(period.slice(5))).toBeGreaterThan(upTo);
          expect(due < asOf).toBe(true);
        }
        for (const { period, due } of duty.due) {
          expect(Number(period.slice(5))).toBeGreaterThan(upTo);
          expect(due >= asOf).toBe(true);
          expect(`${period}-01` <= asOf).toBe(true);
        }
        // Months after the last reported one whose last day is on or before asOf.
        const ended = Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => m > upTo && dueOf(`2024-${String(m).padStart(2, "0")}`, 0) <= asOf);
        expect([...duty.overdue, ...duty.due].map((p) => Number(p.period.slice(5)))).toEqual(ended);
        expect(duty.daysOverdue).toBe(duty.overdue.length ? daysBetween(duty.overdue[0]!.due, asOf) : 0);
        if (duty.overdue.length) expect(duty.daysOverdue).toBeGreaterThan(0);
      }),
    );
  });
});

/** The last day of a month period plus grace days. */
function dueOf(period: string, grace = 10): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return addDays(last, grace);
}

describe("reminderText (催报通知)", () => {
  const base = { department: "市农业农村局", planTitle: "2024年政府工作报告重点任务", office: "市政府督查室", asOf: "2024-07-15" };
  const none: GoalDuty = { overdue: [], daysOverdue: 0, returned: [], due: [] };

  it("an overdue goal: the range of periods, the first due date and the days overdue", () => {
    const duty = goalDuty(monthly, [v("2024-03", "approved", "2024-04-05 10:00")], 10, "2024-07-15");
    expect(reminderText({ ...base, items: [{ metric: "新建高标准农田", duty }] })).toBe(
      [
        "【催报通知】",
        "市农业农村局：",
        "根据《2024年政府工作报告重点任务》填报要求，截至2024年7月15日，贵单位牵头的以下1项数据尚未按时报送或需重新报送：",
        "1. 新建高标准农田：2024年4月至2024年6月数据应于2024年5月10日前报送，已逾期66天。",
        "请于2024年7月18日前登录“落实”系统完成填报。如有困难，请及时与市政府督查室联系。",
        "",
        "市政府督查室",
        "2024年7月15日",
      ].join("\n"),
    );
  });

  it("a single overdue period is named alone", () => {
    const duty: GoalDuty = { ...none, overdue: [{ period: "2024-Q2", due: "2024-07-10" }], daysOverdue: 5 };
    const text = reminderText({ ...base, items: [{ metric: "城镇新增就业", duty }] });
    expect(text).toContain("\n1. 城镇新增就业：2024年第二季度数据应于2024年7月10日前报送，已逾期5天。\n");
    expect(text).not.toContain("至2024年第二季度");
  });

  it("a returned goal with and without its reason", () => {
    const withReason: GoalDuty = { ...none, returned: [{ period: "2024-06", reason: "口径与统计局不一致" }] };
    const withoutReason: GoalDuty = { ...none, returned: [{ period: "2024-05", reason: null }] };
    const text = reminderText({ ...base, items: [{ metric: "粮食产量", duty: withReason }, { metric: "生猪出栏", duty: withoutReason }] });
    expect(text).toContain("以下2项数据");
    expect(text).toContain("\n1. 粮食产量：2024年6月数据已被退回（原因：口径与统计局不一致），请修改后重新报送；\n");
    expect(text).toContain("\n2. 生猪出栏：2024年5月数据已被退回，请修改后重新报送。\n");
  });

  it("a goal due soon", () => {
    const duty: GoalDuty = { ...none, due: [{ period: "2024-06", due: "2024-07-20" }] };
    const text = reminderText({ ...base, items: [{ metric: "新建高标准农田", duty }] });
    expect(text).toContain("\n1. 新建高标准农田：2024年6月数据请于2024年7月20日前报送。\n");
    expect(text).toContain("以下1项数据");
  });

  it("several goals are numbered 1. 2. 3. across overdue, returned and due lines; only the last ends with 。", () => {
    const text = reminderText({
      ...base,
      replyDays: 5,
      items: [
        { metric: "甲", duty: { ...none, overdue: [{ period: "2024-05", due: "2024-06-10" }, { period: "2024-06", due: "2024-07-10" }], daysOverdue: 35, returned: [{ period: "2024-04", reason: "缺少佐证" }] } },
        { metric: "乙", duty: none },
        { metric: "丙", duty: { ...none, due: [{ period: "2024-Q2", due: "2024-07-20" }] } },
      ],
    });
    const items = text.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(items).toEqual([
      "1. 甲：2024年5月至2024年6月数据应于2024年6月10日前报送，已逾期35天；",
      "2. 甲：2024年4月数据已被退回（原因：缺少佐证），请修改后重新报送；",
      "3. 丙：2024年第二季度数据请于2024年7月20日前报送。",
    ]);
    expect(text).toContain("以下3项数据");
    expect(text).toContain("请于2024年7月20日前登录“落实”系统完成填报。");
    expect(text).not.toContain("乙");
  });

  it("includes the office name and the date in 2024年7月15日 form, and never says 0项", () => {
    const duty: GoalDuty = { ...none, due: [{ period: "2024-06", due: "2024-07-20" }] };
    const text = reminderText({ ...base, asOf: "2024-01-05", items: [{ metric: "甲", duty }] });
    expect(text).toContain("请及时与市政府督查室联系");
    expect(text.split("\n").slice(-2)).toEqual(["市政府督查室", "2024年1月5日"]);
    expect(text).toContain("截至2024年1月5日");
    expect(text).toContain("请于2024年1月8日前");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(text).not.toContain("0项");
    expect(text.startsWith("【催报通知】\n市农业农村局：\n")).toBe(true);
  });

  it("with nothing to chase, one sentence says all was reported on time", () => {
    const expected = "市农业农村局：截至2024年7月15日，贵单位牵头的指标均已按时报送，无需催报。";
    expect(reminderText({ ...base, items: [] })).toBe(expected);
    expect(reminderText({ ...base, items: [{ metric: "甲", duty: none }, { metric: "乙", duty: none }] })).toBe(expected);
    expect(reminderText({ ...base, items: [] })).not.toContain("0项");
  });

  it("the numbering matches the count on generated duties, and every line item but the last ends with ；", () => {
    const arbDuty = fc.record({
      overdue: fc.integer({ min: 0, max: 3 }),
      returned: fc.integer({ min: 0, max: 2 }),
      due: fc.integer({ min: 0, max: 1 }),
    });
    fc.assert(
      fc.property(fc.array(arbDuty, { maxLength: 5 }), (shapes) => {
        const items = shapes.map((s, i) => ({
          metric: `指标${i + 1}`,
          duty: {
            overdue: Array.from({ length: s.overdue }, (_, k) => ({ period: `2024-0${k + 1}`, due: `2024-0${k + 2}-10` })),
            daysOverdue: s.overdue ? 30 : 0,
            returned: Array.from({ length: s.returned }, (_, k) => ({ period: `2024-0${k + 4}`, reason: k ? null : "有误" })),
            due: Array.from({ length: s.due }, () => ({ period: "2024-06", due: "2024-07-20" })),
          },
        }));
        const expectedCount = shapes.reduce((n, s) => n + Math.min(s.overdue, 1) + s.returned + s.due, 0);
        const text = reminderText({ ...base, items });
        if (expectedCount === 0) {
          expect(text).toContain("均已按时报送");
          return;
        }
        const lines = text.split("\n").filter((l) => /^\d+\. /.test(l));
        expect(lines.map((l) => Number(l.split(".")[0]))).toEqual(Array.from({ length: expectedCount }, (_, k) => k + 1));
        expect(text).toContain(`以下${expectedCount}项数据`);
        lines.forEach((l, k) => expect(l.endsWith(k === lines.length - 1 ? "。" : "；")).toBe(true));
      }),
    );
  });
});
