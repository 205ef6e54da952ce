// Plan tallies (PlanTally, decision 0019) against a full recomputation: after every kind of change, today's plan list
// and 待我处理 read once, twice and three times (counted, then kept as tallies, then read from them) equal each plan's
// board judged in full; and a tally counted on a snapshot is never taken as fresh over a change made after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf, createRegion } from "@/test/fixtures";
import { getBoard, rebuildVerdicts } from "./board";
import { submitEntry, withdrawEntry } from "./entries";
import { archiveGoal, updateGoal } from "./goals";
import { deletePlan, listPlans, updatePlanSettings } from "./plans";
import { reviewVersion } from "./review";
import { getInbox, getPlanOverdue } from "./duty";
import { Prisma } from "./generated/prisma/client";
import { forgetVerdicts, keepPlanTallies, planTallies } from "./verdicts";

let t: TestDatabase;
let admin: Actor;
let reporter: Actor;
let districtAdmin: Actor;
let planId: string;
let districtPlanId: string;
const goals: string[] = [];
let shareId: string;

const NOW = new Date("2024-07-15T04:00:00Z");
const TODAY = "2024-07-15";
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.message} ${JSON.stringify(r.error)}`);
  return r.value;
};

const GOAL = { unit: "万亩", kind: "increment", comparator: "gte", direction: "higher", accumulates: true, frequency: "monthly", quote: "（测试）" } as const;

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("./users");
  const city = await createRegion(t.db, "计数市");
  const district = await createRegion(t.db, "计数区", { parentId: city.id, level: "district" });
  const dept = await t.db.department.create({ data: { regionId: city.id, name: "市农业农村局" } });
  const other = await t.db.department.create({ data: { regionId: city.id, name: "市统计局" } });
  const users = await t.db.$transaction(async (tx) => ({
    admin: await insertUser(tx, { username: "tadmin", name: "督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: city.id }),
    reporter: await insertUser(tx, { username: "tnongye", name: "农业局", password: "luoshi-nongye-pw", role: "reporter", departmentId: dept.id }),
    districtAdmin: await insertUser(tx, { username: "tdistrict", name: "区督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: district.id }),
  }));
  admin = await actorOf(t.db, users.admin);
  reporter = await actorOf(t.db, users.reporter);
  districtAdmin = await actorOf(t.db, users.districtAdmin);
  planId = (await t.db.plan.create({ data: { regionId: city.id, region: city.name, level: "city", year: 2024, title: "计数市2024年目标任务", sourceText: "（测试）" } })).id;
  // An earlier year's plan too: the list counts it as of today as well.
  await t.db.plan.create({ data: { regionId: city.id, region: city.name, level: "city", year: 2023, title: "计数市2023年目标任务", sourceText: "（测试）" } });
  const frequencies = ["monthly", "quarterly", "monthly", "half_yearly", "annual"] as const;
  for (let i = 0; i < 10; i++) {
    goals.push((await t.db.goal.create({
      data: { planId, position: i, metric: `计数指标${i}`, targetValue: String(10 + i), ...GOAL, frequency: frequencies[i % 5]!, leadDepartmentId: i % 3 === 2 ? other.id : dept.id },
    })).id);
  }
  districtPlanId = (await t.db.plan.create({ data: { regionId: district.id, region: district.name, level: "district", year: 2024, title: "计数区2024年目标任务", sourceText: "（测试）" } })).id;
  shareId = (await t.db.goal.create({
    data: { planId: districtPlanId, position: 0, metric: "计数指标0（分解）", targetValue: "20", ...GOAL, parentGoalId: goals[0]!, shareRegionId: district.id },
  })).id;
});
afterAll(() => t.drop());

/** Every listed plan's counts against its board judged in full, and 待我处理's 未填报 against each plan's 未填报 view. */
async function expectListEqualsFull(step: string) {
  const list = must(await listPlans(admin, undefined, NOW));
  expect(list.length, step).toBe(3);
  for (const plan of list) {
    const full = must(await getBoard(admin, plan.id, {}, NOW, { recompute: true }));
    expect({ step, plan: plan.title, lights: plan.lights, goalCount: plan.goalCount }).toEqual({ step, plan: plan.title, lights: full.lights, goalCount: full.goalCount });
  }
  const inbox = must(await getInbox(admin, NOW));
  if (inbox.role !== "admin") throw new Error("admin inbox expected");
  const expected = [];
  for (const plan of list) {
    const late = must(await getPlanOverdue(admin, plan.id, TODAY, NOW));
    const goalCount = late.departments.reduce((n, d) => n + d.overdueGoals + d.returnedGoals, 0);
    if (goalCount) expected.push({ plan: plan.id, departments: late.departments.filter((d) => d.overdueGoals + d.returnedGoals > 0).length, goals: goalCount });
  }
  const byPlan = (a: { plan: string }, b: { plan: string }) => a.plan.localeCompare(b.plan);
  expect(inbox.overdue.map((o) => ({ plan: o.plan.id, departments: o.departments, goals: o.goals })).sort(byPlan), step).toEqual(expected.sort(byPlan));
  return list.map((p) => p.id);
}

/** Read three times: counted (stale goals judged and kept), counted from kept verdicts and kept as tallies, read from tallies. */
async function expectReadsEqualFull(step: string) {
  await expectListEqualsFull(`${step} (1st read)`);
  const ids = await expectListEqualsFull(`${step} (2nd read)`);
  const tallies = await planTallies(t.db, ids, TODAY);
  expect(tallies.length, step).toBe(ids.length);
  expect(tallies.filter((x) => !x.fresh).map((x) => x.planId), `${step}: tallies kept by the 2nd read`).toEqual([]);
  await expectListEqualsFull(`${step} (from tallies)`);
}

describe("plan tallies equal a full recomputation", () => {
  it("after each kind of change", async () => {
    await expectReadsEqualFull("empty");
    const v1 = must(await submitEntry(reporter, goals[0]!, { period: "2024-06", value: "30" }, later(1)));
    await expectReadsEqualFull("pending");
    must(await reviewVersion(admin, v1.version.id, { action: "approve" }, later(2)));
    await expectReadsEqualFull("approved");
    const v2 = must(await submitEntry(reporter, goals[0]!, { period: "2024-06", value: "31", note: "更正" }, later(3)));
    must(await reviewVersion(admin, v2.version.id, { action: "return", reason: "请核实" }, later(4)));
    await expectReadsEqualFull("returned");
    const v3 = must(await submitEntry(reporter, goals[1]!, { period: "2024-Q2", value: "5", confirm: true, note: "季度" }, later(5)));
    must(await withdrawEntry(reporter, v3.version.id, later(6)));
    await expectReadsEqualFull("withdrawn");
    must(await submitEntry(admin, goals[2]!, { period: "2024-06", value: "3", confirm: true, note: "核验" }, later(7)));
    await expectReadsEqualFull("admin figure");
    // A figure counted after the tallies were kept, and a board read that keeps its verdict before the list reads
    // again: no stale verdict is left behind, only the PlanTallyChange of the keep.
    must(await submitEntry(admin, goals[3]!, { period: "2024-H1", value: "4", confirm: true, note: "核验" }, later(8)));
    must(await getBoard(admin, planId, {}, NOW));
    await expectReadsEqualFull("kept by a board read");
    must(await updateGoal(admin, goals[2]!, { targetValue: "2" }));
    await expectReadsEqualFull("target changed");
    must(await archiveGoal(admin, goals[6]!, later(30)));
    await expectReadsEqualFull("archived");
    // A goal added and another archived in one step: the number of live goals is unchanged.
    goals.push((await t.db.goal.create({ data: { planId, position: 99, metric: "新增指标", targetValue: "1", ...GOAL } })).id);
    must(await archiveGoal(admin, goals[7]!, later(31)));
    await expectReadsEqualFull("added and archived");
    await t.db.goal.update({ where: { id: goals[6]! }, data: { archivedAt: null } });
    await expectReadsEqualFull("restored");
    await t.db.goal.delete({ where: { id: goals.pop()! } });
    await expectReadsEqualFull("deleted");
    must(await updatePlanSettings(admin, planId, { graceDays: 0, marginBehind: "0.05", marginFarBehind: "0.1" }));
    await expectReadsEqualFull("settings");
    must(await submitEntry(districtAdmin, shareId, { period: "2024-06", value: "12", confirm: true, note: "区" }, later(40)));
    await expectReadsEqualFull("share figure");
    await t.db.region.update({ where: { id: districtAdmin.scope.regionId! }, data: { name: "计数新区" } });
    await expectReadsEqualFull("renamed");
    await forgetVerdicts();
    await expectReadsEqualFull("forgotten");
    await rebuildVerdicts(NOW);
    await expectReadsEqualFull("rebuilt");
    // Another day: every tally is of yesterday.
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    expect((await planTallies(t.db, [planId], "2024-07-16"))[0]!.fresh).toBe(false);
    const list = must(await listPlans(admin, undefined, tomorrow));
    const full = must(await getBoard(admin, planId, {}, tomorrow, { recompute: true }));
    expect(list.find((p) => p.id === planId)!.lights).toEqual(full.lights);
  });

  it("a tally is kept up by the verdicts kept since (decision 0021), never written over from an older snapshot", async () => {
    await expectReadsEqualFull("before the race");
    // Counted on a snapshot …
    const [seen] = await t.db.$transaction((tx) => planTallies(tx, [planId], TODAY), { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead });
    expect(seen!.fresh).toBe(true);
    // … a figure written while a keeper holds the tally's row clears the verdict and leaves it so (the writer takes
    // that lock only if free, migration verdict_kept_at_write): the tally is usable, not fresh, and the list reads it
    // less the cleared verdict plus its judgement now …
    await t.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "PlanTally" WHERE "planId" = ${planId} FOR UPDATE`;
      must(await submitEntry(admin, goals[5]!, { period: "2024-06", value: "99", confirm: true, note: "之后" }, later(51)));
    });
    expect((await t.db.goalVerdict.findUniqueOrThrow({ where: { goalId: goals[5]! } })).day).toBeNull();
    const [cleared] = await planTallies(t.db, [planId], TODAY);
    expect({ usable: cleared!.usable, fresh: cleared!.fresh, version: cleared!.version }).toEqual({ usable: true, fresh: false, version: seen!.version });
    await expectListEqualsFull("one verdict cleared");
    // … which kept the verdict again: its change reached the tally (fresh, its version moved), with no recount left.
    const [kept] = await planTallies(t.db, [planId], TODAY);
    expect(kept!.fresh).toBe(true);
    expect(kept!.version!).toBeGreaterThan(seen!.version!);
    expect(await t.db.planTallyChange.count({ where: { planId } })).toBe(0);
    // The older count offered for keeping is refused: the tally moved on since.
    expect(await keepPlanTallies([{ planId, epoch: (await t.db.plan.findUniqueOrThrow({ where: { id: planId } })).verdictEpoch, seen: seen!, lights: seen!.lights, dutyGoals: seen!.dutyGoals, dutyDepartments: seen!.dutyDepartments }], TODAY)).toBe(0);
    await expectReadsEqualFull("after the race");
    // A fresh tally whose 未填报 departments are unknown (a kept change of 未填报 marks them -1) is counted on the next
    // read and kept known, not counted again by every read.
    await t.db.$executeRaw`UPDATE "PlanTally" SET "dutyDepartments" = -1, "version" = "version" + 1 WHERE "planId" = ${planId}`;
    await expectListEqualsFull("departments unknown");
    const [known] = await planTallies(t.db, [planId], TODAY);
    expect({ fresh: known!.fresh, known: known!.dutyDepartments >= 0 }).toEqual({ fresh: true, known: true });
    // Figures, reviews and a withdrawal one after another, each read at once: every read equals the full recount.
    const v = must(await submitEntry(reporter, goals[0]!, { period: "2024-05", value: "1", confirm: true, note: "连报" }, later(52)));
    await expectListEqualsFull("pending");
    must(await reviewVersion(admin, v.version.id, { action: "return", reason: "请核实" }, later(53)));
    await expectListEqualsFull("returned");
    const w = must(await submitEntry(reporter, goals[0]!, { period: "2024-05", value: "2", confirm: true, note: "重报" }, later(54)));
    must(await withdrawEntry(reporter, w.version.id, later(55)));
    await expectListEqualsFull("withdrawn");
    must(await submitEntry(admin, goals[9]!, { period: "2024", value: "1", confirm: true, note: "核验" }, later(56)));
    await expectReadsEqualFull("admin figure");
    // A tally written by another reader since a snapshot is not written over from it.
    const [old] = await planTallies(t.db, [planId], TODAY);
    await expectListEqualsFull("another reader");
    const epoch = (await t.db.plan.findUniqueOrThrow({ where: { id: planId } })).verdictEpoch;
    await t.db.planTally.update({ where: { planId }, data: { version: { increment: 1 } } });
    expect(await keepPlanTallies([{ planId, epoch, seen: old!, lights: { green: 0, yellow: 0, red: 0, grey: 0, none: 0 }, dutyGoals: 0, dutyDepartments: 0 }], TODAY)).toBe(0);
    await expectListEqualsFull("not written over");
  });

  it("lists one year's plans when asked, every readable plan by default", async () => {
    const all = must(await listPlans(admin, undefined, NOW));
    expect(all.map((p) => p.year)).toEqual([2024, 2024, 2023]);
    const of2023 = must(await listPlans(admin, undefined, NOW, { year: 2023 }));
    expect(of2023.map((p) => p.title)).toEqual(["计数市2023年目标任务"]);
    expect(of2023[0]).toEqual(all.find((p) => p.year === 2023));
    expect(must(await listPlans(admin, undefined, NOW, { year: 2019 }))).toEqual([]);
    // The district's office reads its own plan only, in any year.
    expect(must(await listPlans(districtAdmin, undefined, NOW, { year: 2024 })).map((p) => p.id)).toEqual([districtPlanId]);
  });

  it("a plan with a tally and changes is deleted with them", async () => {
    const region = await t.db.region.findFirstOrThrow({ where: { name: "计数市" } });
    const doomed = await t.db.plan.create({ data: { regionId: region.id, region: region.name, level: "city", year: 2022, title: "计数市2022年目标任务", sourceText: "（测试）" } });
    await t.db.goal.create({ data: { planId: doomed.id, position: 0, metric: "待删指标", targetValue: "1", ...GOAL } });
    must(await listPlans(admin, undefined, NOW));
    must(await listPlans(admin, undefined, NOW));
    expect(await t.db.planTally.count({ where: { planId: doomed.id } })).toBe(1);
    must(await deletePlan(admin, doomed.id));
    expect(await t.db.planTally.count({ where: { planId: doomed.id } })).toBe(0);
    expect(await t.db.planTallyChange.count({ where: { planId: doomed.id } })).toBe(0);
    await expectReadsEqualFull("plan deleted");
  });

  it("concurrent writers and readers leave the plan list equal to a full recomputation", async () => {
    const writes = Array.from({ length: 16 }, async (_, n) => {
      const goal = goals[[0, 2, 5, 8][n % 4]!]!;
      const written = await submitEntry(reporter, goal, { period: "2024-06", value: String(n + 1), confirm: true, note: `并发${n}` }, later(60 + n));
      if (written.ok && n % 3) await reviewVersion(admin, written.value.version.id, { action: "approve" }, later(61 + n));
    });
    const reads = Array.from({ length: 12 }, (_, n) => (n % 3 ? listPlans(admin, undefined, NOW) : getBoard(admin, planId, {}, NOW)));
    await Promise.all([...writes, ...reads]);
    await expectReadsEqualFull("concurrent");
  });
});
