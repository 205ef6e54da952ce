import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { countedVersions, endOfDay, ENTRY_STATE_LABELS, ENTRY_STATES, newestVersions, startOfDay, type EntryState, type VersionForCounting } from "./versions";

interface V extends VersionForCounting {
  id: string;
}

/** A version; countedAt defaults to submission time for an approved one (an admin's own entry), else null. */
function version(id: string, period: string, n: number, state: EntryState, submittedAt: string, countedAt?: string | null): V {
  return {
    id,
    period,
    value: String(n * 10),
    state,
    version: n,
    submittedAt: new Date(submittedAt),
    countedAt: countedAt === undefined ? (state === "approved" ? new Date(submittedAt) : null) : countedAt === null ? null : new Date(countedAt),
  };
}

const ids = (vs: readonly V[]) => vs.map((v) => v.id);

describe("endOfDay / startOfDay (Asia/Shanghai)", () => {
  it("endOfDay is midnight of the next day in Shanghai, 16:00 UTC of the day itself", () => {
    expect(endOfDay("2024-07-05").toISOString()).toBe("2024-07-05T16:00:00.000Z");
    expect(endOfDay("2024-02-28").toISOString()).toBe("2024-02-28T16:00:00.000Z");
    expect(endOfDay("2024-02-29").toISOString()).toBe("2024-02-29T16:00:00.000Z");
    expect(endOfDay("2024-12-31").toISOString()).toBe("2024-12-31T16:00:00.000Z");
  });

  it("startOfDay is midnight of the day in Shanghai, 16:00 UTC of the day before", () => {
    expect(startOfDay("2024-07-05").toISOString()).toBe("2024-07-04T16:00:00.000Z");
    expect(startOfDay("2024-01-01").toISOString()).toBe("2023-12-31T16:00:00.000Z");
    expect(startOfDay("2024-03-01").toISOString()).toBe("2024-02-29T16:00:00.000Z");
  });

  it("the end of a day is the start of the next", () => {
    expect(endOfDay("2024-07-05").getTime()).toBe(startOfDay("2024-07-06").getTime());
    expect(endOfDay("2023-12-31").getTime()).toBe(startOfDay("2024-01-01").getTime());
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-30T00:00:00Z"), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)).toISOString().slice(0, 10);
        expect(endOfDay(day).getTime()).toBe(startOfDay(next).getTime());
        expect(endOfDay(day).getTime() - startOfDay(day).getTime()).toBe(86_400_000);
      }),
    );
  });

  it("refuses anything but a calendar date", () => {
    for (const bad of ["2024-02-30", "2024-7-5", "2024-07-05T00:00", "", "yesterday", "2023-02-29"]) {
      expect(() => endOfDay(bad)).toThrow(RangeError);
      expect(() => startOfDay(bad)).toThrow(RangeError);
    }
  });
});

