import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { figureErrorMessage } from "../figures";
import { checkEntry, lockOf, plausibilityWarnings, type EntryCheck, type EntryContext, type EntryDraft, type GoalForEntry, type KnownVersion, type PlausibilityWarning } from "./check";

const CHINESE = /[\u4e00-\u9fff]/;

/** 新建高标准农田50万亩: monthly, year-to-date. */
const farmland: GoalForEntry = {
  year: 2024,
  frequency: "monthly",
  metric: "新建高标准农田",
  unit: "万亩",
  kind: "increment",
  direction: "higher",
  accumulates: true,
  target: "50",
};
/** 城镇调查失业率5.5%左右: quarterly, a point goal (lower is better). */
const unemployment: GoalForEntry = {
  year: 2024,
  frequency: "quarterly",
  metric: "城镇调查失业率",
  unit: "%",
  kind: "ratio",
  direction: "lower",
  accumulates: false,
  target: "5.5",
};
/** 农村自来水普及率75%: a share of a whole, monthly, a point goal. */
const tapWater: GoalForEntry = {
  year: 2024,
  frequency: "monthly",
  metric: "农村自来水普及率",
  unit: "%",
  kind: "ratio",
  direction: "higher",
  accumulates: false,
  target: "75",
};
const halfYearly: GoalForEntry = { ...farmland, frequency: "half_yearly" };
const annual: GoalForEntry = { ...farmland, frequency: "annual" };
const quarterly: GoalForEntry = { ...farmland, frequency: "quarterly" };

function context(over: Partial<EntryContext> = {}): EntryContext {
  return { role: "reporter", today: "2024-07-05", versions: [], locks: new Map(), ...over };
}

function draft(over: Partial<EntryDraft> = {}): EntryDraft {
  return { period: "2024-06", value: "26", ...over };
}

function known(period: string, value: string, version = 1, state: KnownVersion["state"] = "approved"): KnownVersion {
  return { period, value, state, version };
}

/** Every message an EntryCheck or its warnings carry. */
function messagesOf(check: EntryCheck): string[] {
  if (check.ok) return check.warnings.map((w) => w.message);
  if (check.code === "validation") return Object.values(check.fields);
  return [check.message, ...Object.values(check.fields ?? {})];
}

function expectFailure(check: EntryCheck, code: "validation" | "forbidden" | "conflict") {
  expect(check.ok).toBe(false);
  if (check.ok) throw new Error("expected a failure");
  expect(check.code).toBe(code);
  for (const m of messagesOf(check)) expect(m).toMatch(CHINESE);
  return check;
}

function fieldsOf(check: EntryCheck): Record<string, string> {
  const failed = expectFailure(check, "validation");
  if (failed.code !== "validation") throw new Error("not a validation failure");
  return failed.fields;
}

const codes = (ws: readonly PlausibilityWarning[]) => ws.map((w) => w.code);

describe("checkEntry: accepted entries", () => {
  it("accepts a figure for a period that has ended, normalising what was typed", () => {
    expect(checkEntry(farmland, draft({ value: "２６．５" }), context())).toEqual({ ok: true, value: "26.5", warnings: [], locked: null });
    expect(checkEntry(farmland, draft({ value: "26万亩" }), context())).toEqual({ ok: true, value: "26", warnings: [], locked: null });
  });

  it("accepts the current period once it has begun, and every role may enter (authorisation is the server's)", () => {
    expect(checkEntry(farmland, draft({ period: "2024-07" }), context()).ok).toBe(true);
    expect(checkEntry(farmland, draft({ period: "2024-07" }), context({ today: "2024-07-01" })).ok).toBe(true);
    expect(checkEntry(farmland, draft(), context({ role: "admin" })).ok).toBe(true);
    expect(checkEntry(farmland, draft(), context({ role: "leader" })).ok).toBe(true);
  });

  it("accepts an admin's stated reporting date on or before today", () => {
    expect(checkEntry(farmland, draft({ reportedAt: "2024-07-05" }), context({ role: "admin" })).ok).toBe(true);
    expect(checkEntry(farmland, draft({ period: "2024-06", reportedAt: "2024-06-01" }), context({ role: "admin" })).ok).toBe(true);
  });
});

