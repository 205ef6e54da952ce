/**
 * The sample reporting history a first start loads beside the two sample plans (示例数据): how often each sample
 * goal is reported, which year-to-date figures its department reported for which periods, and when each version
 * was submitted, reviewed (审核/退回) and counted. Pure and deterministic: a seeded generator per goal (never
 * Math.random, never the clock), so every first start loads the same figures. prisma/sample-history.ts writes it.
 */
import type Decimal from "decimal.js";
import { Dec, decimalString } from "./decimal";
import { addDays } from "./dates";
import { plausibilityWarnings, type KnownVersion, type PlausibilityWarning } from "./entries/check";
import { elapsedShare, isFinalPeriod, periodEndDate, periodsOfYear, type Frequency } from "./periods";
import type { Comparator, Direction, GoalKind } from "./status/types";
import { isPercentUnit, splitUnit } from "./units";

/** The AuditEvent action that marks a plan as carrying this generated history (its pages say 示例数据). */
export const SAMPLE_HISTORY_ACTION = "sample.history";

export interface SampleGoal {
  position: number;
  metric: string;
  /** T as a decimal string; goals without one (milestones) get no figures. */
  target: string | null;
  unit: string;
  comparator: Comparator;
  kind: GoalKind;
  direction: Direction;
  accumulates: boolean;
  /** Lead department's name. */
  department: string | null;
}

/** What happened in a sample plan's year, department by department. */
export interface SampleStory {
  seed: number;
  /** The month up to which a department reported (periods ending by its end); departments not listed: `default`. */
  reportedThrough: { default: number; departments: Readonly<Record<string, number>> };
  /** Goals (by metric) their department never reported. */
  unreported: readonly string[];
}

/** The two sample reports (data/reports/samples.json), by `${region} ${year}`. */
export const SAMPLE_STORIES: Readonly<Record<string, SampleStory>> = {
  // 2024: half the departments reported through September (the office had not finished reviewing their last
  // figures), seven through the year end (final verdicts), three stopped after May (未填报); three goals were never
  // reported.
  "牡丹江市 2024": {
    seed: 2036,
    reportedThrough: {
      default: 9,
      departments: {
        市农业农村局: 12,
        市发展和改革委员会: 12,
        市财政局: 12,
        市生态环境局: 12,
        市住房和城乡建设局: 12,
        市卫生健康委员会: 12,
        市工业和信息化局: 12,
        市林业和草原局: 5,
        市城市管理局: 5,
        市投资促进局: 5,
      },
    },
    unreported: ["主要农产品加工转化率", "乡村振兴精品村", "政务服务事项向乡镇街道延伸"],
  },
  // 2022: reported through the year end, but for one department that stopped after September.
  "牡丹江市爱民区 2022": {
    seed: 2032,
    reportedThrough: { default: 12, departments: { 区司法局: 9 } },
    unreported: [],
  },
};

export function sampleStoryOf(region: string, year: number): SampleStory | null {
  return SAMPLE_STORIES[`${region} ${year}`] ?? null;
}

export type SampleState = "pending" | "approved" | "returned";

export interface SampleVersion {
  /** Index of the goal in the input list. */
  goal: number;
  period: string;
  /** "YYYY-MM-DD" */
  periodEnd: string;
  version: number;
  value: string;
  rawInput: string;
  note: string | null;
  state: SampleState;
  /** The department's own reporter (reviewed by the office), or the office recording the figure itself. */
  by: "reporter" | "admin";
  submittedAt: Date;
  /** "YYYY-MM-DD", the day of submission. */
  reportedAt: string;
  countedAt: Date | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  warnings: PlausibilityWarning[];
}

export interface SampleHistoryInput {
  year: number;
  goals: readonly SampleGoal[];
  story: SampleStory;
  /** Departments with a reporter of their own: their versions go through review; the office records the others'. */
  reviewedDepartments: ReadonlySet<string>;
}

