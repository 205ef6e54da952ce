export { CHART_FONT, CHART_FONT_FAMILIES, type ChartSpec, type ChartTable } from "./types";
export { boardCharts, groupProgress, lagChart, laggingGoals, lightsChart, progressChart, type ChartRow, type GroupProgress } from "./board";
export { goalTrendChart, shortPeriodLabel, type GoalTrendInput } from "./goal-trend";
export { totalsChart } from "./summary";
