import { Dec } from "../decimal";
import { LIGHTS, lightLabel } from "../status/labels";
import type { Light, StatusCode } from "../status/types";
import { baseOption, LIGHT_BORDER, LIGHT_COLOURS, percentNumber, shortName, type ChartSpec } from "./types";

// The board's charts, from the rows the board already judged: the lights, progress by section and by department
// (completion against 序时进度), and the goals furthest behind 序时进度.

/** What a chart needs of a board row (lib/server/board.ts BoardRow has it). */
export interface ChartRow {
  metric: string;
  sectionTitle: string | null;
  leadDepartment: { name: string } | null;
  accumulates: boolean;
  judgement: { code: StatusCode; light: Light; completion: string | null; expectedShare: string | null; lag: string | null };
}

export interface GroupProgress {
  name: string;
  /** Goals with a completion ratio (a counted figure). */
  count: number;
  /** Mean completion, each goal capped at 100% so one goal far beyond its target does not hide the others. */
  completion: string;
  /** Mean expectation: 序时进度 for accumulating goals, 100% for point goals (judged on the value as it stands). */
  expected: string;
}

const CAP = new Dec(1);

/** Completion against expectation per section or lead department, in first-seen (report) order. */
export function groupProgress(rows: readonly ChartRow[], by: "section" | "department"): GroupProgress[] {
  const groups = new Map<string, { count: number; completion: InstanceType<typeof Dec>; expected: InstanceType<typeof Dec> }>();
  for (const row of rows) {
    const { completion, expectedShare } = row.judgement;
    if (completion === null) continue;
    const name = by === "section" ? (row.sectionTitle ?? "未分章节") : (row.leadDepartment?.name || "未分配");
    const g = groups.get(name) ?? { count: 0, completion: new Dec(0), expected: new Dec(0) };
    g.count++;
    g.completion = g.completion.plus(Dec.min(new Dec(completion), CAP));
    g.expected = g.expected.plus(row.accumulates && expectedShare !== null ? new Dec(expectedShare) : CAP);
    groups.set(name, g);
  }
  return [...groups].map(([name, g]) => ({
    name,
    count: g.count,
    completion: g.completion.div(g.count).toDecimalPlaces(4).toString(),
    expected: g.expected.div(g.count).toDecimalPlaces(4).toString(),
  }));
}

export function lightsChart(lights: Record<Light, number>): ChartSpec {
  const title = "各灯色指标数";
  const total = LIGHTS.reduce((n, l) => n + lights[l], 0);
  return {
    id: "lights",
    title,
    label: `${title}：${LIGHTS.map((l) => `${lightLabel(l)}${lights[l]}项`).join("，")}，共${total}项`,
    width: 540,
    height: 300,
    option: {
      ...baseOption(title),
      grid: { left: 48, right: 16, top: 64, bottom: 36 },
      xAxis: { type: "category", data: LIGHTS.map(lightLabel), axisTick: { show: false } },
      yAxis: { type: "value", name: "指标数（项）", minInterval: 1, nameTextStyle: { align: "left" } },
      series: [{
        type: "bar",
        name: "指标数",
        barMaxWidth: 56,
        data: LIGHTS.map((l) => ({ value: lights[l], itemStyle: { color: LIGHT_COLOURS[l], borderColor: LIGHT_BORDER, borderWidth: 1 } })),
        label: { show: true, position: "top", formatter: "{c}项", fontSize: 13, fontWeight: "bold" },
      }],
    },
    table: { headers: ["灯色", "指标数（项）"], rows: [...LIGHTS.map((l) => [lightLabel(l), String(lights[l])]), ["合计", String(total)]] },
  };
}

