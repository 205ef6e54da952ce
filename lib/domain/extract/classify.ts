// comparator, kind, direction and accumulates of a target, by the rules in DOMAIN.md.

import type { Comparator, Direction, TargetKind } from "./types";
import { isMoneyUnit, isPercentUnit } from "./units";

const LTE_CUES = new Set([
  "不超过", "不高于", "不多于", "控制在", "控制到", "控制为", "降至", "降到", "下降到", "下降至", "降低到", "降低至",
  "压减至", "压减到", "压缩至", "压缩到", "压缩在", "缩短至", "缩短到", "缩减至", "低于",
]);
const GTE_CUES = new Set([
  "突破", "迈上", "跨上", "站上", "迈过", "超过", "超", "逾", "不低于", "不少于", "高于", "力争", "提高到", "提高至", "提升到", "提升至",
  "增长到", "增长至", "增加到", "增加至", "增至", "扩大到", "扩大至",
]);
const APPROX_CUES = new Set(["约", "大约", "近", "接近"]);
const GROWTH_CUES = new Set(["增长", "增加", "提高", "提升", "上涨", "上升", "增产"]);
const DECREASE_CUES = new Set(["下降", "降低", "减少", "压减", "削减", "缩减", "压降", "减产"]);
const LEVEL_CUES = new Set([
  "迈上", "跨上", "站上", "迈过", "达到", "达", "突破", "超过", "保持", "保持在", "稳定", "稳定在", "维持", "维持在", "控制在", "控制到", "控制为",
  "提高到", "提高至", "提升到", "提升至", "增长到", "增长至", "增加到", "增加至", "增至", "扩大到", "扩大至",
  "降至", "降到", "下降到", "下降至", "降低到", "降低至", "压减至", "压减到", "压缩至", "压缩到", "压缩在",
  "缩短至", "缩短到", "缩减至", "不低于", "不少于", "不高于", "不超过",
]);
/** Verbs that make an indicator an amount added during the year. */
const INCREMENT_VERBS =
  /^(?:筹集|筹建|交付|新建|新增|新开工|新培育|新引进|新签约|新申报|新上|新认定|新改建|新改扩建|新招引|新发展|新设立|新注册|新创建|谋划|签约|改造|建设|建成|打造|创建|培育|引进|引入|招引|治理|绿化|造林|植树|完成|推进|实施|开复工|开工|竣工|投产|争创|认定|申报|整治|修复|控制|培训|安置|帮扶|化解|发放|提供|开展|举办|组织|改扩建|扩建|修缮|铺设|敷设|更新|更换|清理|拆除|征收|收储|供应|出让|盘活|处置|办理|带动)/;
const LEAD_INCREMENT =
  /新建|新增|新改建|开行|打通|贯通|新开|谋划|签约|改造|建设|打造|创建|培育|引进|引入|招引|治理|推进|实施|开复工|开工|争创|申报|完成|筹集|筹建|建成|交付|培训|招聘|安置|发放|提供/;
