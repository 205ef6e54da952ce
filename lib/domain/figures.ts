/**
 * What staff type as a figure (DOMAIN.md "Entering numbers"). A figure is accepted exactly as meant or
 * rejected with a Chinese message saying what was expected; it is never rounded or otherwise altered.
 * The only change is an exact 万/亿 conversion into the goal's own unit ("1.2万" for 人 → 12000).
 */
import type Decimal from "decimal.js";
import { decimalString, toDecimal } from "./decimal";
import type { Direction, GoalKind } from "./status/types";
import {
  isCountUnit,
  isPercentUnit,
  isPercentagePointUnit,
  magnitudeExponent,
  normalizeUnit,
  powerOfTen,
  splitUnit,
} from "./units";

export type FigureErrorCode =
  | "empty"
  | "approximate"
  | "multiple_numbers"
  | "not_a_number"
  | "percent_not_expected"
  | "magnitude_not_expected"
  | "unit_mismatch"
  | "too_many_decimals"
  | "too_large"
  | "negative_not_allowed"
  | "share_out_of_range"
  | "milestone_out_of_range";

export interface FigureGoal {
  unit: string;
  kind: GoalKind;
  direction?: Direction;
  /** Lets a 率/比例-style share be recognised when the kind alone does not say so. */
  metric?: string;
}

export type FigureResult =
  | { ok: true; value: string }
  | { ok: false; code: FigureErrorCode; message: string };

/** Decimal(24, 6) column: 6 places, and the integer part must stay below 10^18. */
export const MAX_DECIMAL_PLACES = 6;
const LIMIT = powerOfTen(18);

function unitNote(unit: string): string {
  return unit ? `（单位：${unit}）` : "";
}

/** The one place that maps figure error codes to Chinese messages; each says what is expected. */
export const FIGURE_ERROR_MESSAGES: Record<FigureErrorCode, (unit: string) => string> = {
  empty: (unit) => `请输入一个数字，例如 6.5${unitNote(unit)}`,
  approximate: () => "请填写确切的数字，不要带“约”“左右”“以上”等字样，例如 6.5",
  multiple_numbers: () => "只能填写一个数字，例如 6.5",
  not_a_number: (unit) => `请输入一个数字，例如 6.5${unitNote(unit)}`,
  percent_not_expected: (unit) => `该指标的单位是“${unit}”，不是百分比，请去掉“%”`,
  magnitude_not_expected: (unit) => `该指标的单位是“${unit}”，请直接填写数字，不要带“万”“亿”`,
  unit_mismatch: (unit) => `请只填写数字，单位按“${unit}”计`,
  too_many_decimals: () => `小数最多${MAX_DECIMAL_PLACES}位，请检查数字`,
  too_large: (unit) => `数值过大，请检查数字和单位${unitNote(unit)}`,
  negative_not_allowed: (unit) => `数值不能为负数${unitNote(unit)}`,
  share_out_of_range: () => "覆盖率类指标不能超过100%，也不能为负数，请填写0到100之间的数",
  milestone_out_of_range: () => "请填写完成进度，0到100之间的百分数",
};

export function figureErrorMessage(code: FigureErrorCode, unit = ""): string {
  return FIGURE_ERROR_MESSAGES[code](unit);
}

const MINUS_SIGNS = /[\u2212\u2012\u2013\ufe63]/g;
const QUALIFIERS = /约|大约|大概|左右|近|超过|以上|以下|以内|不到|不足|至少|多|余|上下/;
const NOT_FINITE = /nan|inf|∞/i;
/** sign, number (1,200 / 1200 / 12.5 / .5), optional suffix (%, 万, 亿, the unit, 万 + the unit's base) */
const FIGURE = /^([+-]?)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)\s*(\D*)$/;
/** What separates two numbers typed into one box: "5 6", "5、6", "5,6", "5-6", "5至6". */
const BETWEEN_NUMBERS = /[\s、,;；/~\-至到和及与]+/;

/** Growth/decrease figures are changes and may be negative; so are percentage-point changes. */
function maySignChange(goal: FigureGoal): boolean {
  return goal.kind === "growth" || goal.kind === "decrease" || isPercentagePointUnit(goal.unit);
}

