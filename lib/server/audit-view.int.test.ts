// 变更记录 and 预计全年 against a real database: the changes made through the app's own write paths read back per
// goal and per plan, the plan audit's filters, paging and permissions, and the projection served by the goal API.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { todayInShanghai } from "@/lib/domain/periods";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

const mocked = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/server/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth")>()),
  apiActor: async () => mocked.actor,
}));

let t: TestDatabase;
let view: typeof import("./audit-view");
const who = {} as Record<"admin" | "reporter" | "leader" | "stranger", Actor>;
const ids = { plan: "", goal: "", other: "" };
const PAGE = 50;

beforeAll(async () => {
  t = await createTestDatabase();
  view = await import("./audit-view");
  const { updateGoal } = await import("./goals");
  const { submitEntry } = await import("./entries");
  const { reviewVersion } = await import("./review");
  const { lockPeriod } = await import("./locks");
  const region = await t.db.region.create({ data: { name: "审计市", level: "city" } });
  const elsewhere = await t.db.region.create({ data: { name: "邻市", level: "city" } });
  const farming = await t.db.department.create({ data: { regionId: region.id, name: "市农业农村局" } });
  const user = (id: string, name: string, role: "admin" | "reporter" | "leader", extra: object = {}) =>
    t.db.user.create({ data: { id, name, email: `${id}@x.invalid`, username: id, role, ...extra } });
  who.admin = await actorOf(t.db, await user("audit_admin", "督查员甲", "admin", { regionId: region.id }));
  who.reporter = await actorOf(t.db, await user("audit_rep", "填报员乙", "reporter", { departmentId: farming.id }));
  who.leader = await actorOf(t.db, await user("audit_lead", "领导丙", "leader", { regionId: region.id }));
  who.stranger = await actorOf(t.db, await user("audit_far", "邻市督查", "admin", { regionId: elsewhere.id }));

  const plan = (year: number) => t.db.plan.create({ data: { regionId: region.id, region: "审计市", level: "city", year, title: `${year}年政府工作报告`, sourceText: "…", requiresReview: true } });
  const goal = (planId: string, previousGoalId: string | null = null) =>
    t.db.goal.create({
      data: {
        planId, position: 0, metric: "新建高标准农田", targetValue: "100", unit: "万亩", comparator: "gte", kind: "increment",
        direction: "higher", accumulates: true, frequency: "monthly", quote: "新建高标准农田100万亩", leadDepartmentId: farming.id, previousGoalId,
      },
    });
  // Last year: a quarter of the year-end by June.
  const last = await goal((await plan(2023)).id);
  for (const [period, value] of [["2023-06", "25"], ["2023-12", "100"]] as const)
    await t.db.progressEntry.create({
      data: { goalId: last.id, period, periodEnd: new Date(`${period}-${period.endsWith("12") ? "31" : "30"}T00:00:00Z`), version: 1, value, rawInput: value, submittedById: who.admin.userId, state: "approved", reportedAt: new Date("2024-01-05T00:00:00Z"), countedAt: new Date("2024-01-05T00:00:00Z") },
    });
  const current = await plan(2024);
  ids.plan = current.id;
  const g = await goal(current.id, last.id);
  ids.goal = g.id;
  ids.other = (await goal(current.id)).id;

  const july = new Date("2024-07-05T02:00:00Z");
  expect((await updateGoal(who.admin, g.id, { targetValue: "120" })).ok).toBe(true);
  const first = await submitEntry(who.reporter, g.id, { period: "2024-06", value: "40", note: "初报" }, july);
  if (!first.ok) throw new Error(first.error.message);
  expect((await reviewVersion(who.admin, first.value.version.id, { action: "return", reason: "口径有误，请核实" }, july)).ok).toBe(true);
  const second = await submitEntry(who.reporter, g.id, { period: "2024-06", value: "45", note: "已核实" }, july);
  if (!second.ok) throw new Error(second.error.message);
  expect((await reviewVersion(who.admin, second.value.version.id, { action: "approve" }, july)).ok).toBe(true);
  expect((await lockPeriod(who.admin, current.id, { period: "2024-05", reason: "5月数据已审核完毕" })).ok).toBe(true);
  // Enough older events of the plan for two pages, each a second apart, well before today's.
  await t.db.auditEvent.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({
      actorId: who.admin.userId, action: "plan.settings", entityType: "Plan", entityId: current.id,
      before: { graceDays: 10 }, after: { graceDays: 10 + i + 1 }, at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
    })),
  });
  // Another goal's change is not this goal's history.
  await t.db.auditEvent.create({ data: { actorId: who.admin.userId, action: "goal.update", entityType: "Goal", entityId: ids.other, before: { unit: "亩" }, after: { unit: "万亩" } } });
});
afterAll(() => t.drop());