describe("countedVersions: the counted version of each period as of a cut-off", () => {
  const cutoff = endOfDay("2024-07-05");

  it("a version approved at 2024-07-05T15:59:59.999Z counts as of 2024-07-05; one approved at 16:00:00Z does not", () => {
    const justIn = version("a", "2024-06", 1, "approved", "2024-07-01T02:00:00Z", "2024-07-05T15:59:59.999Z");
    const justOut = version("b", "2024-05", 1, "approved", "2024-07-01T02:00:00Z", "2024-07-05T16:00:00.000Z");
    expect(ids(countedVersions([justIn, justOut], cutoff))).toEqual(["a"]);
    // The next day, both count.
    expect(ids(countedVersions([justIn, justOut], endOfDay("2024-07-06")))).toEqual(["a", "b"]);
  });

  it("counts an approved version from its countedAt, not its submission", () => {
    // Submitted on 07-01, approved only on 07-08: not counted as of 07-05.
    const v = version("a", "2024-06", 1, "approved", "2024-07-01T02:00:00Z", "2024-07-08T02:00:00Z");
    expect(countedVersions([v], cutoff)).toEqual([]);
    expect(ids(countedVersions([v], endOfDay("2024-07-08")))).toEqual(["a"]);
    // An admin's stated reporting date in the past makes it count from then.
    const stated = version("b", "2024-06", 1, "approved", "2024-07-10T02:00:00Z", startOfDay("2024-07-02").toISOString());
    expect(ids(countedVersions([stated], cutoff))).toEqual(["b"]);
    expect(countedVersions([stated], endOfDay("2024-07-01"))).toEqual([]);
  });

  it("an approved version without countedAt never counts", () => {
    const v = version("a", "2024-06", 1, "approved", "2024-07-01T02:00:00Z", null);
    expect(countedVersions([v], cutoff)).toEqual([]);
    expect(countedVersions([v], cutoff, { includePending: true })).toEqual([]);
  });

  it("pending versions count only with includePending, from their submission time", () => {
    const pending = version("p", "2024-06", 1, "pending", "2024-07-05T15:59:59.999Z");
    const late = version("q", "2024-05", 1, "pending", "2024-07-05T16:00:00.000Z");
    expect(countedVersions([pending, late], cutoff)).toEqual([]);
    expect(countedVersions([pending, late], cutoff, { includePending: false })).toEqual([]);
    expect(ids(countedVersions([pending, late], cutoff, { includePending: true }))).toEqual(["p"]);
  });

  it("returned and withdrawn versions never count, even with includePending and a countedAt", () => {
    const returned = version("r", "2024-06", 1, "returned", "2024-07-01T02:00:00Z", "2024-07-02T02:00:00Z");
    const withdrawn = version("w", "2024-05", 1, "withdrawn", "2024-07-01T02:00:00Z", "2024-07-02T02:00:00Z");
    expect(countedVersions([returned, withdrawn], cutoff)).toEqual([]);
    expect(countedVersions([returned, withdrawn], cutoff, { includePending: true })).toEqual([]);
  });

  it("within a period, the version that started counting last wins", () => {
    const v1 = version("v1", "2024-06", 1, "approved", "2024-07-01T02:00:00Z");
    const v2 = version("v2", "2024-06", 2, "approved", "2024-07-02T02:00:00Z", "2024-07-03T02:00:00Z");
    const v3 = version("v3", "2024-06", 3, "approved", "2024-07-04T02:00:00Z", "2024-07-09T02:00:00Z");
    expect(ids(countedVersions([v1, v2, v3], cutoff))).toEqual(["v2"]);
    expect(ids(countedVersions([v3, v2, v1], cutoff))).toEqual(["v2"]);
    expect(ids(countedVersions([v1, v2, v3], endOfDay("2024-07-02")))).toEqual(["v1"]);
    expect(ids(countedVersions([v1, v2, v3], endOfDay("2024-07-09")))).toEqual(["v3"]);
  });

  it("the latest to start counting wins even over a higher version number (an admin's earlier stated date)", () => {
    const v1 = version("v1", "2024-06", 1, "approved", "2024-07-01T02:00:00Z", "2024-07-04T02:00:00Z");
    const v2 = version("v2", "2024-06", 2, "approved", "2024-07-05T02:00:00Z", startOfDay("2024-07-02").toISOString());
    expect(ids(countedVersions([v1, v2], cutoff))).toEqual(["v1"]);
    expect(ids(countedVersions([v1, v2], endOfDay("2024-07-03")))).toEqual(["v2"]);
  });

  it("a tie on countedAt goes to the higher version number, in either order", () => {
    const at = "2024-07-03T02:00:00Z";
    const v2 = version("v2", "2024-06", 2, "approved", "2024-07-01T02:00:00Z", at);
    const v3 = version("v3", "2024-06", 3, "approved", "2024-07-02T02:00:00Z", at);
    expect(ids(countedVersions([v2, v3], cutoff))).toEqual(["v3"]);
    expect(ids(countedVersions([v3, v2], cutoff))).toEqual(["v3"]);
  });

  it("an older approved version keeps counting while a newer one is pending, returned or withdrawn", () => {
    const v1 = version("v1", "2024-06", 1, "approved", "2024-07-01T02:00:00Z");
    for (const state of ["pending", "returned", "withdrawn"] as const) {
      const v2 = version("v2", "2024-06", 2, state, "2024-07-02T02:00:00Z");
      expect(ids(countedVersions([v1, v2], cutoff))).toEqual(["v1"]);
      expect(ids(countedVersions([v2, v1], cutoff))).toEqual(["v1"]);
    }
  });

  it("with includePending a newer pending version wins over the approved one, from its submission time", () => {
    const v1 = version("v1", "2024-06", 1, "approved", "2024-07-01T02:00:00Z");
    const v2 = version("v2", "2024-06", 2, "pending", "2024-07-03T02:00:00Z");
    expect(ids(countedVersions([v1, v2], cutoff, { includePending: true }))).toEqual(["v2"]);
    expect(ids(countedVersions([v1, v2], endOfDay("2024-07-02"), { includePending: true }))).toEqual(["v1"]);
    // A returned one still does not.
    const v3 = version("v3", "2024-06", 3, "returned", "2024-07-04T02:00:00Z");
    expect(ids(countedVersions([v1, v3], cutoff, { includePending: true }))).toEqual(["v1"]);
  });

  it("keeps one version per period, in the order periods are first seen", () => {
    const vs = [
      version("m5", "2024-05", 1, "approved", "2024-06-03T02:00:00Z"),
      version("m3", "2024-03", 1, "approved", "2024-04-03T02:00:00Z"),
      version("m5b", "2024-05", 2, "approved", "2024-06-04T02:00:00Z"),
      version("m4", "2024-04", 1, "approved", "2024-05-03T02:00:00Z"),
    ];
    expect(ids(countedVersions(vs, cutoff))).toEqual(["m5b", "m3", "m4"]);
    expect(countedVersions([], cutoff)).toEqual([]);
  });

  it("returns the caller's own objects", () => {
    const v = version("a", "2024-06", 1, "approved", "2024-07-01T02:00:00Z");
    expect(countedVersions([v], cutoff)[0]).toBe(v);
  });

  it("agrees with a plain reading of the rule on generated histories", () => {
    const base = Date.parse("2024-07-01T00:00:00Z");
    const hour = 3_600_000;
    const arbVersion = fc.record({
      period: fc.constantFrom("2024-05", "2024-06", "2024-Q2"),
      state: fc.constantFrom<EntryState>("pending", "approved", "returned", "withdrawn"),
      submitted: fc.integer({ min: 0, max: 10 * 24 }),
      approvalDelay: fc.integer({ min: -48, max: 72 }),
    });
    fc.assert(
      fc.property(fc.array(arbVersion, { maxLength: 12 }), fc.integer({ min: 0, max: 12 }), fc.boolean(), (raw, cutDay, includePending) => {
        const perPeriod = new Map<string, number>();
        const versions: V[] = raw.map((r, i) => {
          const n = (perPeriod.get(r.period) ?? 0) + 1;
          perPeriod.set(r.period, n);
          const submittedAt = new Date(base + r.submitted * hour);
          const countedAt = r.state === "approved" ? new Date(base + (r.submitted + r.approvalDelay) * hour) : null;
          return { id: String(i), period: r.period, value: String(i), state: r.state, version: n, submittedAt, countedAt };
        });
        const cut = endOfDay(`2024-07-${String(cutDay + 1).padStart(2, "0")}`);
        const result = countedVersions(versions, cut, { includePending });

        // Reference: for each period, the eligible versions sorted by (start, version); the last one.
        const start = (v: V) =>
          v.state === "approved" && v.countedAt! < cut ? v.countedAt!.getTime() : includePending && v.state === "pending" && v.submittedAt < cut ? v.submittedAt.getTime() : null;
        const expected = new Map<string, V>();
        for (const period of new Set(versions.map((v) => v.period))) {
          const eligible = versions.filter((v) => v.period === period && start(v) !== null);
          eligible.sort((a, b) => start(a)! - start(b)! || a.version - b.version);
          if (eligible.length) expected.set(period, eligible[eligible.length - 1]!);
        }
        expect(new Map(result.map((v) => [v.period, v]))).toEqual(expected);
        expect(result.length).toBe(expected.size);
        for (const v of result) expect(["approved", ...(includePending ? ["pending"] : [])]).toContain(v.state);
      }),
    );
  });
});

