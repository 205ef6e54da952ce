import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  comparePeriods,
  currentPeriodFor,
  dueDate,
  elapsedFraction,
  elapsedShare,
  formatPeriod,
  frequencyLabel,
  frequencyOfPeriod,
  isFinalPeriod,
  parsePeriod,
  periodEndDate,
  periodLabel,
  periodStartDate,
  periodsOfYear,
  periodsOpenForEntry,
  todayInShanghai,
  type Frequency,
} from "./periods";

describe("parsePeriod", () => {
  it("parses the four canonical forms", () => {
    expect(parsePeriod("2024-06")).toEqual({ year: 2024, granularity: "month", index: 6 });
    expect(parsePeriod("2024-Q2")).toEqual({ year: 2024, granularity: "quarter", index: 2 });
    expect(parsePeriod("2024-H1")).toEqual({ year: 2024, granularity: "half", index: 1 });
    expect(parsePeriod("2024")).toEqual({ year: 2024, granularity: "year", index: 1 });
    expect(parsePeriod("2024-01")?.index).toBe(1);
    expect(parsePeriod("2024-12")?.index).toBe(12);
    expect(parsePeriod("2024-Q4")?.index).toBe(4);
    expect(parsePeriod("2024-H2")?.index).toBe(2);
  });

  it.each([
    "", "2024-00", "2024-13", "2024-6", "2024-006", "2024-Q0", "2024-Q5", "2024-q2", "2024-H0", "2024-H3",
    "2024-h1", "24", "20240", "2024-", "2024-M06", " 2024-06", "2024-06 ", "0999", "2024/06", "2024年6月",
  ])("rejects %j", (s) => {
    expect(parsePeriod(s)).toBeNull();
  });

  it("round-trips through formatPeriod", () => {
    for (const f of ["monthly", "quarterly", "half_yearly", "annual"] as Frequency[]) {
      for (const code of periodsOfYear(2025, f)) expect(formatPeriod(parsePeriod(code)!)).toBe(code);
    }
  });
});

describe("periodLabel and frequencyLabel", () => {
  it("shows periods in Chinese", () => {
    expect(periodLabel("2024-06")).toBe("2024年6月");
    expect(periodLabel("2024-12")).toBe("2024年12月");
    expect(periodLabel("2024-Q1")).toBe("2024年第一季度");
    expect(periodLabel("2024-Q2")).toBe("2024年第二季度");
    expect(periodLabel("2024-Q3")).toBe("2024年第三季度");
    expect(periodLabel("2024-Q4")).toBe("2024年第四季度");
    expect(periodLabel("2024-H1")).toBe("2024年上半年");
    expect(periodLabel("2024-H2")).toBe("2024年下半年");
    expect(periodLabel("2024")).toBe("2024年全年");
  });

  it("shows frequencies in Chinese", () => {
    expect(frequencyLabel("monthly")).toBe("按月");
    expect(frequencyLabel("quarterly")).toBe("按季");
    expect(frequencyLabel("half_yearly")).toBe("按半年");
    expect(frequencyLabel("annual")).toBe("按年");
  });

  it("throws on a malformed code (a bug, not user input)", () => {
    expect(() => periodLabel("2024-13")).toThrow(RangeError);
    expect(() => periodEndDate("x")).toThrow(RangeError);
  });
});