const SHARE_WORDS = /率|比例|比重|占比|覆盖|普及|达标|合格|优良/;
const CHANGE_WORDS = /增长|增速|增幅|涨幅|下降|降低|降幅|提高|提升/;

/** A share of a whole in %: 0–100 (覆盖率, 达标率, 失业率 …); growth rates are changes, not shares. */
function isShare(goal: FigureGoal): boolean {
  if (!isPercentUnit(goal.unit) || isPercentagePointUnit(goal.unit)) return false;
  if (goal.kind === "ratio") return true;
  if (goal.kind === "growth" || goal.kind === "decrease" || !goal.metric) return false;
  const metric = goal.metric.normalize("NFKC");
  return SHARE_WORDS.test(metric) && !CHANGE_WORDS.test(metric);
}

/** The power of ten the suffix scales the number by, in the goal's unit; a failure code when it does not fit. */
function suffixExponent(suffix: string, unit: string): number | FigureErrorCode {
  const u = normalizeUnit(unit);
  if (suffix === "" || suffix === u) return 0;
  if (suffix === "%") return isPercentUnit(unit) ? 0 : "percent_not_expected";
  if (isPercentUnit(unit)) return /万|亿/.test(suffix) ? "magnitude_not_expected" : "unit_mismatch";
  const { exponent, base } = splitUnit(unit);
  // 万/亿 make sense for counts and amounts (人, 亩, 元 …) and for units that already carry one (万吨, 亿斤).
  const scalable = exponent > 0 || isCountUnit(unit);
  for (const word of ["万亿", "亿", "万", ""]) {
    if (!suffix.startsWith(word)) continue;
    const rest = suffix.slice(word.length);
    if (rest !== "" && rest !== base) continue;
    const e = magnitudeExponent(word) ?? 0;
    if (e > 0 && !scalable) return "magnitude_not_expected";
    // "1.2万" / "1.2万人" for 人 scale up; "12000人" for 万人 scales down; "2.4万" for 万人 is as is.
    return e - exponent;
  }
  return /万|亿/.test(suffix) ? "magnitude_not_expected" : "unit_mismatch";
}

export function parseFigure(input: string, goal: FigureGoal): FigureResult {
  const fail = (code: FigureErrorCode): FigureResult => ({ ok: false, code, message: figureErrorMessage(code, goal.unit) });
  const s = (input ?? "").normalize("NFKC").replace(MINUS_SIGNS, "-").trim();

  if (s === "") return fail("empty");
  if (QUALIFIERS.test(s)) return fail("approximate");
  if (NOT_FINITE.test(s)) return fail("not_a_number");
  const m = FIGURE.exec(s);
  if (!m) return fail(s.split(BETWEEN_NUMBERS).filter((t) => /\d/.test(t)).length >= 2 ? "multiple_numbers" : "not_a_number");
  const [, sign = "", digits = "", rawSuffix = ""] = m;

  // A milestone's figure is its percentage done, whatever unit the goal was written in.
  const exponent = suffixExponent(rawSuffix.replace(/\s+/g, ""), goal.kind === "milestone" ? "%" : goal.unit);
  if (typeof exponent === "string") return fail(exponent);

  let value: Decimal = toDecimal(sign + digits.replace(/,/g, "")).times(powerOfTen(exponent));
  if (value.isZero()) value = value.abs(); // "-0" is zero, not a negative figure

  if (value.abs().gte(LIMIT)) return fail("too_large");
  if (value.decimalPlaces() > MAX_DECIMAL_PLACES) return fail("too_many_decimals");

  if (goal.kind === "milestone") {
    if (value.isNegative() || value.gt(100)) return fail("milestone_out_of_range");
  } else if (isShare(goal)) {
    if (value.isNegative() || value.gt(100)) return fail("share_out_of_range");
  } else if (value.isNegative() && !maySignChange(goal) && isCountUnit(goal.unit)) {
    return fail("negative_not_allowed");
  }
  return { ok: true, value: decimalString(value) };
}
