// The status board's filters and totals against a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let getBoard: typeof import("./board").getBoard;
let planId = "";
const ids: Record<string, string> = {};
const leader: Actor = {
  userId: "u-leader", username: "leader", name: "领导", role: "leader", departmentId: null, departmentName: null,
  scope: { regionId: "r-test", below: ["r-test"], parentId: null },
};

beforeAll(async () => {
  t = await createTestDatabase();
  getBoard = (await import("./board")).getBoard;
  const regionId = (await t.db.region.create({ data: { id: "r-test", name: "测试市", level: "city" } })).id;
  const farming = await t.db.department.create({ data: { regionId, name: "市农业农村局" } });
  const commerce = await t.db.department.create({ data: { regionId, name: "市商务局" } });
  const user = await t.db.user.create({ data: { id: "u-leader", name: "领导", email: "l@x.invalid", username: "leader", role: "leader" } });
  const plan = await t.db.plan.create({ data: { regionId, region: "测试市", level: "city", year: 2024, title: "测试", sourceText: "…" } });
  planId = plan.id;
  const part = await t.db.section.create({ data: { planId, position: 0, part: "plan", number: "二、", title: "2024年重点工作任务", start: 0, end: 1 } });
  const chapter = await t.db.section.create({ data: { planId, parentId: part.id, position: 1, part: "plan", number: "（一）", title: "发展现代农业", start: 0, end: 1 } });
  const item = await t.db.section.create({ data: { planId, parentId: chapter.id, position: 2, part: "plan", number: "一是", title: "抓好粮食生产", start: 0, end: 1 } });
  const other = await t.db.section.create({ data: { planId, parentId: part.id, position: 3, part: "plan", number: "（二）", title: "扩大消费", start: 0, end: 1 } });
  Object.assign(ids, { part: part.id, chapter: chapter.id, item: item.id, other: other.id, farming: farming.id, commerce: commerce.id });
  const goal = (position: number, metric: string, sectionId: string, leadDepartmentId: string) =>
    t.db.goal.create({
      data: {
        planId, position, metric, sectionId, leadDepartmentId, targetValue: "100", unit: "个", comparator: "gte",
        kind: "increment", direction: "higher", accumulates: true, frequency: "monthly", quote: metric,
      },
    });
  const inChapter = await goal(0, "新建农田项目", chapter.id, farming.id);
  const inItem = await goal(1, "新增粮食基地", item.id, farming.id);
  await goal(2, "新增限上企业", other.id, commerce.id);
  // 2024-06, f = 0.5: 50 of 100 is on track; nothing for the third goal (overdue at 2024-07-15).
  for (const [goalId, value] of [[inChapter.id, "50"], [inItem.id, "10"]] as const) {
    await t.db.progressEntry.create({
      data: {
        goalId, period: "2024-06", periodEnd: new Date("2024-06-30T00:00:00Z"), version: 1, value, rawInput: value, submittedById: user.id,
        state: "approved", reportedAt: new Date("2024-07-03T00:00:00Z"), countedAt: new Date("2024-07-03T02:00:00Z"),
      },
    });
  }
});
afterAll(() => t.drop());

const metrics = (rows: { metric: string }[]) => rows.map((r) => r.metric);

describe("getBoard", () => {
  it("judges every goal and counts them by status and light", async () => {
    const board = await getBoard(leader, planId, { asOf: "2024-07-15" });
    if (!board.ok) throw new Error(board.error.message);
    expect(board.value.rows.map((r) => [r.metric, r.judgement.code])).toEqual([
      ["新建农田项目", "on_track"],
      ["新增粮食基地", "far_behind"],
      ["新增限上企业", "overdue"],
    ]);
    expect([board.value.totals.on_track, board.value.totals.far_behind, board.value.totals.overdue]).toEqual([1, 1, 1]);
    expect([board.value.lights.green, board.value.lights.red, board.value.lights.grey]).toEqual([1, 1, 1]);
  });

  it("a section filter includes the goals of its sub-sections", async () => {
    const byChapter = await getBoard(leader, planId, { asOf: "2024-07-15", section: ids.chapter });
    expect(byChapter.ok && metrics(byChapter.value.rows)).toEqual(["新建农田项目", "新增粮食基地"]);
    const byItem = await getBoard(leader, planId, { asOf: "2024-07-15", section: ids.item });
    expect(byItem.ok && metrics(byItem.value.rows)).toEqual(["新增粮食基地"]);
    const byPart = await getBoard(leader, planId, { asOf: "2024-07-15", section: ids.part });
    expect(byPart.ok && byPart.value.rows.length).toBe(3);
  });

  it("filters by lead department; totals follow the section and department filters but not the status filter", async () => {
    const farming = await getBoard(leader, planId, { asOf: "2024-07-15", department: ids.farming, status: "far_behind" });
    if (!farming.ok) throw new Error(farming.error.message);
    expect(metrics(farming.value.rows)).toEqual(["新增粮食基地"]);
    expect(farming.value.goalCount).toBe(2);
    expect([farming.value.totals.on_track, farming.value.totals.far_behind, farming.value.totals.overdue]).toEqual([1, 1, 0]);
  });

  it("gives completion and 序时进度 to the rows asked for, with the same verdicts for all", async () => {
    const full = await getBoard(leader, planId, { asOf: "2024-07-15" });
    const paged = await getBoard(leader, planId, { asOf: "2024-07-15" }, undefined, { detailRows: { offset: 1, limit: 1 } });
    if (!full.ok || !paged.ok) throw new Error("board");
    expect(paged.value.rows.map((r) => r.judgement.code)).toEqual(full.value.rows.map((r) => r.judgement.code));
    expect(paged.value.totals).toEqual(full.value.totals);
    expect(paged.value.rows[1]!.judgement).toEqual(full.value.rows[1]!.judgement);
    expect(paged.value.rows[1]!.judgement).toMatchObject({ completion: "0.1", expectedShare: "0.5", lag: "0.4" });
    expect(paged.value.rows[0]!.judgement).toMatchObject({ code: "on_track", completion: null, expectedShare: null });
  });

  it("refuses an anonymous caller and an unknown plan", async () => {
    expect(await getBoard(null, planId)).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await getBoard(leader, "no-such-plan")).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
