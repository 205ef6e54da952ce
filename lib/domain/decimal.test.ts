import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { decimalString, ratioString, toDecimal } from "./decimal";

describe("decimal helpers", () => {
  it("accept string, number and Decimal (including another decimal.js copy's instances)", () => {
    expect(toDecimal("6.50").toString()).toBe("6.5");
    expect(toDecimal(0.1).plus(toDecimal(0.2)).toString()).toBe("0.3");
    expect(toDecimal(new Decimal("1e-7")).toString()).toBe("0.0000001");
    expect(toDecimal({ toString: () => "12.5" } as unknown as Decimal).toString()).toBe("12.5");
  });

  it("reject NaN and Infinity", () => {
    expect(() => toDecimal(Number.NaN)).toThrow(TypeError);
    expect(() => toDecimal("Infinity")).toThrow(TypeError);
    expect(() => toDecimal("six")).toThrow(TypeError);
  });

  it("write canonical strings", () => {
    expect(decimalString(toDecimal("-0"))).toBe("0");
    expect(decimalString(toDecimal("123456789012345678.123456"))).toBe("123456789012345678.123456");
    expect(ratioString(toDecimal(5).div(6))).toBe("0.8333");
    expect(ratioString(toDecimal("0.99995"))).toBe("1");
    expect(ratioString(toDecimal("1.10"))).toBe("1.1");
    expect(ratioString(toDecimal("-0.00001"))).toBe("0");
  });
});