describe("checkEntry: the period", () => {
  it("refuses a period not of the goal's frequency, naming the periods allowed", () => {
    for (const period of ["2024-Q2", "2024-H1", "2024"]) {
      expect(fieldsOf(checkEntry(farmland, draft({ period }), context()))).toEqual({ period: "该指标按月填报，期间应为 2024-01 至 2024-12 之一（2024年）" });
    }
    expect(fieldsOf(checkEntry(quarterly, draft({ period: "2024-06" }), context()))).toEqual({ period: "该指标按季填报，期间应为 2024-Q1 至 2024-Q4 之一（2024年）" });
    expect(fieldsOf(checkEntry(halfYearly, draft({ period: "2024-Q2" }), context()))).toEqual({ period: "该指标按半年填报，期间应为 2024-H1 至 2024-H2 之一（2024年）" });
    expect(fieldsOf(checkEntry(annual, draft({ period: "2024-12" }), context()))).toEqual({ period: "该指标按年填报，期间应为 2024 至 2024 之一（2024年）" });
  });

  it("refuses a period of another year, or no period at all", () => {
    expect(fieldsOf(checkEntry(farmland, draft({ period: "2023-06" }), context())).period).toBe("该指标按月填报，期间应为 2024-01 至 2024-12 之一（2024年）");
    expect(fieldsOf(checkEntry(farmland, draft({ period: "2025-01" }), context())).period).toContain("2024-01 至 2024-12");
    expect(fieldsOf(checkEntry(farmland, draft({ period: "2024-13" }), context())).period).toContain("按月填报");
    expect(fieldsOf(checkEntry(farmland, draft({ period: "" }), context())).period).toContain("按月填报");
  });

  it("refuses a period that has not begun today", () => {
    expect(fieldsOf(checkEntry(farmland, draft({ period: "2024-08" }), context()))).toEqual({ period: "2024年8月尚未开始，不能填报" });
    expect(fieldsOf(checkEntry(farmland, draft({ period: "2024-07" }), context({ today: "2024-06-30" })))).toEqual({ period: "2024年7月尚未开始，不能填报" });
    expect(fieldsOf(checkEntry(quarterly, draft({ period: "2024-Q4" }), context()))).toEqual({ period: "2024年第四季度尚未开始，不能填报" });
    expect(fieldsOf(checkEntry(annual, draft({ period: "2024" }), context({ today: "2023-12-31" })))).toEqual({ period: "2024年全年尚未开始，不能填报" });
    expect(checkEntry(annual, draft({ period: "2024" }), context({ today: "2024-01-01" })).ok).toBe(true);
  });

  it("refuses a period that had not begun on an admin's stated reporting date", () => {
    const admin = context({ role: "admin" });
    expect(fieldsOf(checkEntry(farmland, draft({ period: "2024-07", reportedAt: "2024-06-30" }), admin))).toEqual({
      period: "填报日期 2024-06-30 早于2024年7月的开始，不能填报该期间",
    });
    expect(checkEntry(farmland, draft({ period: "2024-07", reportedAt: "2024-07-01" }), admin).ok).toBe(true);
    expect(fieldsOf(checkEntry(quarterly, draft({ period: "2024-Q3", reportedAt: "2024-06-15" }), admin)).period).toBe(
      "填报日期 2024-06-15 早于2024年第三季度的开始，不能填报该期间",
    );
  });
});

