import { describe, expect, it } from "vitest";
import { Dec } from "../decimal";
import { beyondGoodSide, measureOf, meets, onBadSide, shortfall, targetOf, tolerance } from "./tolerance";

const d = (v: string | number) => new Dec(v);

describe("tolerance", () => {
  it("is 0.5 points for percentage units", () => {
    for (const unit of ["%", "％", " % ", "个百分点", "百分点"]) expect(tolerance(unit, 6).toString()).toBe("0.5");
    expect(tolerance("%", 0).toString()).toBe("0.5");
  });

  it("is 5% of |T| otherwise", () => {
    expect(tolerance("万吨", 200).toString()).toBe("10");
    expect(tolerance("天", 342).toString()).toBe("17.1");
    expect(tolerance("个", -40).toString()).toBe("2");
    expect(tolerance("件", 0).toString()).toBe("0");
    expect(tolerance("亿元", "8.5").toString()).toBe("0.425");
    expect(tolerance("‰", 6).toString()).toBe("0.3");
  });
});

describe("meets, beyond on the good side, bad side, shortfall", () => {
  const higher = measureOf({ target: 6, unit: "%", comparator: "approx", direction: "higher", kind: "growth" });
  const lower = measureOf({ target: 3, unit: "%", comparator: "approx", direction: "lower", kind: "growth" });
  const gte = measureOf({ target: 6, unit: "%", comparator: "gte", direction: "higher", kind: "growth" });
  const eq = measureOf({ target: 6, unit: "%", comparator: "eq", direction: "higher", kind: "growth" });
  const lte = measureOf({ target: 5, unit: "%", comparator: "lte", direction: "lower", kind: "ratio" });

  it("approx meets within the tolerance on the bad side", () => {
    expect(meets(higher, d("5.5"))).toBe(true);
    expect(meets(higher, d("5.49"))).toBe(false);
    expect(meets(lower, d("3.5"))).toBe(true);
    expect(meets(lower, d("3.51"))).toBe(false);
  });

  it("gte / eq / lte meet exactly at T", () => {
    expect(meets(gte, d(6))).toBe(true);
    expect(meets(gte, d("5.999999"))).toBe(false);
    expect(meets(eq, d(7))).toBe(true);
    expect(meets(eq, d("5.99"))).toBe(false);
    expect(meets(lte, d(5))).toBe(true);
    expect(meets(lte, d(0))).toBe(true);
    expect(meets(lte, d("5.000001"))).toBe(false);
  });

  it("beyond on the good side is strict and approx only", () => {
    expect(beyondGoodSide(higher, d("6.5"))).toBe(false);
    expect(beyondGoodSide(higher, d("6.500001"))).toBe(true);
    expect(beyondGoodSide(lower, d("2.5"))).toBe(false);
    expect(beyondGoodSide(lower, d("2.499999"))).toBe(true);
    expect(beyondGoodSide(gte, d(100))).toBe(false);
  });

  it("the bad side is strict", () => {
    expect(onBadSide(higher, d(6))).toBe(false);
    expect(onBadSide(higher, d("5.99"))).toBe(true);
    expect(onBadSide(lower, d(3))).toBe(false);
    expect(onBadSide(lower, d("3.01"))).toBe(true);
  });

  it("shortfall is 0 when it meets, else the distance from T", () => {
    expect(shortfall(gte, d(7)).toString()).toBe("0");
    expect(shortfall(gte, d("4.8")).toString()).toBe("1.2");
    expect(shortfall(higher, d("5.6")).toString()).toBe("0");
    expect(shortfall(higher, d("5.4")).toString()).toBe("0.6");
    expect(shortfall(lte, d("6.5")).toString()).toBe("1.5");
  });
});

describe("targetOf", () => {
  it("reads T; a milestone without one is done at 100", () => {
    expect(targetOf({ target: "2.4", kind: "increment" }).toString()).toBe("2.4");
    expect(targetOf({ target: null, kind: "milestone" }).toString()).toBe("100");
    expect(() => targetOf({ target: null, kind: "level" })).toThrow(TypeError);
  });
});