describe("periodsOfYear", () => {
  it("lists the periods in order", () => {
    expect(periodsOfYear(2024, "monthly")).toEqual([
      "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06",
      "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12",
    ]);
    expect(periodsOfYear(2024, "quarterly")).toEqual(["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    expect(periodsOfYear(2024, "half_yearly")).toEqual(["2024-H1", "2024-H2"]);
    expect(periodsOfYear(2024, "annual")).toEqual(["2024"]);
  });
});

describe("period dates", () => {
  it("gives the last day of each period, with leap years", () => {
    expect(periodEndDate("2024-01")).toBe("2024-01-31");
    expect(periodEndDate("2024-02")).toBe("2024-02-29");
    expect(periodEndDate("2023-02")).toBe("2023-02-28");
    expect(periodEndDate("2000-02")).toBe("2000-02-29");
    expect(periodEndDate("2100-02")).toBe("2100-02-28");
    expect(periodEndDate("2024-04")).toBe("2024-04-30");
    expect(periodEndDate("2024-12")).toBe("2024-12-31");
    expect(periodEndDate("2024-Q1")).toBe("2024-03-31");
    expect(periodEndDate("2024-Q2")).toBe("2024-06-30");
    expect(periodEndDate("2024-Q3")).toBe("2024-09-30");
    expect(periodEndDate("2024-Q4")).toBe("2024-12-31");
    expect(periodEndDate("2024-H1")).toBe("2024-06-30");
    expect(periodEndDate("2024-H2")).toBe("2024-12-31");
    expect(periodEndDate("2024")).toBe("2024-12-31");
  });

  it("gives the first day of each period", () => {
    expect(periodStartDate("2024-02")).toBe("2024-02-01");
    expect(periodStartDate("2024-Q1")).toBe("2024-01-01");
    expect(periodStartDate("2024-Q2")).toBe("2024-04-01");
    expect(periodStartDate("2024-Q3")).toBe("2024-07-01");
    expect(periodStartDate("2024-Q4")).toBe("2024-10-01");
    expect(periodStartDate("2024-H1")).toBe("2024-01-01");
    expect(periodStartDate("2024-H2")).toBe("2024-07-01");
    expect(periodStartDate("2024")).toBe("2024-01-01");
  });

  it("adds grace days across month and year ends", () => {
    expect(dueDate("2024-01", 10)).toBe("2024-02-10");
    expect(dueDate("2024-02", 10)).toBe("2024-03-10");
    expect(dueDate("2023-02", 10)).toBe("2023-03-10");
    expect(dueDate("2024-02", 1)).toBe("2024-03-01");
    expect(dueDate("2024-12", 10)).toBe("2025-01-10");
    expect(dueDate("2024-Q4", 31)).toBe("2025-01-31");
    expect(dueDate("2024", 0)).toBe("2024-12-31");
    expect(dueDate("2024-H1", 10)).toBe("2024-07-10");
  });

  it("rejects negative or fractional grace days", () => {
    expect(() => dueDate("2024-01", -1)).toThrow(RangeError);
    expect(() => dueDate("2024-01", 1.5)).toThrow(RangeError);
  });
});

describe("elapsedShare", () => {
  it("is N/12, Q/4, H/2 or 1", () => {
    expect(elapsedShare("2024-06").toString()).toBe("0.5");
    expect(elapsedShare("2024-03").toString()).toBe("0.25");
    expect(elapsedShare("2024-12").toString()).toBe("1");
    expect(elapsedShare("2024-01").toDecimalPlaces(6).toString()).toBe("0.083333");
    expect(elapsedShare("2024-01").times(12).toDecimalPlaces(20).toString()).toBe("1");
    expect(elapsedShare("2024-Q1").toString()).toBe("0.25");
    expect(elapsedShare("2024-Q3").toString()).toBe("0.75");
    expect(elapsedShare("2024-H1").toString()).toBe("0.5");
    expect(elapsedShare("2024-H2").toString()).toBe("1");
    expect(elapsedShare("2024").toString()).toBe("1");
  });

  it("is also given as an exact fraction", () => {
    expect(elapsedFraction("2024-04")).toEqual({ numerator: 4, denominator: 12 });
    expect(elapsedFraction("2024-Q2")).toEqual({ numerator: 2, denominator: 4 });
    expect(elapsedFraction("2024")).toEqual({ numerator: 1, denominator: 1 });
  });
});

describe("isFinalPeriod and frequencyOfPeriod", () => {
  it("knows the last period of the year", () => {
    expect(["2024-12", "2024-Q4", "2024-H2", "2024"].map(isFinalPeriod)).toEqual([true, true, true, true]);
    expect(["2024-11", "2024-01", "2024-Q3", "2024-H1"].map(isFinalPeriod)).toEqual([false, false, false, false]);
  });

  it("knows the frequency a period belongs to", () => {
    expect(frequencyOfPeriod("2024-06")).toBe("monthly");
    expect(frequencyOfPeriod("2024-Q2")).toBe("quarterly");
    expect(frequencyOfPeriod("2024-H1")).toBe("half_yearly");
    expect(frequencyOfPeriod("2024")).toBe("annual");
  });
});

describe("comparePeriods", () => {
  it("orders by end date", () => {
    expect(comparePeriods("2024-05", "2024-06")).toBeLessThan(0);
    expect(comparePeriods("2024-Q3", "2024-08")).toBeGreaterThan(0);
    expect(comparePeriods("2023", "2024-01")).toBeLessThan(0);
    expect(comparePeriods("2024-H1", "2024-07")).toBeLessThan(0);
    expect(comparePeriods("2024-06", "2024-06")).toBe(0);
  });

  it("puts the finer period first when two end the same day", () => {
    expect(["2024", "2024-H2", "2024-12", "2024-Q4"].sort(comparePeriods)).toEqual(["2024-12", "2024-Q4", "2024-H2", "2024"]);
    expect(["2024-H1", "2024-Q2", "2024-06"].sort(comparePeriods)).toEqual(["2024-06", "2024-Q2", "2024-H1"]);
  });

  it("is antisymmetric", () => {
    const codes = [...periodsOfYear(2024, "monthly"), ...periodsOfYear(2024, "quarterly"), ...periodsOfYear(2024, "half_yearly"), "2024"];
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.constantFrom(...codes), (a, b) => {
        expect(Math.sign(comparePeriods(a, b))).toBe(-Math.sign(comparePeriods(b, a)) || 0);
      }),
    );
  });
});