describe("checkEntry: the stated reporting date (填报日期)", () => {
  it("refuses a date after today", () => {
    expect(fieldsOf(checkEntry(farmland, draft({ reportedAt: "2024-07-06" }), context({ role: "admin" })))).toEqual({ reportedAt: "填报日期不能晚于今天" });
  });

  it("reports a future date and a period not yet begun together", () => {
    expect(fieldsOf(checkEntry(farmland, draft({ period: "2024-09", reportedAt: "2024-08-01" }), context({ role: "admin" })))).toEqual({
      period: "填报日期 2024-08-01 早于2024年9月的开始，不能填报该期间",
      reportedAt: "填报日期不能晚于今天",
    });
  });

  it("is an admin's right only: a reporter or a leader stating it is forbidden, whatever the date", () => {
    for (const role of ["reporter", "leader"] as const) {
      for (const reportedAt of ["2024-07-01", "2024-07-05", ""]) {
        const check = expectFailure(checkEntry(farmland, draft({ reportedAt }), context({ role })), "forbidden");
        expect(check).toEqual({
          ok: false,
          code: "forbidden",
          message: "只有管理员可以指定填报日期",
          fields: { reportedAt: "只有管理员可以指定填报日期" },
        });
      }
    }
  });
});

describe("checkEntry: the figure", () => {
  it("gives parseFigure's message for a figure it cannot read", () => {
    const cases: [string, Parameters<typeof figureErrorMessage>[0]][] = [
      ["", "empty"],
      ["   ", "empty"],
      ["约6", "approximate"],
      ["5 6", "multiple_numbers"],
      ["abc", "not_a_number"],
      ["NaN", "not_a_number"],
      ["6%", "percent_not_expected"],
      ["1.1234567", "too_many_decimals"],
      ["-3", "negative_not_allowed"],
    ];
    for (const [value, code] of cases) {
      expect(fieldsOf(checkEntry(farmland, draft({ value }), context()))).toEqual({ value: figureErrorMessage(code, "万亩") });
    }
    expect(fieldsOf(checkEntry(farmland, draft({ value: "" }), context())).value).toBe("请输入一个数字，例如 6.5（单位：万亩）");
    expect(fieldsOf(checkEntry(tapWater, draft({ value: "120" }), context())).value).toBe(figureErrorMessage("share_out_of_range", "%"));
  });

  it("lists a bad figure beside a bad period", () => {
    expect(fieldsOf(checkEntry(farmland, draft({ period: "2024-Q2", value: "约6" }), context()))).toEqual({
      period: "该指标按月填报，期间应为 2024-01 至 2024-12 之一（2024年）",
      value: figureErrorMessage("approximate", "万亩"),
    });
  });
});

describe("lockOf", () => {
  const locks = new Map([["2024-06", "6月报表已报送"]]);

  it("a lock on a month closes the month and the quarter and half year ending with it", () => {
    expect(lockOf("2024-06", locks)).toBe("6月报表已报送");
    expect(lockOf("2024-Q2", locks)).toBe("6月报表已报送");
    expect(lockOf("2024-H1", locks)).toBe("6月报表已报送");
  });

  it("leaves the other months, quarters and the year open", () => {
    for (const period of ["2024-05", "2024-07", "2024-Q1", "2024-Q3", "2024-H2", "2024", "2023-06", "2023-Q2"]) expect(lockOf(period, locks)).toBeNull();
    expect(lockOf("2024", new Map([["2024-12", "年报"]]))).toBe("年报");
    expect(lockOf("2024-Q4", new Map([["2024-12", "年报"]]))).toBe("年报");
  });

  it("prefers the period's own lock", () => {
    expect(lockOf("2024-Q2", new Map([["2024-Q2", "二季度"], ["2024-06", "6月"]]))).toBe("二季度");
    expect(lockOf("2024-Q2", new Map())).toBeNull();
  });
});

