// From compact-view findings to the output objects: offsets and text of the input, names as written.

import { accumulatesOf, comparatorOf, directionOf, kindOf } from "./classify";
import type { Layout } from "./layout";
import { spansText, type Hit } from "./patterns";
import type { SectionDraft } from "./sections";
import type { Baseline, Milestone, Section, Target } from "./types";

export interface Doc {
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

/** The unit as written; full-width forms folded ("％" → "%"). */
function unitOf(doc: Doc, hit: Hit): string {
  const f = hit.figure;
  const compact = doc.layout.compact;
  const written = compact.slice(f.numEnd, f.unitEnd);
  // 百分之六 and "8、9%" do not spell the unit after the digits: use the folded one
  if (written.replace(/[余多]/g, "") !== f.unit) return f.unit;
  let out = "";
  for (let k = f.numEnd; k < f.unitEnd; k++) {
    const ch = compact.charAt(k);
    if (f.approxMore && (ch === "余" || ch === "多")) continue;
    const original = doc.text.charAt(doc.layout.map[k] as number);
    const code = original.charCodeAt(0);
    out += code >= 0xff01 && code <= 0xff5e ? ch : original;
  }
  return out;
}

function metricOf(doc: Doc, hit: Hit): { written: string; folded: string } {
  let written = "";
  for (const sp of hit.metric) written += charsOf(doc, sp.start, sp.end);
  return { written, folded: spansText(doc.layout.compact, hit.metric) };
}

function kindOfHit(doc: Doc, hit: Hit, folded: string) {
  const f = hit.figure;
  const lead = doc.layout.compact.slice(hit.lead.start, hit.lead.end);
  return kindOf({ unit: f.unit, base: f.base, cues: hit.cues, metric: folded, lead, numberFirst: hit.numberFirst, shareOf: hit.shareOf });
}

export function toTarget(doc: Doc, hit: Hit, section: SectionDraft | undefined, drafts: SectionDraft[]): Target {
  const q = quoteOf(doc, hit.quote.start, hit.quote.end);
  const f = hit.figure;
  const { written, folded } = metricOf(doc, hit);
  const comparator = comparatorOf(hit.cues, f.suffix, f.approxMore, hit.striving, f.valueHigh !== undefined);
  const kind = kindOfHit(doc, hit, folded);
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

export function toBaseline(doc: Doc, hit: Hit, year: number | null): Baseline {
  const q = quoteOf(doc, hit.quote.start, hit.quote.end);
  const { written, folded } = metricOf(doc, hit);
  const f = hit.figure;
  const baseline: Baseline = {
    metric: written,
    value: f.value,
    unit: unitOf(doc, hit),
    kind: kindOfHit(doc, hit, folded),
    year,
    quote: q.quote,
    start: q.start,
    end: q.end,
  };
  if (f.valueHigh !== undefined) baseline.valueHigh = f.valueHigh;
  return baseline;
}

/** A qualitative candidate: the clause compact[a, b) named without its leading fillers (nameStart). */
export function toMilestone(
  doc: Doc,
  a: number,
  nameStart: number,
  b: number,
  cue: string,
  section: SectionDraft | undefined,
  drafts: SectionDraft[],
): Milestone {
  const q = quoteOf(doc, a, b);
  const path: string[] = [];
  for (let d = section; d; d = d.parentIndex >= 0 ? drafts[d.parentIndex] : undefined) {
    path.unshift(charsOf(doc, d.titleSpan[0], d.titleSpan[1]));
  }
  return {
    quote: q.quote,
    start: q.start,
    end: q.end,
    metric: charsOf(doc, nameStart, b),
    kind: "milestone",
    cue,
    sectionPath: path,
    sectionId: section ? section.id : null,
  };
}

export function toSection(doc: Doc, d: SectionDraft): Section {
  const map = doc.layout.map;
  const start = map[d.cStart] as number;
  const end = d.cEnd >= doc.layout.compact.length ? doc.text.length : (map[d.cEnd] as number);
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
