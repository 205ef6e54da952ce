// extractTargets: the quantitative targets of a government work report, its sections and the review
// figures they can be compared with. Pure and linear in the length of the text.

import { linkBaselines } from "./baselines";
import { accumulatesOf, comparatorOf, directionOf, kindOf } from "./classify";
import { buildLayout, quoteMask, type Layout } from "./layout";
import { normaliseText } from "./normalise";
import { assignParts, clauseTense, startsPlan, yearsIn } from "./parts";
import { analyseClause, spansText, type ClauseContext, type Hit } from "./patterns";
import { findSections, type SectionDraft } from "./sections";
import type { Baseline, Extraction, ReportPart, Section, Target } from "./types";


const PAST_IN_PLAN = /^(?:去年|过去一年|上年|一年来|过去五年|五年来)/;

export const emptyExtraction = (): Extraction => ({ planYear: null, sections: [], targets: [], baselines: [] });

/** Never throws: a text it cannot read gives empty results. */
export function extractTargets(text: string): Extraction {
  if (typeof text !== "string" || text.length === 0) return emptyExtraction();
  try {
    return extract(text);
  } catch {
    // a bug, not an expected failure: the property tests call extractUnguarded to find these
    return emptyExtraction();
  }
}

/** extractTargets without the safety net, for the property tests. */
export function extractUnguarded(text: string): Extraction {
  return text.length === 0 ? emptyExtraction() : extract(text);
}

interface Doc {
  text: string;
  layout: Layout;
}

/** The input text under compact[a, b), whitespace included. */
function quoteOf(doc: Doc, a: number, b: number): { quote: string; start: number; end: number } {
  const start = doc.layout.map[a] as number;
  const end = (doc.layout.map[b - 1] as number) + 1;
  return { quote: doc.text.slice(start, end), start, end };
}

/** The input characters under compact[a, b), without the whitespace the compact view dropped. */
function charsOf(doc: Doc, a: number, b: number): string {
  let out = "";
  for (let k = a; k < b; k++) out += doc.text.charAt(doc.layout.map[k] as number);
  return out;
}

function unitOf(doc: Doc, hit: Hit): string {
  const f = hit.figure;
  const written = doc.layout.compact.slice(f.numEnd, f.unitEnd);
  // the unit as written when the text spells it after the digits; otherwise (百分之六, 8、9%) the folded one
  if (written.replace(/[余多]/g, "") !== f.unit) return f.unit;
  let out = "";
  for (let k = f.numEnd; k < f.unitEnd; k++) {
    const ch = doc.layout.compact.charAt(k);
    if (f.approxMore && (ch === "余" || ch === "多")) continue;
    const original = doc.text.charAt(doc.layout.map[k] as number);
    const code = original.charCodeAt(0);
    out += code >= 0xff01 && code <= 0xff5e ? ch : original;
  }
  return out;
}

// 。！？!? and the paragraph separator end a sentence; ，；：;: end a clause
const SENTENCE_CODES = new Set([0x3002, 0xff01, 0xff1f, 33, 63, 10]);
const CLAUSE_CODES = new Set([0xff0c, 0xff1b, 0xff1a, 59, 58]);

