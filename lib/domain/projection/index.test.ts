import { describe, expect, it } from "vitest";
import { isAtRisk, projectionText, projectYearEnd } from "./index";

const f = (period: string, value: string) => ({ period, value });
// Last year: a slow first half, a fast second half (year-end 120).
const lastYear = [f("2023-03", "12"), f("2023-06", "30"), f("2023-09", "72"), f("2023-12", "120")];

describe("projectYearEnd", () => {
  it("is null without a figure", () => {
    expect(projectYearEnd({ target: "100", direction: "higher", current: [] })).toBeNull();
    expect(projectYearEnd({ target: "100", direction: "higher", current: [], previous: lastYear })).toBeNull();
  });

  it("is linear without last year's figures: YTD ÷ the elapsed share at the latest period", () => {
    const p = projectYearEnd({ target: "100", direction: "higher", current: [f("2024-03", "20"), f("2024-06", "45")] })!;
    expect(p).toMatchObject({ method: "linear", basisPeriod: "2024-06", basisValue: "45", share: "0.5", value: "90", fallsShort: true, projectedCompletion: "0.9" });
  });

  it("follows last year's seasonal shape where it exists", () => {
    // June: last year 30 of 120 = 25% → 45 ÷ 0.25 = 180.
    const p = projectYearEnd({ target: "100", direction: "higher", current: [f("2024-06", "45"), f("2024-03", "20")], previous: lastYear })!;
    expect(p).toMatchObject({ method: "seasonal", share: "0.25", value: "180", fallsShort: false, projectedCompletion: "1.8" });
  });

  it("matches a quarter this year with the month that ends it last year", () => {
    const p = projectYearEnd({ target: "100", direction: "higher", current: [f("2024-Q3", "54")], previous: lastYear })!;
    expect(p).toMatchObject({ method: "seasonal", share: "0.6", value: "90" });
  });

  it("falls back to linear when last year's share is zero, missing or has no year-end", () => {
    const zero = [f("2023-03", "0"), f("2023-12", "120")];
    expect(projectYearEnd({ target: "100", direction: "higher", current: [f("2024-03", "10")], previous: zero })).toMatchObject({ method: "linear", share: "0.25", value: "40" });
    const noSame = [f("2023-06", "30"), f("2023-12", "120")];
    expect(projectYearEnd({ target: "100", direction: "higher", current: [f("2024-03", "10")], previous: noSame })?.method).toBe("linear");
    const noYearEnd = [f("2023-03", "12"), f("2023-06", "30")];
    expect(projectYearEnd({ target: "100", direction: "higher", current: [f("2024-03", "10")], previous: noYearEnd })?.method).toBe("linear");
    const zeroYearEnd = [f("2023-03", "0"), f("2023-12", "0")];
    expect(projectYearEnd({ target: "100", direction: "higher", current: [f("2024-03", "10")], previous: zeroYearEnd })?.method).toBe("linear");
  });

  it("in December projects the December figure itself, by either method", () => {
    expect(projectYearEnd({ target: "100", direction: "higher", current: [f("2024-12", "97.5")] })).toMatchObject({ value: "97.5", share: "1", fallsShort: true });
    expect(projectYearEnd({ target: "100", direction: "higher", current: [f("2024-12", "101")], previous: lastYear })).toMatchObject({ method: "seasonal", value: "101", fallsShort: false });
  });

  it("rounds to the figures' own places (at most 2) and handles a lower-is-better target", () => {
    const p = projectYearEnd({ target: "10", direction: "lower", current: [f("2024-07", "7")] })!;
    expect(p.value).toBe("12"); // 7 ÷ 7/12
    expect(p.fallsShort).toBe(true);
    expect(projectYearEnd({ target: "10", direction: "higher", current: [f("2024-05", "1")] })!.value).toBe("2"); // 2.4 of whole 个
    expect(projectYearEnd({ target: "10", direction: "higher", current: [f("2024-05", "1.0")] })!.value).toBe("2");
    expect(projectYearEnd({ target: "10.5", direction: "higher", current: [f("2024-07", "1")] })!.value).toBe("1.7");
    expect(projectYearEnd({ target: "10", direction: "higher", current: [f("2024-07", "1.25")] })!.value).toBe("2.14");
    expect(projectYearEnd({ target: "10", direction: "higher", current: [f("2024-07", "1.255")] })!.value).toBe("2.15");
  });

  it("without a target never falls short", () => {
    expect(projectYearEnd({ target: null, direction: "higher", current: [f("2024-06", "5")] })).toMatchObject({ fallsShort: false, projectedCompletion: null });
  });
});

describe("isAtRisk and projectionText", () => {
  const short = projectYearEnd({ target: "100", direction: "higher", current: [f("2024-06", "45")] });
  const fine = projectYearEnd({ target: "80", direction: "higher", current: [f("2024-06", "45")] });
  it("is at risk only when on track today and projected short", () => {
    expect(isAtRisk("on_track", short)).toBe(true);
    expect(isAtRisk("behind", short)).toBe(false);
    expect(isAtRisk("on_track", fine)).toBe(false);
    expect(isAtRisk("on_track", null)).toBe(false);
  });
  it("words the projection as an estimate with its method", () => {
    expect(projectionText(short!, "万亩")).toBe("预计全年约90万亩（按序时线性测算）");
    expect(projectionText(projectYearEnd({ target: "1", direction: "higher", current: [f("2024-06", "45")], previous: lastYear })!, "个")).toBe("预计全年约180个（按上年进度测算）");
  });
});
