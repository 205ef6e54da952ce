import type { StatusCode } from "../status";
import type { Summary, SummaryRow } from "./compose";

// The narrative is built from the summary alone: every number and name in it is in the tables.

export type NarrativeKind = "year" | "bulletin";

/** The plan as the subject of a sentence: "牡丹江市2024年政府工作报告目标任务" reads "牡丹江市2024年政府工作报告". */
function subject(title: string): string {
  return title.replace(/目标任务$/, "") || title;
}

/** "截至2024年12月底" for a month's last day or any day after the plan year; else "截至2024年6月15日". */
export function asOfPhrase(asOf: string, year: number): string {
  if (asOf > `${year}-12-31`) return `截至${year}年12月底`;
  const [y, m, d] = asOf.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d === last ? `截至${y}年${m}月底` : `截至${y}年${m}月${d}日`;
}

interface Tally {
  done: number;
  exceeded: number;
  basically: number;
  onTrack: number;
  behind: number;
  farBehind: number;
  notMet: number;
  /** A counted figure, but a later period is overdue. */
  stale: number;
  /** Not yet due, with no figure. */
  notStarted: number;
  unreported: number;
}

/** A goal's place in the year narrative; goals with no counted figure are 未报送 whatever their code. */
function tally(rows: SummaryRow[]): Tally {
  const t: Tally = { done: 0, exceeded: 0, basically: 0, onTrack: 0, behind: 0, farBehind: 0, notMet: 0, stale: 0, notStarted: 0, unreported: 0 };
  for (const r of rows) {
    if (!r.reported) {
      if (r.status === "not_started") t.notStarted++;
      else t.unreported++;
      continue;
    }
    const add: Record<StatusCode, () => void> = {
      met: () => t.done++,
      exceeded: () => (t.done++, t.exceeded++),
      basically_met: () => t.basically++,
      on_track: () => t.onTrack++,
      behind: () => t.behind++,
      far_behind: () => t.farBehind++,
      not_met: () => t.notMet++,
      overdue: () => t.stale++,
      not_started: () => t.notStarted++,
    };
    add[r.status]();
  }
  return t;
}

/** The clauses of a tally, zero counts left out: ["已完成52项（其中超额完成9项）", "基本完成3项", …]. */
function clauses(t: Tally): string[] {
  const out: string[] = [];
  if (t.done) out.push(`已完成${t.done}项${t.exceeded ? `（其中超额完成${t.exceeded}项）` : ""}`);
  if (t.basically) out.push(`基本完成${t.basically}项`);
  if (t.onTrack) out.push(`正常推进${t.onTrack}项`);
  if (t.behind) out.push(`滞后${t.behind}项`);
  if (t.farBehind) out.push(`严重滞后${t.farBehind}项`);
  if (t.notMet) out.push(`未完成${t.notMet}项`);
  if (t.stale) out.push(`未按期更新进度${t.stale}项`);
  if (t.notStarted) out.push(`尚未到报送期${t.notStarted}项`);
  if (t.unreported) out.push(`未报送${t.unreported}项`);
  return out;
}

/** How a group stands: "已完成52项（其中超额完成9项），基本完成3项" or "全部完成" / "已完成" when every goal is done. */
function standing(rows: SummaryRow[], allDone: string, oneDone: string): string {
  const t = tally(rows);
  if (rows.length > 0 && t.done === rows.length) {
    const exceeded = t.exceeded ? `（其中超额完成${t.exceeded}项）` : "";
    return `${rows.length === 1 ? oneDone : allDone}${exceeded}`;
  }
  if (rows.length > 0 && t.unreported + t.notStarted === rows.length) return rows.length === 1 ? "尚未报送完成情况" : "均未报送完成情况";
  return clauses(t).join("，");
}

/** "城镇新增就业（市人社局）、粮食产量（市农业农村局）". */
function named(rows: SummaryRow[]): string {
  return rows.map((r) => (r.leadDepartment ? `${r.metric}（${r.leadDepartment.name}）` : r.metric)).join("、");
}

