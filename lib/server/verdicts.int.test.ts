// Kept verdicts (GoalVerdict, decision 0018) against a full recomputation: after every kind of change — figures
// submitted, approved, returned, withdrawn and corrected, goals edited and archived, plan settings, shares and
// their figures, names — today's board and plan list read from kept verdicts equal the board judged in full. And
// the race the stamps exist for: a verdict judged on a snapshot is not kept over a change committed after it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf, createRegion } from "@/test/fixtures";
import { getBoard, judgeStale, planForBoard, rebuildVerdicts, type BoardFilters } from "./board";
import { submitEntry, withdrawEntry } from "./entries";
import { archiveGoal, updateGoal } from "./goals";
import { listPlans, updatePlanSettings } from "./plans";
import { reviewVersion } from "./review";
import { getInbox, getPlanOverdue } from "./duty";
import { Prisma } from "./generated/prisma/client";
import { forgetVerdicts, keepVerdicts } from "./verdicts";

let t: TestDatabase;
let admin: Actor;
let reporter: Actor;
let districtAdmin: Actor;
let planId: string;
let districtPlanId: string;
let sectionId: string;
let departmentId: string;
const goals: string[] = [];
let parentId: string;
let shareId: string;

// Today, for every call: the kept path is taken when the board is asked for today.
const NOW = new Date("2024-07-15T04:00:00Z");
const TODAY = "2024-07-15";
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("./users");
  const city = await createRegion(t.db, "核验市");
  const district = await createRegion(t.db, "核验区", { parentId: city.id, level: "district" });
  const dept = await t.db.department.create({ data: { regionId: city.id, name: "市农业农村局" } });
  const other = await t.db.department.create({ data: { regionId: city.id, name: "市统计局" } });
  departmentId = dept.id;
  const users = await t.db.$transaction(async (tx) => ({
    admin: await insertUser(tx, { username: "vadmin", name: "督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: city.id }),
    reporter: await insertUser(tx, { username: "vnongye", name: "农业局", password: "luoshi-nongye-pw", role: "reporter", departmentId: dept.id }),
    districtAdmin: await insertUser(tx, { username: "vdistrict", name: "区督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: district.id }),
  }));
  admin = await actorOf(t.db, users.admin);
  reporter = await actorOf(t.db, users.reporter);
  districtAdmin = await actorOf(t.db, users.districtAdmin);
  const plan = await t.db.plan.create({ data: { regionId: city.id, region: city.name, level: "city", year: 2024, title: "核验市2024年目标任务", sourceText: "（测试）" } });
  planId = plan.id;
  const top = await t.db.section.create({ data: { planId, position: 0, title: "一、稳增长", part: "plan", start: 0, end: 1 } });
  const sub = await t.db.section.create({ data: { planId, position: 1, title: "（一）农业", part: "plan", parentId: top.id, start: 0, end: 1 } });
  const rest = await t.db.section.create({ data: { planId, position: 2, title: "二、惠民生", part: "plan", start: 1, end: 2 } });
  sectionId = top.id;
  const kinds = [
    { unit: "万亩", kind: "increment", comparator: "gte", direction: "higher", accumulates: true, frequency: "monthly" },
    { unit: "%", kind: "growth", comparator: "gte", direction: "higher", accumulates: false, frequency: "quarterly" },
    { unit: "%", kind: "level", comparator: "lte", direction: "lower", accumulates: false, frequency: "monthly" },
    { unit: "个", kind: "increment", comparator: "approx", direction: "higher", accumulates: true, frequency: "half_yearly" },
    { unit: "亿元", kind: "level", comparator: "gte", direction: "higher", accumulates: true, frequency: "annual" },
  ] as const;
  for (let i = 0; i < 15; i++) {
    const k = kinds[i % kinds.length]!;
    const goal = await t.db.goal.create({
      data: {
        planId, position: i, metric: `核验指标${i}`, targetValue: String(10 + i), quote: "（测试）", ...k,
        sectionId: [sub.id, rest.id, top.id][i % 3], leadDepartmentId: i % 4 === 3 ? other.id : dept.id,
      },
    });
    goals.push(goal.id);
  }
  // 目标分解: goal 0 split to the district, whose share lives in the district's plan.
  parentId = goals[0]!;
  const districtPlan = await t.db.plan.create({ data: { regionId: district.id, region: district.name, level: "district", year: 2024, title: "核验区2024年目标任务", sourceText: "（测试）" } });
  districtPlanId = districtPlan.id;
  shareId = (await t.db.goal.create({
    data: {
      planId: districtPlan.id, position: 0, metric: "核验指标0（分解）", targetValue: "20", unit: "万亩", kind: "increment", comparator: "gte",
      direction: "higher", accumulates: true, frequency: "monthly", quote: "（分解）", parentGoalId: parentId, shareRegionId: district.id,
    },
  })).id;
});
afterAll(() => t.drop());

const FILTERS: BoardFilters[] = [{}, { status: "red" }, { status: "overdue" }, { status: "green" }, { department: "" }, { section: "" }];

/** Today's board from kept verdicts equals the board judged in full, for each filter and a page; so does the plan list. */
async function expectKeptEqualsFull(step: string) {
  for (const base of FILTERS) {
    const filters = { ...base, ...("department" in base ? { department: departmentId } : {}), ...("section" in base ? { section: sectionId } : {}) };
    for (const view of [{}, { page: { offset: 3, limit: 5 } }]) {
      const kept = await getBoard(admin, planId, filters, NOW, view);
      const full = await getBoard(admin, planId, filters, NOW, { ...view, recompute: true });
      expect(kept.ok && full.ok, step).toBe(true);
      if (!kept.ok || !full.ok) return;
      expect(kept.value, `${step} ${JSON.stringify(filters)} ${JSON.stringify(view)}`).toEqual(full.value);
    }
  }
  const list = await listPlans(admin, undefined, NOW);
  if (!list.ok) throw new Error(list.error.message);
  for (const plan of list.value) {
    const full = await getBoard(admin, plan.id, {}, NOW, { recompute: true });
    if (!full.ok) throw new Error(full.error.message);
    expect({ step, plan: plan.title, lights: plan.lights, goalCount: plan.goalCount }).toEqual({ step, plan: plan.title, lights: full.value.lights, goalCount: full.value.goalCount });
  }
  // 待我处理's 未填报 counts (kept) against the 未填报 view of each plan (judged from every version).
  const inbox = must(await getInbox(admin, NOW));
  if (inbox.role !== "admin") throw new Error("admin inbox expected");
  const expected = [];
  for (const plan of list.value) {
    const late = must(await getPlanOverdue(admin, plan.id, TODAY, NOW));
    const goals = late.departments.reduce((n, d) => n + d.overdueGoals + d.returnedGoals, 0);
    if (goals) expected.push({ plan: plan.id, departments: late.departments.filter((d) => d.overdueGoals + d.returnedGoals > 0).length, goals });
  }
  expect(inbox.overdue.map((o) => ({ plan: o.plan.id, departments: o.departments, goals: o.goals })).sort((a, b) => a.plan.localeCompare(b.plan)), step).toEqual(
    expected.sort((a, b) => a.plan.localeCompare(b.plan)),
  );
}

const must = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe("kept verdicts equal a full recomputation", () => {
  it("after each kind of change", async () => {
    await expectKeptEqualsFull("empty");
    // Figures: a reporter's pending version (not counted), approved, corrected, returned, withdrawn; an admin's (counted at once).
    const v1 = must(await submitEntry(reporter, goals[0]!, { period: "2024-06", value: "30" }, later(1)));
    await expectKeptEqualsFull("pending");
    must(await reviewVersion(admin, v1.version.id, { action: "approve" }, later(2)));
    await expectKeptEqualsFull("approved");
    const v2 = must(await submitEntry(reporter, goals[0]!, { period: "2024-06", value: "31", note: "更正" }, later(3)));
    must(await reviewVersion(admin, v2.version.id, { action: "return", reason: "请核实" }, later(4)));
    await expectKeptEqualsFull("returned");
    const v3 = must(await submitEntry(reporter, goals[1]!, { period: "2024-Q2", value: "5", confirm: true, note: "季度" }, later(5)));
    must(await withdrawEntry(reporter, v3.version.id, later(6)));
    await expectKeptEqualsFull("withdrawn");
    for (const [i, value] of [[2, "3"], [4, "2"], [5, "1"], [8, "9"], [9, "20"], [13, "4"]] as const) {
      const period = ["2024-06", "2024-Q2", "2024-06", "2024-H1", "2024"][i % 5]!;
      if (period === "2024") continue; // an annual goal cannot report before the year ends
      must(await submitEntry(admin, goals[i]!, { period, value, confirm: true, note: "核验" }, later(7 + i)));
    }
    await expectKeptEqualsFull("admin figures");
    // The goal itself: a target changed, a goal archived.
    must(await updateGoal(admin, goals[2]!, { targetValue: "2" }));
    await expectKeptEqualsFull("target changed");
    must(await archiveGoal(admin, goals[6]!, later(30)));
    await expectKeptEqualsFull("archived");
    // The plan's settings: no figure changes, every verdict may.
    must(await updatePlanSettings(admin, planId, { graceDays: 0, marginBehind: "0.05", marginFarBehind: "0.1" }));
    await expectKeptEqualsFull("settings");
    // A share's figure rolls up into its parent (another plan's change).
    must(await submitEntry(districtAdmin, shareId, { period: "2024-06", value: "12", confirm: true, note: "区" }, later(40)));
    await expectKeptEqualsFull("share figure");
    // Names shown in the share list.
    await t.db.region.update({ where: { id: districtAdmin.scope.regionId! }, data: { name: "核验新区" } });
    await t.db.plan.update({ where: { id: districtPlanId }, data: { title: "核验新区2024年目标任务" } });
    await expectKeptEqualsFull("renamed");
    // A new goal has no kept verdict yet.
    goals.push((await t.db.goal.create({ data: { planId, position: 99, metric: "新增指标", targetValue: "1", unit: "个", kind: "increment", comparator: "gte", direction: "higher", accumulates: true, frequency: "monthly", quote: "（测试）" } })).id);
    await expectKeptEqualsFull("new goal");
    // Another day: everything kept for yesterday is stale.
    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    const kept = must(await getBoard(admin, planId, {}, tomorrow));
    const full = must(await getBoard(admin, planId, {}, tomorrow, { recompute: true }));
    expect(kept).toEqual(full);
  });

  it("a verdict judged before a change is not kept over it", async () => {
    const plan = await t.db.plan.findUniqueOrThrow({ where: { id: planId }, select: planForBoard });
    await forgetVerdicts();
    // Judge on a snapshot …
    const judged = await t.db.$transaction((tx) => judgeStale(tx, [plan], TODAY), { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead });
    expect(judged.length).toBeGreaterThan(10);
    // … a figure is counted after it …
    must(await submitEntry(admin, goals[5]!, { period: "2024-06", value: "99", confirm: true, note: "之后" }, later(50)));
    // … which keeps that goal's verdict itself (migration verdict_kept_at_write) …
    const written = await t.db.goalVerdict.findUniqueOrThrow({ where: { goalId: goals[5]! } });
    expect(written.day).toEqual(new Date(`${TODAY}T00:00:00Z`));
    expect((written.judgement as { latest: { value: string } | null }).latest?.value).toBe("99");
    // … and the older verdicts are offered for keeping: all but that goal's are kept, its own stays the write's.
    await keepVerdicts(judged, TODAY);
    expect(await t.db.goalVerdict.findUniqueOrThrow({ where: { goalId: goals[5]! } })).toEqual(written);
    const fresh = await t.db.goalVerdict.count({ where: { day: new Date(`${TODAY}T00:00:00Z`), goalId: { in: goals } } });
    expect(fresh).toBe(judged.filter((j) => goals.includes(j.goalId)).length);
    await expectKeptEqualsFull("after the race");
  });

  it("concurrent writers and readers leave kept verdicts equal to a full recomputation", async () => {
    const writes = Array.from({ length: 24 }, async (_, n) => {
      const goal = goals[[0, 2, 3, 5, 8, 11][n % 6]!]!;
      const period = (await t.db.goal.findUniqueOrThrow({ where: { id: goal } })).frequency === "monthly" ? "2024-06" : n % 2 ? "2024-Q2" : "2024-H1";
      const written = await submitEntry(reporter, goal, { period, value: String(n + 1), confirm: true, note: `并发${n}` }, later(60 + n));
      if (written.ok && n % 3) await reviewVersion(admin, written.value.version.id, { action: "approve" }, later(61 + n));
    });
    const reads = Array.from({ length: 12 }, (_, n) => (n % 2 ? getBoard(admin, planId, {}, NOW) : listPlans(admin, undefined, NOW)));
    await Promise.all([...writes, ...reads]);
    await expectKeptEqualsFull("concurrent");
  });

  it("a figure's write and a review keep the goal's verdict (decision 0022), unless something changed the verdict since it was read", async () => {
    await expectKeptEqualsFull("before");
    const day = new Date(`${TODAY}T00:00:00Z`);
    const verdictOf = (goalId: string) => t.db.goalVerdict.findUniqueOrThrow({ where: { goalId } });
    // Counted at once (an admin's figure), pending (a reporter's), with 未填报 changing: each kept by its write.
    for (const [who, goal, value] of [[admin, goals[2]!, "7"], [reporter, goals[10]!, "3"], [admin, goals[9]!, "12"]] as const) {
      const before = await verdictOf(goal);
      const frequency = (await t.db.goal.findUniqueOrThrow({ where: { id: goal } })).frequency;
      const period = frequency === "monthly" ? "2024-06" : frequency === "quarterly" ? "2024-Q2" : frequency === "half_yearly" ? "2024-H1" : "2024";
      must(await submitEntry(who, goal, { period, value, confirm: true, note: "写时保存" }, later(200)));
      const after = await verdictOf(goal);
      expect({ day: after.day, stamp: after.stamp }).toEqual({ day, stamp: before.stamp + 1 });
      await expectKeptEqualsFull(`kept by the write of ${goal}`);
    }
    // 审核 and 退回 keep it too, judged on the versions as the review leaves them.
    for (const [goal, decision] of [[goals[10]!, { action: "approve" }], [goals[12]!, { action: "return", reason: "请核实" }]] as const) {
      const pending = must(await submitEntry(reporter, goal, { period: "2024-06", value: "2", confirm: true, note: "待审" }, later(210)));
      const before = await verdictOf(goal);
      must(await reviewVersion(admin, pending.version.id, decision, later(211)));
      const after = await verdictOf(goal);
      expect({ day: after.day, stamp: after.stamp }).toEqual({ day, stamp: before.stamp + 1 });
      await expectKeptEqualsFull(`kept by the ${decision.action} of ${goal}`);
    }
    // A share's figure: the share's verdict kept by the write, its parent's (judged on its shares) left to readers.
    must(await submitEntry(districtAdmin, shareId, { period: "2024-06", value: "4", confirm: true, note: "分解" }, later(201)));
    expect((await verdictOf(shareId)).day).toEqual(day);
    expect((await verdictOf(parentId)).day).toBeNull();
    await expectKeptEqualsFull("a share written");
    // The write as luoshi_write_version sees it when the verdict changed between the writer's read and its write
    // (its stamp read one change ago): the version is written, the verdict offered is not kept but cleared.
    const goal = goals[4]!;
    const seen = (await verdictOf(goal)).stamp - 1;
    const [fingerprinted] = await t.db.$queryRaw<{ f: string }[]>`SELECT "luoshi_versions_fingerprint"(${goal}) AS "f"`;
    const epoch = (await t.db.plan.findUniqueOrThrow({ where: { id: planId } })).verdictEpoch;
    const [call] = await t.db.$queryRaw<{ written: boolean }[]>`
      SELECT "luoshi_write_version"(${fingerprinted!.f}, 'cstalestampversion000001', ${goal}, '2024', '2024-12-31'::date, 1, 1::numeric, '1', NULL,
        'approved', ${admin.userId}, ${later(202)}::timestamp, ${TODAY}::date, ${later(202)}::timestamp, NULL, NULL, NULL, NULL, ${later(202)}::timestamp,
        'cstalestampaudit00000001', ${admin.userId}, NULL, '{}'::jsonb, ${later(202)}::timestamp,
        ${seen}::int, ${TODAY}::date, ${epoch}::int, 'met', 'green', true, '{}'::jsonb, 'approved', false, false, NULL) AS "written"`;
    expect(call!.written).toBe(true);
    expect((await verdictOf(goal)).day).toBeNull();
    await expectKeptEqualsFull("a verdict changed since it was read");
  });

  it("npm run verdicts:rebuild keeps every plan's verdicts afresh", async () => {
    await forgetVerdicts();
    const rebuilt = await rebuildVerdicts(NOW);
    expect(rebuilt.goals).toBe(await t.db.goal.count({ where: { archivedAt: null, plan: { archivedAt: null } } }));
    expect(await t.db.goalVerdict.count({ where: { day: new Date(`${TODAY}T00:00:00Z`) } })).toBe(rebuilt.goals);
    await expectKeptEqualsFull("rebuilt");
  });
});
