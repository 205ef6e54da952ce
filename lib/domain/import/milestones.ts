// Possible milestones (DOMAIN.md "Milestones"): clauses of the plan part that read like a target but carry no
// figure ("收入增长与经济增长同步", "能耗完成省下达任务", "全面完成…改造"). Listed for the reviewer, never accepted by
// themselves. A generic cue list: the extractor may later offer its own qualitative mode.

const TARGET_CUES =
  /同步|下达(的)?任务|目标任务|全面完成|基本完成|如期完成|按期完成|全部完成|开工建设|开工|建成|竣工|投产|投入使用|全覆盖|清零|达标|晋升|创建成功|成功创建|通过验收|合理区间|保持稳定|总体稳定|持续改善|稳中有升|只增不减|不发生|零发生|零事故|基本消除|全面消除|实现突破|取得突破|落地见效/;

/** Clauses end at these marks (and at line breaks). */
const CLAUSE_END = /[。；;！!？?\n，,：:]/;

/** Figures mean the extractor's business, not a milestone. */
const HAS_FIGURE = /[0-9０-９]|[一二三四五六七八九十百千万两]+(个|项|所|座|家|条|公里|万|亿|处|户|人|次)/;

export interface ClauseSpan {
  start: number;
  end: number;
  quote: string;
}

export interface HintSection {
  part: string;
  start: number;
  end: number;
}

/**
 * Clauses with a target cue and no figure, outside the review part and not overlapping an extracted target.
 * `sections` decide the part (a clause in no section counts as plan when the report has no sections at all).
 */
export function findMilestoneHints(
  text: string,
  sections: readonly HintSection[],
  targets: readonly { start: number; end: number }[],
  limit = 200,
): ClauseSpan[] {
  const out: ClauseSpan[] = [];
  const sorted = [...targets].sort((a, b) => a.start - b.start);
  let t = 0;
  let start = 0;
  for (let i = 0; i <= text.length && out.length < limit; i++) {
    if (i < text.length && !CLAUSE_END.test(text[i]!)) continue;
    const span = trimmed(text, start, i);
    start = i + 1;
    if (!span) continue;
    const clause = text.slice(span.start, span.end);
    if (clause.length < 4 || clause.length > 80 || !TARGET_CUES.test(clause) || HAS_FIGURE.test(clause)) continue;
    while (t < sorted.length && sorted[t]!.end <= span.start) t++;
    if (t < sorted.length && sorted[t]!.start < span.end) continue;
    if (partAt(sections, span.start) === "review") continue;
    out.push({ ...span, quote: clause });
  }
  return out;
}

function trimmed(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  // Leading list marks ("一是", "（三）", "1.") are not part of the target.
  while (s < e && /[\s、·•\-—]/.test(text[s]!)) s++;
  const mark = /^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+[是、]|\d+[.、．])/.exec(text.slice(s, Math.min(e, s + 8)));
  if (mark) s += mark[0].length;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return e > s ? { start: s, end: e } : null;
}

function partAt(sections: readonly HintSection[], offset: number): string {
  let part = sections.length ? "other" : "plan";
  let size = Infinity;
  for (const s of sections) {
    if (s.start <= offset && offset < s.end && s.end - s.start < size) {
      part = s.part;
      size = s.end - s.start;
    }
  }
  return part;
}
