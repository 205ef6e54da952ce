// Walking the report clause by clause and telling, for each clause, which part it belongs to
// (review, plan, other) and which year a review figure describes.

import type { Layout } from "./layout";
import { clauseTense, startsPlan, yearsIn, type PartPlan } from "./parts";
import { isTopSection, type SectionDraft } from "./sections";
import type { ReportPart } from "./types";

export interface Clause {
  start: number;
  end: number;
  /** The first clause of a sentence. */
  sentenceStart: boolean;
  part: ReportPart;
  /** For review clauses: the year their figures describe, when known. */
  year: number | null;
}

// 。！？!? and the paragraph separator end a sentence; ，；：;: end a clause
const SENTENCE_CODES = new Set([0x3002, 0xff01, 0xff1f, 33, 63, 10]);
const CLAUSE_CODES = new Set([0xff0c, 0xff1b, 0xff1a, 59, 58]);
const PAST_IN_PLAN = /^(?:去年|过去一年|上年|一年来|过去五年|五年来)/;
const FIVE_YEARS = /^(?:——)?(?:这五年|五年来|过去五年)/;
const LAST_YEAR = /^(?:一年来|过去一年|去年)/;

const isDigitAt = (s: string, k: number): boolean => {
  const c = s.charCodeAt(k);
  return c >= 48 && c <= 57;
};

/** Calls `each` for every clause of compact[a, b). */
export function clauseRanges(s: string, a: number, b: number, each: (cs: number, ce: number, sentenceStart: boolean) => void): void {
  let cs = a;
  let sentenceStart = true;
  for (let k = a; k <= b; k++) {
    const c = k < b ? s.charCodeAt(k) : 10;
    let sentenceEnd = false;
    if (c === 44 /* , */) {
      // an ASCII comma is a boundary unless it groups thousands ("1,200")
      if (isDigitAt(s, k - 1) && isDigitAt(s, k + 1) && isDigitAt(s, k + 2) && isDigitAt(s, k + 3) && !isDigitAt(s, k + 4)) continue;
    } else if (SENTENCE_CODES.has(c)) sentenceEnd = true;
    else if (!CLAUSE_CODES.has(c)) continue;
    if (k > cs) each(cs, k, sentenceStart);
    sentenceStart = sentenceEnd;
    cs = k + 1;
  }
}

/** The innermost section at increasing compact positions. */
export class SectionCursor {
  private index = -1;
  constructor(private readonly drafts: SectionDraft[]) {}

  at(pos: number): SectionDraft | undefined {
    const drafts = this.drafts;
    while (this.index + 1 < drafts.length && (drafts[this.index + 1] as SectionDraft).cStart <= pos) this.index++;
    let d = this.index >= 0 ? drafts[this.index] : undefined;
    while (d && d.cEnd <= pos) d = d.parentIndex >= 0 ? drafts[d.parentIndex] : undefined;
    return d;
  }

  top(d: SectionDraft | undefined): SectionDraft | undefined {
    let t = d;
    while (t && t.parentIndex >= 0) t = this.drafts[t.parentIndex];
    return t && isTopSection(t) ? t : undefined;
  }
}

/**
 * With part headings, a clause belongs to the part of its top-level section (a review section turns
 * to the plan at "2024年是…/今年主要预期目标是："; a plan clause recalling last year is review).
 * Without them — and before the first heading — each clause is read for its tense cues, and a clause
 * without cues keeps the tense of the one before.
 */
