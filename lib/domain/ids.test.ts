import { describe, expect, it } from "vitest";
import { isPlausibleId } from "./ids";

describe("isPlausibleId", () => {
  it("accepts cuids and UUIDs", () => {
    expect(isPlausibleId("clx1y2z3a0000abcd1234efgh")).toBe(true);
    expect(isPlausibleId("3f2b8c1e-5d4a-4b6f-9e2d-1a2b3c4d5e6f")).toBe(true);
    expect(isPlausibleId("a")).toBe(true);
  });

  it("refuses NUL, control characters, paths, empty and over-long text, and non-strings", () => {
    for (const id of ["", "abc\u0000", "a b", "../etc", "a/b", "％", "x".repeat(65), "id\n", "中文"]) expect(isPlausibleId(id), JSON.stringify(id)).toBe(false);
    for (const id of [5, null, undefined, {}, ["a"]]) expect(isPlausibleId(id)).toBe(false);
  });
});
