// Paragraphs and the compact view. Reports arrive with lines broken at page ends in the middle of a
// word ("规模以上工业企\n\n业发展到 23 户"), page numbers on their own lines, spaces inside figures
// ("达标率 100%") and markdown emphasis. The compact view drops all of that: it holds the normalised
// characters of each paragraph without whitespace, paragraphs separated by "\n", and `map` gives the
// input offset of every compact character.

import { codesToString } from "./normalise";
import { isMeasureWord, readUnit } from "./units";

export interface Paragraph {
  /** Compact offsets, end exclusive. */
  start: number;
  end: number;
}

export interface Layout {
  compact: string;
  map: Int32Array;
  /** 1 where spaces (not line breaks) were dropped right before this compact character. */
  spaceGap: Uint8Array;
  paragraphs: Paragraph[];
}

interface Line {
  s: number;
  e: number;
  /** The first characters without blanks, for heading checks. */
  head: string;
}

const isBlank = (c: number): boolean =>
  c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 0x200b || c === 0xfeff || c === 0x2a /* * */;

const TERMINATORS = new Set(["。", "！", "？", "；", "：", "!", "?", ";", ":"]);
const CLOSERS = new Set(["”", "’", "」", "』", '"', "'", "）", "*", "】"]);
const HEADING_START = /^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[、.](?!\d)|（\d{1,2}）|——|第[一二三四五六七八九十]{1,3}[，、])/;
/** A part heading written without a number: "2023年工作回顾", "2024年重点工作任务". */
export const BARE_PART_HEADING =
  /^(?:(?:19|20)\d{2}年|过去一年|过去五年|去年|一年来|今年|明年|今后五年|未来五年|[^—\d]{0,6})[^。！？；，]{0,10}(?:工作回顾|工作总结|回顾|工作安排|工作任务|重点工作|主要任务|目标任务|工作建议|总体要求|预期目标|政府工作的建议)[：:]?$/;
/** A list bullet at the start of a line starts a paragraph. */
const BULLET = /^(?:[-—•·●▪◆■□►▲△▶▷★☆◎◇◢◣▼▽✔√【]|[\u2460-\u2473]|\d{1,2}[)）](?!\d))/;
/** Marks that end a heading line in news layouts ("经济◢", "【民生】"). */
const HEADING_MARK_END = /[◢◣▲▼■◆●】]$/;
/** A date on a line of its own ("（2024年1月18日）", "2024-01-18 10:30"): a dateline, not the start of a sentence. */
const DATELINE = /^[（(]?(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2})[^\u4e00-\u9fff]{0,8}[）)]?$/;
const FIGURE_HEAD = /^\d[\d.,]*[^\s\d，。；：:]{0,5}[：:]/;
const VERB_BEFORE_FIGURE = /(?:完成|新建|建设|建成|改造|实施|推进|打造|新增|培育|引进|治理|整治|修复|造林|绿化|种植|改建|扩建|铺设|开工|启动|谋划|签约)$/;
const SUFFIX_END = /(?:及以上|及以下|以上|以下|以内|之内|左右|上下)$/;
/** Words that continue the line before: a figure's suffix or a cue that needs the name before it. */
const CONTINUES = /^(?:[以之左上下的等及和与或、，,。；;：:%）)”’」』]|增长|下降|增加|减少|提高|降低|同比|比上年|较上年|分别|均)/;
const PAGE_NUMBER = /^[-—_·•~]*第?\d{1,4}页?[-—_·•~]*$/;

function contentOf(norm: string, line: { s: number; e: number }): string {
  let out = "";
  for (let k = line.s; k < line.e && out.length < 16; k++) {
    const c = norm.charCodeAt(k);
    if (!isBlank(c)) out += norm.charAt(k);
  }
  return out;
}

function endsSentence(norm: string, line: Line): boolean {
  let k = line.e - 1;
  let guard = 0;
  while (k >= line.s && guard < 8 && (CLOSERS.has(norm.charAt(k)) || isBlank(norm.charCodeAt(k)))) {
    k--;
    guard++;
  }
  return k >= line.s && TERMINATORS.has(norm.charAt(k));
}

/** "\n", a lone "\r" (old Mac files), U+2028/U+2029. */
function isLineBreak(norm: string, i: number): boolean {
  const c = norm.charCodeAt(i);
  return c === 10 || c === 0x2028 || c === 0x2029 || (c === 13 && norm.charCodeAt(i + 1) !== 10);
}

