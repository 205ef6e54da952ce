import { describe, expect, it } from "vitest";
import { departmentLabel, percentText, targetText, trimZeros } from "./labels";

describe("targetText", () => {
  it("states the target as a report would", () => {
    expect(targetText("6.000000", "%", "eq", null, "growth")).toBe("增长6%");
    expect(targetText("10", "%", "gte", null, "growth")).toBe("增长10%以上");
    expect(targetText("3.2", "%", "eq", null, "decrease")).toBe("下降3.2%");
    expect(targetText("5", "%", "lte", null, "ratio")).toBe("5%以内");
    expect(targetText("5", "%", "approx", null, "growth")).toBe("增长5%左右");
    expect(targetText("50", "万亩", "gte", null, "increment")).toBe("50万亩以上");
    expect(targetText("4.5", "%", "gte", "5", "growth")).toBe("增长4.5–5%以上");
    expect(targetText(null, "个", "eq")).toBe("—");
  });
});

describe("number display", () => {
  it("drops trailing zeros only after a decimal point", () => {
    expect([trimZeros("12.500000"), trimZeros("100"), trimZeros("-3.50"), trimZeros("2.000")]).toEqual(["12.5", "100", "-3.5", "2"]);
  });
  it("shows a ratio as a percentage", () => {
    expect([percentText("0.8333"), percentText("1.1"), percentText(null)]).toEqual(["83.3%", "110.0%", "—"]);
  });
});

describe("departmentLabel", () => {
  const aimin = { name: "农业农村局", regionId: "aimin", region: { name: "爱民区" } };
  it("names the government when the department is not of the viewer's own", () => {
    expect(departmentLabel(aimin, "city")).toBe("爱民区 · 农业农村局");
    expect(departmentLabel(aimin, null)).toBe("爱民区 · 农业农村局");
  });
  it("is the name alone for the viewer's own government, unless always asked", () => {
    expect(departmentLabel(aimin, "aimin")).toBe("农业农村局");
    expect(departmentLabel(aimin, "aimin", true)).toBe("爱民区 · 农业农村局");
  });
});
