// The first start's sample data: both sample reports imported through the extraction engine into goals with
// lead departments, the sample accounts able to log in, and a second start changing nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "better-auth/crypto";
import { extractTargets } from "@/lib/domain/extract";
import { passwordProblem } from "@/lib/domain/passwords";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";
import type { Actor } from "@/lib/domain/permissions";
import { getBoard } from "@/lib/server/board";
import { isSamplePlan } from "@/lib/server/sample";
import { SAMPLE_LOGINS, sampleReports, seedIfEmpty } from "./seed";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  const result = await seedIfEmpty(t.db);
  expect(result.seeded).toBe(true);
}, 120_000);
afterAll(() => t.drop());

async function goalsOf(region: string) {
  const plan = await t.db.plan.findFirstOrThrow({ where: { region }, orderBy: { createdAt: "asc" }, select: { id: true, year: true, level: true } });
  const goals = await t.db.goal.findMany({
    where: { planId: plan.id },
    orderBy: { position: "asc" },
    include: { leadDepartment: true, section: true },
  });
  return { plan, goals };
}

describe("sample data", () => {
  it("imports every target the extraction engine finds in each sample report, in report order", async () => {
    for (const report of sampleReports()) {
      const { plan, goals } = await goalsOf(report.region);
      expect(plan.year).toBe(report.year);
      expect(plan.level).toBe(report.level);
      const targets = extractTargets(report.text).targets;
      expect(goals.map((g) => [g.metric, g.targetValue?.toString(), g.unit, g.sourceStart, g.sourceEnd])).toEqual(
        targets.map((t) => [t.metric, String(t.value), t.unit, t.start, t.end]),
      );
      for (const goal of goals) {
        expect(report.text.slice(goal.sourceStart!, goal.sourceEnd!)).toBe(goal.quote);
        expect(goal.leadDepartment?.name, goal.metric).toMatch(report.level === "city" ? /^市/ : /^区/);
      }
    }
  });

  it("carries the report's figures, rules and baselines into goals (牡丹江市 2024)", async () => {
    const { goals } = await goalsOf("牡丹江市");
    expect(goals.length).toBeGreaterThanOrEqual(59);
    const find = (metric: string) => goals.find((g) => g.metric.includes(metric));
    const farmland = find("高标准农田")!;
    expect([farmland.targetValue?.toString(), farmland.unit, farmland.comparator, farmland.kind, farmland.accumulates]).toEqual(["50", "万亩", "gte", "increment", true]);
    expect([farmland.baselineValue?.toString(), farmland.baselineUnit]).toEqual(["38.2", "万亩"]);
    expect(farmland.leadDepartment?.name).toBe("市农业农村局");
    expect(farmland.section?.title).toBe("抓好粮食和重要农产品生产"); // the 一是 item inside （二）
    const energy = find("能耗")!;
    expect([energy.kind, energy.direction, energy.targetValue?.toString()]).toEqual(["decrease", "higher", "3.2"]);
    const tourists = find("接待游客")!;
    const income = find("旅游收入")!;
    expect([tourists.targetValue?.toString(), income.targetValue?.toString(), tourists.comparator]).toEqual(["20", "20", "gte"]);
  });

  it("reads a cap as lower-is-better (爱民区 2022: 登记失业率控制在5%以内)", async () => {
    const { goals } = await goalsOf("牡丹江市爱民区");
    expect(goals.length).toBeGreaterThanOrEqual(28);
    const unemployment = goals.find((g) => g.metric.includes("失业率"))!;
    expect([unemployment.targetValue?.toString(), unemployment.unit, unemployment.comparator, unemployment.direction]).toEqual(["5", "%", "lte", "lower"]);
    expect(unemployment.leadDepartment?.name).toBe("区人力资源和社会保障局");
  });

  it("creates the sample accounts with working passwords and their departments", async () => {
    for (const login of SAMPLE_LOGINS) {
      const user = await t.db.user.findUniqueOrThrow({ where: { username: login.username }, include: { department: true, accounts: true } });
      expect(user.role).toBe(login.role);
      const hash = user.accounts.find((a) => a.providerId === "credential")?.password;
      expect(await verifyPassword({ hash: hash!, password: login.password })).toBe(true);
      expect(await verifyPassword({ hash: hash!, password: `${login.password}x` })).toBe(false);
      if (login.role === "reporter") expect(user.department).not.toBeNull();
    }
  });

  it("gives the sample accounts passwords the admin pages would accept", () => {
    for (const login of SAMPLE_LOGINS) expect(passwordProblem(login.password, login.username), login.username).toBeNull();
  });

  it("writes the imports to the audit trail and does nothing on a second start", async () => {
    expect(await t.db.auditEvent.count({ where: { action: "plan.import" } })).toBe(2);
    const before = { plans: await t.db.plan.count(), goals: await t.db.goal.count(), users: await t.db.user.count() };
    expect((await seedIfEmpty(t.db)).seeded).toBe(false);
    expect({ plans: await t.db.plan.count(), goals: await t.db.goal.count(), users: await t.db.user.count() }).toEqual(before);
  });
});