export function isHeadingStart(content: string): boolean {
  return HEADING_START.test(content);
}

/** Splits the normalised text into paragraphs, joining lines broken at page ends. */
export function buildLayout(norm: string): Layout {
  const n = norm.length;
  // 1. lines with their first/last content character
  const lines: Line[] = [];
  let ls = 0;
  for (let i = 0; i <= n; i++) {
    if (i === n || isLineBreak(norm, i)) {
      let s = ls;
      let e = i;
      while (s < e && isBlank(norm.charCodeAt(s))) s++;
      while (e > s && isBlank(norm.charCodeAt(e - 1))) e--;
      // a markdown heading mark at the start of a line
      while (s < e && norm.charCodeAt(s) === 35 /* # */) s++;
      while (s < e && isBlank(norm.charCodeAt(s))) s++;
      if (e > s) {
        const head = contentOf(norm, { s, e });
        if (!(e - s <= 16 && PAGE_NUMBER.test(head))) lines.push({ s, e, head });
      }
      ls = i + 1;
    }
  }
  // 2. group lines into paragraphs
  const groups: Line[][] = [];
  let current: Line[] = [];
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li] as Line;
    current.push(line);
    const next = lines[li + 1];
    const shortHeading =
      current.length === 1 &&
      line.e - line.s <= 60 &&
      ((isHeadingStart(line.head) && !norm.slice(line.s, line.e).includes("。")) ||
        (line.e - line.s <= 40 && BARE_PART_HEADING.test(norm.slice(line.s, line.e).replace(/\s+/g, ""))));
    const nextIsHeading = next !== undefined && (isHeadingStart(next.head) || BULLET.test(next.head));
    if (!next || endsSentence(norm, line) || shortHeading || nextIsHeading || listBreak(norm, line, next)) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length) groups.push(current);

  // 3. the compact view
  const codes = new Uint16Array(n + groups.length + 1);
  const map = new Int32Array(n + groups.length + 1);
  const spaceGap = new Uint8Array(n + groups.length + 1);
  const paragraphs: Paragraph[] = [];
  let w = 0;
  for (const group of groups) {
    const start = w;
    let lastOriginal = 0;
    for (const line of group) {
      let sawSpace = false;
      for (let k = line.s; k < line.e; k++) {
        const c = norm.charCodeAt(k);
        if (isBlank(c)) {
          if (c === 32 || c === 9) sawSpace = true;
          continue;
        }
        // footnote marks: [12], ①, ¹ — references, not text
        if ((c >= 0x2460 && c <= 0x2473) || c === 0xb9 || c === 0xb2 || c === 0xb3 || (c >= 0x2070 && c <= 0x2079)) continue;
        if (c === 91 /* [ */) {
          const close = footnoteEnd(norm, k, line.e);
          if (close > 0) {
            k = close;
            continue;
          }
        }
        codes[w] = c;
        map[w] = k;
        spaceGap[w] = sawSpace ? 1 : 0;
        sawSpace = false;
        w++;
        lastOriginal = k;
      }
    }
    if (w === start) continue;
    paragraphs.push({ start, end: w });
    codes[w] = 10;
    map[w] = lastOriginal + 1;
    w++;
  }
  return { compact: codesToString(codes, w), map: map.subarray(0, w), spaceGap: spaceGap.subarray(0, w), paragraphs };
}

/**
 * News digests list one target a line without punctuation ("地区生产总值增长6%左右\n一般公共预算收入
 * 增长5%"), under short headings ("经济◢", "主要指标"). A line that ends with a whole figure, followed
 * by a line that starts a new name, is an item of its own; so is a short heading line. Lines broken
 * at a page end rarely end right after a figure's unit, and a figure split there stays joined.
 */
