// Page layout out of a report's text: lines hard-wrapped by a PDF (or copied out of one) joined back into
// paragraphs, page numbers and running headers/footers dropped, paragraph indents (full-width spaces) taken off.
// The text returned is the one the extractor reads and the review screen shows, so nothing maps back to the file.
//
// A line is joined to the next only when it looks cut by the page width: it is about as wide as the text's usual
// wrapped line (the width most unfinished lines share), it does not end a sentence (unless the text marks its
// paragraphs by indents), and the next line does not start a paragraph (heading, list mark, "——", indent).
// A text whose lines show no common width is not hard-wrapped and keeps its lines.

import { BARE_PART_HEADING, isHeadingStart } from "../extract/layout";

export interface RejoinResult {
  text: string;
  /** Line breaks taken out inside paragraphs. */
  joined: number;
  /** Page-number lines dropped ("- 3 -", "第3页", "3/20", a lone number). */
  pageNumbers: number;
  /** Running header/footer lines dropped (the same line at the top or bottom of most pages). */
  runningLines: number;
}

interface Line {
  text: string;
  /** Written with a paragraph indent (full-width spaces, two or more spaces, a tab). */
  indented: boolean;
  /** Blank lines before it (in the same page); a page break counts as none. */
  blanksBefore: number;
}

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029/;
const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff\u200b]+|[\s\u3000\u00a0\ufeff\u200b]+$/g;
const INDENT = /^(?:[\u3000]|[ \u00a0]{2,}|\t)/;
const TERMINATORS = new Set(["。", "！", "？", "；", "：", "!", "?", ";", ":", "…"]);
const CLOSERS = new Set(["”", "’", "」", "』", '"', "'", "）", ")", "*", "】", "》"]);
/** The start of a paragraph: numbered headings, list marks, "——". */
const PARAGRAPH_START =
  /^(?:[一二三四五六七八九十]{1,3}[、是]|（[一二三四五六七八九十\d]{1,3}）|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[、.．](?!\d)|\d{1,2}[)）](?!\d)|第[一二三四五六七八九十百\d]{1,4}[章节条部篇，、]|——|[-•·●▪◆■□►※★☆]|[①-⑳])/;

/** Page numbers: "- 3 -", "— 3 —", "第3页", "第 3 页 共 20 页", "3/20", "Page 3". */
const PAGE_NUMBER_MARKED =
  /^(?:[-—–－_~·•]+\s*\d{1,4}\s*[-—–－_~·•]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?)$/i;
/** A page number alone on its line (a year, four digits, is left alone). */
const LONE_NUMBER = /^\d{1,3}$/;

/** Display width: CJK and full-width forms count 2, the rest 1. */
export function lineWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += s.charCodeAt(i) < 0x1100 ? 1 : 2;
  return w;
}

function endsSentence(s: string): boolean {
  let k = s.length - 1;
  while (k >= 0 && CLOSERS.has(s.charAt(k))) k--;
  return k >= 0 && TERMINATORS.has(s.charAt(k));
}

/** A heading on its own line: numbered and without a full stop ("一、过去五年工作回顾", "（二）…"), or a bare part heading. */
function isHeadingLine(s: string): boolean {
  const compact = s.replace(/\s+/g, "");
  // "——" opens a list item, which wraps like any paragraph.
  if (compact.length <= 60 && isHeadingStart(compact) && !compact.startsWith("——") && !compact.includes("。")) return true;
  return compact.length <= 40 && BARE_PART_HEADING.test(compact);
}

function startsParagraph(line: Line): boolean {
  return line.indented || PARAGRAPH_START.test(line.text) || isHeadingLine(line.text);
}

function isPageNumber(s: string): boolean {
  return s.length <= 24 && /\d/.test(s) && PAGE_NUMBER_MARKED.test(s);
}

function splitLines(page: string): Line[] {
  const out: Line[] = [];
  let blanks = 0;
  for (const raw of page.split(LINE_BREAK)) {
    const text = raw.replace(EDGE_SPACE, "");
    if (!text) {
      if (out.length) blanks++;
      continue;
    }
    out.push({ text, indented: INDENT.test(raw), blanksBefore: blanks });
    blanks = 0;
  }
  return out;
}

/** The usual width of a wrapped line, or null when the lines share none (the text is not hard-wrapped). */
export function wrapWidth(lines: readonly string[]): number | null {
  const MAX = 400;
  const hist = new Uint32Array(MAX + 1);
  let candidates = 0;
  for (const s of lines) {
    if (endsSentence(s) || isHeadingLine(s)) continue;
    const w = lineWidth(s);
    if (w > MAX) continue;
    hist[w] = (hist[w] as number) + 1;
    candidates++;
  }
  // Wrapped lines end within a character or two of the full width (a line may not start with "，"): the window
  // [0.9w, w] that holds most of them gives w. Below 40 (20 CJK characters) lines are list items, not wraps.
  const prefix = new Uint32Array(MAX + 2);
  for (let w = 0; w <= MAX; w++) prefix[w + 1] = (prefix[w] as number) + (hist[w] as number);
  let best = 0;
  let bestCount = 0;
  for (let w = 40; w <= MAX; w++) {
    const lo = Math.floor(w * 0.9);
    const count = (prefix[w + 1] as number) - (prefix[lo] as number);
    if (count > bestCount || (count === bestCount && count > 0 && (hist[w] as number) > 0)) {
      best = w;
      bestCount = count;
    }
  }
  if (bestCount < 3 || bestCount < candidates * 0.2) return null;
  // The widest line of the window is the page width.
  for (let w = best; w >= Math.floor(best * 0.9); w--) if ((hist[w] as number) > 0) return w;
  return best;
}

