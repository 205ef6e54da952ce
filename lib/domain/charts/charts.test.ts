import { describe, expect, it } from "vitest";
import { boardCharts, goalTrendChart, groupProgress, lagChart, lightsChart, totalsChart, type ChartRow } from ".";

const row = (metric: string, section: string, dept: string, completion: string | null, expected: string | null, lag: string | null, accumulates = true): ChartRow => ({
  metric, sectionTitle: section, leadDepartment: { name: dept }, accumulates,
  judgement: { code: "behind", light: "yellow", completion, expectedShare: expected, lag },
});
const rows = [
  row("新建高标准农田", "（一）农业", "农业农村局", "0.3", "0.5", "0.2"),
  row("新增城镇就业", "（一）农业", "人社局", "1.5", "0.5", null),
  row("地区生产总值增长", "（二）经济", "发改委", "0.9", null, null, false),
  row("未填报的指标", "（二）经济", "发改委", null, null, null),
];
type Series = { type: string; name: string; data: unknown[]; markLine?: { data: { yAxis: number }[] } };
const seriesOf = (option: Record<string, unknown>) => option.series as Series[];

describe("board charts", () => {
  it("counts the lights, with Chinese names and a total in the table", () => {
    const spec = lightsChart({ green: 3, yellow: 2, red: 1, grey: 0, none: 4 });
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(["绿灯", "黄灯", "红灯", "灰灯", "未亮灯"]);
    expect(seriesOf(spec.option)[0]!.data.map((d) => (d as { value: number }).value)).toEqual([3, 2, 1, 0, 4]);
    expect(spec.table.rows.at(-1)).toEqual(["合计", "10"]);
    expect(spec.label).toContain("红灯1项");
  });

  it("averages completion (each capped at 100%) against 序时进度 (100% for point goals) per section and department", () => {
    expect(groupProgress(rows, "section")).toEqual([
      { name: "（一）农业", count: 2, completion: "0.65", expected: "0.5" },
      { name: "（二）经济", count: 1, completion: "0.9", expected: "1" },
    ]);
    const spec = boardCharts({ green: 0, yellow: 4, red: 0, grey: 0, none: 0 }, rows)[2]!;
    expect(spec.id).toBe("progress-department");
    expect(spec.title).toBe("各牵头单位平均完成率与序时进度");
    const [bars, marks] = seriesOf(spec.option);
    expect(bars!.data).toEqual([30, 100, 90]);
    expect(marks!.data).toEqual([50, 50, 100]);
    expect(spec.table.rows[0]).toEqual(["农业农村局", "1", "30%", "50%"]);
  });

  it("lists the goals furthest behind, worst first, at most ten", () => {
    const many = Array.from({ length: 12 }, (_, i) => row(`指标${i}`, "s", "d", "0.1", "0.5", `0.${String(i + 10)}`));
    const spec = lagChart(many);
    expect(spec.title).toBe("落后序时进度最多的10项指标");
    expect((spec.option.yAxis as { data: string[] }).data[0]).toBe("指标11");
    expect(seriesOf(spec.option)[0]!.data).toHaveLength(10);
    expect(spec.table.rows[0]).toEqual(["指标11", "d", "10%", "50%", "21"]);
    expect(lagChart([]).label).toContain("没有落后于序时进度的指标");
  });
});

describe("goal trend", () => {
  const base = { metric: "新建高标准农田", unit: "万亩", year: 2024, targetHigh: null, comparator: "gte", kind: "increment", baseline: { value: "38.2", year: 2023 } };
  it("draws an accumulating goal's figures against the 序时 line (target × elapsed share), the baseline and last year", () => {
    const spec = goalTrendChart({
      ...base, frequency: "quarterly", accumulates: true, target: "50",
      figures: [{ period: "2024-Q2", value: "20" }, { period: "2024-Q1", value: "8.5" }],
      previous: { year: 2023, figures: [{ period: "2023-06", value: "15" }] },
    });
    const [actual, expected, previous] = seriesOf(spec.option);
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(["一季度", "二季度", "三季度", "四季度"]);
    expect(actual!.data).toEqual([8.5, 20, null, null]);
    expect(expected!.name).toBe("序时进度线");
    expect(expected!.data).toEqual([12.5, 25, 37.5, 50]);
    expect(previous!.name).toBe("上年（2023年）同期");
    expect(previous!.data).toEqual([null, 15, null, null]);
    expect(actual!.markLine!.data.map((m) => m.yAxis)).toEqual([38.2]);
    expect(spec.table.headers).toEqual(["期间", "本年累计（万亩）", "序时进度线（万亩）", "上年同期（万亩）"]);
    expect(spec.table.rows[1]).toEqual(["二季度", "20", "25", "15"]);
    expect(spec.label).toContain("目标50万亩以上");
  });

  it("draws a point goal against its target band", () => {
    const spec = goalTrendChart({
      ...base, unit: "%", kind: "growth", comparator: "approx", frequency: "monthly", accumulates: false, target: "6", targetHigh: "6.5",
      figures: [{ period: "2024-03", value: "5.8" }], baseline: null, previous: null,
    });
    const [actual] = seriesOf(spec.option);
    expect(seriesOf(spec.option)).toHaveLength(1);
    expect(spec.title).toBe("本年实际与目标值");
    expect(actual!.data[2]).toBe(5.8);
    expect(actual!.markLine!.data.map((m) => m.yAxis)).toEqual([6, 6.5]);
    expect(spec.table.rows.at(-1)).toEqual(["目标值", "增长6–6.5%左右"]);
  });
});

describe("summary totals", () => {
  it("shows only verdicts that occur, in Chinese, with the total", () => {
    const totals = { not_started: 0, overdue: 1, on_track: 0, behind: 0, far_behind: 0, met: 5, exceeded: 2, basically_met: 0, not_met: 1 };
    const spec = totalsChart(totals, 9);
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(["未填报", "已完成", "超额完成", "未完成"]);
    expect(spec.table.rows).toEqual([["未填报", "1"], ["已完成", "5"], ["超额完成", "2"], ["未完成", "1"], ["合计", "9"]]);
  });
});
