// The goal page's 原文 in context: the goal's quote found in its plan's report (stored offsets, or the quote again),
// readable by whoever may read the plan; 404 for a goal of a region the caller may not see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

let t: TestDatabase;
let source: typeof import("./goal-source");
const ids: Record<string, string> = {};
const actors = {} as Record<"admin" | "outsider", Actor>;

const TEXT = "一、2024年工作安排\n今年全市地区生产总值增长6%左右，粮食产量稳定在300万吨以上。其他工作。\n";

beforeAll(async () => {
  t = await createTestDatabase();
  source = await import("./goal-source");
  const city = await t.db.region.create({ data: { name: "甲市", level: "city" } });
  const other = await t.db.region.create({ data: { name: "乙市", level: "city" } });
  const user = (id: string, regionId: string) => t.db.user.create({ data: { id, name: id, email: `${id}@x.invalid`, username: id, role: "admin", regionId } });
  actors.admin = await actorOf(t.db, await user("admin", city.id));
  actors.outsider = await actorOf(t.db, await user("outsider", other.id));
  const plan = await t.db.plan.create({ data: { regionId: city.id, region: "甲市", level: "city", year: 2024, title: "甲市2024年", sourceText: TEXT } });
  const quote = "地区生产总值增长6%左右";
  const start = TEXT.indexOf(quote);
  const goal = (metric: string, q: string, s: number | null) =>
    t.db.goal.create({ data: { planId: plan.id, position: 0, metric, quote: q, sourceStart: s, sourceEnd: s === null ? null : s + q.length, unit: "%", comparator: "approx", kind: "growth", direction: "higher", accumulates: false, frequency: "quarterly", targetValue: "6" } });
  ids.gdp = (await goal("地区生产总值", quote, start)).id;
  ids.moved = (await goal("粮食产量", "粮食产量稳定在300万吨以上", 2)).id;
  ids.missing = (await goal("其他", "文中没有的话", null)).id;
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe("getGoalSource", () => {
  it("gives the quote at its offsets inside its sentence", async () => {
    const r = await source.getGoalSource(actors.admin, ids.gdp!);
    expect(r).toMatchObject({ ok: true, value: { before: "今年全市", quote: "地区生产总值增长6%左右", after: "，粮食产量稳定在300万吨以上。" } });
  });

  it("finds the quote again when the offsets are stale, and gives null when it is not in the text", async () => {
    expect(await source.getGoalSource(actors.admin, ids.moved!)).toMatchObject({ ok: true, value: { quote: "粮食产量稳定在300万吨以上" } });
    expect(await source.getGoalSource(actors.admin, ids.missing!)).toEqual({ ok: true, value: null });
  });

  it("answers 404 to a caller of another region and 401 to nobody", async () => {
    expect(await source.getGoalSource(actors.outsider, ids.gdp!)).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await source.getGoalSource(null, ids.gdp!)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
  });
});
