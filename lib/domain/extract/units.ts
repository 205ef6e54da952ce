// Units that follow a figure: an optional magnitude (万, 亿, 万亿 …) and a base unit (元, 亩, 个 …).
// Generic lists, not tied to any report.

/** Measure words that count things: they can come before the noun ("打造100个示范村"). */
const MEASURE_WORDS = [
  "个", "家", "户", "项", "件", "处", "条", "所", "座", "套", "间", "张", "台", "辆", "艘", "架", "只", "头",
  "株", "棵", "本", "册", "场", "批", "名", "位", "支", "栋", "幢", "块", "片", "根", "眼", "盏", "部", "篇",
  "款", "列", "宗", "组", "队", "台套", "人次", "户次", "件次", "架次", "床", "张床", "次", "起",
];

/** Units of quantity: they follow the noun ("新建高标准农田50万亩"). */
const QUANTITY_UNITS = [
  "个百分点", "百分点", "%", "‰",
  "元", "美元", "欧元", "元人民币",
  "人", "亩", "公顷", "平方米", "平方公里", "平方千米", "平米",
  "吨", "吨标准煤", "吨标煤", "斤", "公斤", "千克", "克",
  "千瓦", "千瓦时", "瓦", "兆瓦", "吉瓦", "千伏安", "千伏", "度",
  "公里", "千米", "米", "延米", "立方米", "方", "升", "标准箱", "标箱",
  "天", "小时", "个工作日", "工作日", "分钟", "个月",
  "袋", "尾", "羽", "口", "倍", "微克/立方米", "毫克/立方米", "毫克/升", "分贝",
];

const MULTIPLIERS = ["万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万"];

const BASE_UNITS: string[] = Array.from(new Set([...MEASURE_WORDS, ...QUANTITY_UNITS])).sort((a, b) => b.length - a.length);
const MEASURE_SET = new Set(MEASURE_WORDS);

export interface UnitRead {
  /** Magnitude + base as written in the normalised text ("万亩", "亿元", "%"). */
  unit: string;
  multiplier: string;
  base: string;
  end: number;
}

/** Base units by their first character, longest first. */
const BASE_BY_FIRST = new Map<number, string[]>();
for (const u of BASE_UNITS) {
  const c = u.charCodeAt(0);
  const list = BASE_BY_FIRST.get(c);
  if (list) list.push(u);
  else BASE_BY_FIRST.set(c, [u]);
}

function readBase(s: string, i: number, limit: number): string | null {
  const list = BASE_BY_FIRST.get(s.charCodeAt(i));
  if (!list) return null;
  for (const u of list) {
    if (i + u.length <= limit && s.startsWith(u, i)) return u;
  }
  return null;
}

/**
 * The unit at i (after a figure). `multiplier` is a magnitude already read with a Chinese numeral.
 * "余"/"多" between the magnitude and the base ("9万余次") are skipped and reported through `approxMore`.
 */
export function readUnit(
  s: string,
  i: number,
  limit: number,
  carriedMultiplier = "",
): (UnitRead & { approxMore: boolean }) | null {
  let p = i;
  let multiplier = carriedMultiplier;
  if (!multiplier) {
    for (const m of MULTIPLIERS) {
      if (p + m.length <= limit && s.startsWith(m, p)) {
        multiplier = m;
        p += m.length;
        break;
      }
    }
  }
  let approxMore = false;
  const c = s.charAt(p);
  if ((c === "余" || c === "多") && p + 1 < limit) {
    approxMore = true;
    p++;
  }
  let base = readBase(s, p, limit);
  if (base) {
    let end = p + base.length;
    // compound units "元/吨", "万元/亩"
    if (s.charAt(end) === "/") {
      const second = readBase(s, end + 1, limit);
      if (second && !MEASURE_SET.has(second)) {
        base = `${base}/${second}`;
        end = end + 1 + second.length;
      }
    }
    return { unit: multiplier + base, multiplier, base, end, approxMore };
  }
  if (approxMore) {
    // "2000余" without a base: step back
    p--;
    approxMore = false;
  }
  if (multiplier) return { unit: multiplier, multiplier, base: "", end: p, approxMore };
  return null;
}

export const isMeasureWord = (base: string): boolean => MEASURE_SET.has(base);
export const isPercentUnit = (unit: string): boolean =>
  unit === "%" || unit === "‰" || unit.endsWith("百分点");
export const isMoneyUnit = (base: string): boolean => base.endsWith("元") && !base.includes("/");
