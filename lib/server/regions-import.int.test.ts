// Issue 7's bar: importing a second city's report creates that city's own departments, and no user of the first
// city gains access. Two sibling cities (牡丹江市 and 鸡西市 under 黑龙江省), each with its office; each office imports
// a report for its own city through createPlanFromText; then every role of the first city is turned away from the
// second city's plan and goals (reads outside scope: not found; writes: forbidden or not found — DOMAIN.md
// "Governments and departments", issue 7 "Scoped permissions").
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorFromUserRow } from "./actor";
import { getBoard } from "./board";
import { submitEntry } from "./entries";
import { getGoalDetail } from "./goals";
import { createPlanFromText, listPlans } from "./plans";
import { insertUser } from "./users";

let t: TestDatabase;
let province: string;
let mdj: string;
let jixi: string;
let adminA: Actor;
let adminB: Actor;
let leaderA: Actor;
let reporterA: Actor;
let reporterB: Actor;
let planA: string;
let planB: string;
/** A goal of each plan led by its own city's 市农业农村局 (an increment goal, so a figure can be entered). */
let farmGoalA: string;
let farmGoalB: string;
let nongyeA: string;
let nongyeB: string;

const NOW = new Date("2024-05-20T02:00:00Z");

/** A plausible year-to-date figure for April (a third of the goal's target: no plausibility warning to confirm). */
async function figure(goalId: string): Promise<string> {
  const goal = await t.db.goal.findUniqueOrThrow({ where: { id: goalId }, select: { targetValue: true } });
  return String(Math.round(Number(goal.targetValue ?? 30) / 3 * 100) / 100);
}

async function actorOf(userId: string): Promise<Actor> {
  const user = await t.db.user.findUniqueOrThrow({ where: { id: userId }, include: { department: { select: { name: true, regionId: true } } } });
  return actorFromUserRow(user);
}

async function newUser(input: { username: string; role: "admin" | "reporter" | "leader"; regionId?: string; departmentId?: string }) {
  const user = await t.db.$transaction((tx) =>
    insertUser(tx, { username: input.username, name: input.username, password: `${input.username}-password-1`, role: input.role, departmentId: input.departmentId ?? null, regionId: input.regionId ?? null }),
  );
  return actorOf(user.id);
}

/** The department of the plan's region whose name says 农业农村, and a goal it leads that accumulates (新建…). */
async function farmOf(planId: string) {
  const goals = await t.db.goal.findMany({
    where: { planId, leadDepartment: { name: { contains: "农业农村" } } },
    orderBy: { position: "asc" },
    include: { leadDepartment: true },
  });
  expect(goals.length).toBeGreaterThan(0);
  const goal = goals.find((g) => g.accumulates && g.kind === "increment" && g.targetValue !== null) ?? goals[0]!;
  return { goalId: goal.id, departmentId: goal.leadDepartmentId! };
}

beforeAll(async () => {
  t = await createTestDatabase();
  province = (await t.db.region.create({ data: { name: "黑龙江省", level: "province" } })).id;
  mdj = (await t.db.region.create({ data: { name: "牡丹江市", level: "city", parentId: province } })).id;
  jixi = (await t.db.region.create({ data: { name: "鸡西市", level: "city", parentId: province } })).id;
  adminA = await newUser({ username: "mdj_admin", role: "admin", regionId: mdj });
  adminB = await newUser({ username: "jixi_admin", role: "admin", regionId: jixi });
  leaderA = await newUser({ username: "mdj_leader", role: "leader", regionId: mdj });

  // The same city report text for both cities: the same department names are suggested for both.
  const text = await readFile(path.join(process.cwd(), "data", "reports", "003_1d04eb77b0186c38.txt"), "utf8");
  const a = await createPlanFromText(adminA, { region: "牡丹江市", regionId: mdj, level: "city", year: 2024, text });
  if (!a.ok) throw new Error(`import A: ${a.error.message}`);
  const b = await createPlanFromText(adminB, { region: "鸡西市", regionId: jixi, level: "city", year: 2024, text });
  if (!b.ok) throw new Error(`import B: ${b.error.message}`);
  planA = a.value.id;
  planB = b.value.id;
  ({ goalId: farmGoalA, departmentId: nongyeA } = await farmOf(planA));
  ({ goalId: farmGoalB, departmentId: nongyeB } = await farmOf(planB));
  reporterA = await newUser({ username: "mdj_nongye", role: "reporter", departmentId: nongyeA });
  reporterB = await newUser({ username: "jixi_nongye", role: "reporter", departmentId: nongyeB });
}, 120_000);
afterAll(() => t.drop());

