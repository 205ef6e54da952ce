// Review or plan: which part of the report a passage belongs to. With headings ("一、2023年工作回顾",
// "二、2024年重点工作任务") the top-level sections decide; without them (news-style excerpts) each
// clause is read for its tense cues, and a clause without cues keeps the state of the one before.

import { isTopSection, type SectionDraft } from "./sections";
import type { ReportPart } from "./types";

const REVIEW_TITLE = /回顾|过去|总结|成绩|成就|执行情况|完成情况|去年|上年|一年来|五年来|工作情况|主要工作成效/;
const PLAN_TITLE =
  /今年|明年|目标|任务|安排|计划|要求|取向|思路|部署|打算|展望|未来|今后|重点工作|主要工作|建议|努力方向|工作重点/;

export function classifyTitle(title: string): "review" | "plan" | null {
  if (REVIEW_TITLE.test(title)) return "review";
  if (PLAN_TITLE.test(title)) return "plan";
  return null;
}

/** A figure other than a year ("增长5.5%", "2.2万人"): a numbered line holding one is a listed target. */
const FIGURE_IN_TITLE = /\d+(?:\.\d+)?(?![\d.]|年)/;

/**
 * Review headings of an excerpt without years state a result: a subject, an adverb, a verb of change
 * ("经济实力稳步提升", "发展后劲持续增强", "民生福祉不断增进"). Plan headings command: a verb first
 * ("着力扩大有效需求", "推动服务业加快发展").
 */
const STATE_TITLE =
  /(?:稳步|不断|持续|显著|明显|大幅|加快|加速|扎实|有力|有效|快速|高速|日益|逐步|更加|全面|整体|得到|进一步|稳中有|稳中向|纵深|实现)(?:提升|增强|深化|深入|改善|增进|优化|巩固|提高|扩大|壮大|推进|加强|彰显|向好|好转|恢复|复苏|回升|跃升|增长|见效|化解|进|升|好|完善|健全|夯实|筑牢|释放|激发|凸显|突破|发展)$|成效(?:明显|显著)$|积厚成势$|有力有效$|取得(?:新|明显|显著|重大|积极|重要|阶段性)?(?:成效|进展|突破|成绩|成果)$|迈上新台阶$|再上新台阶$/;
const COMMAND_START =
  /^(?:推动|促进|着力|加快|坚持|推进|深化|扎实|全力|大力|持续|抓好|做好|确保|实施|强化|加强|提升|优化|聚焦|突出|围绕|统筹|巩固|建设|打造|构建|完善|全面|坚定|奋力|努力|积极|切实|用心|倾力|狠抓|力促|聚力|纵深|不断|进一步|以|在|把|让|使|更加)/;

function stateTitle(title: string): boolean {
  const last = title.slice(title.lastIndexOf("，") + 1);
  return STATE_TITLE.test(last) && !COMMAND_START.test(last);
}

/** The part a section heading names; a numbered item that states a figure names none. */
function headingClass(title: string): "review" | "plan" | null {
  return FIGURE_IN_TITLE.test(title) ? null : classifyTitle(title);
}

/**
 * Without part headings (an excerpt of sections), the tense a section's heading sets: its part
 * words, else a stated result (review) or a command (plan).
 */
function sectionTense(title: string): ReportPart {
  if (FIGURE_IN_TITLE.test(title)) return "other";
  const named = classifyTitle(title);
  if (named) return named;
  if (stateTitle(title)) return "review";
  return COMMAND_START.test(title) ? "plan" : "other";
}

const YEAR = /((?:19|20)\d{2})年/g;
const CN_YEAR = /([二][〇零一二三四五六七八九]{3})年/;
const CN_YEAR_DIGITS: Record<string, string> = {
  〇: "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9",
};

export function yearsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(YEAR)) out.push(Number(m[1]));
  const cn = CN_YEAR.exec(text);
  if (cn) out.push(Number([...(cn[1] as string)].map((c) => CN_YEAR_DIGITS[c] ?? "").join("")));
  return out;
}

export interface PartPlan {
  /** true when top-level headings decide the parts. */
  headed: boolean;
  planYear: number | null;
  reviewYear: number | null;
}

