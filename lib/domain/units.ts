/**
 * What a goal's unit says about its figures: whether it is a percentage (tolerance 0.5, "%" allowed when
 * entering), its 万/亿 magnitude prefix, and whether it counts things (so a negative figure is absurd).
 */
import type Decimal from "decimal.js";
import { Dec } from "./decimal";

/** Units that read as percentages or percentage points. Compared after NFKC, so "％" is "%". */
const PERCENT_UNITS = new Set(["%", "个百分点", "百分点"]);
const PERCENTAGE_POINT_UNITS = new Set(["个百分点", "百分点"]);

export function normalizeUnit(unit: string): string {
  return unit.normalize("NFKC").replace(/\s+/g, "");
}

/** %, ％, 个百分点, 百分点: the tolerance is 0.5 points and a "%" sign is allowed when entering figures. */
export function isPercentUnit(unit: string): boolean {
  return PERCENT_UNITS.has(normalizeUnit(unit));
}

export function isPercentagePointUnit(unit: string): boolean {
  return PERCENTAGE_POINT_UNITS.has(normalizeUnit(unit));
}

const MAGNITUDES: ReadonlyArray<readonly [string, number]> = [
  ["万亿", 12],
  ["亿", 8],
  ["万", 4],
];

/** The power of ten a magnitude word stands for, or null: "万" → 4, "亿" → 8, "万亿" → 12, "" → 0. */
export function magnitudeExponent(word: string): number | null {
  if (word === "") return 0;
  for (const [w, e] of MAGNITUDES) if (w === word) return e;
  return null;
}

/**
 * Splits a unit into its magnitude prefix and base: "万人" → 10^4 × "人", "亿元" → 10^8 × "元",
 * "万" → 10^4 × "", "人" → 1 × "人". Only 万/亿/万亿 are magnitudes ("千瓦" is a base unit).
 */
export function splitUnit(unit: string): { exponent: number; base: string } {
  const u = normalizeUnit(unit);
  for (const [w, e] of MAGNITUDES) if (u.startsWith(w)) return { exponent: e, base: u.slice(w.length) };
  return { exponent: 0, base: u };
}

export function powerOfTen(exponent: number): Decimal {
  return new Dec(10).pow(exponent);
}

/** Base units of counts and amounts of things: a negative figure in them makes no sense. */
const COUNT_BASE_UNITS = new Set([
  // things, places, organisations, people
  "个", "家", "户", "人", "人次", "名", "位", "项", "件", "处", "条", "所", "座", "栋", "幢", "套", "间", "台",
  "辆", "艘", "架", "部", "本", "册", "场", "次", "批", "支", "只", "头", "匹", "羽", "株", "棵", "张", "床",
  "张床", "村", "镇", "校", "园", "口", "眼", "块", "片", "宗", "例", "起", "单", "份", "枚", "篇", "门", "类",
  // areas, lengths, volumes, weights, energy
  "亩", "公顷", "平方米", "平方公里", "米", "延米", "公里", "千米", "立方米", "方", "吨", "斤", "公斤", "千克",
  "克", "吨标准煤", "标准煤", "千瓦", "兆瓦", "千瓦时", "度", "标箱", "吨公里",
  // money and time
  "元", "美元", "天", "日", "小时",
]);

/** True for 个 家 户 人 项 … 亩 吨 公里 元 天 … and their 万/亿 compounds (万人, 亿元, 万亩). */
export function isCountUnit(unit: string): boolean {
  const { base } = splitUnit(unit);
  return COUNT_BASE_UNITS.has(base);
}
