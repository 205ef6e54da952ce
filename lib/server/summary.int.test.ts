// The year-end summary against a real database: the board's verdicts, 未报送 apart, the filters, the scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let getSummary: typeof import("./summary").getSummary;
let getBoard: typeof import("./board").getBoard;
let planId = "";
const ids: Record<string, string> = {};
const actor = (regionId: string): Actor => ({
  userId: "u-leader", username: "leader", name: "领导", role: "leader", departmentId: null, departmentName: null,
  scope: { regionId, below: [regionId], parentId: null },
});
const leader = actor("r-sum");

beforeAll(async () => {
  t = await createTestDatabase();
  getSummary = (await import("./summary")).getSummary;
  getBoard = (await import("./board")).getBoard;
  const regionId = (await t.db.region.create({ data: { id: "r-sum", name: "总结市", level: "city" } })).id;
  await t.db.region.create({ data: { id: "r-other", name: "邻市", level: "city" } });
  const farming = await t.db.department.create({ data: { regionId, name: "市农业农村局" } });
  const commerce = await t.db.department.create({ data: { regionId, name: "市商务局" } });
  const user = await t.db.user.create({ data: { id: "u-leader", name: "领导", email: "l@x.invalid", username: "leader", role: "leader" } });
  const plan = await t.db.plan.create({ data: { regionId, region: "总结市", level: "city", year: 2024, title: "2024年政府工作报告", sourceText: "…" } });
  planId = plan.id;
  const part = await t.db.section.create({ data: { planId, position: 0, part: "plan", number: "二、", title: "2024年重点工作任务", start: 0, end: 1 } });
  const chapter = await t.db.section.create({ data: { planId, parentId: part.id, position: 1, part: "plan", number: "（一）", title: "发展现代农业", start: 0, end: 1 } });
  const item = await t.db.section.create({ data: { planId, parentId: chapter.id, position: 2, part: "plan", number: "一是", title: "抓好粮食生产", start: 0, end: 1 } });
  const other = await t.db.section.create({ data: { planId, parentId: part.id, position: 3, part: "plan", number: "（二）", title: "扩大消费", start: 0, end: 1 } });
  Object.assign(ids, { chapter: chapter.id, item: item.id, other: other.id, farming: farming.id, commerce: commerce.id });
  const goal = (position: number, metric: string, sectionId: string, leadDepartmentId: string, extra: object = {}) =>
    t.db.goal.create({
      data: {
        planId, position, metric, sectionId, leadDepartmentId, targetValue: "100", unit: "个", comparator: "gte",
        kind: "increment", direction: "higher", accumulates: true, frequency: "monthly", quote: metric, ...extra,
      },
    });
  const exceeded = await goal(0, "新建农田项目", chapter.id, farming.id, { baselineValue: "80", baselineYear: 2023 });
  const notMet = await goal(1, "新增粮食基地", item.id, farming.id);
  await goal(2, "新增限上企业", other.id, commerce.id);
  const entry = (goalId: string, period: string, value: string, version: number, countedAt: string, note: string | null, state: "approved" | "pending" = "approved") =>
    t.db.progressEntry.create({
      data: {
        goalId, period, periodEnd: new Date(`${period}-${period.endsWith("12") ? "31" : "30"}T00:00:00Z`), version, value, rawInput: value, note,
        submittedById: user.id, state, reportedAt: new Date(countedAt), countedAt: state === "approved" ? new Date(countedAt) : null,
      },
    });
  await entry(exceeded.id, "2024-12", "120", 1, "2025-01-05T02:00:00Z", "第一版");
  await entry(exceeded.id, "2024-12", "122.9", 2, "2025-01-08T02:00:00Z", "核实后更正");
  await entry(notMet.id, "2024-12", "60", 1, "2025-01-06T02:00:00Z", "受干旱影响，部分基地延期");
  // A pending correction never counts in the summary.
  await entry(notMet.id, "2024-12", "100", 2, "2025-01-07T02:00:00Z", "未审核", "pending");
});
afterAll(() => t.drop());

const asOf = "2025-01-31";