describe("sample reporting history (示例数据)", () => {
  async function planOf(region: string) {
    return t.db.plan.findFirstOrThrow({ where: { region }, orderBy: { createdAt: "asc" }, select: { id: true, year: true } });
  }

  it("gives both plans versions — approved, pending and returned (corrections among them) — and marks them as samples", async () => {
    for (const report of sampleReports()) {
      const plan = await planOf(report.region);
      const rows = await t.db.progressEntry.groupBy({ by: ["state"], where: { goal: { planId: plan.id } }, _count: { _all: true } });
      const byState = Object.fromEntries(rows.map((r) => [r.state, r._count._all]));
      expect(byState.approved, report.region).toBeGreaterThan(100);
      expect(byState.pending, report.region).toBeGreaterThan(0);
      expect(byState.returned, report.region).toBeGreaterThan(0);
      expect(await t.db.progressEntry.count({ where: { goal: { planId: plan.id }, version: 2, state: "approved" } })).toBeGreaterThan(0);
      expect(await isSamplePlan(plan.id)).toBe(true);
    }
    expect(await isSamplePlan("no-such-plan")).toBe(false);
  });

  it("counts an approved version from its approval, after its submission, which follows the period's end", async () => {
    const versions = await t.db.progressEntry.findMany({
      select: { state: true, periodEnd: true, submittedAt: true, countedAt: true, reviewedAt: true, reviewedById: true, reviewNote: true },
    });
    for (const v of versions) {
      expect(v.submittedAt.getTime()).toBeGreaterThan(v.periodEnd.getTime());
      if (v.state === "approved") {
        expect(v.countedAt!.getTime()).toBeGreaterThanOrEqual(v.submittedAt.getTime());
        expect(v.reviewedById).not.toBeNull();
      } else expect(v.countedAt).toBeNull();
      if (v.state === "returned") expect(v.reviewNote).toBeTruthy();
      if (v.reviewedAt) expect(v.reviewedAt.getTime()).toBeGreaterThanOrEqual(v.submittedAt.getTime());
    }
  });

  it("audits every submission and review, and the frequencies it set", async () => {
    const versions = await t.db.progressEntry.count();
    expect(await t.db.auditEvent.count({ where: { action: "entry.submit" } })).toBe(versions);
    const reviewedByOffice = await t.db.progressEntry.count({ where: { reviewedAt: { not: null }, submittedBy: { role: "reporter" } } });
    expect(await t.db.auditEvent.count({ where: { action: { in: ["entry.approve", "entry.return"] } } })).toBe(reviewedByOffice);
    const city = await planOf("牡丹江市");
    const goals = await t.db.goal.findMany({ where: { planId: city.id }, select: { metric: true, frequency: true } });
    expect(goals.find((g) => g.metric === "地区生产总值")?.frequency).toBe("quarterly");
    expect(goals.find((g) => g.metric === "粮食产量")?.frequency).toBe("annual");
    expect(goals.find((g) => g.metric === "新建高标准农田")?.frequency).toBe("monthly");
    expect(await t.db.auditEvent.count({ where: { action: "goal.update" } })).toBeGreaterThan(10);
  });

  it("opens both boards today on their final state with a mix of lights, not all grey", async () => {
    const admin = await t.db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const actor: Actor = await actorOf(t.db, admin);
    for (const region of ["牡丹江市", "牡丹江市爱民区"]) {
      const board = await getBoard(actor, (await planOf(region)).id);
      if (!board.ok) throw new Error(board.error.message);
      expect(board.value.yearEnded).toBe(true);
      const lit = (["green", "yellow", "red", "grey"] as const).filter((light) => board.value.lights[light] > 0);
      expect(lit, `${region}: ${JSON.stringify(board.value.lights)}`).toEqual(expect.arrayContaining(["green", "red", "grey"]));
      expect(board.value.lights.grey, "grey is a minority").toBeLessThan(board.value.goalCount / 2);
    }
  });

  it("splits the city's 新建高标准农田 among 爱民区 and two sample counties; the city board rolls up 已报 2/3", async () => {
    const admin = await t.db.user.findUniqueOrThrow({ where: { username: "admin" } });
    const actor: Actor = await actorOf(t.db, admin);
    const city = await planOf("牡丹江市");
    const board = await getBoard(actor, city.id);
    if (!board.ok) throw new Error(board.error.message);
    const row = board.value.rows.find((r) => r.metric === "新建高标准农田")!;
    expect(row.shares).toMatchObject({ rolledUp: true, reportedShares: 2, totalShares: 3 });
    expect(row.judgement.latest).toEqual({ period: "2024-06", value: "17.5" });
    expect(row.shares!.shares.map((s) => [s.holder.name, s.target])).toEqual([["爱民区", "20"], ["示例县甲", "18"], ["示例县乙", "12"]]);
    for (const s of row.shares!.shares) expect(await isSamplePlan(s.planId)).toBe(true);
  });
});