const TASK_NAME = /(?:改造|建设|治理|整治|修复|造林|绿化|新建|改建|扩建|提升|复垦)$/;
const INCREMENT_INSIDE = /新增|新建|新开工|新培育|新引进|新签约|新落地|新注册|新登记|^新[开上设培引签申认改招注登创发组办（(]/;
const GROWTH_NAME = /(?:增速|增幅|涨幅|(?<!自然)增长率|增长速度)$/;
const DECREASE_NAME = /降幅$/;
/** Amounts, not shares: a bare percentage of one is a growth rate. */
const AMOUNT_NAME = /(?:生产总值|GDP|收入|投资|总额|增加值|产值|零售额|进出口|营业额|销售额|产量)$/;
/** Burdens and caps: lower is better. */
const LOWER_IS_BETTER =
  /失业|能耗|能源消耗|煤耗|水耗|电耗|物价|居民消费价格|价格涨幅|价格指数|CPI|事故|死亡|伤亡|发案|犯罪|负担|排放|浓度|赤字|负债率|债务率|不良贷款|空置|发病率|贫困发生率|污染|超标|投诉|逾期|拖欠|时限|办理时间|用时|时长|成本|亏损|欠薪|火灾|伤害/;
/** …unless the name measures how much of it is handled well. */
const HIGHER_DESPITE = /(?:达标率|合格率|处理率|利用率|覆盖率|优良率|优良比例|处置率|治理率|去除率|削减率|降低率|化解|整改|办结率|满意度|防治)$/;

export function comparatorOf(
  cues: readonly string[],
  suffix: string,
  approxMore: boolean,
  striving: boolean,
  range = false,
): Comparator {
  if (suffix === "以上" || suffix === "及以上" || approxMore) return "gte";
  if (suffix === "以下" || suffix === "以内" || suffix === "之内" || suffix === "及以下") return "lte";
  if (suffix === "左右" || suffix === "上下") return "approx";
  if (cues.some((c) => LTE_CUES.has(c))) return "lte";
  if (cues.some((c) => APPROX_CUES.has(c))) return "approx";
  // a range ("增长4.5%-5%") asks for at least its lower end
  if (range || striving || cues.some((c) => GTE_CUES.has(c))) return "gte";
  // DOMAIN: a bare figure ("新建X", "达到X", "确保X", "12个") is eq, judged as a floor; never add 以上
  return "eq";
}

export interface KindInput {
  unit: string;
  base: string;
  cues: readonly string[];
  /** The indicator name, normalised. */
  metric: string;
  /** The words before the name in its clause, normalised. */
  lead: string;
  /** The figure came before its noun ("打造100个示范村"). */
  numberFirst: boolean;
  /** "80%的指标达到…": a share of things. */
  shareOf: boolean;
}

export function kindOf(k: KindInput): TargetKind {
  const growthCue = k.cues.some((c) => GROWTH_CUES.has(c));
  const decreaseCue = k.cues.some((c) => DECREASE_CUES.has(c));
  const levelCue = k.cues.some((c) => LEVEL_CUES.has(c));
  if (isPercentUnit(k.unit)) {
    if (k.shareOf) return "ratio";
    if (decreaseCue && !levelCue) return "decrease";
    if (growthCue && !levelCue) return "growth";
    if (GROWTH_NAME.test(k.metric)) return "growth";
    if (DECREASE_NAME.test(k.metric)) return "decrease";
    if (k.unit.endsWith("百分点")) return decreaseCue ? "decrease" : "growth";
    // "地区生产总值 6%左右" in a table: a percentage of an amount is its growth
    if (!k.cues.some((c) => LEVEL_CUES.has(c)) && AMOUNT_NAME.test(k.metric)) return "growth";
    return "ratio";
  }
  if (decreaseCue && !levelCue) return "decrease";
  // "新增城镇就业不少于3000人": an amount added, however its floor is worded
  if (levelCue && /新增|新建/.test(k.metric) && !isMoneyUnit(k.base)) return "increment";
  if (levelCue) return "level";
  if (isMoneyUnit(k.base)) return INCREMENT_INSIDE.test(k.metric) ? "increment" : "level";
  if (k.numberFirst || INCREMENT_VERBS.test(k.metric) || INCREMENT_INSIDE.test(k.metric)) return "increment";
  if (LEAD_INCREMENT.test(k.lead + k.metric) || TASK_NAME.test(k.metric)) return "increment";
  if (growthCue) return "increment";
  return "level";
}

export function directionOf(kind: TargetKind, comparator: Comparator, metric: string): Direction {
  if (kind === "decrease") return "higher"; // the figure entered is the decrease achieved
  if (comparator === "lte") return "lower";
  if (LOWER_IS_BETTER.test(metric) && !HIGHER_DESPITE.test(metric)) return "lower";
  return "higher";
}

export const accumulatesOf = (kind: TargetKind): boolean => kind === "increment";
