// A plan's board charts drawn from the real board (getBoard), and a goal's trend with its linked previous year.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardCharts } from "@/lib/domain/charts";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let planId = "";
let goalId = "";
const leader: Actor = {
  userId: "u-leader", username: "leader", name: "领导", role: "leader", departmentId: null, departmentName: null,
  scope: { regionId: "r-chart", below: ["r-chart"], parentId: null },
};

beforeAll(async () => {
  t = await createTestDatabase();
  const regionId = (await t.db.region.create({ data: { id: "r-chart", name: "测试市", level: "city" } })).id;
  const farming = await t.db.department.create({ data: { regionId, name: "市农业农村局" } });
  const user = await t.db.user.create({ data: { id: "u-leader", name: "领导", email: "l@x.invalid", username: "leader", role: "leader" } });
  const plan = (year: number) => t.db.plan.create({ data: { regionId, region: "测试市", level: "city", year, title: `测试${year}`, sourceText: "…" } });
  const [before, now] = [await plan(2023), await plan(2024)];
  planId = now.id;
  const chapter = await t.db.section.create({ data: { planId, position: 0, part: "plan", number: "（一）", title: "发展现代农业", start: 0, end: 1 } });
  const goal = (p: string, metric: string, previousGoalId?: string) =>
    t.db.goal.create({
      data: {
        planId: p, position: 0, metric, sectionId: p === planId ? chapter.id : null, leadDepartmentId: farming.id, targetValue: "50", unit: "万亩",
        comparator: "gte", kind: "increment", direction: "higher", accumulates: true, frequency: "monthly", quote: metric,
        baselineValue: "38.2", baselineUnit: "万亩", baselineYear: 2023, previousGoalId,
      },
    });
  const last = await goal(before.id, "新建高标准农田");
  const farmland = await goal(planId, "新建高标准农田", last.id);
  goalId = farmland.id;
  const entry = (g: string, period: string, value: string, day: string) =>
    t.db.progressEntry.create({
      data: {
        goalId: g, period, periodEnd: new Date(`${day}T00:00:00Z`), version: 1, value, rawInput: value, submittedById: user.id,
        state: "approved", reportedAt: new Date(`${day}T00:00:00Z`), countedAt: new Date(`${day}T02:00:00Z`),
      },
    });
  await entry(last.id, "2023-06", "18.5", "2023-07-03");
  await entry(goalId, "2024-03", "6", "2024-04-03");
  await entry(goalId, "2024-06", "10", "2024-07-03");
});
afterAll(() => t.drop());

describe("charts of a plan", () => {
  it("draws the board's charts with the plan's labels and numbers", async () => {
    const { getBoard } = await import("../board");
    const { renderChartSvg } = await import("./render");
    const board = await getBoard(leader, planId, { asOf: "2024-07-15" });
    if (!board.ok) throw new Error(board.error.message);
    const svgs = Object.fromEntries(boardCharts(board.value.lights, board.value.rows).map((spec) => [spec.id, renderChartSvg(spec)]));
    expect(svgs.lights).toContain("红灯");
    expect(svgs.lights).toContain("1项");
    // 10 of 50 at June: 20% against 序时进度 50%, 30 points behind.
    expect(svgs["progress-section"]).toContain("发展现代农业");
    expect(svgs["progress-section"]).toContain("20%");
    expect(svgs["progress-department"]).toContain("市农业农村局");
    expect(svgs.lag).toContain("新建高标准农田");
    expect(svgs.lag).toContain(">30<");
    // Drawn once per content: the same chart again is the same drawing; another figure, another drawing.
    const lights = boardCharts(board.value.lights, board.value.rows).find((spec) => spec.id === "lights")!;
    expect(renderChartSvg(lights)).toBe(svgs.lights);
    const changed = boardCharts({ ...board.value.lights, red: board.value.lights.red + 7 }, board.value.rows).find((spec) => spec.id === "lights")!;
    expect(renderChartSvg(changed)).not.toBe(svgs.lights);
    expect(renderChartSvg(changed)).toContain(`${board.value.lights.red + 7}项`);
  });

  it("draws the goal's trend against the 序时 line, with the baseline and the previous year's figure", async () => {
    const { getGoalDetail } = await import("../goals");
    const { goalTrend } = await import("./goal-trend");
    const { renderChartSvg } = await import("./render");
    const detail = await getGoalDetail(leader, goalId, "2024-07-15");
    if (!detail.ok) throw new Error(detail.error.message);
    const spec = await goalTrend(leader, detail.value);
    expect(spec.table.rows[5]).toEqual(["6月", "10", "25", "18.5"]);
    const svg = renderChartSvg(spec);
    for (const text of ["本年累计与序时进度", "序时进度", "基数（2023年） 38.2万亩", "上年（2023年）同期", ">10<", ">6<"]) expect(svg).toContain(text);
  });
});
