// The refresher judges and keeps what writes staled, so the next board read finds every verdict fresh — and equal to
// a full recomputation; with nothing stale it does nothing, and two at once do the work once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

let t: TestDatabase;
const who = {} as Record<"admin" | "reporter", Actor>;
const ids = { plan: "", goals: [] as string[] };

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await t.db.region.create({ data: { name: "刷新市", level: "city" } });
  const farming = await t.db.department.create({ data: { regionId: region.id, name: "市农业农村局" } });
  const user = (id: string, role: "admin" | "reporter", extra: object) => t.db.user.create({ data: { id, name: id, email: `${id}@x.invalid`, username: id, role, ...extra } });
  who.admin = await actorOf(t.db, await user("rf_admin", "admin", { regionId: region.id }));
  who.reporter = await actorOf(t.db, await user("rf_rep", "reporter", { departmentId: farming.id, regionId: region.id }));
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
  ids.plan = (await t.db.plan.create({ data: { regionId: region.id, region: "刷新市", level: "city", year, title: `${year}年报告`, sourceText: "…", requiresReview: false } })).id;
  for (let i = 0; i < 3; i++) {
    const goal = await t.db.goal.create({
      data: {
        planId: ids.plan, position: i, metric: `指标${i}`, targetValue: "100", unit: "万亩", comparator: "gte", kind: "increment",
        direction: "higher", accumulates: true, frequency: "annual", quote: "…", leadDepartmentId: farming.id,
      },
    });
    ids.goals.push(goal.id);
  }
});

afterAll(async () => {
  await t?.drop();
});