describe("getGoalAudit", () => {
  it("lists every change of the goal and its figures, newest first, in Chinese", async () => {
    const r = await view.getGoalAudit(who.reporter, ids.goal);
    if (!r.ok) throw new Error(r.error.message);
    const rows = r.value.rows;
    expect(rows.map((x) => x.action)).toEqual(["entry.approve", "entry.submit", "entry.return", "entry.submit", "goal.update"]);
    expect(rows.every((x, i) => i === 0 || rows[i - 1]!.at >= x.at)).toBe(true);
    const update = rows.at(-1)!;
    expect(update).toMatchObject({ actionLabel: "修改指标", actor: { name: "督查员甲" }, goal: { id: ids.goal } });
    expect(update.changes).toEqual([{ field: "targetValue", label: "目标值", before: "100", after: "120" }]);
    const returned = rows.find((x) => x.action === "entry.return")!;
    expect(returned).toMatchObject({ actionLabel: "退回", reason: "口径有误，请核实", period: "2024-06" });
    expect(returned.changes).toContainEqual({ field: "state", label: "状态", before: "待审核", after: "已退回" });
    const corrected = rows[1]!;
    expect(corrected.actor?.name).toBe("填报员乙");
    expect(corrected.changes).toContainEqual({ field: "value", label: "数值", before: "40", after: "45" });
  });

  it("is the goal's to read: another government's admin does not find it", async () => {
    const r = await view.getGoalAudit(who.stranger, ids.goal);
    expect(!r.ok && r.error.code).toBe("not_found");
  });
});

