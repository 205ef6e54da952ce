// Figures in a clause: a number (Arabic or Chinese), an optional range, a unit and an optional
// comparator suffix (以上/以内/左右 …). Figures inside quotes and names are skipped here; whether a
// figure is a target or only qualifies a noun ("千万元以上工业项目") is decided by the clause patterns.

import { isAsciiDigit, readArabic, readChinese, type NumberRead } from "./numbers";
import { readUnit, type UnitRead } from "./units";

export interface Figure {
  /** Compact offsets: the first digit, the end of the digits, the end of the whole figure (unit and suffix). */
  start: number;
  numEnd: number;
  unitEnd: number;
  end: number;
  value: number;
  valueHigh?: number;
  /** Normalised unit ("万亩", "%", "个"). */
  unit: string;
  base: string;
  multiplier: string;
  suffix: string;
  /** "2000余条", "9万多人": more than the figure. */
  approxMore: boolean;
  chinese: boolean;
}

const SUFFIXES = ["及以上", "及以下", "以上", "以下", "以内", "之内", "左右", "上下"];
const RANGE_SEPARATORS = new Set(["-", "~", "—", "至", "到"]);
const LETTER = /[A-Za-z]/;
const CN_NUMERAL_CODES = new Set([..."〇零一二两三四五六七八九十"].map((ch) => ch.charCodeAt(0)));

function readNumberAt(s: string, i: number, limit: number, chinese: boolean): NumberRead | null {
  return chinese ? readChinese(s, i, limit) : readArabic(s, i, limit);
}

function unitAfter(s: string, num: NumberRead, limit: number): (UnitRead & { approxMore: boolean }) | null {
  if (num.percent) return { unit: "%", multiplier: "", base: "%", end: num.end, approxMore: false };
  return readUnit(s, num.end + num.multiplier.length, limit, num.multiplier);
}

/** Figures in compact[a, b), skipping masked (quoted) characters. Linear in b − a. */
export function readFigures(s: string, a: number, b: number, mask: Uint8Array): Figure[] {
  const out: Figure[] = [];
  let i = a;
  while (i < b) {
    const c = s.charCodeAt(i);
    const arabic = isAsciiDigit(c);
    if (!arabic && !CN_NUMERAL_CODES.has(c) && !(c === 0x767e /* 百 */ && s.startsWith("百分之", i))) {
      i++;
      continue;
    }
    const num = readNumberAt(s, i, b, !arabic);
    if (!num) {
      // skip the whole digit run: re-reading it from each of its digits would be quadratic
      if (arabic) while (i < b && isAsciiDigit(s.charCodeAt(i))) i++;
      else i++;
      continue;
    }
    const skipTo = Math.max(i + 1, num.end + num.multiplier.length);
    if (mask[i]) {
      i = skipTo;
      continue;
    }
    const prev = i > a ? s.charAt(i - 1) : "";
    const next = s.charAt(num.end);
    // names and codes: 5G, PM2.5, 4+3, G20, 第三, 1/3
    if (
      LETTER.test(prev) || LETTER.test(next) || prev === "+" || next === "+" || prev === "第" ||
      prev === "/" || prev === "." || prev === "初" || (prev === "-" && !arabic)
    ) {
      i = skipTo;
      continue;
    }
    if (num.chinese && num.value === 1 && !num.multiplier && !num.percent) {
      i = skipTo;
      continue;
    }
    let unit = unitAfter(s, num, b);
    let end = unit ? unit.end : num.end;
    let valueHigh: number | undefined;
    // a range: "4.5%-5%", "4.5-5%", "10至15个"
    const sep = s.charAt(end);
    if (RANGE_SEPARATORS.has(sep) && end + 1 < b) {
      const second = readNumberAt(s, end + 1, b, num.chinese);
      if (second && second.value > num.value) {
        const unit2 = unitAfter(s, second, b);
        if (unit2 && (!unit || unit.unit === unit2.unit)) {
          unit = unit2;
          valueHigh = second.value;
          end = unit2.end;
        }
      }
    }
    if (!unit) {
      unit = inheritedUnit(s, end, b, num.chinese);
      if (!unit) {
        i = skipTo;
        continue;
      }
      unit = { ...unit, end: num.end + num.multiplier.length };
      end = unit.end;
    }
    // "10亿级", "六期", "3个月" is fine; a magnitude alone followed by a noun is a name ("百万吨级")
    const after = s.charAt(end);
    if (after === "级" || after === "期" || after === "届" || after === "号" || after === "年" || after === "代") {
      i = Math.max(skipTo, end);
      continue;
    }
    let suffix = "";
    for (const sf of SUFFIXES) {
      if (s.startsWith(sf, end) && end + sf.length <= b) {
        suffix = sf;
        break;
      }
    }
    const figure: Figure = {
      start: i,
      numEnd: num.end,
      unitEnd: end,
      end: end + suffix.length,
      value: num.value,
      unit: unit.unit,
      base: unit.base,
      multiplier: unit.multiplier,
      suffix,
      approxMore: unit.approxMore,
      chinese: num.chinese,
    };
    if (valueHigh !== undefined) figure.valueHigh = valueHigh;
    out.push(figure);
    i = Math.max(i + 1, figure.end);
  }
  return out;
}

/** "增长8、9%": a bare figure in a list takes the unit of the next figure. */
function inheritedUnit(s: string, end: number, b: number, chinese: boolean): (UnitRead & { approxMore: boolean }) | null {
  let p = end;
  for (let hops = 0; hops < 5; hops++) {
    const ch = s.charAt(p);
    if (ch !== "、" && ch !== "和") return null;
    const next = readNumberAt(s, p + 1, b, chinese);
    if (!next) return null;
    const unit = unitAfter(s, next, b);
    if (unit) return unit;
    p = next.end;
  }
  return null;
}
