import { describe, expect, it } from "vitest";
import { asOfNotice, dateProblem } from "./as-of";

describe("dateProblem", () => {
  it("accepts real dates, leap days included", () => {
    expect(dateProblem("2024-02-29")).toBeNull();
    expect(dateProblem("2024-12-31")).toBeNull();
  });

  it("names an impossible day with the month's length", () => {
    expect(dateProblem("2024-02-30")).toBe("日期“2024-02-30”不存在：2024年2月只有29天");
    expect(dateProblem("2023-02-29")).toBe("日期“2023-02-29”不存在：2023年2月只有28天");
    expect(dateProblem("2024-04-31")).toBe("日期“2024-04-31”不存在：2024年4月只有30天");
    expect(dateProblem("2024-06-00")).toBe("日期“2024-06-00”不存在：2024年6月只有30天");
    expect(dateProblem("2024-13-01")).toBe("日期“2024-13-01”不存在：月份应为 01–12");
  });

  it("asks for the shape when it is not YYYY-MM-DD", () => {
    for (const s of ["2024-2-3", "20240230", "昨天", "2024-02-30T00:00"]) expect(dateProblem(s)).toBe("日期格式应为 YYYY-MM-DD（如 2024-06-30）");
  });
});

describe("asOfNotice", () => {
  it("says the page shows today instead, and which day that is", () => {
    expect(asOfNotice("2024-02-30", "2026-11-29")).toBe("截至日期有误：日期“2024-02-30”不存在：2024年2月只有29天。以下按今天（2026-11-29）显示。");
  });

  it("is silent when there is no asOf or it is fine", () => {
    expect(asOfNotice(undefined, "2026-11-29")).toBeNull();
    expect(asOfNotice(" ", "2026-11-29")).toBeNull();
    expect(asOfNotice("2024-02-29", "2026-11-29")).toBeNull();
  });
});
