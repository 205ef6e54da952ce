import { describe, expect, it } from "vitest";
import { workerCount } from "./workers.mjs";

describe("workerCount (scripts/lib/serve.mjs)", () => {
  it("is one per core, at most 8, unless LUOSHI_WORKERS names a whole number from 1 to 64", () => {
    expect(workerCount({}, 2)).toBe(2);
    expect(workerCount({}, 1)).toBe(1);
    expect(workerCount({}, 32)).toBe(8);
    expect(workerCount({ LUOSHI_WORKERS: "1" }, 4)).toBe(1);
    expect(workerCount({ LUOSHI_WORKERS: "12" }, 4)).toBe(12);
    for (const bad of ["0", "-1", "1.5", "abc", "", "65", "２"]) expect(workerCount({ LUOSHI_WORKERS: bad }, 3)).toBe(3);
  });
});