function clauseRanges(s: string, a: number, b: number, each: (cs: number, ce: number, sentenceStart: boolean) => void): void {
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

function isDigitAt(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  return c >= 48 && c <= 57;
}

function extract(text: string): Extraction {
  const norm = normaliseText(text);
  const layout = buildLayout(norm);
  const doc: Doc = { text, layout };
  const s = layout.compact;
  const mask = quoteMask(s);
  const drafts = findSections(layout);
  const titleOf = (d: SectionDraft) => s.slice(d.titleSpan[0], d.titleSpan[1]);
  const plan = assignParts(drafts, titleOf, s);

  const targets: Target[] = [];
  const baselines: Baseline[] = [];
  const ctx: ClauseContext = { compact: s, mask, spaceGap: layout.spaceGap, lastMetric: null, lastMetrics: [], colonLead: null, striving: false };

  // the innermost section at a compact position, walking forward through the drafts
  let cursor = -1;
  const sectionAt = (pos: number): SectionDraft | undefined => {
    while (cursor + 1 < drafts.length && (drafts[cursor + 1] as SectionDraft).cStart <= pos) cursor++;
    let d = cursor >= 0 ? drafts[cursor] : undefined;
    while (d && d.cEnd <= pos) d = d.parentIndex >= 0 ? drafts[d.parentIndex] : undefined;
    return d;
  };
  const topOf = (d: SectionDraft | undefined): SectionDraft | undefined => {
    let t = d;
    while (t && t.parentIndex >= 0) t = drafts[t.parentIndex];
    return t && t.rank === 1 ? t : undefined;
  };

  let switchedTop: SectionDraft | undefined;
  let currentTop: SectionDraft | undefined;
  let reviewYear: number | null = plan.reviewYear;
  let tense: ReportPart = "plan";
  let previousClause: { start: number; end: number } | null = null;
  let pastInPlan = false;

  for (const p of layout.paragraphs) {
    const section = sectionAt(p.start);
    const top = topOf(section);
    const head = s.slice(p.start, Math.min(p.end, p.start + 40));
    if (top !== currentTop) {
      currentTop = top;
      if (top && top.part === "review") {
        const title = titleOf(top);
        const years = yearsIn(title);
        reviewYear = /五年|历年|以来/.test(title) ? null : years.length ? Math.max(...years) : plan.reviewYear;
      }
    }
    let part: ReportPart;
    if (plan.headed) {
      part = top ? top.part : "other";
      if (part === "review" && top && (switchedTop === top || startsPlan(head, plan.planYear))) {
        switchedTop = top;
        part = "plan";
      }
      if (part === "review") {
        if (/^(?:——)?(?:这五年|五年来|过去五年)/.test(head)) reviewYear = null;
        const y = /^((?:19|20)\d{2})年是/.exec(head);
        if (y) reviewYear = Number(y[1]);
        else if (/^(?:一年来|过去一年|去年)/.test(head)) reviewYear = plan.planYear !== null ? plan.planYear - 1 : plan.reviewYear;
      }
    } else {
      // without headings the tense carries over from paragraph to paragraph until a cue changes it
      part = "plan";
      if (section && section.cStart === p.start && section.part !== "other") tense = section.part;
    }
    clauseRanges(s, p.start, p.end, (cs, ce, sentenceStart) => {
      if (sentenceStart) {
        ctx.lastMetric = null;
        ctx.lastMetrics = [];
        ctx.striving = false;
      }
      if (sentenceStart) pastInPlan = false;
      let clausePart = part;
      // a plan passage that recalls last year ("去年全市新增就业1.2万人，今年…"): those figures are baselines
      if (plan.headed && part === "plan") {
        const head = s.slice(cs, Math.min(ce, cs + 8));
        if (PAST_IN_PLAN.test(head)) pastInPlan = true;
        else if (/^(?:今年|明年|全年)/.test(head)) pastInPlan = false;
        else {
          const y = /^((?:19|20)\d{2})年/.exec(head);
          if (y && plan.planYear !== null) pastInPlan = Number(y[1]) < plan.planYear;
        }
        if (pastInPlan) clausePart = "review";
      }
      if (part === "review") {
        const y = /^((?:19|20)\d{2})年/.exec(s.slice(cs, cs + 5));
        if (y && (plan.planYear === null || Number(y[1]) < plan.planYear)) reviewYear = Number(y[1]);
      }
      let year = reviewYear;
      if (!plan.headed) {
        const t = clauseTense(s.slice(cs, Math.min(ce, cs + 20)), plan.planYear);
        if (t) tense = t;
        clausePart = tense;
        const ys = yearsIn(s.slice(cs, Math.min(ce, cs + 12)));
        year = ys.length ? (ys[0] as number) : plan.planYear !== null ? plan.planYear - 1 : null;
      }
      const afterColon = cs > 0 && (s.charCodeAt(cs - 1) === 0xff1a || s.charCodeAt(cs - 1) === 58);
      ctx.colonLead = afterColon && previousClause && cs - 1 - previousClause.start <= 30 ? previousClause : null;
      previousClause = { start: cs, end: ce };
      if (clausePart === "other") return;
      const hits = analyseClause(ctx, cs, ce);
      for (const hit of hits) {
        if (clausePart === "plan") targets.push(toTarget(doc, hit, sectionAt(hit.figure.start), drafts));
        else baselines.push(toBaseline(doc, hit, year));
      }
    });
  }

  const sections = drafts.map((d) => toSection(doc, d, drafts));
  linkBaselines(targets, baselines, plan.planYear);
  return { planYear: plan.planYear, sections, targets, baselines };
}

function metricOf(doc: Doc, hit: Hit): { written: string; folded: string } {
  let written = "";
  for (const sp of hit.metric) written += charsOf(doc, sp.start, sp.end);
  return { written, folded: spansText(doc.layout.compact, hit.metric) };
}

const leadOf = (doc: Doc, hit: Hit): string => doc.layout.compact.slice(hit.lead.start, hit.lead.end);

function toTarget(doc: Doc, hit: Hit, section: SectionDraft | undefined, drafts: SectionDraft[]): Target {
  const q = quoteOf(doc, hit.quote.start, hit.quote.end);
  const f = hit.figure;
  const { written, folded } = metricOf(doc, hit);
  const comparator = comparatorOf(hit.cues, f.suffix, f.approxMore, hit.striving, f.valueHigh !== undefined, folded);
  const kind = kindOf({ unit: f.unit, base: f.base, cues: hit.cues, metric: folded, lead: leadOf(doc, hit), numberFirst: hit.numberFirst, shareOf: hit.shareOf });
  const path: string[] = [];
  for (let d = section; d; d = d.parentIndex >= 0 ? drafts[d.parentIndex] : undefined) {
    path.unshift(charsOf(doc, d.titleSpan[0], d.titleSpan[1]));
  }
  const target: Target = {
    quote: q.quote,
    start: q.start,
    end: q.end,
    metric: written,
    value: f.value,
    unit: unitOf(doc, hit),
    comparator,
    kind,
    direction: directionOf(kind, comparator, folded),
    accumulates: accumulatesOf(kind),
    sectionPath: path,
    sectionId: section ? section.id : null,
  };
  if (f.valueHigh !== undefined) target.valueHigh = f.valueHigh;
  return target;
}

function toBaseline(doc: Doc, hit: Hit, year: number | null): Baseline {
  const q = quoteOf(doc, hit.quote.start, hit.quote.end);
  const { written, folded } = metricOf(doc, hit);
  const f = hit.figure;
  const baseline: Baseline = {
    metric: written,
    value: f.value,
    unit: unitOf(doc, hit),
    kind: kindOf({ unit: f.unit, base: f.base, cues: hit.cues, metric: folded, lead: leadOf(doc, hit), numberFirst: hit.numberFirst, shareOf: hit.shareOf }),
    year,
    quote: q.quote,
    start: q.start,
    end: q.end,
  };
  if (f.valueHigh !== undefined) baseline.valueHigh = f.valueHigh;
  return baseline;
}

function toSection(doc: Doc, d: SectionDraft, drafts: SectionDraft[]): Section {
  const map = doc.layout.map;
  const start = map[d.cStart] as number;
  const end = d.cEnd >= doc.layout.compact.length ? doc.text.length : (map[d.cEnd] as number);
  void drafts;
  return {
    id: d.id,
    number: charsOf(doc, d.numberSpan[0], d.numberSpan[1]),
    title: charsOf(doc, d.titleSpan[0], d.titleSpan[1]),
    level: d.level,
    part: d.part,
    start,
    end: Math.max(start, end),
    parentId: d.parentId,
  };
}
