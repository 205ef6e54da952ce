// A span the reviewer selected in the draft's text: offsets are UTF-16 indices, end exclusive (as the extraction's).

export const MAX_SPAN_LENGTH = 1000;

export type SpanProblem = { field: "start" | "end"; message: string };

/** Why a span cannot be a candidate's source, or null: inside the text, not empty or blank, not too long, whole characters. */
export function spanProblem(text: string, start: number, end: number): SpanProblem | null {
  if (!Number.isInteger(start) || start < 0) return { field: "start", message: "选区起点应为不小于0的整数" };
  if (!Number.isInteger(end) || end <= start) return { field: "end", message: "选区终点应大于起点" };
  if (end > text.length) return { field: "end", message: `选区超出报告正文（正文共${text.length}个字符）` };
  if (end - start > MAX_SPAN_LENGTH) return { field: "end", message: `选区过长（不超过${MAX_SPAN_LENGTH}个字符）` };
  // Half of a surrogate pair at either end would cut a character in two.
  if (isLowSurrogate(text.charCodeAt(start)) || isLowSurrogate(text.charCodeAt(end))) return { field: "start", message: "选区不能切断一个字符" };
  if (!text.slice(start, end).trim()) return { field: "start", message: "选区只有空白，请选择原文中的文字" };
  return null;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The span without surrounding white space (a selection often takes a line break with it). */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

/** The innermost section holding [start, end), by offsets; sections listed outer before inner (as extracted). */
export function sectionAt<S extends { id: string; start: number; end: number }>(sections: readonly S[], start: number, end: number): S | null {
  let found: S | null = null;
  for (const s of sections) if (s.start <= start && end <= s.end && (!found || s.end - s.start <= found.end - found.start)) found = s;
  return found;
}
