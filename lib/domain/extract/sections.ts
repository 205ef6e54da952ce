// Numbered sections: "一、" (rank 1), "（一）" (rank 2), "1." / "（1）" (rank 3) at the start of a
// paragraph, and "一是 …。" items (rank 4) at the start of a paragraph or after a full stop.

import { BARE_PART_HEADING, type Layout } from "./layout";
import type { ReportPart } from "./types";

export interface SectionDraft {
  id: string;
  number: string;
  /** Compact spans of the numbering and the title. */
  numberSpan: [number, number];
  titleSpan: [number, number];
  rank: number;
  level: number;
  /** Compact offsets, end exclusive. */
  cStart: number;
  cEnd: number;
  parentId: string | null;
  parentIndex: number;
  part: ReportPart;
}

const MARKERS: Array<[RegExp, number]> = [
  [/^[一二三四五六七八九十]{1,3}、/, 1],
  [/^（[一二三四五六七八九十]{1,3}）/, 2],
  [/^(?:\d{1,2}[.、](?!\d)|（\d{1,2}）)/, 3],
];
const ITEM = /^[一二三四五六七八九十]{1,2}是(?![的否为])/;
const STOPS = new Set(["。", "！", "？", "!", "?"]);
const isStop = (c: number): boolean => c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 33 || c === 63;
const CN_ORDINAL = new Set([..."一二三四五六七八九十"].map((ch) => ch.charCodeAt(0)));
const PAUSES = new Set(["，", "；", "：", ",", ";", ":"]);

function titleEnd(s: string, from: number, paraEnd: number, whole: number, reach: number): number {
  if (paraEnd - from <= whole) {
    let hasStop = false;
    for (let k = from; k < paraEnd; k++) if (STOPS.has(s.charAt(k))) hasStop = true;
    if (!hasStop) return paraEnd;
  }
  const limit = Math.min(paraEnd, from + reach);
  for (let k = from; k < limit; k++) if (STOPS.has(s.charAt(k)) || s.charAt(k) === "；") return k;
  for (let k = from; k < limit; k++) if (PAUSES.has(s.charAt(k))) return k;
  return Math.min(paraEnd, from + Math.floor(reach / 2));
}

/** A top-level numbered section ("一、…", or "1." where a report numbers its parts so); items never are. */
export const isTopSection = (d: SectionDraft): boolean => d.level === 1 && d.rank <= 3;

export function findSections(layout: Layout): SectionDraft[] {
  const s = layout.compact;
  const out: SectionDraft[] = [];
  const stack: number[] = [];
  const siblingCount = new Map<string, number>();
  const open = (rank: number, numStart: number, numEnd: number, titleStop: number) => {
    while (stack.length) {
      const top = out[stack[stack.length - 1] as number] as SectionDraft;
      if (top.rank < rank) break;
      top.cEnd = numStart;
      stack.pop();
    }
    const parentIndex = stack.length ? (stack[stack.length - 1] as number) : -1;
    const parent = parentIndex >= 0 ? (out[parentIndex] as SectionDraft) : null;
    const key = parent ? parent.id : "";
    const n = (siblingCount.get(key) ?? 0) + 1;
    siblingCount.set(key, n);
    let te = titleStop;
    while (te > numEnd && /[：:，,。；;！？]/.test(s.charAt(te - 1))) te--;
    out.push({
      id: parent ? `${parent.id}.${n}` : String(n),
      number: s.slice(numStart, numEnd),
      numberSpan: [numStart, numEnd],
      titleSpan: [numEnd, te],
      rank,
      level: stack.length + 1,
      cStart: numStart,
      cEnd: s.length,
      parentId: parent ? parent.id : null,
      parentIndex,
      part: "other",
    });
    stack.push(out.length - 1);
  };
  for (const p of layout.paragraphs) {
    const head = s.slice(p.start, Math.min(p.end, p.start + 8));
    let itemsFrom = p.start;
    let numbered = false;
    for (const [re, rank] of MARKERS) {
      const m = re.exec(head);
      if (m) {
        const numEnd = p.start + m[0].length;
        const stop = titleEnd(s, numEnd, p.end, 60, 80);
        open(rank, p.start, numEnd, stop);
        itemsFrom = stop;
        numbered = true;
        break;
      }
    }
    if (!numbered && p.end - p.start <= 30) {
      let te = p.end;
      while (te > p.start && /[：:]/.test(s.charAt(te - 1))) te--;
      if (BARE_PART_HEADING.test(s.slice(p.start, te))) {
        open(1, p.start, p.start, p.end);
        itemsFrom = p.end;
      }
    }
    // "一是…" items: at the paragraph start or right after a full stop
    for (let k = itemsFrom; k < p.end; k++) {
      const atStart = k === p.start;
      if (!atStart && !isStop(s.charCodeAt(k - 1))) continue;
      if (!CN_ORDINAL.has(s.charCodeAt(k))) continue;
      const m = ITEM.exec(s.slice(k, k + 4));
      if (!m) continue;
      const numEnd = k + m[0].length;
      open(4, k, numEnd, titleEnd(s, numEnd, p.end, 0, 40));
    }
  }
  return out;
}
