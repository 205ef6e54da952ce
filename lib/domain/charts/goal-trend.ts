import { Dec } from "../decimal";
import { targetText, trimZeros } from "../labels";
import { elapsedShare, periodOf, periodsOfYear, type Frequency } from "../periods";
import { baseOption, type ChartSpec } from "./types";

// A goal's year-to-date figures by period against the 序时 line (accumulating goals: target × elapsed share) or its
// target band (point goals), with the baseline year's value and the previous year's figures beside them.

export interface GoalTrendInput {
  metric: string;
  unit: string;
  year: number;
  frequency: Frequency;
  accumulates: boolean;
  target: string | null;
  targetHigh: string | null;
  comparator: string;
  kind: string;
  /** The counted figure of each period (any order). */
  figures: { period: string; value: string }[];
  baseline: { value: string; year: number | null } | null;
  /** The linked previous year's goal's counted figures (previousGoalId). */
  previous: { year: number; figures: { period: string; value: string }[] } | null;
}

const QUARTERS = ["一", "二", "三", "四"];

/** "2024-06" → "6月", "2024-Q2" → "二季度", "2024-H1" → "上半年", "2024" → "全年". */
export function shortPeriodLabel(code: string): string {
  const p = periodOf(code);
  if (p.granularity === "month") return `${p.index}月`;
  if (p.granularity === "quarter") return `${QUARTERS[p.index - 1]}季度`;
  if (p.granularity === "half") return p.index === 1 ? "上半年" : "下半年";
  return "全年";
}

/** The same point of another year: the period whose elapsed share equals this one's (2023-06 for 2024-06 or 2024-H1 → 2023-H1 or 2023-06). */
function sameShare(figures: { period: string; value: string }[], share: InstanceType<typeof Dec>): string | null {
  const hit = figures.find((f) => elapsedShare(f.period).eq(share));
  return hit ? hit.value : null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

export function goalTrendChart(input: GoalTrendInput): ChartSpec {
  const periods = periodsOfYear(input.year, input.frequency);
  const byPeriod = new Map(input.figures.map((f) => [f.period, f.value]));
  const actual = periods.map((p) => byPeriod.get(p) ?? null);
  const target = input.target;
  const expected = input.accumulates && target !== null ? periods.map((p) => new Dec(target).times(elapsedShare(p)).toDecimalPlaces(2).toString()) : null;
  const previous = input.previous ? periods.map((p) => sameShare(input.previous!.figures, elapsedShare(p))) : null;
  const baseline = input.baseline;
  const stated = target === null ? "—" : targetText(target, input.unit, input.comparator, input.targetHigh, input.kind);
  const title = input.accumulates ? "本年累计与序时进度" : "本年实际与目标值";
  const labels = periods.map(shortPeriodLabel);
  const unit = input.unit || "数值";

  const marks: Record<string, unknown>[] = [];
  if (!input.accumulates && target !== null) {
    marks.push({ yAxis: Number(target), name: "目标值", label: { formatter: `目标 ${stated}`, position: "insideEndTop" }, lineStyle: { color: "#b91c1c", type: "solid", width: 2 } });
    if (input.targetHigh) marks.push({ yAxis: Number(input.targetHigh), name: "目标上限", label: { formatter: `上限 ${trimZeros(input.targetHigh)}${input.unit}`, position: "insideEndTop" }, lineStyle: { color: "#b91c1c", type: "solid", width: 2 } });
  }
  if (baseline) {
    marks.push({ yAxis: Number(baseline.value), name: "基数", label: { formatter: `基数${baseline.year ? `（${baseline.year}年）` : ""} ${trimZeros(baseline.value)}${input.unit}`, position: "insideStartTop" }, lineStyle: { color: "#64748b", type: "dotted", width: 2 } });
  }
  const band = !input.accumulates && target !== null && input.targetHigh
    ? { silent: true, itemStyle: { color: "rgba(185,28,28,0.08)" }, data: [[{ yAxis: Number(target) }, { yAxis: Number(input.targetHigh) }]] }
    : undefined;

  const series: Record<string, unknown>[] = [{
    type: "line",
    name: input.accumulates ? "本年累计" : "本年实际",
    data: actual.map(num),
    connectNulls: true,
    symbol: "circle",
    symbolSize: 8,
    lineStyle: { width: 3, color: "#1d4ed8" },
    itemStyle: { color: "#1d4ed8" },
    label: { show: true, position: "top", fontSize: 12, fontWeight: "bold" },
    ...(marks.length && { markLine: { symbol: "none", silent: true, data: marks } }),
    ...(band && { markArea: band }),
  }];
  if (expected) {
    series.push({
      type: "line", name: "序时进度线", data: expected.map(num), symbol: "none",
      lineStyle: { width: 2, type: "dashed", color: "#b91c1c" }, itemStyle: { color: "#b91c1c" },
      endLabel: { show: true, formatter: "序时进度", color: "#b91c1c" },
    });
  }
  if (previous) {
    series.push({
      type: "line", name: `上年（${input.previous!.year}年）同期`, data: previous.map(num), connectNulls: true, symbol: "triangle", symbolSize: 8,
      lineStyle: { width: 2, type: "dotted", color: "#475569" }, itemStyle: { color: "#475569" },
    });
  }

  const headers = ["期间", input.accumulates ? `本年累计（${unit}）` : `本年实际（${unit}）`];
  if (expected) headers.push(`序时进度线（${unit}）`);
  if (previous) headers.push(`上年同期（${unit}）`);
  const rows = periods.map((p, i) => [
    labels[i]!,
    actual[i] === null ? "—" : trimZeros(actual[i]!),
    ...(expected ? [trimZeros(expected[i]!)] : []),
    ...(previous ? [previous[i] === null ? "—" : trimZeros(previous[i]!)] : []),
  ]);
  const reported = periods.flatMap((p, i) => (actual[i] === null ? [] : [`${labels[i]}${trimZeros(actual[i]!)}${input.unit}`]));

  return {
    id: "goal-trend",
    title,
    label: `${title}：目标${stated}${baseline ? `，基数${trimZeros(baseline.value)}${input.unit}` : ""}；${reported.join("，") || "尚无计入的数据"}${expected ? "；虚线为序时进度线（目标×时间进度）" : ""}`,
    width: 600,
    height: 320,
    option: {
      ...baseOption(title),
      legend: { top: 30, left: 8, itemWidth: 18, itemHeight: 10 },
      grid: { left: 12, right: 72, top: 70, bottom: 28, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "category", data: labels, name: "期间", boundaryGap: input.frequency !== "monthly" },
      yAxis: { type: "value", name: unit, scale: !input.accumulates },
      series,
    },
    table: { headers, rows: [...rows, ["目标值", stated, ...headers.slice(2).map(() => "")], ...(baseline ? [[`基数${baseline.year ? `（${baseline.year}年）` : ""}`, `${trimZeros(baseline.value)}${input.unit}`, ...headers.slice(2).map(() => "")]] : [])] },
  };
}
