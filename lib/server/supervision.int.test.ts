// The supervision cycle against a real database: the as-of rule, one definition of the counted version (board
// SQL vs the TypeScript twin behind the goal page and the API), serialised writes with a gap-free audit chain,
// one winner among concurrent reviewers, locks, plausibility confirmation and who has not reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import type { Prisma } from "./generated/prisma/client";
import { daysBetween } from "@/lib/domain/entries/duty";
import { todayInShanghai } from "@/lib/domain/periods";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { getBoard } from "./board";
import { submitEntry, withdrawEntry } from "./entries";
import { getGoalDetail, updateGoal } from "./goals";
import { countPendingReviews, listPendingReviews, reviewVersion } from "./review";
import { lockPeriod, unlockPeriod } from "./locks";
import { getInbox, getPlanOverdue } from "./duty";

let t: TestDatabase;
let planId: string;
let admin: Actor;
let admin2: Actor;
let reporter: Actor;
let farmlandId: string;
let jobsId: string;
let departmentId: string;

let regionId: string;
const actor = (user: { id: string; username: string | null; name: string; role: string; departmentId: string | null }): Actor => ({
  userId: user.id, username: user.username ?? user.id, name: user.name, role: user.role as Actor["role"], departmentId: user.departmentId, departmentName: null,
  scope: { regionId, below: [regionId], parentId: null },
});

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("./users");
  regionId = (await t.db.region.create({ data: { name: "测试市", level: "city" } })).id;
  const dept = await t.db.department.create({ data: { regionId, name: "市农业农村局" } });
  const other = await t.db.department.create({ data: { regionId, name: "市人社局" } });
  departmentId = dept.id;
  const users = await t.db.$transaction(async (tx) => ({
    admin: await insertUser(tx, { username: "admin", name: "督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null }),
    admin2: await insertUser(tx, { username: "admin2", name: "督查室二", password: "luoshi-admin-pw", role: "admin", departmentId: null }),
    nongye: await insertUser(tx, { username: "nongye", name: "农业局", password: "luoshi-nongye-pw", role: "reporter", departmentId: dept.id }),
  }));
  admin = actor(users.admin);
  admin2 = actor(users.admin2);
  reporter = actor(users.nongye);
  const plan = await t.db.plan.create({ data: { regionId, region: "测试市", level: "city", year: 2024, title: "测试市2024年目标任务", sourceText: "（测试）" } });
  planId = plan.id;
  const common = { planId, quote: "（测试）", comparator: "gte" as const, direction: "higher" as const };
  farmlandId = (await t.db.goal.create({ data: { ...common, position: 0, metric: "新建高标准农田", targetValue: "50", unit: "万亩", kind: "increment", accumulates: true, frequency: "monthly", leadDepartmentId: dept.id } })).id;
  jobsId = (await t.db.goal.create({ data: { ...common, position: 1, metric: "城镇新增就业", targetValue: "2.4", unit: "万人", kind: "increment", accumulates: true, frequency: "quarterly", leadDepartmentId: other.id } })).id;
});
afterAll(() => t.drop());

const at = (iso: string) => new Date(iso);

