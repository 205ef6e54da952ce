import { describe, expect, it } from "vitest";
import { addDays, daysInMonth, isIsoDate, isLeapYear } from "./dates";

describe("calendar dates", () => {
  it("validates YYYY-MM-DD strictly", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("2024-00-10")).toBe(false);
    expect(isIsoDate("2024-1-01")).toBe(false);
    expect(isIsoDate("2024-01-01T00:00")).toBe(false);
  });

  it("knows leap years and month lengths", () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 12)).toBe(31);
    expect(daysInMonth(2024, 4)).toBe(30);
  });

  it("adds days across months, years and leap days without time-zone drift", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-10", -10)).toBe("2024-02-29");
    expect(addDays("2024-03-31", 0)).toBe("2024-03-31");
    expect(addDays("2024-01-01", 366)).toBe("2025-01-01");
  });

  it("rejects bad input", () => {
    expect(() => addDays("2024-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2024-02-01", 0.5)).toThrow(RangeError);
  });
});