export function progressChart(groups: readonly GroupProgress[], by: "section" | "department"): ChartSpec {
  const what = by === "section" ? "章节" : "牵头单位";
  const title = `各${what}平均完成率与序时进度`;
  const shown = groups.map((g) => ({ ...g, short: shortName(g.name) }));
  return {
    id: `progress-${by}`,
    title,
    label: `${title}（横条为平均完成率，竖线为应达进度）：${groups.map((g) => `${g.name}完成${percentNumber(g.completion)}%，应达${percentNumber(g.expected)}%`).join("；") || "暂无已填报的指标"}`,
    width: 540,
    height: Math.max(160, 96 + 30 * groups.length),
    option: {
      ...baseOption(title),
      legend: { top: 30, left: 8, itemWidth: 14, itemHeight: 10, data: ["平均完成率", "应达进度（序时进度）"] },
      grid: { left: 8, right: 56, top: 62, bottom: 28, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "value", name: "%", max: 100, min: 0, splitNumber: 5 },
      yAxis: { type: "category", inverse: true, data: shown.map((g) => g.short), axisTick: { show: false } },
      series: [
        {
          type: "bar",
          name: "平均完成率",
          barMaxWidth: 18,
          itemStyle: { color: "#2563eb" },
          data: shown.map((g) => percentNumber(g.completion)),
          label: { show: true, position: "right", formatter: "{c}%", fontSize: 12 },
        },
        {
          type: "scatter",
          name: "应达进度（序时进度）",
          symbol: "rect",
          symbolSize: [4, 22],
          itemStyle: { color: "#0f172a" },
          data: shown.map((g) => percentNumber(g.expected)),
          z: 5,
        },
      ],
    },
    table: {
      headers: [what, "指标数（项）", "平均完成率", "应达进度"],
      rows: groups.map((g) => [g.name, String(g.count), `${percentNumber(g.completion)}%`, `${percentNumber(g.expected)}%`]),
    },
  };
}

/** The goals furthest behind 序时进度 (lag > 0), worst first. */
export function laggingGoals(rows: readonly ChartRow[], limit = 10): ChartRow[] {
  return rows
    .filter((r) => r.judgement.lag !== null && new Dec(r.judgement.lag).gt(0))
    .sort((a, b) => new Dec(b.judgement.lag!).cmp(new Dec(a.judgement.lag!)))
    .slice(0, limit);
}

export function lagChart(rows: readonly ChartRow[]): ChartSpec {
  const goals = laggingGoals(rows);
  const title = `落后序时进度最多的${goals.length || 10}项指标`;
  return {
    id: "lag",
    title,
    label: `${title}：${goals.map((g) => `${g.metric}落后${percentNumber(g.judgement.lag!)}个百分点`).join("；") || "没有落后于序时进度的指标"}`,
    width: 540,
    height: Math.max(140, 80 + 28 * goals.length),
    option: {
      ...baseOption(title),
      grid: { left: 8, right: 64, top: 44, bottom: 28, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "value", name: "落后（百分点）", nameLocation: "middle", nameGap: 24, min: 0 },
      yAxis: { type: "category", inverse: true, data: goals.map((g) => shortName(g.metric, 14)), axisTick: { show: false } },
      series: [{
        type: "bar",
        name: "落后序时进度",
        barMaxWidth: 18,
        data: goals.map((g) => ({ value: percentNumber(g.judgement.lag!), itemStyle: { color: LIGHT_COLOURS[g.judgement.light], borderColor: LIGHT_BORDER, borderWidth: 1 } })),
        label: { show: true, position: "right", formatter: "{c}", fontSize: 12 },
      }],
      ...(goals.length === 0 && { graphic: { type: "text", left: "center", top: "middle", style: { text: "没有落后于序时进度的指标", fontSize: 14, fill: "#475569" } } }),
    },
    table: {
      headers: ["指标", "牵头单位", "完成率", "序时进度", "落后（百分点）"],
      rows: goals.map((g) => [
        g.metric,
        g.leadDepartment?.name || "未分配",
        g.judgement.completion === null ? "—" : `${percentNumber(g.judgement.completion)}%`,
        g.judgement.expectedShare === null ? "—" : `${percentNumber(g.judgement.expectedShare)}%`,
        String(percentNumber(g.judgement.lag!)),
      ]),
    },
  };
}

/** Every board chart, in the order shown. */
export function boardCharts(lights: Record<Light, number>, rows: readonly ChartRow[]): ChartSpec[] {
  return [lightsChart(lights), progressChart(groupProgress(rows, "section"), "section"), progressChart(groupProgress(rows, "department"), "department"), lagChart(rows)];
}