/** Sets `part` on every section and finds the plan year. `titleOf` gives a section's normalised title. */
export function assignParts(sections: SectionDraft[], titleOf: (s: SectionDraft) => string, compact: string): PartPlan {
  const top = sections.filter(isTopSection);
  // numbered lines most of which state figures are a list of targets, not the parts of a report
  const listed = top.filter((s) => FIGURE_IN_TITLE.test(titleOf(s))).length * 2 > top.length;
  const classes = top.map((s) => (listed ? null : headingClass(titleOf(s))));
  let reviewYear: number | null = null;
  let planYear: number | null = null;
  top.forEach((s, i) => {
    const years = yearsIn(titleOf(s)).filter((y) => y < 2100);
    if (!years.length) return;
    if (classes[i] === "review") reviewYear = Math.max(reviewYear ?? 0, ...years);
    if (classes[i] === "plan" && planYear === null) planYear = Math.min(...years);
  });
  // a top heading naming a later year than the review is the plan ("三、2024年工作")
  top.forEach((s, i) => {
    if (classes[i] !== null || reviewYear === null) return;
    if (yearsIn(titleOf(s)).some((y) => y > (reviewYear as number))) classes[i] = "plan";
  });
  const headed = classes.some((c) => c !== null);
  if (headed) {
    let previous: ReportPart = "other";
    top.forEach((s, i) => {
      const c = classes[i];
      const part: ReportPart = c ?? (previous === "plan" ? "plan" : previous === "review" ? "review" : "other");
      s.part = part;
      previous = part;
    });
    for (const s of sections) {
      if (isTopSection(s)) continue;
      const parent = s.parentIndex >= 0 ? sections[s.parentIndex] : undefined;
      s.part = parent ? parent.part : "other";
    }
  } else {
    for (const s of sections) s.part = listed ? "other" : sectionTense(titleOf(s));
  }
  if (planYear === null && reviewYear !== null) planYear = reviewYear + 1;
  if (planYear === null) planYear = planYearFromText(compact);
  return { headed, planYear, reviewYear };
}

const DATED = /((?:19|20)\d{2})(?:年|-|\/|\.)(\d{1,2})(?:月|-|\/|\.)\d{1,2}/;
const DEADLINE_BEFORE = /(?:到|至|于|在)$/;
const SENTENCE_YEAR = /(?:^|[，,：:])[^\d，,]{0,4}?((?:19|20)\d{2})年(?![底末初中])/;
const PLAN_SENTENCE = /将|力争|确保|预期目标|目标是|目标为|主要目标|目标任务|计划|要|力求|争取|拟|预期|^\d{4}年是|^\d{4}年[^，。]{0,8}目标/;
/** "报告提出，2025年全省…": the words before the year announce a plan. */
const PLAN_LEAD = /提出|明确|部署|要求|安排|确定|目标/;
/** Anywhere in the text: it states targets ("主要预期目标是", "力争"). */
const PLAN_WORDS = /预期目标|主要目标|目标任务|目标是|力争|将/;
const REVIEW_SENTENCE = /完成|实现|达到|增长|下降|突破|新增|新建|超过|上涨/;

/**
 * Without plan headings: the year the text plans for. A dated header or dateline ("2024年3月5日",
 * "2025-03-12") names it; otherwise "2024年，全市将…" does; otherwise the year after the last one
 * reported on ("2021年，我国国内生产总值达到…" … "今年发展主要预期目标是…").
 */
function planYearFromText(compact: string): number | null {
  const dated = DATED.exec(compact.slice(0, 200));
  if (dated) {
    const y = Number(dated[1]);
    const month = Number(dated[2]);
    if (y >= 1990 && y < 2100 && month >= 1 && month <= 12) return month <= 8 ? y : y + 1;
  }
  const window = compact.length > 200_000 ? compact.slice(0, 200_000) : compact;
  const planYears: number[] = [];
  let maxReview: number | null = null;
  let from = 0;
  for (let k = 0; k <= window.length; k++) {
    const ch = k < window.length ? window.charAt(k) : "。";
    if (ch !== "。" && ch !== "；" && ch !== "！" && ch !== "？" && ch !== "\n") continue;
    if (k > from) {
      const sentence = window.slice(from, Math.min(k, from + 200));
      const m = SENTENCE_YEAR.exec(sentence);
      // "到2025年…达到…": a deadline says neither which year is reviewed nor which is planned
      if (m && !DEADLINE_BEFORE.test(sentence.slice(Math.max(0, m.index), sentence.indexOf(m[1] as string, m.index)))) {
        const y = Number(m[1]);
        const rest = sentence.slice(m.index).replace(/^[^\d]*/, "");
        // "2023年…达到95.6亿斤，今年将…": the year is the one before 今年
        const thisYear = rest.search(/今年|明年/);
        if (thisYear > 0) maxReview = Math.max(maxReview ?? 0, y);
        else if (PLAN_SENTENCE.test(rest) || PLAN_LEAD.test(sentence.slice(0, m.index))) planYears.push(y);
        else if (REVIEW_SENTENCE.test(rest)) maxReview = Math.max(maxReview ?? 0, y);
      }
    }
    from = k + 1;
  }
  const least = (ys: number[]) => ys.reduce<number | null>((m, y) => (m === null || y < m ? y : m), null);
  const later = least(planYears.filter((y) => maxReview === null || y > maxReview));
  if (later !== null) return later;
  if (maxReview !== null && (/今年|明年/.test(window) || PLAN_WORDS.test(window))) return maxReview + 1;
  return least(planYears);
}