describe("as of D = as known at the end of D", () => {
  it("a version approved after D does not count as of D; a later correction leaves D's board unchanged", async () => {
    const v1 = await submitEntry(reporter, farmlandId, { period: "2024-03", value: "12" }, at("2024-04-05T02:00:00Z"));
    if (!v1.ok) throw new Error(v1.error.message);
    expect(v1.value.version.state).toBe("pending");
    const approved = await reviewVersion(admin, v1.value.version.id, { action: "approve" }, at("2024-04-08T03:00:00Z"));
    expect(approved.ok).toBe(true);
    const latestOn = async (day: string) => {
      const board = await getBoard(admin, planId, { asOf: day });
      if (!board.ok) throw new Error(board.error.message);
      return board.value.rows.find((r) => r.goalId === farmlandId)!.judgement.latest;
    };
    expect(await latestOn("2024-04-07")).toBeNull(); // submitted, not yet approved
    expect(await latestOn("2024-04-08")).toEqual({ period: "2024-03", value: "12" }); // approved during the day
    // Correction on 2024-05-02, approved 2024-05-03.
    const v2 = await submitEntry(reporter, farmlandId, { period: "2024-03", value: "13", note: "更正" }, at("2024-05-02T02:00:00Z"));
    if (!v2.ok) throw new Error(v2.error.message);
    expect((await reviewVersion(admin, v2.value.version.id, { action: "approve" }, at("2024-05-03T02:00:00Z"))).ok).toBe(true);
    expect(await latestOn("2024-04-30")).toEqual({ period: "2024-03", value: "12" });
    expect(await latestOn("2024-05-03")).toEqual({ period: "2024-03", value: "13" });
    // The pending switch counts a pending version from its submission.
    const v3 = await submitEntry(reporter, farmlandId, { period: "2024-04", value: "16" }, at("2024-05-06T02:00:00Z"));
    if (!v3.ok) throw new Error(v3.error.message);
    const withPending = await getBoard(admin, planId, { asOf: "2024-05-06", includePending: true });
    if (!withPending.ok) throw new Error(withPending.error.message);
    expect(withPending.value.rows.find((r) => r.goalId === farmlandId)).toMatchObject({ latestState: "pending", judgement: { latest: { period: "2024-04", value: "16" } } });
    expect(await latestOn("2024-05-06")).toEqual({ period: "2024-03", value: "13" });
    // A returned version never counts; a withdrawn one neither.
    expect((await reviewVersion(admin, v3.value.version.id, { action: "return", reason: "请附佐证材料" }, at("2024-05-07T02:00:00Z"))).ok).toBe(true);
    const again = await getBoard(admin, planId, { asOf: "2024-05-08", includePending: true });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.rows.find((r) => r.goalId === farmlandId)!.judgement.latest).toEqual({ period: "2024-03", value: "13" });
  });
});

describe("concurrency", () => {
  it("30 concurrent writes of one period give 30 versions and a gap-free audit chain", async () => {
    const writes = Array.from({ length: 30 }, (_, i) => submitEntry(admin, jobsId, { period: "2024-Q1", value: ((50 + i) / 100).toFixed(2), confirm: true }, at("2024-04-11T01:00:00Z")));
    const results = await Promise.all(writes);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.message)).toEqual([]);
    const versions = await t.db.progressEntry.findMany({ where: { goalId: jobsId, period: "2024-Q1" }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const events = await t.db.auditEvent.findMany({ where: { entityId: { in: versions.map((v) => v.id) }, action: "entry.submit" } });
    const byEntity = new Map(events.map((e) => [e.entityId, e]));
    // Each event's `before` is the version that came just before it (the previous event's `after`).
    for (const [i, v] of versions.entries()) {
      const event = byEntity.get(v.id)!;
      const before = event.before as { id: string } | null;
      if (i === 0) expect(before).toBeNull();
      else expect(before?.id).toBe(versions[i - 1]!.id);
      expect((event.after as { id: string }).id).toBe(v.id);
    }
  });

  it("two reviewers on one version: one wins, the other gets a Chinese conflict", async () => {
    const v = await submitEntry(reporter, farmlandId, { period: "2024-05", value: "20" }, at("2024-06-05T01:00:00Z"));
    if (!v.ok) throw new Error(v.error.message);
    const [a, b] = await Promise.all([
      reviewVersion(admin, v.value.version.id, { action: "approve" }),
      reviewVersion(admin2, v.value.version.id, { action: "return", reason: "数据有误" }),
    ]);
    const outcomes = [a, b].map((r) => (r.ok ? "ok" : r.error.code)).sort();
    expect(outcomes).toEqual(["conflict", "ok"]);
    const loser = [a, b].find((r) => !r.ok)!;
    if (!loser.ok) expect(loser.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await t.db.auditEvent.count({ where: { entityId: v.value.version.id, action: { in: ["entry.approve", "entry.return"] } } })).toBe(1);
  });

  it("a stale page (base version) is a conflict and writes nothing", async () => {
    const before = await t.db.progressEntry.count();
    const stale = await submitEntry(reporter, farmlandId, { period: "2024-05", value: "21", baseVersion: 0 });
    expect(stale.ok || stale.error.code).toBe("conflict");
    expect(await t.db.progressEntry.count()).toBe(before);
  });

  it("an older pending version cannot be approved once a newer one exists, and only pending versions can be withdrawn", async () => {
    const v1 = await submitEntry(reporter, farmlandId, { period: "2024-06", value: "25" });
    const v2 = await submitEntry(reporter, farmlandId, { period: "2024-06", value: "26" });
    if (!v1.ok || !v2.ok) throw new Error("submit failed");
    const old = await reviewVersion(admin, v1.value.version.id, { action: "approve" });
    expect(old.ok || old.error.code).toBe("conflict");
    expect((await withdrawEntry(reporter, v2.value.version.id)).ok).toBe(true);
    const twice = await withdrawEntry(reporter, v2.value.version.id);
    expect(twice.ok || twice.error.code).toBe("conflict");
  });
});

