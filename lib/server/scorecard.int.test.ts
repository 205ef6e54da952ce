// 部门考评 against a real database: versions on time, late, missing and returned at fixed instants; the verdicts
// come from the board; a reporter sees their own department's row only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { periodEndDate } from "@/lib/domain/periods";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { getScorecard } from "./scorecard";

let t: TestDatabase;
let planId: string;
let regionId: string;
let admin: Actor;
let reporterA: Actor;
let nongye: string;
let renshe: string;

const actor = (user: { id: string; username: string | null; name: string; role: string; departmentId: string | null }): Actor => ({
  userId: user.id, username: user.username ?? user.id, name: user.name, role: user.role as Actor["role"], departmentId: user.departmentId, departmentName: null,
  scope: { regionId, below: [regionId], parentId: null },
});
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("./users");
  regionId = (await t.db.region.create({ data: { name: "考评市", level: "city" } })).id;
  nongye = (await t.db.department.create({ data: { regionId, name: "市农业农村局" } })).id;
  renshe = (await t.db.department.create({ data: { regionId, name: "市人社局" } })).id;
  const users = await t.db.$transaction(async (tx) => ({
    admin: await insertUser(tx, { username: "kp-admin", name: "督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null }),
    a: await insertUser(tx, { username: "kp-nongye", name: "农业局", password: "luoshi-nongye-pw", role: "reporter", departmentId: nongye }),
  }));
  admin = actor(users.admin);
  reporterA = actor(users.a);
  planId = (await t.db.plan.create({ data: { regionId, region: "考评市", level: "city", year: 2024, title: "考评市2024年目标任务", sourceText: "（测试）", graceDays: 10 } })).id;
  const common = { planId, quote: "（测试）", comparator: "gte" as const, direction: "higher" as const, frequency: "quarterly" as const };
  // 市人社局 leads a non-additive annual goal (not yet due) and the quarterly jobs goal; 市农业农村局 leads farmland
  // (市人社局 co-leads it) and a share of the annual goal.
  const parent = await t.db.goal.create({ data: { ...common, position: 0, metric: "城镇调查失业率", targetValue: "5.5", unit: "%", kind: "ratio", direction: "lower", comparator: "lte", accumulates: false, frequency: "annual", leadDepartmentId: renshe } });
  const farmland = await t.db.goal.create({ data: { ...common, position: 1, metric: "新建高标准农田", targetValue: "50", unit: "万亩", kind: "increment", accumulates: true, leadDepartmentId: nongye, coDepartments: { create: [{ departmentId: renshe }] } } });
  const share = await t.db.goal.create({ data: { ...common, position: 2, metric: "农村劳动力转移就业率", targetValue: "80", unit: "%", kind: "level", accumulates: false, leadDepartmentId: nongye, parentGoalId: parent.id } });
  const jobs = await t.db.goal.create({ data: { ...common, position: 3, metric: "城镇新增就业", targetValue: "2.4", unit: "万人", kind: "increment", accumulates: true, leadDepartmentId: renshe } });

  let n = 0;
  const entry = (goalId: string, period: string, value: string, state: "pending" | "approved" | "returned" | "withdrawn", submittedAt: string, reviewedAt?: string) =>
    t.db.progressEntry.create({
      data: {
        goalId, period, periodEnd: new Date(`${periodEndDate(period)}T00:00:00Z`), version: ++n, value, rawInput: value, state,
        submittedById: users.a.id, submittedAt: at(submittedAt), reportedAt: new Date(`${submittedAt.slice(0, 10)}T00:00:00Z`),
        countedAt: state === "approved" ? at(reviewedAt!) : null, reviewedAt: reviewedAt ? at(reviewedAt) : null,
      },
    });
  // Due dates: Q1 2024-04-10, Q2 2024-07-10 (end of day, Asia/Shanghai).
  await entry(farmland.id, "2024-Q1", "55", "approved", "2024-04-08T02:00:00Z", "2024-04-09T02:00:00Z"); // on time
  await entry(farmland.id, "2024-Q2", "58", "pending", "2024-07-15T02:00:00Z"); // late
  await entry(share.id, "2024-Q1", "60", "returned", "2024-04-05T02:00:00Z", "2024-04-06T02:00:00Z"); // returned
  await entry(share.id, "2024-Q1", "61", "approved", "2024-04-20T02:00:00Z", "2024-04-21T02:00:00Z"); // late; Q2 missing
  await entry(share.id, "2024-Q2", "62", "withdrawn", "2024-07-05T02:00:00Z"); // withdrawn: not reported
  await entry(jobs.id, "2024-Q1", "0.5", "approved", "2024-04-10T15:00:00Z", "2024-04-11T02:00:00Z"); // 23:00 on the due day: on time
  await entry(jobs.id, "2024-Q2", "0.9", "approved", "2024-07-09T02:00:00Z", "2024-07-10T02:00:00Z"); // on time; 0.9/2.4 at half year → behind
});
afterAll(() => t?.drop());

describe("getScorecard", () => {
  it("counts and ranks every department for the office (as of 2024-07-20)", async () => {
    const result = await getScorecard(admin, planId, { asOf: "2024-07-20" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual([
      {
        id: renshe, name: "市人社局", goals: 3, lead: 2, co: 1, shares: 0, due: 2, onTime: 2, late: 0, missing: 0, returned: 0,
        met: 0, behind: 1, notMet: 0, onTimeRate: 100, completionRate: 0, rank: 1,
      },
      {
        id: nongye, name: "市农业农村局", goals: 2, lead: 2, co: 0, shares: 1, due: 4, onTime: 1, late: 2, missing: 1, returned: 1,
        met: 1, behind: 0, notMet: 0, onTimeRate: 25, completionRate: 50, rank: 2,
      },
    ]);
  });

  it("as of the due day: a figure sent at 23:00 that day is on time; one returned before it leaves the period missing", async () => {
    const result = await getScorecard(admin, planId, { asOf: "2024-04-10" });
    if (!result.ok) throw new Error(result.error.message);
    const byName = Object.fromEntries(result.value.map((r) => [r.name, r]));
    expect(byName["市人社局"]).toMatchObject({ due: 1, onTime: 1, late: 0, missing: 0, met: 0, behind: 0, onTimeRate: 100, completionRate: 0, rank: 1 });
    expect(byName["市农业农村局"]).toMatchObject({ due: 2, onTime: 1, late: 0, missing: 1, returned: 1, met: 1, onTimeRate: 50, completionRate: 50, rank: 2 });
  });

  it("a reporter sees their own department's row only", async () => {
    const result = await getScorecard(reporterA, planId, { asOf: "2024-07-20" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.map((r) => r.name)).toEqual(["市农业农村局"]);
    expect(result.value[0]).toMatchObject({ onTimeRate: 25, rank: 2 });
  });

  it("refuses the signed-out and answers 404 for an unknown plan", async () => {
    expect(await getScorecard(null, planId)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await getScorecard(admin, "cm0000000000000000000000")).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
