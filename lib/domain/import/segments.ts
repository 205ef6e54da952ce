// The report text cut into runs for the review screen: each run is plain text or one candidate's span, and knows
// whether it lies in the review of last year (shown greyed). Offsets are into the draft's text (end exclusive).

export interface SpanRef {
  id: string;
  start: number;
  end: number;
}

export interface TextRun {
  start: number;
  end: number;
  /** The candidate whose span this run is, or null for text between candidates. */
  candidateId: string | null;
  /** Inside a part of the report that reviews last year. */
  review: boolean;
}

/**
 * Runs covering [0, length) in order. Candidates are taken by start; one that overlaps an earlier one keeps only
 * its part after it (a span wholly inside another is not marked). Spans outside the text (a re-import's removed
 * goal: -1/-1) are ignored.
 */
export function textRuns(length: number, candidates: readonly SpanRef[], reviewParts: readonly { start: number; end: number }[]): TextRun[] {
  const marks: SpanRef[] = [];
  let reached = 0;
  for (const c of [...candidates].filter((c) => c.start >= 0 && c.end > c.start).sort((a, b) => a.start - b.start || b.end - a.end)) {
    const start = Math.max(c.start, reached);
    const end = Math.min(c.end, length);
    if (end <= start) continue;
    marks.push({ id: c.id, start, end });
    reached = end;
  }
  // Cut points: the marks' edges and the review parts' edges.
  const cuts = new Set<number>([0, length]);
  for (const m of marks) cuts.add(m.start).add(m.end);
  const parts = reviewParts.filter((p) => p.end > p.start);
  for (const p of parts) cuts.add(Math.max(0, Math.min(length, p.start))).add(Math.max(0, Math.min(length, p.end)));
  const points = [...cuts].sort((a, b) => a - b);
  const runs: TextRun[] = [];
  let mark = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    while (mark < marks.length && marks[mark]!.end <= start) mark++;
    const m = marks[mark];
    const candidateId = m && m.start <= start && end <= m.end ? m.id : null;
    const review = parts.some((p) => p.start <= start && end <= p.end);
    runs.push({ start, end, candidateId, review });
  }
  return runs;
}