describe("currentPeriodFor", () => {
  it("is the latest period that has ended on or before the date", () => {
    expect(currentPeriodFor("monthly", 2024, "2024-07-15")).toBe("2024-06");
    expect(currentPeriodFor("monthly", 2024, "2024-06-30")).toBe("2024-06");
    expect(currentPeriodFor("monthly", 2024, "2024-06-29")).toBe("2024-05");
    expect(currentPeriodFor("monthly", 2024, "2024-01-31")).toBe("2024-01");
    expect(currentPeriodFor("quarterly", 2024, "2024-06-30")).toBe("2024-Q2");
    expect(currentPeriodFor("quarterly", 2024, "2024-06-29")).toBe("2024-Q1");
    expect(currentPeriodFor("half_yearly", 2024, "2024-12-30")).toBe("2024-H1");
    expect(currentPeriodFor("annual", 2024, "2024-12-31")).toBe("2024");
  });

  it("is null before the first period ends, and the last period after the year", () => {
    expect(currentPeriodFor("monthly", 2024, "2024-01-30")).toBeNull();
    expect(currentPeriodFor("monthly", 2024, "2023-12-31")).toBeNull();
    expect(currentPeriodFor("annual", 2024, "2024-12-30")).toBeNull();
    expect(currentPeriodFor("monthly", 2024, "2025-03-01")).toBe("2024-12");
  });

  it("rejects a malformed as-of date", () => {
    expect(() => currentPeriodFor("monthly", 2024, "2024-02-30")).toThrow(RangeError);
    expect(() => currentPeriodFor("monthly", 2024, "2024-6-1")).toThrow(RangeError);
  });
});

describe("periodsOpenForEntry", () => {
  it("lists the periods of the year that have begun", () => {
    expect(periodsOpenForEntry(2024, "monthly", "2024-03-01")).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(periodsOpenForEntry(2024, "monthly", "2024-02-29")).toEqual(["2024-01", "2024-02"]);
    expect(periodsOpenForEntry(2024, "quarterly", "2024-04-01")).toEqual(["2024-Q1", "2024-Q2"]);
    expect(periodsOpenForEntry(2024, "quarterly", "2024-03-31")).toEqual(["2024-Q1"]);
    expect(periodsOpenForEntry(2024, "half_yearly", "2024-07-01")).toEqual(["2024-H1", "2024-H2"]);
    expect(periodsOpenForEntry(2024, "annual", "2024-01-01")).toEqual(["2024"]);
  });

  it("is empty before the year and complete after it", () => {
    expect(periodsOpenForEntry(2024, "monthly", "2023-12-31")).toEqual([]);
    expect(periodsOpenForEntry(2024, "quarterly", "2025-02-01")).toEqual(periodsOfYear(2024, "quarterly"));
  });
});

describe("todayInShanghai", () => {
  it("is the Shanghai calendar day, whatever the host time zone", () => {
    expect(todayInShanghai(new Date("2024-06-30T15:59:59Z"))).toBe("2024-06-30");
    expect(todayInShanghai(new Date("2024-06-30T16:00:00Z"))).toBe("2024-07-01");
    expect(todayInShanghai(new Date("2024-12-31T16:00:00Z"))).toBe("2025-01-01");
    expect(todayInShanghai(new Date("2024-02-28T16:30:00Z"))).toBe("2024-02-29");
  });

  it("rejects an invalid Date", () => {
    expect(() => todayInShanghai(new Date("nope"))).toThrow(RangeError);
  });
});
