// Reading numbers at a position of the normalised text: Arabic ("1,200", "83.3") and Chinese
// numerals where they state amounts ("两万", "一千二百", "五点五", "百分之六").

export interface NumberRead {
  value: number;
  /** Index just after the digits (for Chinese numerals: before a trailing 万/亿 that belongs to the unit). */
  end: number;
  /** A trailing 万/亿/万亿 of a Chinese numeral, read as part of the unit ("两万亩" → 万亩). */
  multiplier: string;
  chinese: boolean;
  /** "百分之六": the numeral came with its percent sign in front. */
  percent: boolean;
}

const CN_DIGIT: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;
const isCnNumeralChar = (ch: string): boolean =>
  ch in CN_DIGIT || ch in CN_SMALL_UNIT || ch === "万" || ch === "亿";

/** Arabic number at i: digits, optional thousands groups "1,200", optional decimals. */
export function readArabic(s: string, i: number, limit: number): NumberRead | null {
  let j = i;
  while (j < limit && isAsciiDigit(s.charCodeAt(j))) j++;
  if (j === i) return null;
  let digits = s.slice(i, j);
  // thousands separators: ",ddd" not followed by another digit
  while (
    j + 4 <= limit &&
    s.charCodeAt(j) === 44 /* , */ &&
    isAsciiDigit(s.charCodeAt(j + 1)) && isAsciiDigit(s.charCodeAt(j + 2)) && isAsciiDigit(s.charCodeAt(j + 3)) &&
    !(j + 4 < limit && isAsciiDigit(s.charCodeAt(j + 4)))
  ) {
    digits += s.slice(j + 1, j + 4);
    j += 4;
  }
  if (s.charCodeAt(j) === 46 /* . */ && j + 1 < limit && isAsciiDigit(s.charCodeAt(j + 1))) {
    let k = j + 1;
    while (k < limit && isAsciiDigit(s.charCodeAt(k))) k++;
    digits += s.slice(j, k);
    j = k;
  }
  // a run of more digits than any amount has is an identifier, not a figure
  if (digits.length > 18) return null;
  const value = Number(digits);
  if (!Number.isFinite(value)) return null;
  return { value, end: j, multiplier: "", chinese: false, percent: false };
}

/**
 * Chinese numeral at i. Requires at least one digit character (一…九, 十, 两, 〇) so that bare magnitudes
 * like "百万吨级" or "千万元以上" are not read as amounts.
 */
export function readChinese(s: string, i: number, limit: number): NumberRead | null {
  let percent = false;
  let p = i;
  if (s.startsWith("百分之", i)) {
    percent = true;
    p = i + 3;
  }
  let j = p;
  let sawDigit = false;
  while (j < limit && j - p < 16) {
    const ch = s.charAt(j);
    if (isCnNumeralChar(ch)) {
      if (ch in CN_DIGIT || ch === "十") sawDigit = true;
      j++;
      continue;
    }
    // 点 introduces decimals only when a digit follows ("五点五")
    if (ch === "点" && j + 1 < limit && s.charAt(j + 1) in CN_DIGIT && sawDigit) {
      j += 2;
      while (j < limit && s.charAt(j) in CN_DIGIT) j++;
      break;
    }
    break;
  }
  if (!sawDigit || j === p) return null;
  let text = s.slice(p, j);
  let multiplier = "";
  if (!percent) {
    // a trailing 万/亿 reads as part of the unit, as Arabic figures write it ("2万亩")
    const m = /(万亿|万|亿)$/.exec(text);
    if (m && m.index > 0 && !/点/.test(text)) {
      multiplier = m[0];
      text = text.slice(0, m.index);
    }
  }
  const value = chineseValue(text);
  if (value === null) return null;
  return { value, end: j - multiplier.length, multiplier, chinese: true, percent };
}

/** Value of a Chinese numeral without trailing multiplier: "一千二百" → 1200, "五点五" → 5.5, "十五" → 15. */
export function chineseValue(text: string): number | null {
  const dot = text.indexOf("点");
  const intPart = dot >= 0 ? text.slice(0, dot) : text;
  const fracPart = dot >= 0 ? text.slice(dot + 1) : "";
  let total = 0;
  let section = 0;
  let num = 0;
  let lastWasDigit = false;
  for (const ch of intPart) {
    if (ch in CN_DIGIT) {
      const d = CN_DIGIT[ch] as number;
      // consecutive digits ("二〇二四") read positionally
      num = lastWasDigit ? num * 10 + d : d;
      lastWasDigit = true;
      continue;
    }
    lastWasDigit = false;
    if (ch in CN_SMALL_UNIT) {
      const u = CN_SMALL_UNIT[ch] as number;
      section += (num === 0 && ch === "十" ? 1 : num === 0 ? 1 : num) * u;
      num = 0;
    } else if (ch === "万") {
      total += (section + num) * 10000;
      section = 0;
      num = 0;
    } else if (ch === "亿") {
      total = (total + section + num) * 100000000;
      section = 0;
      num = 0;
    } else return null;
  }
  const integer = total + section + num;
  if (!fracPart) return integer;
  let frac = "";
  for (const ch of fracPart) {
    if (!(ch in CN_DIGIT)) return null;
    frac += String(CN_DIGIT[ch]);
  }
  const v = Number(`${integer}.${frac}`);
  return Number.isFinite(v) ? v : null;
}
