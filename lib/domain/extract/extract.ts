// extractTargets: the quantitative targets of a government work report, its sections and the review
// figures they can be compared with. Pure, and linear in the length of the text.
//
// The pipeline: normalise (traditional → simplified, full-width → ASCII, one character for one) →
// layout (paragraphs, page breaks joined, a compact view without whitespace) → sections and parts →
// clause by clause, the figures that state targets (plan) or results (review) → output with offsets
// into the input.

import { linkBaselines } from "./baselines";
import { buildLayout, quoteMask } from "./layout";
import { normaliseText } from "./normalise";
import { assignParts } from "./parts";
import { SectionCursor, walkClauses } from "./passages";
import { analyseClause, type ClauseContext } from "./patterns";
import { milestoneOf } from "./milestones";
import { toBaseline, toMilestone, toSection, toTarget, type Doc } from "./render";
import { findSections, type SectionDraft } from "./sections";
import type { Baseline, ExtractOptions, Extraction, Milestone, Target } from "./types";

export const emptyExtraction = (): Extraction => ({ planYear: null, sections: [], targets: [], baselines: [] });

const emptyFor = (options: ExtractOptions): Extraction =>
  options.milestones ? { ...emptyExtraction(), milestones: [] } : emptyExtraction();

/**
 * Never throws: a text it cannot read gives empty results. `{ milestones: true }` also returns the
 * qualitative candidates of the plan part (`milestones`); without it the result has no such key.
 */
export function extractTargets(text: string, options: ExtractOptions = {}): Extraction {
  if (typeof text !== "string" || text.length === 0) return emptyFor(options);
  try {
    return extract(text, options);
  } catch {
    // a bug, not an expected failure: the property tests call extractUnguarded to find these
    return emptyFor(options);
  }
}

/** extractTargets without the safety net, for the property tests. */
export function extractUnguarded(text: string, options: ExtractOptions = {}): Extraction {
  return text.length === 0 ? emptyFor(options) : extract(text, options);
}

function extract(text: string, options: ExtractOptions): Extraction {
  const layout = buildLayout(normaliseText(text));
  const doc: Doc = { text, layout };
  const s = layout.compact;
  const drafts = findSections(layout);
  const titleOf = (d: SectionDraft) => s.slice(d.titleSpan[0], d.titleSpan[1]);
  const plan = assignParts(drafts, titleOf, s);

  const targets: Target[] = [];
  const baselines: Baseline[] = [];
  const milestones: Milestone[] = [];
  const ctx: ClauseContext = {
    compact: s,
    mask: quoteMask(s),
    spaceGap: layout.spaceGap,
    lastMetric: null,
    lastCues: [],
    lastMetrics: [],
    colonLead: null,
    striving: false,
  };
  const sections = new SectionCursor(drafts);
  let previous: { start: number; end: number } | null = null;

  walkClauses(layout, drafts, plan, titleOf, (clause) => {
    if (clause.sentenceStart) {
      ctx.lastMetric = null;
      ctx.lastCues = [];
      ctx.lastMetrics = [];
      ctx.striving = false;
    }
    // "地区生产总值增长：6%左右" names the figure in the clause before the colon
    const afterColon = clause.start > 0 && (s.charCodeAt(clause.start - 1) === 0xff1a || s.charCodeAt(clause.start - 1) === 58);
    ctx.colonLead = afterColon && previous && clause.start - 1 - previous.start <= 30 ? previous : null;
    previous = { start: clause.start, end: clause.end };
    if (clause.part === "other") return;
    const hits = analyseClause(ctx, clause.start, clause.end);
    for (const hit of hits) {
      if (clause.part === "plan") targets.push(toTarget(doc, hit, sections.at(hit.figure.start), drafts));
      else baselines.push(toBaseline(doc, hit, clause.year));
    }
    if (options.milestones && clause.part === "plan" && hits.length === 0) {
      const m = milestoneOf(s, clause.start, clause.end);
      if (m) milestones.push(toMilestone(doc, m.start, m.nameStart, m.end, m.cue, sections.at(m.start), drafts));
    }
  });

  linkBaselines(targets, baselines, plan.planYear);
  const out: Extraction = { planYear: plan.planYear, sections: drafts.map((d) => toSection(doc, d)), targets, baselines };
  if (options.milestones) out.milestones = milestones;
  return out;
}