describe("the verdict refresher", () => {
  it("keeps what writes staled, equal to a full recomputation; nothing stale, nothing done", async () => {
    const { refreshVerdictsOnce } = await import("./verdict-refresher");
    const { getBoard } = await import("./board");
    const { submitEntry } = await import("./entries");
    expect((await getBoard(who.admin, ids.plan, {})).ok).toBe(true); // judged and kept once
    // Kept with no tally to add them to: the refresher counts the plan into one, and then has nothing to do.
    expect(await refreshVerdictsOnce()).toBe("refreshed");
    expect(await t.db.planTally.count({ where: { planId: ids.plan } })).toBe(1);
    expect(await refreshVerdictsOnce()).toBe("fresh");
    // A write keeps its goal's verdict itself, but a change of light only with the plan's tally to add it to
    // (luoshi_keep_verdict_before_write): without one, these two are left stale.
    await t.db.planTally.deleteMany({ where: { planId: ids.plan } });
    const year = (await t.db.plan.findUniqueOrThrow({ where: { id: ids.plan } })).year;
    for (const [i, goalId] of ids.goals.slice(0, 2).entries()) {
      const written = await submitEntry(who.reporter, goalId, { period: String(year), value: String(60 + i * 50), confirm: true });
      expect(written.ok).toBe(true);
    }
    const staleBefore = await t.db.goalVerdict.count({ where: { planId: ids.plan, day: null } });
    expect(staleBefore).toBe(2);
    // Two instances at once: one refreshes, the other finds it busy (or, if it came second, nothing left).
    const outcomes = await Promise.all([refreshVerdictsOnce(), refreshVerdictsOnce()]);
    expect(outcomes).toContain("refreshed");
    expect(await t.db.goalVerdict.count({ where: { planId: ids.plan, day: null } })).toBe(0);
    // Their verdicts kept with no tally to go to: the next round counts the plan into one.
    expect(await refreshVerdictsOnce()).toBe("refreshed");
    expect(await refreshVerdictsOnce()).toBe("fresh");
    // What the board shows from kept verdicts equals the full judgement (含待审核 is always judged in full).
    const kept = await getBoard(who.admin, ids.plan, {});
    const full = await getBoard(who.admin, ids.plan, { includePending: true });
    if (!kept.ok || !full.ok) throw new Error("board");
    expect(kept.value.rows.map((r) => [r.goalId, r.judgement])).toEqual(full.value.rows.map((r) => [r.goalId, r.judgement]));
    expect(kept.value.lights).toEqual(full.value.lights);
  });

  it("counts a tally whose 未填报 departments a kept change left unknown, so that no reader has to", async () => {
    const { refreshVerdictsOnce } = await import("./verdict-refresher");
    const { planTodayCounts } = await import("./board");
    const { todayInShanghai } = await import("@/lib/domain/periods");
    const day = todayInShanghai(new Date());
    const counts = (await planTodayCounts([ids.plan], day)).get(ids.plan)!;
    expect(await refreshVerdictsOnce()).toBe("fresh");
    const tally = await t.db.planTally.findFirstOrThrow({ where: { planId: ids.plan } });
    expect(tally.dutyDepartments).toBe(counts.dutyDepartments);
    // As luoshi_tally_change leaves it after a kept change of 未填报 (migration tally_deltas).
    await t.db.planTally.updateMany({ where: { planId: ids.plan }, data: { dutyDepartments: -1 } });
    expect(await refreshVerdictsOnce()).toBe("refreshed");
    const after = await t.db.planTally.findFirstOrThrow({ where: { planId: ids.plan } });
    expect(after.dutyDepartments).toBe(counts.dutyDepartments);
    expect(await refreshVerdictsOnce()).toBe("fresh");
    // A tally of another day is the next reader's to count in full, not the refresher's.
    await t.db.planTally.updateMany({ where: { planId: ids.plan }, data: { dutyDepartments: -1, day: new Date("2020-01-01T00:00:00Z") } });
    expect(await refreshVerdictsOnce()).toBe("fresh");
  });

  it("gives up keeping a verdict another transaction holds, rather than wait on it (lock_timeout), and keeps it later", async () => {
    const pg = (await import("pg")).default;
    const { refreshVerdictsOnce } = await import("./verdict-refresher");
    const { submitEntry } = await import("./entries");
    const year = (await t.db.plan.findUniqueOrThrow({ where: { id: ids.plan } })).year;
    await t.db.planTally.deleteMany({ where: { planId: ids.plan } });
    expect((await submitEntry(who.reporter, ids.goals[0]!, { period: String(year), value: "120", confirm: true })).ok).toBe(true);
    expect(await t.db.goalVerdict.count({ where: { goalId: ids.goals[0]!, day: null } })).toBe(1); // its light changed
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "GoalVerdict" WHERE "goalId" = $1 FOR UPDATE`, [ids.goals[0]]);
      const round = await Promise.race([refreshVerdictsOnce(), new Promise((resolve) => setTimeout(() => resolve("waited"), 5_000))]);
      expect(round).toBe("refreshed");
      expect(await t.db.goalVerdict.count({ where: { goalId: ids.goals[0]!, day: null } })).toBe(1);
    } finally {
      await other.query("ROLLBACK");
      await other.end();
    }
    expect(await refreshVerdictsOnce()).toBe("refreshed");
    expect(await t.db.goalVerdict.count({ where: { goalId: ids.goals[0]!, day: null } })).toBe(0);
  });

  it("gives a plan whose kept verdicts had no tally of today to go to its tally, and clears their change rows", async () => {
    const { refreshVerdictsOnce } = await import("./verdict-refresher");
    const { planTodayCounts } = await import("./board");
    const { submitEntry } = await import("./entries");
    const { todayInShanghai } = await import("@/lib/domain/periods");
    const day = todayInShanghai(new Date());
    await t.db.planTally.deleteMany({ where: { planId: ids.plan } });
    const year = (await t.db.plan.findUniqueOrThrow({ where: { id: ids.plan } })).year;
    expect((await submitEntry(who.reporter, ids.goals[2]!, { period: String(year), value: "70", confirm: true })).ok).toBe(true);
    // The round that judges the written goal keeps its verdict: with no tally to add it to, that leaves a change row.
    expect(await refreshVerdictsOnce()).toBe("refreshed");
    expect(await t.db.planTallyChange.count({ where: { planId: ids.plan } })).toBeGreaterThan(0);
    // The next round counts the plan from its kept verdicts alone and keeps the count as its tally.
    expect(await refreshVerdictsOnce()).toBe("refreshed");
    expect(await t.db.planTallyChange.count({ where: { planId: ids.plan } })).toBe(0);
    const tally = await t.db.planTally.findFirstOrThrow({ where: { planId: ids.plan } });
    expect(tally.day.toISOString().slice(0, 10)).toBe(day);
    const counts = (await planTodayCounts([ids.plan], day)).get(ids.plan)!;
    expect({ green: tally.green, yellow: tally.yellow, red: tally.red, grey: tally.grey, none: tally.none }).toEqual(counts.lights);
    expect(await refreshVerdictsOnce()).toBe("fresh");
  });
});