describe("goal changes at once", () => {
  it("two admins changing co-departments at once, with a repeated id, both succeed (no 500) and leave a set", async () => {
    const a = await t.db.department.create({ data: { regionId, name: "市财政局" } });
    const b = await t.db.department.create({ data: { regionId, name: "市统计局" } });
    const results = await Promise.all([
      updateGoal(admin, farmlandId, { coDepartmentIds: [a.id, a.id, b.id] }),
      updateGoal(admin2, farmlandId, { coDepartmentIds: [b.id, a.id] }),
      updateGoal(admin, farmlandId, { coDepartmentIds: [a.id] }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    const co = await t.db.goalCoDepartment.findMany({ where: { goalId: farmlandId } });
    expect(new Set(co.map((c) => c.departmentId)).size).toBe(co.length);
    expect(await t.db.auditEvent.count({ where: { entityId: farmlandId, action: "goal.update" } })).toBe(3);
  });
});

describe("plausibility and locks", () => {
  it("30亩 typed on a 万亩 goal needs confirmation; confirming stores it with the note", async () => {
    const before = await t.db.progressEntry.count();
    const refused = await submitEntry(reporter, farmlandId, { period: "2024-07", value: "30亩" });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe("needs_confirmation");
    expect(refused.error.warnings!.map((w) => w.code)).toContain("far_from_target");
    expect(await t.db.progressEntry.count()).toBe(before);
    const confirmed = await submitEntry(reporter, farmlandId, { period: "2024-07", value: "30亩", note: "确为30亩，项目调整", confirm: true });
    if (!confirmed.ok) throw new Error(confirmed.error.message);
    expect(confirmed.value.version).toMatchObject({ value: expect.anything(), note: "确为30亩，项目调整" });
    expect(confirmed.value.version.value.toString()).toBe("0.003");
    expect(confirmed.value.warnings.length).toBeGreaterThan(0);
  });

  it("a locked period refuses a reporter (403) and requires an admin's reason", async () => {
    expect((await lockPeriod(reporter, planId, { period: "2024-08", reason: "x" })).ok).toBe(false);
    const locked = await lockPeriod(admin, planId, { period: "2024-08", reason: "8月数据已审核完毕" });
    expect(locked.ok).toBe(true);
    const duplicate = await lockPeriod(admin, planId, { period: "2024-08", reason: "再次" });
    expect(duplicate.ok || duplicate.error.code).toBe("conflict");
    const before = await t.db.progressEntry.count();
    const refused = await submitEntry(reporter, farmlandId, { period: "2024-08", value: "35" });
    expect(refused.ok || refused.error.code).toBe("forbidden");
    const noReason = await submitEntry(admin, farmlandId, { period: "2024-08", value: "35" });
    expect(noReason.ok || noReason.error.fields?.note).toMatch(/原因/);
    expect(await t.db.progressEntry.count()).toBe(before);
    const withReason = await submitEntry(admin, farmlandId, { period: "2024-08", value: "35", note: "部门线下报送，督查室补录", confirm: true });
    expect(withReason.ok || withReason.error).toBe(true);
    // A locked month closes the quarter that ends with it.
    await lockPeriod(admin, planId, { period: "2024-09", reason: "三季度关账" });
    const quarter = await submitEntry(reporter, jobsId, { period: "2024-Q3", value: "1.5" });
    expect(quarter.ok || quarter.error.code).toBe("forbidden");
    expect((await unlockPeriod(admin, planId, { period: "2024-09" })).ok).toBe(true);
  });
});

describe("who has not reported", () => {
  it("lists a department whose month passed with no figure, with days overdue and a reminder", async () => {
    // Everything above was written today (real time) or in 2024; as of today the plan year is over.
    const today = todayInShanghai(new Date());
    const overdue = await getPlanOverdue(admin, planId);
    if (!overdue.ok) throw new Error(overdue.error.message);
    const farming = overdue.value.departments.find((d) => d.department?.id === departmentId)!;
    expect(farming).toBeDefined();
    const goal = farming.goals.find((g) => g.goalId === farmlandId)!;
    // Reported through 2024-08 (approved or pending); September to December are past due.
    expect(goal.duty.overdue.map((o) => o.period)).toEqual(["2024-09", "2024-10", "2024-11", "2024-12"]);
    const days = daysBetween("2024-10-10", today);
    expect(goal.duty.daysOverdue).toBe(days); // September's figure was due 2024-10-10
    expect(goal.duty.due).toEqual([]);
    expect(farming.reminder).toContain("【催报通知】");
    expect(farming.reminder).toContain("新建高标准农田");
    expect(farming.reminder).toContain(`已逾期${days}天`);
    // As of 2024-12-20 only what was known then counts: the versions written today were not.
    const then = await getPlanOverdue(admin, planId, "2024-12-20");
    if (!then.ok) throw new Error(then.error.message);
    const earlier = then.value.departments.find((d) => d.department?.id === departmentId)!.goals.find((g) => g.goalId === farmlandId)!;
    expect(earlier.duty.overdue[0]!.period).toBe("2024-06");
    expect(earlier.duty.overdue.map((o) => o.period)).toEqual(["2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11"]);
  });

  it("a reporter's inbox lists returned figures with the reason", async () => {
    const inbox = await getInbox(reporter);
    if (!inbox.ok || inbox.value.role !== "reporter") throw new Error("inbox");
    const farm = inbox.value.items.find((i) => i.goalId === farmlandId);
    expect(farm).toBeDefined();
    const admins = await getInbox(admin);
    expect(admins.ok && admins.value.role).toBe("admin");
  });

  it("the home page's inbox reads a plan's oldest few pending versions with the plan's whole count", async () => {
    const whole = await getInbox(admin);
    const few = await getInbox(admin, new Date(), { reviewsPerPlan: 1 });
    if (!whole.ok || whole.value.role !== "admin" || !few.ok || few.value.role !== "admin") throw new Error("inbox");
    expect(whole.value.reviews.length).toBeGreaterThan(0);
    expect(few.value.reviews.map((r) => ({ plan: r.plan.id, count: r.count, first: r.pending.map((p) => p.id) }))).toEqual(
      whole.value.reviews.map((r) => ({ plan: r.plan.id, count: r.pending.length, first: r.pending.slice(0, 1).map((p) => p.id) })),
    );
    // The previous value is looked up for the ones read, as for the whole list.
    expect(few.value.reviews.map((r) => r.pending[0]!.previousValue)).toEqual(whole.value.reviews.map((r) => r.pending[0]!.previousValue));
  });
});

describe("one definition of the counted version", () => {
  it("the board's SQL and the goal page (and so the API) agree on every goal of generated data", async () => {
    // A seeded generator: goals of each frequency, versions of mixed periods and states at spread-out times.
    let seed = 20240601;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const generatedRegion = (await t.db.region.create({ data: { name: "生成市", level: "city", parentId: regionId } })).id;
    admin.scope = { ...admin.scope, below: [...admin.scope.below, generatedRegion] };
    const plan = await t.db.plan.create({ data: { regionId: generatedRegion, region: "生成市", level: "city", year: 2024, title: "生成数据", sourceText: "（生成）" } });
    const frequencies = ["monthly", "quarterly", "half_yearly", "annual"] as const;
    const periodsFor: Record<string, string[]> = {
      monthly: Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`),
      quarterly: ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"],
      half_yearly: ["2024-H1", "2024-H2"],
      annual: ["2024"],
    };
    const allPeriods = Object.values(periodsFor).flat();
    const endOf = (p: string) => {
      const month = p.length === 4 ? 12 : p.includes("Q") ? Number(p.slice(6)) * 3 : p.includes("H") ? Number(p.slice(6)) * 6 : Number(p.slice(5));
      return new Date(Date.UTC(2024, month, 0));
    };
    const user = await t.db.user.findFirstOrThrow({ where: { username: "admin" } });
    for (let g = 0; g < 40; g++) {
      const frequency = pick(frequencies);
      const goal = await t.db.goal.create({
        data: {
          planId: plan.id, position: g, metric: `指标${g}`, targetValue: String(10 + g), unit: pick(["万亩", "%", "个"]), comparator: pick(["gte", "lte", "approx", "eq"] as const),
          kind: pick(["increment", "level", "growth"] as const), direction: pick(["higher", "lower"] as const), accumulates: rand() < 0.5, frequency, quote: "（生成）",
        },
      });
      const versions: Prisma.ProgressEntryCreateManyInput[] = [];
      const count = Math.floor(rand() * 8);
      const seen = new Map<string, number>();
      for (let i = 0; i < count; i++) {
        // Mostly the goal's own periods, sometimes another granularity (a frequency changed mid-year).
        const period = rand() < 0.8 ? pick(periodsFor[frequency]!) : pick(allPeriods);
        const version = (seen.get(period) ?? 0) + 1;
        seen.set(period, version);
        const submittedAt = new Date(endOf(period).getTime() + Math.floor(rand() * 40) * 86_400_000 + Math.floor(rand() * 86_400_000));
        const state = pick(["pending", "approved", "approved", "returned", "withdrawn"] as const);
        const countedAt = state === "approved" ? new Date(submittedAt.getTime() + Math.floor(rand() * 6) * 86_400_000) : null;
        versions.push({
          goalId: goal.id, period, periodEnd: endOf(period), version, value: String(Math.floor(rand() * 60)), rawInput: "x", state,
          submittedById: user.id, submittedAt, reportedAt: submittedAt, countedAt,
        });
      }
      if (versions.length) await t.db.progressEntry.createMany({ data: versions });
    }
    for (const asOf of ["2024-03-15", "2024-07-10", "2024-10-31", "2025-01-20", "2026-01-01"]) {
      for (const includePending of [false, true]) {
        const board = await getBoard(admin, plan.id, { asOf, includePending });
        if (!board.ok) throw new Error(board.error.message);
        for (const row of board.value.rows) {
          const detail = await getGoalDetail(admin, row.goalId, asOf, undefined, { includePending });
          if (!detail.ok) throw new Error(detail.error.message);
          expect({ goal: row.metric, asOf, includePending, ...row.judgement, completion: null, expectedShare: null, lag: null }).toEqual({
            goal: row.metric, asOf, includePending, ...detail.value.judgement, completion: null, expectedShare: null, lag: null,
          });
        }
      }
    }
  });
});

describe("the pending count", () => {
  it("counts what the reviewer list shows: the newest pending version of each period", async () => {
    const list = await listPendingReviews(admin, planId);
    const count = await countPendingReviews(admin, planId);
    if (!list.ok || !count.ok) throw new Error("pending");
    expect(count.value).toBe(list.value.length);
    const v1 = await submitEntry(reporter, farmlandId, { period: "2024-11", value: "40", confirm: true });
    const v2 = await submitEntry(reporter, farmlandId, { period: "2024-11", value: "41", confirm: true });
    expect(v1.ok && v2.ok).toBe(true);
    const after = await countPendingReviews(admin, planId);
    expect(after.ok && after.value).toBe(count.value + 1);
    expect((await countPendingReviews(reporter, planId)).ok).toBe(false);
  });
});
