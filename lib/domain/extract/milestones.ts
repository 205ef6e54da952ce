// Qualitative targets (DOMAIN.md "Milestones"): a plan clause that commits to a state or an event
// but states no figure — "全面完成城镇老旧小区改造", "开工建设…", "实现…全覆盖", "动态清零",
// "居民收入增长与经济增长同步", "能耗完成省下达任务". Generic cue words, no indicator listed.

import { stripLeading } from "./metric";

const MILESTONE_CUE = new RegExp(
  [
    "全面完成", "基本完成", "如期完成", "提前完成", "圆满完成", "超额完成",
    "完成(?:国家|省|市|上级)?下达(?:的)?(?:目标)?任务", "完成[^，。；]{0,16}(?:任务|目标|改造|建设|验收|整治|治理)",
    "开工建设", "全面开工", "建成投用", "建成投产", "建成运营", "竣工投产", "投入使用", "投入运营", "建成通车", "全线通车", "主体完工", "开工",
    "全覆盖", "动态清零", "清零", "应保尽保", "零突破", "晋升", "创建成功", "成功创建", "通过验收", "通过(?:国家|省)?(?:级)?(?:验收|复审|评估)", "获批",
    "同步", "基本平衡", "只增不减", "持续改善", "稳中有升", "保持稳定", "不发生", "零发生",
  ].join("|"),
);
/** Past, habitual or vague clauses that only sound like targets. */
const NOT_A_COMMITMENT = /^(?:已|已经|曾)|进一步|不断|持续推进|加快推进|积极|努力推动|着力/;

export interface MilestoneCandidate {
  /** Compact offsets of the clause and of its name (after leading fillers). */
  start: number;
  nameStart: number;
  end: number;
  cue: string;
}

/** The clause compact[cs, ce) as a qualitative target, or null. */
export function milestoneOf(s: string, cs: number, ce: number): MilestoneCandidate | null {
  if (ce - cs < 4 || ce - cs > 60) return null;
  const clause = s.slice(cs, ce);
  const m = MILESTONE_CUE.exec(clause);
  if (!m) return null;
  if (NOT_A_COMMITMENT.test(clause) && !/^(?:全面完成|完成|开工建设|全覆盖)/.test(m[0])) return null;
  const nameStart = stripLeading(s, cs, ce);
  if (ce - nameStart < 4) return null;
  return { start: cs, nameStart, end: ce, cue: m[0] };
}