describe("checkEntry: locked periods", () => {
  const locks = new Map([["2024-06", "6月报表已报送"]]);

  it("refuses a reporter's entry for a locked period", () => {
    const check = checkEntry(farmland, draft(), context({ locks }));
    expect(check).toEqual({ ok: false, code: "forbidden", message: "2024年6月已关账（6月报表已报送），不能再填报；如需更正请联系督查室" });
    expectFailure(check, "forbidden");
    // Even with a note: only an admin may enter a locked period.
    expect(checkEntry(farmland, draft({ note: "更正" }), context({ locks })).ok).toBe(false);
  });

  it("a lock on month 2024-06 also locks 2024-Q2 and 2024-H1, not 2024-Q3", () => {
    const q2 = checkEntry(quarterly, draft({ period: "2024-Q2" }), context({ locks }));
    expect(q2).toEqual({ ok: false, code: "forbidden", message: "2024年第二季度已关账（6月报表已报送），不能再填报；如需更正请联系督查室" });
    const h1 = checkEntry(halfYearly, draft({ period: "2024-H1" }), context({ locks }));
    expect(h1).toEqual({ ok: false, code: "forbidden", message: "2024年上半年已关账（6月报表已报送），不能再填报；如需更正请联系督查室" });
    expect(checkEntry(quarterly, draft({ period: "2024-Q3", value: "30" }), context({ locks, today: "2024-10-05" }))).toEqual({
      ok: true,
      value: "30",
      warnings: [],
      locked: null,
    });
    expect(checkEntry(farmland, draft({ period: "2024-05" }), context({ locks })).ok).toBe(true);
  });

  it("lets an admin enter a locked period only with a note giving the reason", () => {
    const admin = context({ role: "admin", locks });
    expect(fieldsOf(checkEntry(farmland, draft(), admin))).toEqual({ note: "2024年6月已关账，管理员补录或更正须在说明中写明原因" });
    expect(fieldsOf(checkEntry(farmland, draft({ note: "  \n " }), admin))).toEqual({ note: "2024年6月已关账，管理员补录或更正须在说明中写明原因" });
    expect(fieldsOf(checkEntry(quarterly, draft({ period: "2024-Q2" }), admin))).toEqual({ note: "2024年第二季度已关账，管理员补录或更正须在说明中写明原因" });
    expect(checkEntry(farmland, draft({ note: "统计局核定后更正" }), admin)).toEqual({ ok: true, value: "26", warnings: [], locked: "6月报表已报送" });
  });

  it("an admin's missing note is listed with the other field errors", () => {
    expect(fieldsOf(checkEntry(farmland, draft({ value: "约6" }), context({ role: "admin", locks })))).toEqual({
      value: figureErrorMessage("approximate", "万亩"),
      note: "2024年6月已关账，管理员补录或更正须在说明中写明原因",
    });
  });

  it("a period that is not the goal's is refused as such, not as locked", () => {
    expect(fieldsOf(checkEntry(farmland, draft({ period: "2024-Q2" }), context({ locks })))).toEqual({
      period: "该指标按月填报，期间应为 2024-01 至 2024-12 之一（2024年）",
    });
  });
});

describe("checkEntry: the version the submitter saw (baseVersion)", () => {
  const versions = [known("2024-06", "26", 1), known("2024-06", "27", 2, "returned"), known("2024-05", "20", 5)];
  const conflict = { ok: false, code: "conflict", message: "2024年6月的数据已被他人更新，请刷新页面查看最新数据后再提交" };

  it("refuses a stale base version: the newest of the period, whatever its state, is what counts", () => {
    expect(checkEntry(farmland, draft({ baseVersion: 1 }), context({ versions }))).toEqual(conflict);
    expect(checkEntry(farmland, draft({ baseVersion: 0 }), context({ versions }))).toEqual(conflict);
    expect(checkEntry(farmland, draft({ baseVersion: 3 }), context({ versions }))).toEqual(conflict);
    // Another period's version 5 is not this period's.
    expect(checkEntry(farmland, draft({ baseVersion: 5 }), context({ versions }))).toEqual(conflict);
    expectFailure(checkEntry(farmland, draft({ baseVersion: 1 }), context({ versions })), "conflict");
  });

  it("accepts a base version equal to the newest, and 0 for a period with none", () => {
    expect(checkEntry(farmland, draft({ baseVersion: 2 }), context({ versions })).ok).toBe(true);
    expect(checkEntry(farmland, draft({ period: "2024-04", value: "15", baseVersion: 0 }), context({ versions })).ok).toBe(true);
    expect(checkEntry(farmland, draft({ period: "2024-05", value: "21", baseVersion: 5 }), context({ versions })).ok).toBe(true);
    // Absent: not checked.
    expect(checkEntry(farmland, draft(), context({ versions })).ok).toBe(true);
  });

  it("validation errors come before a conflict", () => {
    expect(fieldsOf(checkEntry(farmland, draft({ value: "abc", baseVersion: 0 }), context({ versions })))).toEqual({
      value: figureErrorMessage("not_a_number", "万亩"),
    });
  });
});

