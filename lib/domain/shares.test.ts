import { describe, expect, it } from "vitest";
import { checkSplit, holderKey, isAdditive, rollUp, rollUpLabel, sharesInput } from "./shares";

const REGION_A = "cregiona000000000000000001";
const REGION_B = "cregionb000000000000000002";
const DEPT = "cdept00000000000000000000003";

describe("isAdditive", () => {
  it("sums counts, areas and amounts that accumulate", () => {
    for (const unit of ["万亩", "个", "亿元", "万人", "公里"]) expect(isAdditive({ unit, kind: "increment" }), unit).toBe(true);
  });
  it("does not sum rates, shares, levels or growth", () => {
    expect(isAdditive({ unit: "%", kind: "increment" })).toBe(false);
    expect(isAdditive({ unit: "个百分点", kind: "increment" })).toBe(false);
    expect(isAdditive({ unit: "％", kind: "increment" })).toBe(false);
    for (const kind of ["growth", "decrease", "ratio", "level", "milestone"]) expect(isAdditive({ unit: "万吨", kind }), kind).toBe(false);
  });
});

describe("sharesInput", () => {
  it("takes a region or a department per share, with a decimal target", () => {
    const parsed = sharesInput.safeParse({ shares: [{ regionId: REGION_A, target: "12" }, { departmentId: DEPT, target: 3.5 }] });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.shares[1]).toEqual({ departmentId: DEPT, target: "3.5" });
  });
  it("refuses a share with both holders, neither, or a bad target", () => {
    expect(sharesInput.safeParse({ shares: [{ regionId: REGION_A, departmentId: DEPT, target: "1" }] }).success).toBe(false);
    expect(sharesInput.safeParse({ shares: [{ target: "1" }] }).success).toBe(false);
    expect(sharesInput.safeParse({ shares: [{ regionId: REGION_A, target: "十二" }] }).success).toBe(false);
    expect(sharesInput.safeParse({ shares: "x" }).success).toBe(false);
  });
});

describe("checkSplit", () => {
  const farmland = { target: "50", unit: "万亩", kind: "increment" };

  it("accepts shares adding up to the target, without a warning", () => {
    expect(checkSplit(farmland, [{ regionId: REGION_A, target: "20" }, { regionId: REGION_B, target: "18" }, { departmentId: DEPT, target: "12" }])).toEqual({
      ok: true,
      sum: "50",
      warnings: [],
    });
  });
  it("warns, not refuses, when the sum differs from the target", () => {
    const check = checkSplit(farmland, [{ regionId: REGION_A, target: "20" }, { regionId: REGION_B, target: "28.5" }]);
    expect(check).toEqual({ ok: true, sum: "48.5", warnings: [{ code: "sum_mismatch", message: "分解合计48.5万亩与目标50万亩不一致" }] });
  });
  it("refuses a holder named twice and a share that is not positive", () => {
    const check = checkSplit(farmland, [{ regionId: REGION_A, target: "20" }, { regionId: REGION_A, target: "0" }, { regionId: REGION_B, target: "-1" }]);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(Object.keys(check.fields).sort()).toEqual(["shares.1.regionId", "shares.1.target", "shares.2.target"]);
  });
  it("does not sum a non-additive parent's shares", () => {
    expect(checkSplit({ target: "6", unit: "%", kind: "growth" }, [{ regionId: REGION_A, target: "6" }, { regionId: REGION_B, target: "6.5" }])).toEqual({
      ok: true,
      sum: null,
      warnings: [],
    });
  });
  it("an empty split removes every share and warns of nothing", () => {
    expect(checkSplit(farmland, [])).toEqual({ ok: true, sum: null, warnings: [] });
  });
  it("names holders by kind", () => {
    expect(holderKey({ regionId: REGION_A })).toBe(`region:${REGION_A}`);
    expect(holderKey({ departmentId: DEPT })).toBe(`department:${DEPT}`);
  });
});

describe("rollUp", () => {
  it("sums the shares' figures per period; the latest period says how many shares reported", () => {
    const r = rollUp([
      [{ period: "2024-05", value: "4" }, { period: "2024-06", value: "6.5" }],
      [{ period: "2024-05", value: "3" }],
      [],
    ]);
    expect(r.periods).toEqual([
      { period: "2024-05", value: "7", reported: 2 },
      { period: "2024-06", value: "6.5", reported: 1 },
    ]);
    expect(r).toMatchObject({ latestPeriod: "2024-06", reportedShares: 1, totalShares: 3 });
  });
  it("with no share reported: no periods, 0 of n", () => {
    expect(rollUp([[], []])).toEqual({ periods: [], latestPeriod: null, reportedShares: 0, totalShares: 2 });
  });
  it("no shares at all", () => {
    expect(rollUp([])).toEqual({ periods: [], latestPeriod: null, reportedShares: 0, totalShares: 0 });
  });
  it("sums exactly (no float arithmetic) and ignores what is not a period", () => {
    const r = rollUp([[{ period: "2024-Q1", value: "0.1" }, { period: "junk", value: "9" }], [{ period: "2024-Q1", value: "0.2" }]]);
    expect(r.periods).toEqual([{ period: "2024-Q1", value: "0.3", reported: 2 }]);
  });
  it("periods ending the same day: the one more shares reported for is the latest", () => {
    const r = rollUp([[{ period: "2024-06", value: "1" }], [{ period: "2024-Q2", value: "2" }], [{ period: "2024-Q2", value: "3" }]]);
    expect(r).toMatchObject({ latestPeriod: "2024-Q2", reportedShares: 2 });
  });
  it("labels the roll-up", () => {
    expect(rollUpLabel("30", "万亩", 2, 3)).toBe("合计 30万亩（已报 2/3）");
    expect(rollUpLabel(null, "万亩", 0, 3)).toBe("合计 —（已报 0/3）");
  });
});