describe("getPlanAudit", () => {
  const all = async (actor: Actor, query: Record<string, string> = {}) => {
    const r = await view.getPlanAudit(actor, ids.plan, query);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };

  it("pages 50 at a time, newest first, with no overlap and no gap", async () => {
    const first = await all(who.admin);
    expect(first.rows).toHaveLength(PAGE);
    expect(first.rows.slice(0, 2).map((r) => [r.action, r.goal?.id ?? null])).toEqual([["goal.update", ids.other], ["period.lock", null]]);
    expect(first.nextCursor).toBeTruthy();
    const second = await all(who.admin, { cursor: first.nextCursor! });
    // 60 settings + goal.update + 4 entry events + lock + the other goal's update = 67.
    expect(second.rows).toHaveLength(67 - PAGE);
    expect(second.nextCursor).toBeNull();
    const seen = new Set([...first.rows, ...second.rows].map((r) => r.id));
    expect(seen.size).toBe(67);
    expect(first.users.map((u) => u.name).sort()).toEqual(["填报员乙", "督查员甲"]);
  });

  it("filters by user, action, period and date range", async () => {
    const byReporter = await all(who.admin, { user: who.reporter.userId });
    expect(byReporter.rows.map((r) => r.action)).toEqual(["entry.submit", "entry.submit"]);
    const returns = await all(who.admin, { action: "entry.return" });
    expect(returns.rows).toHaveLength(1);
    const june = await all(who.admin, { period: "2024-06" });
    expect(june.rows.map((r) => r.action)).toEqual(["entry.approve", "entry.submit", "entry.return", "entry.submit"]);
    const may = await all(who.admin, { period: "2024-05" });
    expect(may.rows.map((r) => [r.action, r.reason])).toEqual([["period.lock", "5月数据已审核完毕"]]);
    const newYear = await all(who.admin, { from: "2024-01-01", to: "2024-01-01" });
    expect(newYear.rows).toHaveLength(PAGE);
    expect((await all(who.admin, { from: "2024-01-01", to: "2024-01-01", cursor: newYear.nextCursor! })).rows).toHaveLength(10);
    const today = todayInShanghai(new Date());
    expect((await all(who.admin, { from: today })).rows).toHaveLength(7);
    expect((await all(who.admin, { user: "cnobody0000000000000000" })).rows).toEqual([]);
  });

  it("lets leaders read, refuses reporters (403) and hides the plan from other governments (404)", async () => {
    expect((await all(who.leader)).rows).toHaveLength(PAGE);
    const reporter = await view.getPlanAudit(who.reporter, ids.plan, {});
    expect(!reporter.ok && reporter.error.code).toBe("forbidden");
    const stranger = await view.getPlanAudit(who.stranger, ids.plan, {});
    expect(!stranger.ok && stranger.error.code).toBe("not_found");
  });

  it("refuses bad filters with Chinese messages and writes nothing", async () => {
    const before = await t.db.auditEvent.count();
    for (const q of [{ action: "drop" }, { period: "2024-13" }, { from: "2024-02-30" }, { cursor: "x" }, { from: "2024-07-01", to: "2024-06-01" }]) {
      const r = await view.getPlanAudit(who.admin, ids.plan, q);
      expect(!r.ok && r.error.code).toBe("validation");
      expect(!r.ok && Object.values(r.error.fields ?? {}).join("")).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await t.db.auditEvent.count()).toBe(before);
  });
});

describe("GET /api/v1/plans/:planId/audit and the goal API's projection", () => {
  it("serves the plan audit as JSON (403 for a reporter)", async () => {
    const { GET } = await import("@/app/api/v1/plans/[planId]/audit/route");
    const call = (actor: Actor, query = "") => {
      mocked.actor = actor;
      return GET(new Request(`http://x/api/v1/plans/${ids.plan}/audit${query}`), { params: Promise.resolve({ planId: ids.plan }) });
    };
    const ok = await call(who.admin, "?action=entry.return");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { events: { actionLabel: string; reason: string; actor: { name: string } }[]; nextCursor: string | null };
    expect(body.events).toEqual([expect.objectContaining({ actionLabel: "退回", reason: "口径有误，请核实", actor: expect.objectContaining({ name: "督查员甲" }) })]);
    expect(body.nextCursor).toBeNull();
    expect((await call(who.reporter)).status).toBe(403);
    expect((await call(who.admin, "?period=２０２４-０６")).status).toBe(422);
  });

  it("projects the year-end from last year's shape, marked as an estimate", async () => {
    const { GET } = await import("@/app/api/v1/goals/[goalId]/route");
    mocked.actor = who.leader;
    const call = async (goalId: string, asOf: string) =>
      (await (await GET(new Request(`http://x/api/v1/goals/${goalId}?asOf=${asOf}`), { params: Promise.resolve({ goalId }) })).json()) as { goal: { projection: Record<string, unknown> | null } };
    // June 45 of target 120; last year June held 25% of the year-end → about 180.
    expect((await call(ids.goal, "2024-07-10")).goal.projection).toMatchObject({ estimate: true, method: "seasonal", value: "180", basisPeriod: "2024-06", fallsShort: false, atRisk: false });
    // Before any figure counts, there is nothing to project.
    expect((await call(ids.goal, "2024-07-01")).goal.projection).toBeNull();
  });
});
