// The goal page's entry form offers the earliest period still owed (getGoalDetail's suggestedPeriod), from the
// versions in the database: a past year with nothing reported starts at its first month, not 2024年12月.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

let t: TestDatabase;
let goals: typeof import("./goals");
let admin: Actor;
let userId = "";
const ids: Record<"empty" | "reported" | "returned", string> = { empty: "", reported: "", returned: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  goals = await import("./goals");
  const city = await t.db.region.create({ data: { name: "甲市", level: "city" } });
  const user = await t.db.user.create({ data: { id: "admin", name: "管理员", email: "admin@x.invalid", username: "admin", role: "admin", regionId: city.id } });
  userId = user.id;
  admin = await actorOf(t.db, user);
  const plan = await t.db.plan.create({ data: { regionId: city.id, region: "甲市", level: "city", year: 2024, title: "甲市2024年", sourceText: "（测试）" } });
  const goal = async (position: number) =>
    (await t.db.goal.create({ data: { planId: plan.id, position, metric: `指标${position}`, quote: "（测试）", unit: "万亩", comparator: "gte", kind: "increment", direction: "higher", accumulates: true, frequency: "monthly", targetValue: "50" } })).id;
  ids.empty = await goal(0);
  ids.reported = await goal(1);
  ids.returned = await goal(2);
  const entry = (goalId: string, period: string, state: "approved" | "returned", submitted: string) =>
    t.db.progressEntry.create({
      data: {
        goalId, period, periodEnd: new Date(`${period}-28T00:00:00Z`), version: 1, value: "10", rawInput: "10", state, submittedById: userId,
        submittedAt: new Date(`${submitted}T02:00:00Z`), reportedAt: new Date(`${submitted}T00:00:00Z`),
        ...(state === "approved" ? { countedAt: new Date(`${submitted}T02:00:00Z`) } : { reviewedAt: new Date(`${submitted}T03:00:00Z`), reviewedById: userId, reviewNote: "请核实" }),
      },
    });
  await entry(ids.reported, "2024-03", "approved", "2024-04-05");
  await entry(ids.returned, "2024-02", "returned", "2024-03-05");
  await entry(ids.returned, "2024-04", "approved", "2024-05-05");
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe("getGoalDetail suggestedPeriod", () => {
  const suggested = async (goalId: string, now: string) => {
    const r = await goals.getGoalDetail(admin, goalId, undefined, new Date(`${now}T04:00:00Z`));
    if (!r.ok) throw new Error(r.error.message);
    return r.value.suggestedPeriod;
  };

  it("a past year with nothing reported: January, not December", async () => {
    expect(await suggested(ids.empty, "2026-11-29")).toBe("2024-01");
  });

  it("the month after the latest one reported; a returned month before the rest", async () => {
    expect(await suggested(ids.reported, "2024-07-20")).toBe("2024-04");
    expect(await suggested(ids.returned, "2024-07-20")).toBe("2024-02");
  });
});
