// The review queue (ReviewQueue, kept by triggers) against its definition: after every kind of change to versions and
// goals, it holds exactly each live goal's periods' newest version where that version is pending — what the review
// page, the plan's 待审核 count and 待我处理 read — and luoshi_rebuild_review_queue() rebuilds the same rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf, createRegion } from "@/test/fixtures";
import { submitEntry, withdrawEntry } from "./entries";
import { archiveGoal } from "./goals";
import { countPendingReviews, pendingReviewListsOf, reviewVersion } from "./review";
import { getInbox } from "./duty";

let t: TestDatabase;
let admin: Actor;
let reporter: Actor;
let leader: Actor;
let planId: string;
let otherPlanId: string;
let departmentId: string;
const goals: string[] = [];

const NOW = new Date("2024-07-15T04:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const GOAL = { unit: "万亩", kind: "increment", comparator: "gte", direction: "higher", accumulates: true, frequency: "monthly", quote: "（测试）" } as const;

interface QueueRow { goalId: string; period: string; entryId: string; planId: string; submittedAt: Date; version: number }

/** The queue by its definition, from the versions themselves. */
function definition(): Promise<QueueRow[]> {
  return t.db.$queryRaw<QueueRow[]>`
    SELECT e."goalId", e."period", e."id" AS "entryId", g."planId", e."submittedAt", e."version"
    FROM "ProgressEntry" e JOIN "Goal" g ON g."id" = e."goalId"
    WHERE e."state" = 'pending' AND g."archivedAt" IS NULL
      AND NOT EXISTS (SELECT 1 FROM "ProgressEntry" n WHERE n."goalId" = e."goalId" AND n."period" = e."period" AND n."version" > e."version")
    ORDER BY 1, 2`;
}

function kept(): Promise<QueueRow[]> {
  return t.db.$queryRaw<QueueRow[]>`SELECT "goalId", "period", "entryId", "planId", "submittedAt", "version" FROM "ReviewQueue" ORDER BY 1, 2`;
}

async function expectQueueEqualsDefinition(step: string) {
  const expected = await definition();
  expect(await kept(), step).toEqual(expected);
  // What is read from it: the plans' counts and lists, oldest first, and 待我处理.
  for (const plan of [planId, otherPlanId]) {
    const mine = expected.filter((r) => r.planId === plan).sort((a, b) => +a.submittedAt - +b.submittedAt || a.version - b.version || (a.entryId < b.entryId ? -1 : 1));
    expect(must(await countPendingReviews(admin, plan)), step).toBe(mine.length);
    const lists = await pendingReviewListsOf([plan]);
    expect((lists.lists.get(plan) ?? []).map((p) => p.id), step).toEqual(mine.map((r) => r.entryId));
    const two = await pendingReviewListsOf([plan], undefined, { perPlan: 2 });
    expect((two.lists.get(plan) ?? []).map((p) => p.id), step).toEqual(mine.slice(0, 2).map((r) => r.entryId));
    expect(two.totals.get(plan) ?? 0, step).toBe(mine.length);
  }
  const inbox = must(await getInbox(admin, NOW, { reviewsPerPlan: 1 }));
  if (inbox.role !== "admin") throw new Error("admin inbox expected");
  expect(Object.fromEntries(inbox.reviews.map((r) => [r.plan.id, r.count])), step).toEqual(
    Object.fromEntries([planId, otherPlanId].map((p) => [p, expected.filter((r) => r.planId === p).length]).filter(([, n]) => n)),
  );
}

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("./users");
  const city = await createRegion(t.db, "审核市");
  const dept = await t.db.department.create({ data: { regionId: city.id, name: "市农业农村局" } });
  departmentId = dept.id;
  const users = await t.db.$transaction(async (tx) => ({
    admin: await insertUser(tx, { username: "qadmin", name: "督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: city.id }),
    reporter: await insertUser(tx, { username: "qnongye", name: "农业局", password: "luoshi-nongye-pw", role: "reporter", departmentId: dept.id }),
    leader: await insertUser(tx, { username: "qleader", name: "市长", password: "luoshi-leader-pw", role: "leader", departmentId: null, regionId: city.id }),
  }));
  leader = await actorOf(t.db, users.leader);
  admin = await actorOf(t.db, users.admin);
  reporter = await actorOf(t.db, users.reporter);
  planId = (await t.db.plan.create({ data: { regionId: city.id, region: city.name, level: "city", year: 2024, title: "审核市2024年目标任务", sourceText: "（测试）" } })).id;
  otherPlanId = (await t.db.plan.create({ data: { regionId: city.id, region: city.name, level: "city", year: 2023, title: "审核市2023年目标任务", sourceText: "（测试）" } })).id;
  for (let i = 0; i < 6; i++) {
    goals.push((await t.db.goal.create({ data: { planId, position: i, metric: `审核指标${i}`, targetValue: String(10 + i), ...GOAL, leadDepartmentId: dept.id } })).id);
  }
  goals.push((await t.db.goal.create({ data: { planId: otherPlanId, position: 0, metric: "上年指标", targetValue: "5", ...GOAL, leadDepartmentId: dept.id } })).id);
});
afterAll(() => t.drop());

describe("the review queue equals its definition", () => {
  it("after each kind of change", async () => {
    await expectQueueEqualsDefinition("empty");
    const v1 = must(await submitEntry(reporter, goals[0]!, { period: "2024-05", value: "3" }, later(1)));
    await expectQueueEqualsDefinition("submitted");
    // A newer version of the period takes the older one's place.
    const v2 = must(await submitEntry(reporter, goals[0]!, { period: "2024-05", value: "4", note: "更正" }, later(2)));
    await expectQueueEqualsDefinition("superseded");
    expect((await reviewVersion(admin, v1.version.id, { action: "approve" }, later(3))).ok, "a superseded version is not reviewed").toBe(false);
    must(await reviewVersion(admin, v2.version.id, { action: "approve" }, later(4)));
    await expectQueueEqualsDefinition("approved");
    const v3 = must(await submitEntry(reporter, goals[0]!, { period: "2024-06", value: "6" }, later(5)));
    must(await reviewVersion(admin, v3.version.id, { action: "return", reason: "请核实" }, later(6)));
    await expectQueueEqualsDefinition("returned");
    const v4 = must(await submitEntry(reporter, goals[0]!, { period: "2024-06", value: "6.5", note: "重报" }, later(7)));
    await expectQueueEqualsDefinition("resubmitted");
    must(await withdrawEntry(reporter, v4.version.id, later(8)));
    await expectQueueEqualsDefinition("withdrawn");
    for (const [n, goal] of goals.slice(1, 5).entries()) must(await submitEntry(reporter, goal, { period: "2024-06", value: String(2 + n) }, later(10 + n)));
    must(await submitEntry(reporter, goals[6]!, { period: "2023-12", value: "5" }, later(15)));
    await expectQueueEqualsDefinition("several plans");
    // An admin's own figure counts at once: the pending version it supersedes leaves the queue.
    must(await submitEntry(admin, goals[1]!, { period: "2024-06", value: "2.5", confirm: true, note: "核验" }, later(20)));
    await expectQueueEqualsDefinition("admin figure");
    must(await archiveGoal(admin, goals[2]!, later(21)));
    await expectQueueEqualsDefinition("archived");
    await t.db.goal.update({ where: { id: goals[2]! }, data: { archivedAt: null } });
    await expectQueueEqualsDefinition("restored");
    // The newest version deleted (by hand in the database): the one before it, pending, is queued again.
    const v5 = must(await submitEntry(reporter, goals[3]!, { period: "2024-06", value: "9", note: "再报" }, later(22)));
    await t.db.progressEntry.delete({ where: { id: v5.version.id } });
    await expectQueueEqualsDefinition("newest deleted");
    // A version older than the period's newest inserted by hand: the newest stays queued.
    await t.db.$executeRaw`
      INSERT INTO "ProgressEntry" ("id", "goalId", "period", "periodEnd", "version", "value", "rawInput", "state", "submittedById", "submittedAt", "reportedAt", "updatedAt")
      SELECT 'cqueueolderversion0000001', "goalId", "period", "periodEnd", 0, 1, '1', 'pending', "submittedById", now(), "reportedAt", now()
      FROM "ProgressEntry" WHERE "goalId" = ${goals[3]!} AND "period" = '2024-06' ORDER BY "version" LIMIT 1`;
    await expectQueueEqualsDefinition("older version inserted");
    await t.db.goal.delete({ where: { id: goals[4]! } });
    await expectQueueEqualsDefinition("goal deleted");
    // One lead department's list reads the same range.
    const led = await pendingReviewListsOf([planId], departmentId);
    expect((led.lists.get(planId) ?? []).length).toBe(must(await countPendingReviews(admin, planId)));
    expect((await pendingReviewListsOf([planId], "c000000000000000000000000")).lists.get(planId)).toBeUndefined();
  });

  it("is rebuilt from the versions alone", async () => {
    const before = await kept();
    expect(before.length).toBeGreaterThan(0);
    await t.db.$executeRaw`DELETE FROM "ReviewQueue"`;
    const [rebuilt] = await t.db.$queryRaw<{ n: number }[]>`SELECT "luoshi_rebuild_review_queue"() AS "n"`;
    expect(rebuilt!.n).toBe(before.length);
    expect(await kept()).toEqual(before);
  });

  it("stays exact under concurrent writers and reviewers of one period", async () => {
    const goal = goals[5]!;
    const written = await Promise.all(
      Array.from({ length: 12 }, (_, n) => submitEntry(reporter, goal, { period: "2024-06", value: String(10 + n), confirm: true, note: `并发${n}` }, later(40 + n))),
    );
    // Every reviewer tries every version: only the newest is decided, once; the others are superseded.
    const ids = written.flatMap((w) => (w.ok ? [w.value.version.id] : []));
    expect(ids.length).toBe(12);
    await Promise.all(ids.map((id, n) => reviewVersion(admin, id, n % 2 ? { action: "approve" } : { action: "return", reason: "核实" }, later(60 + n))));
    await expectQueueEqualsDefinition("concurrent");
    expect((await kept()).some((r) => r.goalId === goal)).toBe(false);
  });

  it("待我处理 on the page lists a first few plans per list and counts the rest; the API's lists every one", async () => {
    const whole = must(await getInbox(admin, NOW));
    const cut = must(await getInbox(admin, NOW, { plansShown: 1 }));
    if (whole.role !== "admin" || cut.role !== "admin") throw new Error("admin inbox expected");
    expect(whole.reviews.length).toBe(2);
    expect(whole.more).toEqual({ reviewPlans: 0, reviews: 0, overduePlans: 0, overdueGoals: 0 });
    expect(cut.reviews).toEqual(whole.reviews.slice(0, 1));
    // Every plan's count, a list for the first plansListed that have any (in the order given) only.
    const ids = whole.reviews.map((r) => r.plan.id);
    const listed = await pendingReviewListsOf([...ids].reverse(), undefined, { plansListed: 1 });
    expect([...listed.lists.keys()]).toEqual([ids[1]]);
    expect(listed.lists.get(ids[1]!)).toEqual(whole.reviews[1]!.pending);
    expect(Object.fromEntries(listed.totals)).toEqual(Object.fromEntries(whole.reviews.map((r) => [r.plan.id, r.count])));
    expect(cut.more.reviewPlans).toBe(1);
    expect(cut.more.reviews).toBe(whole.reviews[1]!.count);
    expect(cut.overdue).toEqual(whole.overdue.slice(0, 1));
    expect(cut.more.overduePlans).toBe(whole.overdue.length - cut.overdue.length);
    expect(cut.more.overdueGoals).toBe(whole.overdue.slice(1).reduce((n, o) => n + o.goals, 0));
    const leaders = must(await getInbox(leader, NOW));
    const leadersCut = must(await getInbox(leader, NOW, { plansShown: 1 }));
    if (leaders.role !== "leader" || leadersCut.role !== "leader") throw new Error("leader inbox expected");
    expect(leaders.plans.length).toBe(2);
    expect(leaders.more.plans).toBe(0);
    expect(leadersCut.plans.map((p) => p.plan.id)).toEqual([leaders.plans[0]!.plan.id]);
    expect(leadersCut.more.plans).toBe(1);
  });
});