describe("importing a second city's report", () => {
  it("makes each plan belong to the importing admin's city", async () => {
    expect((await t.db.plan.findUniqueOrThrow({ where: { id: planA } })).regionId).toBe(mdj);
    expect((await t.db.plan.findUniqueOrThrow({ where: { id: planB } })).regionId).toBe(jixi);
    // No region was made by name for either import.
    expect(await t.db.region.count()).toBe(3);
  });

  it("creates the second city's own departments: the same names, different ids", async () => {
    const deptsA = await t.db.department.findMany({ where: { regionId: mdj }, select: { id: true, name: true } });
    const deptsB = await t.db.department.findMany({ where: { regionId: jixi }, select: { id: true, name: true } });
    expect(deptsA.length).toBeGreaterThan(3);
    expect(deptsB.map((d) => d.name).sort()).toEqual(deptsA.map((d) => d.name).sort());
    const idsA = new Set(deptsA.map((d) => d.id));
    expect(deptsB.filter((d) => idsA.has(d.id))).toEqual([]);
    expect(await t.db.department.count({ where: { regionId: province } })).toBe(0);
    expect(nongyeA).not.toBe(nongyeB);
    const [nA, nB] = await Promise.all([nongyeA, nongyeB].map((id) => t.db.department.findUniqueOrThrow({ where: { id } })));
    expect(nA!.name).toBe(nB!.name);
    expect([nA!.regionId, nB!.regionId]).toEqual([mdj, jixi]);
  });

  it("points every goal at departments of its own plan's region (lead and co-departments)", async () => {
    for (const [planId, regionId] of [[planA, mdj], [planB, jixi]] as const) {
      const goals = await t.db.goal.findMany({
        where: { planId },
        select: { leadDepartment: { select: { regionId: true } }, coDepartments: { select: { department: { select: { regionId: true } } } } },
      });
      expect(goals.length).toBeGreaterThan(10);
      const regions = new Set(goals.flatMap((g) => [g.leadDepartment?.regionId, ...g.coDepartments.map((c) => c.department.regionId)]).filter(Boolean));
      expect([...regions]).toEqual([regionId]);
    }
  });

  it("the first city's users see their own plan (the checks below are not vacuous)", async () => {
    for (const actor of [adminA, leaderA, reporterA]) {
      const plans = await listPlans(actor);
      expect(plans.ok && plans.value.map((p) => p.id)).toContain(planA);
      expect((await getBoard(actor, planA, {}, NOW)).ok).toBe(true);
      expect((await getGoalDetail(actor, farmGoalA, undefined, NOW)).ok).toBe(true);
    }
    const own = await getGoalDetail(reporterA, farmGoalA, undefined, NOW);
    expect(own.ok && own.value.canEnter).toBe(true);
    const entry = await submitEntry(reporterA, farmGoalA, { period: "2024-04", value: await figure(farmGoalA) }, NOW);
    expect(entry.ok ? "ok" : entry.error).toBe("ok");
  });

  it("lists the second city's plan to none of the first city's users", async () => {
    for (const actor of [adminA, leaderA, reporterA]) {
      const plans = await listPlans(actor);
      if (!plans.ok) throw new Error(plans.error.message);
      expect(plans.value.map((p) => p.id), actor.username).not.toContain(planB);
    }
    const plansB = await listPlans(adminB);
    expect(plansB.ok && plansB.value.map((p) => p.id)).toEqual([planB]);
  });

  it("hides the second city's board and goals from the first city's users (404)", async () => {
    for (const actor of [adminA, leaderA, reporterA]) {
      const board = await getBoard(actor, planB, {}, NOW);
      expect(board.ok ? "ok" : board.error.code, `${actor.username} board`).toBe("not_found");
      const goal = await getGoalDetail(actor, farmGoalB, undefined, NOW);
      expect(goal.ok ? "ok" : goal.error.code, `${actor.username} goal`).toBe("not_found");
    }
    // The second city's own users read them.
    expect((await getBoard(adminB, planB, {}, NOW)).ok).toBe(true);
    const own = await getGoalDetail(reporterB, farmGoalB, undefined, NOW);
    expect(own.ok && own.value.canEnter).toBe(true);
  });

  it("refuses the first city's reporter and admin a figure for the second city's goal, and records nothing", async () => {
    const before = await t.db.progressEntry.count({ where: { goalId: farmGoalB } });
    for (const actor of [reporterA, adminA, leaderA]) {
      const entry = await submitEntry(actor, farmGoalB, { period: "2024-04", value: await figure(farmGoalB) }, NOW);
      expect(entry.ok ? "ok" : entry.error.code, actor.username).toMatch(/^(forbidden|not_found)$/);
    }
    expect(await t.db.progressEntry.count({ where: { goalId: farmGoalB } })).toBe(before);
    // The second city's reporter may.
    const own = await submitEntry(reporterB, farmGoalB, { period: "2024-04", value: await figure(farmGoalB) }, NOW);
    expect(own.ok ? "ok" : own.error).toBe("ok");
  });

  it("turns the second city's users away from the first city's plan likewise", async () => {
    const plans = await listPlans(reporterB);
    expect(plans.ok && plans.value.map((p) => p.id)).toEqual([planB]);
    const board = await getBoard(reporterB, planA, {}, NOW);
    expect(board.ok ? "ok" : board.error.code).toBe("not_found");
    const entry = await submitEntry(reporterB, farmGoalA, { period: "2024-05", value: await figure(farmGoalA) }, NOW);
    expect(entry.ok ? "ok" : entry.error.code).toMatch(/^(forbidden|not_found)$/);
  });
});