describe("checkEntry: plausibility warnings on an accepted figure", () => {
  it("30亩 typed on a 万亩 goal reads as 0.003万亩 and warns against the target", () => {
    const check = checkEntry(farmland, draft({ value: "30亩" }), context());
    expect(check).toEqual({
      ok: true,
      value: "0.003",
      locked: null,
      warnings: [{ code: "far_from_target", message: "0.003万亩 与目标值 50万亩 相差10倍以上，请检查数字和单位是否填错（本指标单位：万亩）" }],
    });
  });

  it("30亩 after 12万亩 last month also warns that the year-to-date figure fell and is far from the previous one", () => {
    const check = checkEntry(farmland, draft({ value: "30亩" }), context({ versions: [known("2024-05", "12")] }));
    if (!check.ok) throw new Error("expected ok");
    expect(codes(check.warnings)).toEqual(["ytd_decreased", "far_from_previous", "far_from_target"]);
    expect(check.warnings[0]!.message).toBe("年初至今累计数 0.003万亩 低于上期（2024年5月）的 12万亩，累计数一般不会减少，请核对");
    expect(check.warnings[1]!.message).toBe("0.003万亩 与上期（2024年5月）的 12万亩 相差10倍以上，请检查数字和单位（本指标单位：万亩）");
  });

  it("0.76 on a 75% goal warns that a share was typed as a fraction", () => {
    const check = checkEntry(tapWater, draft({ value: "0.76" }), context());
    if (!check.ok) throw new Error("expected ok");
    expect(check.value).toBe("0.76");
    expect(check.warnings).toEqual([
      { code: "far_from_target", message: "0.76% 与目标值 75% 相差10倍以上，请检查数字和单位是否填错（本指标单位：%）" },
      { code: "fraction_for_percent", message: "本指标按百分数填报（目标 75%），0.76 像是写成了小数；如实际为 76%，请填写 76" },
    ]);
  });
});