export function walkClauses(
  layout: Layout,
  drafts: SectionDraft[],
  plan: PartPlan,
  titleOf: (d: SectionDraft) => string,
  visit: (clause: Clause) => void,
): void {
  const s = layout.compact;
  const cursor = new SectionCursor(drafts);
  let currentTop: SectionDraft | undefined;
  let switchedTop: SectionDraft | undefined;
  let reviewYear: number | null = plan.reviewYear;
  // sentence-mode tense: plan until a cue says otherwise; "other" before the first heading of a headed report
  let tense: ReportPart = plan.headed ? "other" : "plan";
  // Without headings, the clauses before the first tense cue wait: a press text opening with results
  // ("全市地区生产总值完成2,103亿元，增长5.9%。今年主要预期目标：…") reviews them; a list of targets
  // does not read as results.
  let pending: Clause[] | null = plan.headed ? null : [];
  const flush = (part: ReportPart) => {
    if (!pending) return;
    for (const c of pending) visit(part === "review" ? { ...c, part } : c);
    pending = null;
  };
  let pastInPlan = false;
  const lastYear = plan.planYear !== null ? plan.planYear - 1 : plan.reviewYear;

  for (const p of layout.paragraphs) {
    const section = cursor.at(p.start);
    const top = cursor.top(section);
    const head = s.slice(p.start, Math.min(p.end, p.start + 40));
    if (top !== currentTop) {
      currentTop = top;
      if (top && top.part === "review") {
        const title = titleOf(top);
        const years = yearsIn(title);
        reviewYear = /五年|历年|以来/.test(title) ? null : years.length ? Math.max(...years) : plan.reviewYear;
      }
    }
    // the part the headings give, or null where tense cues decide
    let headedPart: ReportPart | null = null;
    if (plan.headed && top) {
      headedPart = top.part;
      if (headedPart === "review" && (switchedTop === top || startsPlan(head, plan.planYear))) {
        switchedTop = top;
        headedPart = "plan";
      }
      if (headedPart === "review") {
        if (FIVE_YEARS.test(head)) reviewYear = null;
        const y = /^((?:19|20)\d{2})年是/.exec(head);
        if (y) reviewYear = Number(y[1]);
        else if (LAST_YEAR.test(head)) reviewYear = lastYear;
      }
    } else if (section && section.cStart === p.start && section.part !== "other") {
      tense = section.part;
      flush("plan");
    }
    clauseRanges(s, p.start, p.end, (cs, ce, sentenceStart) => {
      const clauseHead = s.slice(cs, Math.min(ce, cs + 20));
      let part: ReportPart;
      let year = reviewYear;
      if (headedPart === null) {
        const t = clauseTense(clauseHead, plan.planYear);
        if (t) {
          tense = t;
          if (pending) flush(t === "plan" && readsAsResults(s, pending) ? "review" : "plan");
        }
        part = tense;
        const ys = yearsIn(clauseHead.slice(0, 12));
        year = ys.length ? (ys[0] as number) : lastYear;
      } else {
        part = headedPart;
        if (sentenceStart) pastInPlan = false;
        if (part === "plan") {
          // "去年全市新增就业1.2万人，今年…": figures recalled from last year are baselines
          if (PAST_IN_PLAN.test(clauseHead)) pastInPlan = true;
          else if (/^(?:今年|明年|全年)/.test(clauseHead)) pastInPlan = false;
          else {
            const y = /^((?:19|20)\d{2})年/.exec(clauseHead);
            if (y && plan.planYear !== null) pastInPlan = Number(y[1]) < plan.planYear;
          }
          if (pastInPlan) {
            part = "review";
            year = lastYear;
          }
        } else if (part === "review") {
          const y = /^((?:19|20)\d{2})年/.exec(clauseHead);
          if (y && (plan.planYear === null || Number(y[1]) < plan.planYear)) reviewYear = Number(y[1]);
          year = reviewYear;
        }
      }
      const clause: Clause = { start: cs, end: ce, sentenceStart, part, year };
      if (pending && headedPart === null) pending.push(clause);
      else visit(clause);
    });
  }
  flush("plan");
}

const RESULT_VERB = /完成|实现|达到|同比|比上年|较上年/;
const TARGET_WORDS = /\d[^\d，。；\n]{0,5}(?:以上|以内|以下|左右)|不低于|不少于|不超过|目标|力争|确保|争取|预期|将|要|计划/;

/** Clauses before the first cue read as results: a result verb and no word of a target. */
function readsAsResults(s: string, clauses: Clause[]): boolean {
  let verb = false;
  for (const c of clauses) {
    const text = s.slice(c.start, c.end);
    if (TARGET_WORDS.test(text)) return false;
    if (RESULT_VERB.test(text)) verb = true;
  }
  return verb;
}