describe("getSummary", () => {
  it("matches the board's verdicts; rows carry target, actual, completion, department and the counted version's note", async () => {
    const [summary, board] = await Promise.all([getSummary(leader, planId, { asOf }), getBoard(leader, planId, { asOf })]);
    if (!summary.ok || !board.ok) throw new Error("not ok");
    expect(summary.value.totals).toEqual(board.value.totals);
    expect(summary.value.lights).toEqual(board.value.lights);
    const rows = summary.value.sections.flatMap((s) => s.goals);
    expect(rows.map((r) => r.status)).toEqual(board.value.rows.map((r) => r.judgement.code));
    expect(summary.value.sections.map((s) => s.title)).toEqual(["（一）发展现代农业", "（二）扩大消费"]);
    expect(rows.map((r) => [r.metric, r.targetText, r.actual, r.actualPeriod, r.completion, r.statusLabel, r.leadDepartment?.name, r.explanation])).toEqual([
      ["新建农田项目", "100个以上", "122.9个", "2024-12", "122.9%", "超额完成", "市农业农村局", "核实后更正"],
      ["新增粮食基地", "100个以上", "60个", "2024-12", "60.0%", "未完成", "市农业农村局", "受干旱影响，部分基地延期"],
      ["新增限上企业", "100个以上", null, null, null, "未报送", "市商务局", null],
    ]);
    expect(rows[0]!.baseline).toBe("2023年80个");
    expect(summary.value.unreported).toBe(1);
    expect(summary.value.notMet.map((r) => [r.metric, r.explanation])).toEqual([["新增粮食基地", "受干旱影响，部分基地延期"]]);
    expect(summary.value.departments.map((d) => [d.name, d.goals, d.met, d.notMet]).sort()).toEqual([["市农业农村局", 2, 1, 1], ["市商务局", 1, 0, 0]]);
    expect(summary.value.narrativeKind).toBe("year");
    expect(summary.value.narrative).toBe(
      "2024年政府工作报告确定量化指标3项。截至2024年12月底，已完成1项（其中超额完成1项），未完成1项，未报送1项。" +
        "（一）发展现代农业：共2项，已完成1项（其中超额完成1项），未完成1项。（二）扩大消费：共1项，尚未报送完成情况。" +
        "未完成的指标1项：新增粮食基地（市农业农村局）。未报送的指标1项：新增限上企业（市商务局）。",
    );
  });

  it("as of an earlier day: what was counted then (the first version and its note)", async () => {
    const summary = await getSummary(leader, planId, { asOf: "2025-01-05" });
    if (!summary.ok) throw new Error(summary.error.message);
    const first = summary.value.sections[0]!.goals[0]!;
    expect([first.actual, first.completion, first.explanation, first.status]).toEqual(["120个", "120.0%", "第一版", "exceeded"]);
    expect(summary.value.sections[0]!.goals[1]!.statusLabel).toBe("未报送");
  });

  it("filters by section (with sub-sections) and by lead department", async () => {
    const bySection = await getSummary(leader, planId, { asOf, section: ids.item });
    expect(bySection.ok && bySection.value.sections.flatMap((s) => s.goals.map((g) => g.metric))).toEqual(["新增粮食基地"]);
    const byChapter = await getSummary(leader, planId, { asOf, section: ids.chapter });
    expect(byChapter.ok && byChapter.value.goalCount).toBe(2);
    const byDepartment = await getSummary(leader, planId, { asOf, department: ids.commerce });
    if (!byDepartment.ok) throw new Error(byDepartment.error.message);
    expect(byDepartment.value.sections.flatMap((s) => s.goals.map((g) => g.metric))).toEqual(["新增限上企业"]);
    expect(byDepartment.value.departments.map((d) => d.name)).toEqual(["市商务局"]);
    expect(byDepartment.value.narrative).toBe("2024年政府工作报告确定量化指标1项。截至2024年12月底，尚未报送完成情况。未报送的指标1项：新增限上企业（市商务局）。");
  });

  it("a reader outside the plan's region, or an unknown plan, gets not_found", async () => {
    expect(await getSummary(actor("r-other"), planId, { asOf })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await getSummary(leader, "no-such-plan")).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