export interface SampleHistory {
  /** The reporting frequency of each goal, by input index. */
  frequencies: Frequency[];
  /** In order of submission. */
  versions: SampleVersion[];
}

// ---- the seeded generator ----

/** FNV-1a: a 32-bit seed from a text. */
function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a seeded generator of numbers in [0, 1) — eight well-known lines, not worth a dependency for sample figures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Draw {
  constructor(private readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** An exact decimal in [lo, hi] in steps of 0.001. */
  dec(lo: number, hi: number): Decimal {
    const steps = Math.round((hi - lo) * 1000);
    return new Dec(lo).plus(new Dec(this.int(0, steps)).div(1000));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

// ---- frequencies ----

/** How often a sample goal is reported: statistics as the bureaus publish them, works monthly, outputs yearly. */
export function sampleFrequency(goal: Pick<SampleGoal, "metric" | "kind">): Frequency {
  const m = goal.metric;
  switch (goal.kind) {
    case "growth":
    case "decrease":
      if (/能耗|产值/.test(m)) return "half_yearly";
      if (/地区生产总值|GDP|专利|游客|旅游|出栏/.test(m)) return "quarterly";
      return "monthly"; // 规上工业、投资、消费、进出口、财政收入: monthly statistics
    case "level":
      // Outputs and amounts of the whole year are known once the year is over.
      if (/产量|产值|营业收入|贸易额|完成投资|争取资金|优良天数|年收入|高新技术企业|养殖量/.test(m)) return "annual";
      if (/面积/.test(m)) return "half_yearly";
      return "quarterly";
    case "ratio":
      if (/考核/.test(m)) return "annual";
      if (/达标率/.test(m)) return "half_yearly";
      if (/失业率|覆盖率/.test(m)) return "quarterly";
      return "monthly";
    case "increment":
      // Recognitions and plans come in batches; works and jobs are counted monthly.
      if (/平台|基地|牧场|台账|示范村|前期工作|河湖|龙头企业|认证/.test(m)) return "quarterly";
      return "monthly";
    case "milestone":
      return "quarterly";
  }
}

// ---- figures ----

type Profile = "strong" | "steady" | "lagging" | "poor";

function drawProfile(draw: Draw): Profile {
  const r = draw.dec(0, 1).toNumber();
  return r < 0.25 ? "strong" : r < 0.7 ? "steady" : r < 0.88 ? "lagging" : "poor";
}

/** Base units counted in whole numbers. */
const WHOLE_UNITS = new Set(["个", "家", "处", "条", "件", "项", "本", "户", "天", "亩", "所", "座", "村", "人"]);

function decimalsOf(goal: SampleGoal, target: Decimal): number {
  if (isPercentUnit(goal.unit)) return 1;
  const { exponent, base } = splitUnit(goal.unit);
  if (exponent === 0 && WHOLE_UNITS.has(base)) return 0;
  return target.lt(10) ? 2 : 1;
}

/** Building works in the north stop for the frozen months and peak in summer. */
const SEASONAL = /农田|公路|管网|绿化|侵蚀沟|水土流失|绿地|林下|河湖|改造|造林|道路/;
const SEASONAL_WEIGHTS = [0, 0, 1, 5, 11, 14, 15, 15, 14, 12, 9, 4];
const STEADY_WEIGHTS = [7, 7, 8, 8, 8, 9, 9, 9, 8, 9, 8, 10];

// A fractional power at the domain's 100 digits costs milliseconds; the figures keep at most two decimals.
const Coarse = Dec.clone({ precision: 16 });

/** done^pace: the share of the final figure reached when `done` of the year's work weight has passed. */
function curve(done: Decimal, pace: Decimal): Decimal {
  return new Dec(new Coarse(done.toString()).pow(pace.toString()).toString());
}

function endMonth(period: string): number {
  return Number(periodEndDate(period).slice(5, 7));
}

/**
 * Year-to-date figures for every period of the year. Accumulating goals grow month by month towards their final
 * figure (never down); rates and shares wander around theirs and settle on it; levels rise towards it.
 */
function figurePath(goal: SampleGoal, target: Decimal, periods: readonly string[], profile: Profile, draw: Draw): Decimal[] {
  const places = decimalsOf(goal, target);
  const round = (d: Decimal) => d.toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  const percent = isPercentUnit(goal.unit);

  if (goal.accumulates) {
    const ratio = { strong: draw.dec(1.1, 1.3), steady: draw.dec(1.0, 1.08), lagging: draw.dec(0.85, 0.97), poor: draw.dec(0.55, 0.8) }[profile];
    const pace = { strong: draw.dec(0.85, 1.0), steady: draw.dec(1.0, 1.2), lagging: draw.dec(1.2, 1.5), poor: draw.dec(1.4, 1.8) }[profile];
    const weights = (SEASONAL.test(goal.metric) ? SEASONAL_WEIGHTS : STEADY_WEIGHTS).map((w) => new Dec(w).times(draw.dec(0.6, 1.4)));
    const total = weights.reduce((a, b) => a.plus(b), new Dec(0));
    const final = target.times(ratio);
    return periods.map((p) => {
      const done = weights.slice(0, endMonth(p)).reduce((a, b) => a.plus(b), new Dec(0)).div(total);
      return round(final.times(curve(done, pace)));
    });
  }

  const lower = goal.direction === "lower";
  const share = goal.kind === "ratio" && percent;
  let final: Decimal;
  if (percent) {
    const gap = { strong: draw.dec(0.8, 2.0), steady: draw.dec(0, 0.7), lagging: draw.dec(-0.9, -0.2), poor: draw.dec(-3.0, -1.2) }[profile];
    final = lower ? target.minus(gap) : target.plus(gap);
  } else {
    const factor = { strong: draw.dec(1.04, 1.12), steady: draw.dec(1.0, 1.035), lagging: draw.dec(0.93, 0.99), poor: draw.dec(0.75, 0.9) }[profile];
    final = target.times(factor);
  }
  if (share) final = Dec.min(final, 100);
  // A share targeted at 100% is reached exactly or missed.
  if (share && target.eq(100) && (profile === "strong" || profile === "steady")) final = new Dec(100);

  const rises = goal.kind === "level" && !percent; // stocks and areas: rise towards the final level
  const spread = rises ? draw.dec(0.05, 0.3) : percent ? new Dec(2) : target.abs().times("0.06");
  // Year-to-date rates move smoothly from one period to the next: a damped random walk around the final figure.
  let wander = draw.dec(-1, 1);
  return periods.map((p) => {
    const left = new Dec(1).minus(elapsedShare(p));
    wander = wander.times("0.7").plus(draw.dec(-0.5, 0.5));
    let value = rises ? final.times(new Dec(1).minus(left.times(spread))) : final.plus(spread.times(left).times(wander));
    if (share) value = Dec.max(0, Dec.min(100, value));
    if (share && target.eq(100)) value = Dec.min(value, final);
    return round(value);
  });
}

// ---- words ----

type Category = "rate" | "works" | "count" | "level";

/** Works and projects (施工、项目) have their own words; so have statistical rates and levels. */
const WORKS = /项目|工程|农田|公路|管网|绿化|侵蚀沟|水土流失|绿地|林下|河湖|改造|造林|道路|电站|风电|示范村|牧场/;

function categoryOf(goal: SampleGoal): Category {
  if (goal.kind === "growth" || goal.kind === "decrease") return "rate";
  if (!goal.accumulates) return "level";
  return WORKS.test(goal.metric) ? "works" : "count";
}

const NOTES = {
  onTrack: { works: ["项目按计划推进", "进度符合序时要求", "已分解到责任单位，按月调度"], count: ["进度符合序时要求", "已分解到责任单位，按月调度"] },
  behind: {
    works: ["部分项目前期手续办理中，进度滞后", "资金到位较晚，施工进度放缓", "已督促责任单位加快进度"],
    count: ["进度滞后，已督促责任单位加快进度", "下阶段将加大推进力度"],
  },
  reached: ["已完成全年任务", "提前完成全年任务"],
  statistics: ["据统计局初步核算", "统计局快报数", "以统计部门反馈数据为准"],
  rateUp: ["增速较上期回升", "增速稳中有升"],
  rateDown: ["增速较上期回落", "受市场需求偏弱影响，增速回落", "下阶段将加大调度力度"],
  levelMet: ["据部门统计", "以省平台数据为准"],
  levelBelow: ["尚未达到目标，正在推进", "下阶段将加大推进力度"],
  final: { rate: ["全年数据，以统计年报为准"], level: ["全年数据，以统计年报为准", "全年数据"], works: ["全年任务已完成"], count: ["全年任务已完成"] },
  notMet: {
    rate: ["受市场需求不足影响，未完成全年目标", "受重点企业减产影响，未完成全年目标"],
    level: ["未完成全年目标，已分析原因并制定整改措施", "受极端天气影响，未达预期"],
    works: ["部分项目延期至明年实施", "受上级资金下达延迟影响，部分项目未完工"],
    count: ["未完成全年目标，已分析原因并制定整改措施"],
  },
} as const;

function noteFor(goal: SampleGoal, target: Decimal, period: string, value: Decimal, previous: Decimal | null, draw: Draw): string | null {
  const category = categoryOf(goal);
  const meets = goal.direction === "higher" ? value.gte(target) : value.lte(target);
  if (isFinalPeriod(period)) return draw.pick(meets ? NOTES.final[category] : NOTES.notMet[category]);
  if (!draw.chance(0.4)) return null;
  if (category === "works" || category === "count") {
    if (meets) return draw.pick(NOTES.reached);
    const lag = elapsedShare(period).minus(value.div(target));
    if (lag.gt("0.1")) {
      const month = endMonth(period);
      return category === "works" && month >= 7 && month <= 8 ? "受汛期影响，部分项目推迟施工" : draw.pick(NOTES.behind[category]);
    }
    return draw.pick(NOTES.onTrack[category]);
  }
  if (category === "rate" && previous && !value.eq(previous)) return draw.pick(value.gt(previous) ? NOTES.rateUp : NOTES.rateDown);
  if (category === "rate") return draw.pick(NOTES.statistics);
  return draw.pick(meets ? NOTES.levelMet : NOTES.levelBelow);
}

/** The note a department adds when it confirms a plausibility warning on a small early figure. */
function warningNote(goal: SampleGoal, period: string, value: Decimal): string {
  const month = endMonth(period);
  if (SEASONAL.test(goal.metric) && month <= 4) return value.isZero() ? "冻土期，项目尚未开工" : "冻土期刚过，项目陆续开工，累计数较小";
  return month <= 3 ? "年初累计数较小，已核实" : "累计数较小，已核实";
}

/** Why the office returned a version, what the department sent first, and what it said when correcting. */
type Correction = { first: Decimal; reason: string; answer: string };

function correctionOf(goal: SampleGoal, value: Decimal, previous: Decimal | null, places: number, draw: Draw): Correction {
  const options: Correction[] = [];
  if (goal.accumulates && previous && value.gt(previous)) {
    options.push({ first: value.minus(previous), reason: "请填报年初至今累计数，不要只填当期新增数", answer: "已改为年初至今累计数" });
  }
  if (splitUnit(goal.unit).exponent > 0 && value.gt(0)) {
    options.push({ first: value.times(10000), reason: `单位应为${goal.unit}，请核对后重报`, answer: "已更正单位" });
  }
  const off = isPercentUnit(goal.unit) ? draw.dec(0.3, 1.2) : value.abs().times(draw.dec(0.04, 0.12));
  const shifted = value.plus(draw.chance(0.5) ? off : off.neg()).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
  const category = categoryOf(goal);
  if (!shifted.eq(value) && (category === "rate" || shifted.gte(0)) && !(isPercentUnit(goal.unit) && shifted.gt(100))) {
    const statistics = category === "rate" || category === "level";
    options.push(
      statistics
        ? { first: shifted, reason: draw.pick(["与统计局口径不一致，请核实", "与省平台数据不符，请核实后重报"]), answer: "已按统计局口径核实更正" }
        : { first: shifted, reason: draw.pick(["与项目台账不一致，请核实", "与省平台数据不符，请核实后重报"]), answer: "已核实更正" },
    );
  }
  if (value.gt(0) || options.length === 0) options.push({ first: value, reason: "请补充佐证材料（统计报表或项目清单）", answer: "已补充佐证材料" });
  return draw.pick(options);
}

function rawInputOf(goal: SampleGoal, value: Decimal, draw: Draw): string {
  const text = decimalString(value);
  return isPercentUnit(goal.unit) && draw.chance(0.3) ? `${text}%` : text;
}

// ---- dates ----

/** A moment in office hours (08:30–17:59, Asia/Shanghai) of the day. */
function officeTime(day: string, draw: Draw): Date {
  const minutes = draw.int(8 * 60 + 30, 17 * 60 + 59);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return new Date(`${day}T${hh}:${mm}:${String(draw.int(0, 59)).padStart(2, "0")}+08:00`);
}

/** Days after the period's end a figure is submitted: mostly within the 10 grace days, one in ten late. */
function submitDelay(draw: Draw): number {
  return draw.chance(0.1) ? draw.int(11, 12) : draw.int(1, 10);
}

const shanghaiDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

// ---- the history ----

interface Submission {
  value: Decimal;
  rawInput: string;
  note: string | null;
  /** Day of submission. */
  day: string;
  /** Days until the office reviews it, or null: not reviewed. */
  review: { afterDays: number; returned: string | null } | null;
  /** A figure the office will return: its note stays as typed, whatever the warnings. */
  mistaken?: boolean;
}

export function generateSampleHistory(input: SampleHistoryInput): SampleHistory {
  const { year, story } = input;
  const frequencies = input.goals.map((g) => sampleFrequency(g));
  const versions: SampleVersion[] = [];
  // Departments that stopped before the year end with their own reporter: the office had not finished with their
  // last figures — reviewed in turn: left pending, returned (not yet corrected), approved.
  let stoppedEarly = 0;
  const revised = new Set<string>();
  // Each reviewed department had at least one figure returned and corrected (its first goal's second non-zero period).
  const corrected = new Set<string>();

  input.goals.forEach((goal, index) => {
    if (goal.target === null || goal.kind === "milestone" || story.unreported.includes(goal.metric)) return;
    const draw = new Draw(seededRandom(hashSeed(`${story.seed}|${goal.position}|${goal.metric}`)));
    const target = new Dec(goal.target);
    const places = decimalsOf(goal, target);
    const frequency = frequencies[index]!;
    const through = (goal.department && story.reportedThrough.departments[goal.department]) || story.reportedThrough.default;
    const all = periodsOfYear(year, frequency);
    const path = figurePath(goal, target, all, drawProfile(draw), draw);
    const reported = all.filter((p) => endMonth(p) <= through);
    const reviewed = goal.department !== null && input.reviewedDepartments.has(goal.department);
    const fullYear = reported.length === all.length;
    const known: KnownVersion[] = [];
    const forCheck = { year, frequency, metric: goal.metric, unit: goal.unit, kind: goal.kind, direction: goal.direction, accumulates: goal.accumulates, target: goal.target };

    reported.forEach((period, i) => {
      const value = path[i]!;
      const previous = i > 0 ? path[i - 1]! : null;
      const end = periodEndDate(period);
      const last = i === reported.length - 1;
      const day = addDays(end, submitDelay(draw));
      const note = noteFor(goal, target, period, value, previous, draw);
      const submissions: Submission[] = [];
      const reviewDays = () => draw.int(1, 5);

      if (reviewed && last && !fullYear) {
        const turn = stoppedEarly++ % 3;
        if (turn === 0) submissions.push({ value, rawInput: rawInputOf(goal, value, draw), note, day, review: null });
        else if (turn === 1) {
          const wrong = correctionOf(goal, value, previous, places, draw);
          submissions.push({ value: wrong.first, rawInput: decimalString(wrong.first), note, day, review: { afterDays: reviewDays(), returned: wrong.reason }, mistaken: true });
        } else submissions.push({ value, rawInput: rawInputOf(goal, value, draw), note, day, review: { afterDays: reviewDays(), returned: null } });
      } else if (reviewed && !last && value.gt(0) && ((i >= 1 && !corrected.has(goal.department!)) || draw.chance(0.05))) {
        corrected.add(goal.department!);
        // Returned once, corrected, approved.
        const wrong = correctionOf(goal, value, previous, places, draw);
        const returnDays = draw.int(1, 3);
        submissions.push({ value: wrong.first, rawInput: decimalString(wrong.first), note, day, review: { afterDays: returnDays, returned: wrong.reason }, mistaken: true });
        const again = addDays(day, returnDays + draw.int(1, 3));
        submissions.push({ value, rawInput: rawInputOf(goal, value, draw), note: wrong.answer, day: again, review: { afterDays: draw.int(1, 3), returned: null } });
      } else {
        submissions.push({ value, rawInput: rawInputOf(goal, value, draw), note, day, review: reviewed ? { afterDays: reviewDays(), returned: null } : null });
        // The first point goal of a department that reported the whole year: a revised final figure awaits review.
        if (reviewed && last && fullYear && !goal.accumulates && !revised.has(goal.department!)) {
          revised.add(goal.department!);
          const change = isPercentUnit(goal.unit) ? new Dec("0.1") : value.abs().times("0.01");
          const update = value.plus(change).toDecimalPlaces(places, Dec.ROUND_HALF_UP);
          const revisedValue = update.eq(value) ? value.plus(new Dec(1).div(new Dec(10).pow(places))) : update;
          submissions.push({ value: revisedValue, rawInput: decimalString(revisedValue), note: "根据统计年报数据修订", day: addDays(day, draw.int(25, 40)), review: null });
        }
      }

      submissions.forEach((s, v) => {
        const submittedAt = officeTime(s.day, draw);
        const reviewedAt = s.review ? officeTime(addDays(s.day, s.review.afterDays), draw) : null;
        const byAdmin = !reviewed;
        const state: SampleState = byAdmin ? "approved" : !s.review ? "pending" : s.review.returned ? "returned" : "approved";
        const warnings = plausibilityWarnings(forCheck, period, decimalString(s.value), known);
        // A confirmed warning comes with the department's explanation.
        if (warnings.length && !s.mistaken) s.note = warningNote(goal, period, s.value);
        versions.push({
          goal: index,
          period,
          periodEnd: end,
          version: v + 1,
          value: decimalString(s.value),
          rawInput: s.rawInput,
          note: s.note,
          state,
          by: byAdmin ? "admin" : "reporter",
          submittedAt,
          reportedAt: shanghaiDay(submittedAt),
          countedAt: state === "approved" ? (byAdmin ? submittedAt : reviewedAt) : null,
          reviewedAt: byAdmin ? submittedAt : reviewedAt,
          reviewNote: s.review?.returned ?? null,
          warnings,
        });
        known.push({ period, value: decimalString(s.value), state, version: v + 1 });
      });
    });
  });

  versions.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.goal - b.goal || a.version - b.version);
  return { frequencies, versions };
}