// Words that state the tense of a clause. Verbs that both parts use (争取, 确保, 计划 — "全年争取资金
// 239亿元" reports a result) are left out: a clause without a cue keeps the tense before it.
const REVIEW_CUE =
  /^(?:(?:今年)?(?:一季度|第一季度|上半年|前三季度|前两个月|1-\d{1,2}月|1至\d{1,2}月|前\d{1,2}个月)|去年|过去一年|过去五年|过去的一年|上年|一年来|五年来|这五年|刚刚过去的一年|截至|截止|(?:[^，。]{0,12})以来|(?:[^，。]{0,8})回顾|回眸|盘点|成绩单|年初(?:确定|提出|设定|制定))|已经|已|累计完成|完成了|实现了|达到了|预计全年|预计/;
const PLAN_CUE =
  /^(?:今年|明年|新的一年|新一年|下一步|接下来|全年目标|展望|今后五年|未来五年|今后一个时期|“十[四五六]五”期间|十[四五六]五期间|要|拟|(?:全市|全省|全区|全县|全州|我市|我省|我区|我县)?将)|力争|预期目标|主要目标|目标是|目标为|力求/;
const LAST_YEAR_CUE = /(?<![比较同])(?:去年|上年)(?:同比|全年)?(?:增长|下降|提高|降低|达到|完成|实现|新增|为)/;
const THIS_YEAR_CUE = /(?<![比较])(?:今年|明年)(?:将|要|预期|预计|力争|计划|确保|全年)?(?:增长|下降|提高|降低|达到|完成|实现|新增|为|稳定|保持|控制)/;
const THIS_YEAR_AHEAD = /^(?:今年|明年)(?!以来|来|一季度|第一季度|上半年|前三季度|前两个月|前\d|1-|1至)/;
const CLAUSE_MARKER = /^(?:——|—|[一二三四五六七八九十]{1,2}是|（[一二三四五六七八九十\d]{1,2}）|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、])+/;

/** A clause's tense: the part it belongs to, or null when it says nothing of time. */
export function clauseTense(clause: string, planYear: number | null): "review" | "plan" | null {
  const head = clause.replace(CLAUSE_MARKER, "").replace(/^[【\[■●▲◆]/, "").slice(0, 16);
  // "2023年…", and a digest's year heading "【回眸2023】"
  const year = /^(?:[^\d]{0,4})((?:19|20)\d{2})(?:年(?!\d{1,2}月\d{1,2}日)|】|\]|$)/.exec(head);
  if (year && planYear !== null) {
    const y = Number(year[1]);
    if (y < planYear) return "review";
    if (y >= planYear) return "plan";
  }
  // "今年预计完成投资100亿元": this year's words come first ("今年以来", "今年一季度" report results)
  if (THIS_YEAR_AHEAD.test(head)) return "plan";
  if (REVIEW_CUE.test(head)) return "review";
  if (PLAN_CUE.test(head)) return "plan";
  // "农村居民人均可支配收入去年增长7.8%，今年预期增长7.5%": the time word stands before the cue
  if (LAST_YEAR_CUE.test(clause)) return "review";
  if (THIS_YEAR_CUE.test(clause)) return "plan";
  return null;
}

const SWITCH_TO_PLAN = /^(?:今年|明年)(?:是|，|,|经济社会发展|政府工作|全市|全省|全区|全县|主要预期目标|发展的主要预期目标|的主要预期目标)|^((?:19|20)\d{2})年(?:是|经济社会发展|政府工作|的?主要预期目标|发展的主要预期目标)|(?:主要)?预期目标(?:是|为)[：:]/;

/** A paragraph inside a review section that starts the plan ("2024年是…", "今年经济社会发展主要预期目标是："). */
export function startsPlan(paragraphHead: string, planYear: number | null): boolean {
  const m = SWITCH_TO_PLAN.exec(paragraphHead);
  if (!m) return false;
  if (m[1] && planYear !== null) return Number(m[1]) >= planYear;
  return true;
}
