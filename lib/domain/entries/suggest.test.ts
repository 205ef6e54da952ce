import { describe, expect, it } from "vitest";
import { periodsOpenForEntry } from "../periods";
import type { DutyVersion } from "./duty";
import { suggestedEntryPeriod } from "./suggest";
import type { EntryState } from "./versions";

const monthly = { year: 2024, frequency: "monthly" as const };
const quarterly = { year: 2024, frequency: "quarterly" as const };

function v(period: string, state: EntryState, submitted: string, reviewed?: string): DutyVersion {
  const at = (s: string) => new Date(`${s}T10:00:00+08:00`);
  return { period, state, version: 1, submittedAt: at(submitted), reviewedAt: reviewed ? at(reviewed) : null, reviewNote: null };
}

const suggest = (goal: typeof monthly | typeof quarterly, versions: DutyVersion[], today: string) =>
  suggestedEntryPeriod(goal, versions, 10, today, periodsOpenForEntry(goal.year, goal.frequency, today));

describe("suggestedEntryPeriod", () => {
  it("a past year with nothing reported: the first period, not 12月", () => {
    expect(suggest(monthly, [], "2026-11-29")).toBe("2024-01");
    expect(suggest(quarterly, [], "2026-11-29")).toBe("2024-Q1");
  });

  it("the period after the latest one reported (a year-to-date figure covers the earlier months)", () => {
    expect(suggest(monthly, [v("2024-06", "approved", "2024-07-05")], "2024-11-20")).toBe("2024-07");
    expect(suggest(monthly, [v("2024-06", "pending", "2024-07-05")], "2024-11-20")).toBe("2024-07");
  });

  it("withdrawn figures do not count as reported; a returned one is owed again, earliest first", () => {
    expect(suggest(monthly, [v("2024-03", "withdrawn", "2024-04-05")], "2024-05-20")).toBe("2024-01");
    expect(suggest(monthly, [v("2024-02", "returned", "2024-03-05", "2024-03-06"), v("2024-04", "approved", "2024-05-05")], "2024-05-20")).toBe("2024-02");
  });

  it("a period ended and still within its grace days is owed", () => {
    expect(suggest(monthly, [v("2024-05", "approved", "2024-06-05")], "2024-07-03")).toBe("2024-06");
  });

  it("nothing owed: the latest period that has ended; before any has ended, the open one", () => {
    expect(suggest(monthly, [v("2024-06", "approved", "2024-07-02")], "2024-07-20")).toBe("2024-06");
    expect(suggest(monthly, [], "2024-01-15")).toBe("2024-01");
  });
});