function joiner(a: string, b: string): string {
  const last = a.charCodeAt(a.length - 1);
  const first = b.charCodeAt(0);
  const asciiWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (last === 45 /* - */ || last === 47 /* / */) return "";
  if (last < 0x80 && last > 32 && asciiWord(first)) return " ";
  return "";
}

/**
 * Rejoins a report given page by page (a PDF's pages; a pasted text is one page, form feeds split it). Pages are
 * joined like lines: a paragraph cut by the page end continues on the next page.
 */
export function rejoinPages(pages: readonly string[]): RejoinResult {
  let pageNumbers = 0;
  let runningLines = 0;
  const split = pages.flatMap((p) => p.split("\f")).map(splitLines);

  // 1. page numbers, in any form, wherever they stand (a copied text has them mid-page)
  for (const [p, lines] of split.entries()) {
    const kept: Line[] = [];
    let blanks = 0;
    for (const [i, line] of lines.entries()) {
      const s = line.text;
      // A number beside another number is a table's column, not a page number.
      const lone =
        LONE_NUMBER.test(s) && !LONE_NUMBER.test(lines[i - 1]?.text ?? "") && !LONE_NUMBER.test(lines[i + 1]?.text ?? "");
      if (lone || (!LONE_NUMBER.test(s) && isPageNumber(s))) {
        pageNumbers++;
        blanks = Math.max(blanks, line.blanksBefore);
        continue;
      }
      kept.push(blanks > line.blanksBefore ? { ...line, blanksBefore: blanks } : line);
      blanks = 0;
    }
    split[p] = kept;
  }

  // 2. running headers and footers: the same short line (numbers aside) first or last on most pages
  if (split.length >= 3 && split.length <= 5000) {
    const key = (s: string) => s.replace(/\s+/g, "").replace(/\d+/g, "#");
    const edges = (lines: Line[]) => (lines.length > 1 ? [0, lines.length - 1] : lines.length ? [0] : []);
    const pagesWith = new Map<string, number>();
    for (const lines of split) {
      const seen = new Set<string>();
      for (const i of edges(lines)) {
        const k = key((lines[i] as Line).text);
        if (k.length >= 2 && k.length <= 40) seen.add(k);
      }
      for (const k of seen) pagesWith.set(k, (pagesWith.get(k) ?? 0) + 1);
    }
    const running = new Set([...pagesWith].filter(([, n]) => n >= 3 && n >= split.length * 0.6).map(([k]) => k));
    if (running.size) {
      for (const lines of split) {
        for (const i of edges(lines).reverse()) {
          if (running.has(key((lines[i] as Line).text))) {
            lines.splice(i, 1);
            runningLines++;
          }
        }
      }
    }
  }

  // 3. paragraphs
  const all = split.flat();
  const width = wrapWidth(all.map((l) => l.text));
  const full = width === null ? Infinity : width * 0.85;
  // Where paragraphs start indented (a PDF of a Word file, "　　" in a text), a full line ending "。" or "；" may
  // still go on: the next line's missing indent says so.
  let starts = 0;
  let indentedStarts = 0;
  for (let i = 1; i < all.length; i++) {
    if (!endsSentence((all[i - 1] as Line).text)) continue;
    starts++;
    if ((all[i] as Line).indented) indentedStarts++;
  }
  const indentMode = indentedStarts >= 3 && indentedStarts >= starts * 0.6;
  const out: string[] = [];
  let paragraph = "";
  let lastLine = "";
  let joined = 0;
  for (const [i, line] of all.entries()) {
    if (i === 0) {
      paragraph = lastLine = line.text;
      continue;
    }
    // A heading line is short of the full width, so it stays; a full one ("1.地区生产总值增长…") wraps like text.
    // With indents, a wrapped line may begin "三是…" or "1." mid-paragraph: only an indent or a heading line starts one.
    const opens = indentMode ? line.indented || isHeadingLine(line.text) : startsParagraph(line);
    const ended = endsSentence(lastLine) && (!indentMode || line.blanksBefore > 0);
    const join = lineWidth(lastLine) >= full && !ended && !opens;
    if (join) {
      paragraph += joiner(paragraph, line.text) + line.text;
      joined++;
    } else {
      out.push(paragraph, line.blanksBefore > 0 ? "\n\n" : "\n");
      paragraph = line.text;
    }
    lastLine = line.text;
  }
  if (all.length) out.push(paragraph);
  return { text: out.join(""), joined, pageNumbers, runningLines };
}

/** `rejoinPages` for a text in one piece (form feeds, as pdftotext writes them, part its pages). */
export function rejoinText(text: string): RejoinResult {
  return rejoinPages([text]);
}

/**
 * Light clean-up for a text whose lines are already paragraphs (a Word file): line endings to "\n", indents and
 * trailing blanks off, at most one blank line in a row.
 */
export function tidyParagraphs(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((l) => l.replace(EDGE_SPACE, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\n+$/g, "");
}

/** Characters a report text may not hold (controls but tab and line feed, lone surrogates, U+FFFE/U+FFFF) out. */
export function dropControlCharacters(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, (c) => (c === "\f" || c === "\r" ? c : ""))
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}