describe("plausibilityWarnings", () => {
  const point: GoalForEntry = { ...farmland, accumulates: false, target: null };

  describe("ytd_decreased", () => {
    it("warns when an accumulating goal's year-to-date figure is below the previous period's", () => {
      expect(plausibilityWarnings(farmland, "2024-06", "18", [known("2024-05", "20")])).toEqual([
        { code: "ytd_decreased", message: "年初至今累计数 18万亩 低于上期（2024年5月）的 20万亩，累计数一般不会减少，请核对" },
      ]);
      expect(codes(plausibilityWarnings(farmland, "2024-06", "19.999999", [known("2024-05", "20")]))).toEqual(["ytd_decreased"]);
    });

    it("does not warn for an equal or higher figure, nor for the first period", () => {
      expect(plausibilityWarnings(farmland, "2024-06", "20", [known("2024-05", "20")])).toEqual([]);
      expect(plausibilityWarnings(farmland, "2024-06", "20.000001", [known("2024-05", "20")])).toEqual([]);
      expect(plausibilityWarnings(farmland, "2024-01", "6", [])).toEqual([]);
    });

    it("does not apply to point goals", () => {
      expect(plausibilityWarnings({ ...farmland, accumulates: false }, "2024-06", "18", [known("2024-05", "20")])).toEqual([]);
      expect(plausibilityWarnings(unemployment, "2024-Q2", "5.1", [known("2024-Q1", "5.3")])).toEqual([]);
    });

    it("ignores returned and withdrawn previous versions", () => {
      for (const state of ["returned", "withdrawn"] as const) {
        const versions = [known("2024-05", "20", 1), known("2024-05", "25", 2, state)];
        expect(plausibilityWarnings(farmland, "2024-06", "22", versions)).toEqual([]);
        expect(plausibilityWarnings(farmland, "2024-06", "19", versions)[0]!.message).toContain("的 20万亩");
        // A period whose only version was returned is skipped for the one before it.
        const onlyReturned = [known("2024-04", "10"), known("2024-05", "30", 1, state)];
        expect(plausibilityWarnings(farmland, "2024-06", "12", onlyReturned)).toEqual([]);
        expect(plausibilityWarnings(farmland, "2024-06", "9", onlyReturned)[0]!.message).toContain("上期（2024年4月）的 10万亩");
      }
    });

    it("a pending previous version is what the department said last", () => {
      const versions = [known("2024-05", "20", 1), known("2024-05", "25", 2, "pending")];
      expect(plausibilityWarnings(farmland, "2024-06", "22", versions)[0]!.message).toBe(
        "年初至今累计数 22万亩 低于上期（2024年5月）的 25万亩，累计数一般不会减少，请核对",
      );
    });

    it("the reference is the newest version of the latest earlier period, in any order", () => {
      const versions = [
        known("2024-04", "30", 1),
        known("2024-05", "10", 1),
        known("2024-05", "20", 2),
        known("2024-06", "100", 1), // the same period: not a previous figure
        known("2024-07", "5", 1), // a later period: neither
      ];
      for (const order of [versions, [...versions].reverse()]) {
        expect(plausibilityWarnings(farmland, "2024-06", "25", order)).toEqual([]);
        expect(plausibilityWarnings(farmland, "2024-06", "15", order)).toEqual([
          { code: "ytd_decreased", message: "年初至今累计数 15万亩 低于上期（2024年5月）的 20万亩，累计数一般不会减少，请核对" },
        ]);
      }
    });

    it("across frequencies, the previous period is the one that ended earlier", () => {
      // A quarterly figure for 2024-Q1 precedes 2024-04; a 2024-Q2 figure does not precede 2024-06.
      expect(plausibilityWarnings(farmland, "2024-04", "8", [known("2024-Q1", "9")])[0]!.message).toContain("上期（2024年第一季度）的 9万亩");
      expect(plausibilityWarnings(farmland, "2024-06", "8", [known("2024-Q2", "9")])).toEqual([]);
    });
  });

  describe("far_from_previous", () => {
    const prev = [known("2024-05", "2")];

    it("warns at exactly 10 times the previous figure, not at 9.99 times", () => {
      expect(plausibilityWarnings(point, "2024-06", "20", prev)).toEqual([
        { code: "far_from_previous", message: "20万亩 与上期（2024年5月）的 2万亩 相差10倍以上，请检查数字和单位（本指标单位：万亩）" },
      ]);
      expect(plausibilityWarnings(point, "2024-06", "19.98", prev)).toEqual([]);
      expect(codes(plausibilityWarnings(point, "2024-06", "20.000001", prev))).toEqual(["far_from_previous"]);
      expect(plausibilityWarnings(point, "2024-06", "19.999999", prev)).toEqual([]);
    });

    it("warns at exactly a tenth of the previous figure, not just above it", () => {
      expect(plausibilityWarnings(point, "2024-06", "0.2", prev)).toEqual([
        { code: "far_from_previous", message: "0.2万亩 与上期（2024年5月）的 2万亩 相差10倍以上，请检查数字和单位（本指标单位：万亩）" },
      ]);
      expect(plausibilityWarnings(point, "2024-06", "0.2002", prev)).toEqual([]);
      expect(plausibilityWarnings(point, "2024-06", "0.200001", prev)).toEqual([]);
      expect(codes(plausibilityWarnings(point, "2024-06", "0.199999", prev))).toEqual(["far_from_previous"]);
    });

    it("compares magnitudes, so negative figures (a growth rate that fell) work alike", () => {
      const growth: GoalForEntry = { ...unemployment, kind: "growth", direction: "higher", target: null, metric: "地区生产总值增长" };
      expect(codes(plausibilityWarnings(growth, "2024-Q2", "-20", [known("2024-Q1", "-2")]))).toEqual(["far_from_previous"]);
      expect(codes(plausibilityWarnings(growth, "2024-Q2", "20", [known("2024-Q1", "-2")]))).toEqual(["far_from_previous"]);
      expect(plausibilityWarnings(growth, "2024-Q2", "-5", [known("2024-Q1", "2")])).toEqual([]);
    });

    it("skips a zero previous figure, but a zero after a non-zero one is a tenth or less", () => {
      expect(plausibilityWarnings(point, "2024-06", "500", [known("2024-05", "0")])).toEqual([]);
      expect(codes(plausibilityWarnings(point, "2024-06", "0", [known("2024-05", "5")]))).toEqual(["far_from_previous"]);
    });

    it("matches ≥10× or ≤1/10 exactly on generated whole figures", () => {
      fc.assert(
        fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((p) => p !== 0), (v, p) => {
          const warned = codes(plausibilityWarnings(point, "2024-06", String(v), [known("2024-05", String(p))])).includes("far_from_previous");
          const [small, large] = [Math.min(Math.abs(v), Math.abs(p)), Math.max(Math.abs(v), Math.abs(p))];
          expect(warned).toBe(small * 10 <= large);
        }),
      );
    });
  });

  describe("far_from_target", () => {
    const goal: GoalForEntry = { ...farmland, accumulates: false };

    it("warns at exactly 10× and exactly 1/10 of the target, not at 9.99×", () => {
      expect(plausibilityWarnings(goal, "2024-06", "500", [])).toEqual([
        { code: "far_from_target", message: "500万亩 与目标值 50万亩 相差10倍以上，请检查数字和单位是否填错（本指标单位：万亩）" },
      ]);
      expect(plausibilityWarnings(goal, "2024-06", "499.5", [])).toEqual([]);
      expect(plausibilityWarnings(goal, "2024-06", "5", [])).toEqual([
        { code: "far_from_target", message: "5万亩 与目标值 50万亩 相差10倍以上，请检查数字和单位是否填错（本指标单位：万亩）" },
      ]);
      expect(plausibilityWarnings(goal, "2024-06", "5.005", [])).toEqual([]);
      expect(codes(plausibilityWarnings(goal, "2024-06", "4.999999", []))).toEqual(["far_from_target"]);
    });

    it("is skipped for a zero or missing target and for milestones", () => {
      expect(plausibilityWarnings({ ...goal, target: "0" }, "2024-06", "500", [])).toEqual([]);
      expect(plausibilityWarnings({ ...goal, target: null }, "2024-06", "500", [])).toEqual([]);
      const milestone: GoalForEntry = { ...goal, kind: "milestone", unit: "%", target: "100" };
      expect(plausibilityWarnings(milestone, "2024-06", "5", [])).toEqual([]);
      expect(plausibilityWarnings(milestone, "2024-06", "0.5", [])).toEqual([]);
    });

    it("shows a target written with trailing zeros as the figure it is", () => {
      expect(plausibilityWarnings({ ...goal, target: "50.000000" }, "2024-06", "500", [])[0]!.message).toBe(
        "500万亩 与目标值 50万亩 相差10倍以上，请检查数字和单位是否填错（本指标单位：万亩）",
      );
    });

    it("warns against both the previous figure and the target when both are far", () => {
      expect(codes(plausibilityWarnings(goal, "2024-06", "600", [known("2024-05", "30")]))).toEqual(["far_from_previous", "far_from_target"]);
    });
  });

  describe("fraction_for_percent", () => {
    const growth: GoalForEntry = { ...unemployment, kind: "growth", direction: "higher", metric: "地区生产总值增长", target: "5" };

    it("warns when a % goal with a target above 1 gets a value strictly between 0 and 1", () => {
      expect(plausibilityWarnings(growth, "2024-Q2", "0.6", [])).toEqual([
        { code: "fraction_for_percent", message: "本指标按百分数填报（目标 5%），0.6 像是写成了小数；如实际为 60%，请填写 60" },
      ]);
      expect(plausibilityWarnings(growth, "2024-Q2", "0.999999", [])).toEqual([
        { code: "fraction_for_percent", message: "本指标按百分数填报（目标 5%），0.999999 像是写成了小数；如实际为 99.9999%，请填写 99.9999" },
      ]);
      expect(codes(plausibilityWarnings(growth, "2024-Q2", "0.000001", []))).toEqual(["far_from_target", "fraction_for_percent"]);
    });

    it("does not warn for 1, 0, negatives or values above 1", () => {
      expect(plausibilityWarnings(growth, "2024-Q2", "1", [])).toEqual([]);
      expect(codes(plausibilityWarnings(growth, "2024-Q2", "0", []))).toEqual(["far_from_target"]);
      expect(plausibilityWarnings(growth, "2024-Q2", "-0.6", [])).toEqual([]);
      expect(plausibilityWarnings(growth, "2024-Q2", "1.5", [])).toEqual([]);
    });

    it("needs a target above 1 and a percent unit", () => {
      expect(plausibilityWarnings({ ...growth, target: "1" }, "2024-Q2", "0.5", [])).toEqual([]);
      expect(plausibilityWarnings({ ...growth, target: "0.8" }, "2024-Q2", "0.5", [])).toEqual([]);
      expect(plausibilityWarnings({ ...growth, target: null }, "2024-Q2", "0.5", [])).toEqual([]);
      expect(plausibilityWarnings({ ...growth, unit: "万吨" }, "2024-Q2", "0.6", [])).toEqual([]);
      expect(codes(plausibilityWarnings({ ...growth, unit: "％" }, "2024-Q2", "0.6", []))).toEqual(["fraction_for_percent"]);
      expect(codes(plausibilityWarnings({ ...growth, unit: "个百分点" }, "2024-Q2", "0.6", []))).toEqual(["fraction_for_percent"]);
    });
  });

  it("every warning message is Chinese and names the figures and the unit", () => {
    const cases: { goal: GoalForEntry; period: string; value: string; versions: KnownVersion[]; figures: string[] }[] = [
      { goal: farmland, period: "2024-06", value: "0.003", versions: [known("2024-05", "12")], figures: ["0.003万亩", "12万亩", "50万亩"] },
      { goal: tapWater, period: "2024-06", value: "0.76", versions: [known("2024-05", "74.5")], figures: ["0.76", "74.5%", "75%", "76"] },
      { goal: point, period: "2024-06", value: "120", versions: [known("2024-05", "1.2")], figures: ["120万亩", "1.2万亩"] },
    ];
    for (const c of cases) {
      const warnings = plausibilityWarnings(c.goal, c.period, c.value, c.versions);
      expect(warnings.length).toBeGreaterThan(0);
      const all = warnings.map((w) => w.message).join("\n");
      for (const w of warnings) {
        expect(w.message).toMatch(CHINESE);
        expect(w.message).toContain(c.value);
      }
      for (const f of c.figures) expect(all).toContain(f);
    }
  });
});

describe("checkEntry: every error message is Chinese", () => {
  it("over a spread of refusals", () => {
    const locks = new Map([["2024-06", "已关账"]]);
    const refusals: EntryCheck[] = [
      checkEntry(farmland, draft({ period: "2024-Q2" }), context()),
      checkEntry(farmland, draft({ period: "2024-09" }), context()),
      checkEntry(farmland, draft({ period: "2024-08", reportedAt: "2024-07-01" }), context({ role: "admin" })),
      checkEntry(farmland, draft({ reportedAt: "2024-08-01" }), context({ role: "admin" })),
      checkEntry(farmland, draft({ reportedAt: "2024-07-01" }), context()),
      checkEntry(farmland, draft({ value: "1e5" }), context()),
      checkEntry(farmland, draft(), context({ locks })),
      checkEntry(farmland, draft(), context({ locks, role: "admin" })),
      checkEntry(farmland, draft({ baseVersion: 3 }), context()),
    ];
    for (const check of refusals) {
      expect(check.ok).toBe(false);
      const messages = messagesOf(check);
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) expect(m).toMatch(CHINESE);
    }
  });
});
