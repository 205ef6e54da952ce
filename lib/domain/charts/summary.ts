import { STATUS_CODES, statusLabel, statusLight } from "../status/labels";
import type { StatusCode } from "../status/types";
import { baseOption, LIGHT_BORDER, LIGHT_COLOURS, type ChartSpec } from "./types";

/** The year-end summary's totals by verdict (codes with no goal are left out), for the page and the .docx image. */
export function totalsChart(totals: Record<StatusCode, number>, goalCount: number): ChartSpec {
  const codes = STATUS_CODES.filter((c) => totals[c] > 0);
  const title = "各状态指标数";
  return {
    id: "totals",
    title,
    label: `${title}：${codes.map((c) => `${statusLabel(c)}${totals[c]}项`).join("，") || "暂无指标"}，共${goalCount}项`,
    width: 540,
    height: 300,
    option: {
      ...baseOption(title),
      grid: { left: 12, right: 16, top: 64, bottom: 28, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "category", data: codes.map(statusLabel), axisTick: { show: false }, axisLabel: { interval: 0 } },
      yAxis: { type: "value", name: "指标数（项）", minInterval: 1, nameTextStyle: { align: "left" } },
      series: [{
        type: "bar",
        name: "指标数",
        barMaxWidth: 56,
        data: codes.map((c) => ({ value: totals[c], itemStyle: { color: LIGHT_COLOURS[statusLight(c)], borderColor: LIGHT_BORDER, borderWidth: 1 } })),
        label: { show: true, position: "top", formatter: "{c}项", fontSize: 13, fontWeight: "bold" },
      }],
    },
    table: { headers: ["状态", "指标数（项）"], rows: [...codes.map((c) => [statusLabel(c), String(totals[c])]), ["合计", String(goalCount)]] },
  };
}
