import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { completionRatio } from "./completion";
import type { GoalForJudging } from "./types";

type G = Pick<GoalForJudging, "target" | "unit" | "comparator" | "direction" | "kind">;
const higher = (target: Decimal.Value, over: Partial<G> = {}): G => ({ target, unit: "个", comparator: "gte", direction: "higher", kind: "increment", ...over });
const lower = (target: Decimal.Value, over: Partial<G> = {}): G => ({ target, unit: "%", comparator: "lte", direction: "lower", kind: "ratio", ...over });
const ratio = (g: G, a: Decimal.Value) => completionRatio(g, a).toString();

describe("completionRatio", () => {
  it("higher is better: A/T, not capped above 1", () => {
    expect(ratio(higher(100), 50)).toBe("0.5");
    expect(ratio(higher(100), 100)).toBe("1");
    expect(ratio(higher(100), 110)).toBe("1.1");
    expect(ratio(higher(100), 250)).toBe("2.5");
    expect(ratio(higher(100), 0)).toBe("0");
    expect(ratio(higher("2.4"), "1.2")).toBe("0.5");
    expect(ratio(higher(6, { unit: "%", kind: "growth" }), "-3")).toBe("-0.5");
    expect(completionRatio(higher(6), 5).toDecimalPlaces(4).toString()).toBe("0.8333");
  });

  it("lower is better: 1 while A ≤ T, else T/A", () => {
    expect(ratio(lower(5), 3)).toBe("1");
    expect(ratio(lower(5), 5)).toBe("1");
    expect(ratio(lower(5), 0)).toBe("1");
    expect(ratio(lower(5), 10)).toBe("0.5");
    expect(ratio(lower(5), "6.25")).toBe("0.8");
    expect(ratio(lower(3, { comparator: "approx" }), "3.2")).toBe(new Decimal(3).div("3.2").toString());
  });

  it("T = 0: 1 when it meets, else 0", () => {
    expect(ratio(lower(0), 0)).toBe("1");
    expect(ratio(lower(0), "-1.2")).toBe("1");
    expect(ratio(lower(0), "0.1")).toBe("0");
    expect(ratio(higher(0), 0)).toBe("1");
    expect(ratio(higher(0), 3)).toBe("1");
    expect(ratio(higher(0), -1)).toBe("0");
    // approx uses the tolerance to decide whether it meets
    expect(ratio(lower(0, { comparator: "approx" }), "0.5")).toBe("1");
    expect(ratio(lower(0, { comparator: "approx" }), "0.51")).toBe("0");
  });

  it("a negative cap keeps the ratio within [0, 1)", () => {
    expect(ratio(lower(-2), -3)).toBe("1");
    expect(ratio(lower(-2), -1)).toBe("0.5");
    expect(ratio(lower(-2), 0)).toBe("0");
    expect(ratio(lower(-2), 1)).toBe("0");
  });

  it("accepts Decimal values", () => {
    expect(ratio(higher(new Decimal(8)), new Decimal(2))).toBe("0.25");
  });
});