function listBreak(norm: string, line: Line, next: Line): boolean {
  const text = norm.slice(line.s, line.e);
  if (HEADING_MARK_END.test(text) || DATELINE.test(text.replace(/\s+/g, ""))) return true;
  // "1.2万人：城镇新增就业": a line headed by its figure
  if (FIGURE_HEAD.test(norm.slice(next.s, Math.min(next.e, next.s + 14)))) return true;
  const first = norm.charAt(next.s);
  const yearFirst = /^(?:19|20)\d{2}年/.test(norm.slice(next.s, Math.min(next.e, next.s + 5)));
  if ((!/[\u4e00-\u9fffA-Z]/.test(first) && !yearFirst) || CONTINUES.test(norm.slice(next.s, Math.min(next.e, next.s + 3)))) return false;
  if (readUnit(norm, next.s, next.e)) return false;
  // "民生实事" over "新增城镇就业1.3万人": a short heading over an item
  if (line.e - line.s <= 10 && /^(?:(?:19|20)\d{2}年)?[\u4e00-\u9fff]+$/.test(text) && figureEnd(norm, next) !== null) return true;
  const end = figureEnd(norm, line);
  if (!end) return false;
  // "打造100个\n示范村": a count before its noun breaks only where the next line is an item too
  if (end === "measure") return figureEnd(norm, next) !== null;
  return true;
}

/** Whether a line ends with a whole figure: "quantity" ("增长6%左右", "1.2万人"), "measure" ("120个"), or null. */
function figureEnd(norm: string, line: { s: number; e: number }): "quantity" | "measure" | null {
  let e = line.e;
  const tail = norm.slice(Math.max(line.s, e - 3), e);
  const sf = SUFFIX_END.exec(tail);
  if (sf) e -= sf[0].length;
  // the last digit within the last few characters
  let d = -1;
  for (let k = e - 1; k >= Math.max(line.s, e - 7); k--) {
    const c = norm.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      d = k;
      break;
    }
  }
  if (d < 0) return null;
  if (d === e - 1) return null; // a bare number: its unit may be on the next line
  const unit = readUnit(norm, d + 1, e);
  if (!unit || unit.end !== e || !unit.base) return null;
  // "完成60万平方米\n老旧小区改造": a verb right before the figure puts its noun after it
  let n = d;
  while (n > line.s && /[\d.,]/.test(norm.charAt(n - 1))) n--;
  if (VERB_BEFORE_FIGURE.test(norm.slice(Math.max(line.s, n - 3), n))) return null;
  return isMeasureWord(unit.base) ? "measure" : "quantity";
}

/** "[12]" at k: the index of "]", else -1. */
function footnoteEnd(norm: string, k: number, limit: number): number {
  let j = k + 1;
  while (j < limit && j - k <= 4 && norm.charCodeAt(j) >= 48 && norm.charCodeAt(j) <= 57) j++;
  return j > k + 1 && j < limit && norm.charCodeAt(j) === 93 /* ] */ ? j : -1;
}

const CLOSING: Record<number, [number, number]> = {
  0x201c: [0x201d, 40], // “ ”
  0x300a: [0x300b, 60], // 《 》
  0x300c: [0x300d, 40], // 「 」
  0x300e: [0x300f, 40], // 『 』
  0x22: [0x22, 40], // " "
  0x2018: [0x2019, 20], // ‘ ’
};

const STATEMENT_CUE = /增长|下降|达到|突破|控制在|保持在|以上|以内|左右/;

/** A quoted clause that states a figure, not a name: it holds clause punctuation or a cue, and a digit. */
function isQuotedStatement(compact: string, a: number, b: number): boolean {
  const inner = compact.slice(a, b);
  return /\d/.test(inner) && (/[。，；]/.test(inner) || STATEMENT_CUE.test(inner));
}

/** Marks characters inside “…”, 《…》, 「…」 and "…" (pairs closed within a short distance). */
export function quoteMask(compact: string): Uint8Array {
  const n = compact.length;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = compact.charCodeAt(i);
    if (c !== 0x201c && c !== 0x300a && c !== 0x300c && c !== 0x300e && c !== 0x22 && c !== 0x2018) continue;
    const [close, reach] = CLOSING[c] as [number, number];
    const limit = Math.min(n, i + reach + 1);
    for (let j = i + 1; j < limit; j++) {
      const d = compact.charCodeAt(j);
      if (d === 10) break;
      if (d === close) {
        // quoted speech ("市长表示：“今年地区生产总值增长6%左右。”") is read; names and slogans are not
        if (!isQuotedStatement(compact, i + 1, j)) mask.fill(1, i, j + 1);
        i = j;
        break;
      }
    }
  }
  return mask;
}
