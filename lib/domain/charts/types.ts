import type { Light } from "../status/types";

// A chart as plain data: the ECharts option (rendered to SVG on the server, lib/server/charts), its size, the
// accessible name of the picture and its numbers as a table for screen readers and print.

export interface ChartTable {
  headers: string[];
  rows: string[][];
}

export interface ChartSpec {
  /** Stable for tests and ids: "lights", "progress-section", "progress-department", "lag", "goal-trend", "totals". */
  id: string;
  title: string;
  /** The picture's accessible name: the title and what it shows in one sentence. */
  label: string;
  width: number;
  height: number;
  option: Record<string, unknown>;
  table: ChartTable;
}

// CJK families first: the browser and resvg (which rasterises the SVG for Word) take the first one installed.
export const CHART_FONT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "PingFang SC", "SimHei"];
export const CHART_FONT = `${CHART_FONT_FAMILIES.map((f) => `'${f}'`).join(",")},sans-serif`;

// Light colours of distinct lightness, so the bars stay apart in greyscale; every bar also carries its number and name.
export const LIGHT_COLOURS: Record<Light, string> = {
  green: "#15803d",
  yellow: "#facc15",
  red: "#b91c1c",
  grey: "#94a3b8",
  none: "#e2e8f0",
};
export const LIGHT_BORDER = "#334155";

/** What every chart shares: no animation (rendered once, on the server), the CJK font, room for labels. */
export function baseOption(title: string): Record<string, unknown> {
  return {
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: CHART_FONT, color: "#1e293b" },
    title: { text: title, left: 8, top: 6, textStyle: { fontSize: 15, fontWeight: "bold", fontFamily: CHART_FONT } },
  };
}

/** A ratio ("0.8333") as a percentage number rounded to 0.1 (83.3); charts draw numbers, the tables show text. */
export function percentNumber(ratio: string | number): number {
  return Math.round(Number(ratio) * 1000) / 10;
}

/** A long name cut for an axis label (the table keeps it whole). */
export function shortName(name: string, max = 12): string {
  const chars = [...name];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : name;
}
