// A goal's 原文 in context: the quoted span inside its report, with the sentence (or paragraph part) around it.

export interface SourceContext {
  before: string;
  quote: string;
  after: string;
  /** Offsets of the quote in the text actually used (the stored ones, or where the quote was found again). */
  start: number;
  end: number;
  /** The context was cut (more text lies before / after). */
  clippedBefore: boolean;
  clippedAfter: boolean;
}

const SENTENCE_END = /[。！？；!?;\n]/;

/**
 * The quote at [start, end) of `text` with up to `reach` characters around it, stopped at the sentence around the
 * quote (the previous sentence end before it, the next one after it) or a line break. Offsets that do not hold the
 * quote (an edited text) fall back to the quote's first occurrence; null when it cannot be found.
 */
export function sourceContext(text: string, quote: string, start: number | null, end: number | null, reach = 160): SourceContext | null {
  let s = start ?? -1;
  let e = end ?? -1;
  if (!(s >= 0 && e > s && e <= text.length && (!quote || text.slice(s, e) === quote))) {
    if (!quote) return null;
    s = text.indexOf(quote);
    if (s < 0) return null;
    e = s + quote.length;
  }
  let from = s;
  while (from > 0 && s - from < reach && !SENTENCE_END.test(text[from - 1]!)) from--;
  let to = e;
  while (to < text.length && to - e < reach && !SENTENCE_END.test(text[to]!)) to++;
  // Keep the sentence's own end mark (not a line break).
  if (to < text.length && text[to] !== "\n" && SENTENCE_END.test(text[to]!)) to++;
  return {
    before: text.slice(from, s).trimStart(),
    quote: text.slice(s, e),
    after: text.slice(e, to).trimEnd(),
    start: s,
    end: e,
    clippedBefore: from > 0 && !SENTENCE_END.test(text[from - 1]!),
    clippedAfter: to < text.length && !SENTENCE_END.test(text[to - 1]!) && text[to] !== "\n",
  };
}