describe("newestVersions", () => {
  it("keeps the highest version of each period, whatever its state", () => {
    const vs = [
      version("a1", "2024-06", 1, "approved", "2024-07-01T02:00:00Z"),
      version("a3", "2024-06", 3, "returned", "2024-07-03T02:00:00Z"),
      version("a2", "2024-06", 2, "withdrawn", "2024-07-02T02:00:00Z"),
      version("b1", "2024-05", 1, "pending", "2024-06-02T02:00:00Z"),
    ];
    const newest = newestVersions(vs);
    expect([...newest.keys()]).toEqual(["2024-06", "2024-05"]);
    expect(newest.get("2024-06")!.id).toBe("a3");
    expect(newest.get("2024-05")!.id).toBe("b1");
    expect(newestVersions([]).size).toBe(0);
  });

  it("on equal version numbers keeps the first seen", () => {
    const first = { period: "2024-06", version: 2, tag: "first" };
    const second = { period: "2024-06", version: 2, tag: "second" };
    expect(newestVersions([first, second]).get("2024-06")).toBe(first);
  });

  it("is the maximum version per period on generated lists", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ period: fc.constantFrom("2024-01", "2024-02", "2024-Q1"), version: fc.integer({ min: 1, max: 50 }) })), (vs) => {
        const newest = newestVersions(vs);
        expect(new Set(newest.keys())).toEqual(new Set(vs.map((v) => v.period)));
        for (const [period, v] of newest) expect(v.version).toBe(Math.max(...vs.filter((x) => x.period === period).map((x) => x.version)));
      }),
    );
  });
});

describe("entry states", () => {
  it("has a Chinese label for each state", () => {
    expect(ENTRY_STATES).toEqual(["pending", "approved", "returned", "withdrawn"]);
    expect(ENTRY_STATE_LABELS).toEqual({ pending: "待审核", approved: "已审核", returned: "已退回", withdrawn: "已撤回" });
  });
});