function namedLists(rows: SummaryRow[], lists: [string, (r: SummaryRow) => boolean][]): string[] {
  const out: string[] = [];
  for (const [label, pick] of lists) {
    const picked = rows.filter(pick);
    if (picked.length) out.push(`${label}${picked.length}项：${named(picked)}。`);
  }
  return out;
}

function yearParagraphs(s: Summary): string[] {
  const rows = s.sections.flatMap((x) => x.goals);
  const when = asOfPhrase(s.asOf, s.plan.year);
  if (rows.length === 0) return [s.holder ? `${subject(s.plan.title)}没有分解由${s.holder}承担的量化指标。` : `${subject(s.plan.title)}尚未确定量化指标。`];
  const head = `${subject(s.plan.title)}${s.holder ? `分解由${s.holder}承担的量化指标` : "确定量化指标"}${rows.length}项。${when}，${standing(rows, `${rows.length}项指标全部完成`, "该项指标已完成")}。`;
  const perSection =
    s.sections.length > 1
      ? s.sections.map((x) => `${x.title}：共${x.goals.length}项，${standing(x.goals, "全部完成", "已完成")}。`)
      : [];
  const lists = namedLists(rows, [
    ["基本完成的指标", (r) => r.reported && r.status === "basically_met"],
    ["滞后的指标", (r) => r.reported && r.status === "behind"],
    ["严重滞后的指标", (r) => r.reported && r.status === "far_behind"],
    ["未完成的指标", (r) => r.reported && r.status === "not_met"],
    ["未报送的指标", (r) => !r.reported && r.status !== "not_started"],
  ]);
  return [head, perSection.join(""), lists.join("")].filter(Boolean);
}

/** 督办通报: lights 正常 / 滞后 / 严重滞后 / 未填报, the goals behind and not reported named with their departments. */
function bulletinParagraphs(s: Summary): string[] {
  const rows = s.sections.flatMap((x) => x.goals);
  const when = asOfPhrase(s.asOf, s.plan.year);
  if (rows.length === 0) return [s.holder ? `${subject(s.plan.title)}没有分解由${s.holder}承担的量化指标。` : `${subject(s.plan.title)}尚未确定量化指标。`];
  const count = (light: string) => rows.filter((r) => r.light === light).length;
  const parts: string[] = [];
  const green = count("green");
  const yellow = count("yellow");
  const red = count("red");
  const grey = count("grey");
  const none = count("none");
  if (green === rows.length) parts.push(rows.length === 1 ? "该项指标进展正常" : "全部进展正常");
  else {
    if (green) parts.push(`正常${green}项`);
    if (yellow) parts.push(`滞后${yellow}项`);
    if (red) parts.push(`严重滞后${red}项`);
    if (grey) parts.push(`未填报${grey}项`);
    if (none) parts.push(`尚未到报送期${none}项`);
  }
  const head = `${when}，${subject(s.plan.title)}${s.holder ? `分解由${s.holder}承担、` : ""}纳入督办的量化指标共${rows.length}项，${parts.join("，")}。`;
  const lists = namedLists(rows, [
    ["滞后", (r) => r.light === "yellow"],
    ["严重滞后", (r) => r.light === "red"],
    ["未填报", (r) => r.light === "grey"],
  ]);
  return [head, lists.join("")].filter(Boolean);
}

/** The summary in formal Chinese: the year-end report (year) or the monthly 督办通报 (bulletin). */
export function narrative(summary: Summary, kind: NarrativeKind): string {
  return narrativeParagraphs(summary, kind).join("");
}

/** The same text in paragraphs: the headline, the sections, the goals named. */
export function narrativeParagraphs(summary: Summary, kind: NarrativeKind): string[] {
  return kind === "year" ? yearParagraphs(summary) : bulletinParagraphs(summary);
}
