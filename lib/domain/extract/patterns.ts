// Clause patterns: which figures of a clause state a checkable amount, and what they measure.
//   number last:  [indicator][cue][figure][以上/左右…] then the clause ends ("新建高标准农田50万亩以上")
//   number first: [verb][figure][measure word][noun] ("打造100个美丽宜居示范村", "240个项目竣工投产")
//   share:        [figure%]的[things][达到/实现…] ("80%的指标达到全国一流水平")
// A figure followed by more noun ("千万元以上工业项目", "50万元村") only qualifies that noun.

import { readFigures, type Figure } from "./figures";
import { readSegment, sharedHead, splitItems, type SegmentReading, type Span } from "./metric";
import { isMeasureWord, isMoneyUnit, isPercentUnit } from "./units";

export interface Hit {
  quote: Span;
  /** Pieces of the indicator's name, in order (an enumerated item plus the head it shares). */
  metric: Span[];
  /** The words before the name in the same clause ("推进" in "推进重点项目50个"). */
  lead: Span;
  figure: Figure;
  cues: string[];
  numberFirst: boolean;
  shareOf: boolean;
  striving: boolean;
}

export interface ClauseContext {
  compact: string;
  mask: Uint8Array;
  spaceGap: Uint8Array;
  /** The last indicator named in the sentence, for a bare "增长6%" that follows it. */
  lastMetric: Span[] | null;
  /** The cues the last indicator was stated with. */
  lastCues: string[];
  /** The indicators of the last clause that named several ("接待游客…、旅游收入…，分别增长15%和20%"). */
  lastMetrics: Span[][];
  /** The clause before a colon, when this clause follows it ("生产总值增长：5.5%左右"). */
  colonLead: Span | null;
  /** The sentence so far says 力争/争取: its targets are floors. */
  striving: boolean;
}

const TAILS = /^(?:的?(?:预期)?目标|的?水平|安排|任务|规模|人民币|的?增长|大关|关口|新?台阶|（)/;
const LIST_SEPARATORS = new Set(["、", "和", "及", "与", "、和", "，", "或"]);
const NF_VERB =
  /打造|创建|新建|建设|建成|完成|推进|实施|培育|引进|引入|新增|改造|谋划|签约|推动|做好|办好|争创|申报|开工|启动|新上|招引|培训|举办|扶持|认定|创成|提升|改扩建|扩建|整治|治理|修缮|建立|组建|设立|开通|新开|开设|增设|评选|选树|培树|命名|创办|支持|帮助|吸引|招聘|招录|安置|打通|贯通|消除|化解|清理|拆除|帮扶|救助|资助|慰问|走访|收储|盘活|处置|更新|改建|引育|孵化|储备|包装|促成|推出|开行|开辟|新培育|举行/;
const COMPLETION =
  /(?:竣工|投产|开工|建成|完工|落地|达效|投入使用|投用|投运|运营|上市|挂牌|验收|达标|开业|签约|入驻|获批|提标|升级|改造|建设|创建|提质)$/;
/** "2个县进入全省十强", "5家企业入选…": things that reach a rank or a list. */
const REACHES = /^[\u4e00-\u9fff]{1,8}(?:进入|入选|跻身|获评|晋升|晋级|创成|入围)/;
const TASK_NOUN = /(?:改造|建设|治理|整治|修复|任务|工程|提升|造林|绿化|复垦)$/;
const SHARE_VERB = /达到|实现|达|超|完成|具备|通过|覆盖|建成|纳入|享有|开展|提升/;
const PROJECT_DESCRIPTORS =
  /总投资(?:额)?$|(?:建筑|占地|规划|用地)面积$|^占地$|^总面积$|^投资$|(?:全长|总长|长约|全线长|总里程)$/;
const STRIVING = /力争|力求|争取/;
const CN_COUNT_VERB = /(?:新建|新增|建设|建成|打造|创建|培育|引进|改造|新培育|新引进)$/;
const META_NOUN = /^(?:大?方面|部分|层面|环节|维度|阶段|步骤|板块|领域|措施|举措|政策|意见|方案|文件|制度|机制|办法|战略|原则|要求|突破)/;
/** Cues that qualify a figure without saying what kind of figure it is. */
const MODIFIER_CUES = new Set([
  "力争", "确保", "努力", "均", "都", "各", "共", "约", "大约", "再", "分别", "同比", "年均", "平均", "全年", "今年", "年内",
  "预计", "预期", "实际", "同口径", "可比价", "名义", "累计", "共计", "合计", "总计",
]);

const isNounStart = (ch: string): boolean => /[\u4e00-\u9fffA-Za-z0-9]/.test(ch);

function numberLastEnds(ctx: ClauseContext, f: Figure, clauseEnd: number, nextFigure: Figure | undefined): boolean {
  const k = f.end;
  if (k >= clauseEnd) return true;
  if (ctx.spaceGap[k]) return true;
  const ch = ctx.compact.charAt(k);
  if (ch === "、" || ch === "）" || ch === "/" || ch === "—" || ch === "…") return true;
  // a closing quote or bracket ends the phrase the figure closes ("“增长6%”")
  if (ch === "”" || ch === "’" || ch === "」" || ch === "』" || ch === "》" || ch === "】" || ch === '"') return true;
  // "和" joins two targets only when another figure follows ("打造40个和美乡村" is one noun)
  if ((ch === "和" || ch === "及" || ch === "与" || ch === "或") && nextFigure) return true;
  return TAILS.test(ctx.compact.slice(k, Math.min(clauseEnd, k + 6)));
}

function separatorBetween(s: string, a: number, b: number): boolean {
  if (b - a > 2) return false;
  return LIST_SEPARATORS.has(s.slice(a, b));
}

function skipSeparators(s: string, a: number, b: number): number {
  let k = a;
  while (k < b && /[、，,；;：:和及与并——\-）]/.test(s.charAt(k))) k++;
  return k;
}

function spanLength(spans: Span[]): number {
  let n = 0;
  for (const sp of spans) n += sp.end - sp.start;
  return n;
}

export function spansText(s: string, spans: Span[]): string {
  let out = "";
  for (const sp of spans) out += s.slice(sp.start, sp.end);
  return out;
}

interface ClauseState {
  ctx: ClauseContext;
  figures: Figure[];
  cs: number;
  ce: number;
  striving: boolean;
  hits: Hit[];
  /** Where the last target's words end: the next name starts after it. */
  lastEnd: number;
  previousNumberFirst: boolean;
}

/** Reads one clause compact[cs, ce) (no sentence or clause punctuation inside). */
export function analyseClause(ctx: ClauseContext, cs: number, ce: number): Hit[] {
  const s = ctx.compact;
  const figures = readFigures(s, cs, ce, ctx.mask);
  if (!figures.length) return [];
  if (STRIVING.test(s.slice(cs, Math.min(ce, cs + 40)))) ctx.striving = true;
  const st: ClauseState = { ctx, figures, cs, ce, striving: ctx.striving, hits: [], lastEnd: cs, previousNumberFirst: false };
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i] as Figure;
    if (f.start < st.lastEnd) continue;
    if (numberLastEnds(ctx, f, ce, figures[i + 1])) i = numberLast(st, i);
    else if (f.chinese && !chineseCountAllowed(s, st, f)) continue;
    else if (isPercentUnit(f.unit) && s.charAt(f.end) === "的") shareOf(st, f);
    else numberFirst(st, i);
  }
  if (st.hits.length) ctx.lastMetrics = st.hits.map((h) => h.metric);
  return st.hits;
}

/** [indicator][cue][figure, figure…]: returns the index of the last figure read. */
function numberLast(st: ClauseState, i: number): number {
  const { ctx, figures, ce } = st;
  const s = ctx.compact;
  const f = figures[i] as Figure;
  const subStart = skipSeparators(s, st.lastEnd, f.start);
  const group: Figure[] = [f];
  let j = i + 1;
  while (j < figures.length) {
    const g = figures[j] as Figure;
    const last = group[group.length - 1] as Figure;
    if (!separatorBetween(s, last.end, g.start) || !numberLastEnds(ctx, g, ce, figures[j + 1])) break;
    group.push(g);
    j++;
  }
  const last = group[group.length - 1] as Figure;
  st.lastEnd = last.end;
  st.previousNumberFirst = false;
  let seg = readSegment(s, Math.max(subStart, f.start - 40), f.start);
  // "地区生产总值增长：6%左右": the name stands before the colon
  if (seg.metric.end - seg.metric.start < 2 && ctx.colonLead && i === 0) {
    const lead = readSegment(s, ctx.colonLead.start, ctx.colonLead.end);
    if (lead.metric.end - lead.metric.start >= 2) {
      seg = { quoteStart: lead.quoteStart, metric: lead.metric, cues: [...seg.cues, ...lead.cues] };
    }
  }
  // "6%左右：地区生产总值增长目标": a figure heading its line, named by the words after the colon
  if (seg.metric.end - seg.metric.start < 2 && i === 0 && f.end === ce && FIGURE_HEAD_COLON.test(s.charAt(ce))) {
    const nameEnd = phraseEnd(s, ce + 1, ce + 31);
    const after = readSegment(s, ce + 1, nameEnd);
    if (after.metric.end - after.metric.start >= 2) {
      seg = { quoteStart: f.start, metric: after.metric, cues: after.cues };
    }
  }
  // "比上年增加1000亿元" restates the figure before it
  if (seg.cues.some((c) => /^[比较](?:上年|去年)$/.test(c)) && !isPercentUnit(f.unit)) return j - 1;
  const names = namesFor(st, seg, group);
  const quote = { start: seg.quoteStart, end: last.end };
  // "分别增长5.5%和7%左右": the last figure's suffix holds for the list
  group.forEach((g, k) => {
    if (!g.suffix && last.suffix) g = { ...g, suffix: last.suffix };
    let metric = names[k] ?? [seg.metric];
    let cues = seg.cues;
    // "2024年力争增长8%": a year or a place names nothing; the indicator is the one before
    if (spanLength(metric) < 2 || TIME_ONLY.test(spansText(s, metric))) {
      if (!ctx.lastMetric) return;
      // "增长6%，比去年提高0.5个百分点": how the target compares with last year's, not another target
      if (g.unit.endsWith("百分点") && seg.cues.some((c) => /^[比较](?:上年|去年)$/.test(c))) return;
      metric = ctx.lastMetric;
      // "增长8%、力争10%": the borrowed indicator keeps the cue it was stated with
      if (seg.cues.every((c) => MODIFIER_CUES.has(c))) cues = [...seg.cues, ...ctx.lastCues];
    }
    // "去年新建高标准农田3万亩，今年计划新建4万亩": a bare verb repeats the indicator named before it
    if (ctx.lastMetric && BARE_VERB.test(spansText(s, metric))) metric = ctx.lastMetric;
    const name = spansText(s, metric);
    if (!acceptableName(name)) return;
    // "改造老旧小区120个，惠及居民3.2万户": who a target reaches describes that target, it is none of its own
    if (ctx.lastMetric && SCOPE_OF_LAST.test(name) && !isPercentUnit(g.unit)) return;
    if (seg.cues.some((c) => c === "高于" || c === "低于") && BENCHMARK_END.test(name)) return;
    if (/(?:高于|低于|快于|慢于)/.test(name) && BENCHMARK.test(name)) return;
    ctx.lastMetric = metric;
    ctx.lastCues = cues;
    const lead = { start: st.cs, end: seg.metric.start };
    st.hits.push({ quote, metric, lead, figure: g, cues, numberFirst: false, shareOf: false, striving: st.striving });
  });
  return j - 1;
}

/**
 * The names of a group of figures: one name, or the items of a listed name paired with the
 * figures ("A、B和C分别达到x、y、z"), or each item with one figure ("A、B均增长x" — the group grows).
 */
function namesFor(st: ClauseState, seg: SegmentReading, group: Figure[]): Span[][] {
  const s = st.ctx.compact;
  const f = group[0] as Figure;
  if (spanLength([seg.metric]) < 2) {
    // "…，分别增长15%和20%": a list of bare figures takes the indicators listed before it
    return group.length > 1 && st.ctx.lastMetrics.length === group.length ? st.ctx.lastMetrics.slice() : group.map(() => [seg.metric]);
  }
  const each = seg.cues.some((c) => c === "均" || c === "都" || c === "各");
  if (group.length === 1 && !each) return [[seg.metric]];
  const items = splitItems(s, seg.metric, group.length > 1 ? group.length : 0);
  const lastItem = items[items.length - 1];
  const complete = (item: Span): Span[] => {
    if (!lastItem || item === lastItem) return [item];
    const head = sharedHead(s, item, lastItem);
    return head ? [item, { start: head.tail.start + head.overlap, end: head.tail.end }] : [item];
  };
  if (group.length > 1 && items.length === group.length) return items.map(complete);
  if (group.length === 1 && items.length > 1) {
    for (let k = 1; k < items.length; k++) group.push(f);
    return items.map(complete);
  }
  return group.map(() => [seg.metric]);
}

/**
 * A Chinese numeral before its noun counts things only after a verb that builds them ("新建三所学校");
 * "抓好八个方面", "两个确立", "三个务必" name parts and slogans.
 */
function chineseCountAllowed(s: string, st: ClauseState, f: Figure): boolean {
  if (f.value < 2 || !isMeasureWord(f.base)) return false;
  const before = s.slice(Math.max(st.lastEnd, f.start - 4), f.start);
  return CN_COUNT_VERB.test(before);
}

/** "80%的营商环境考核指标达到全国一流水平": a share of things. */
function shareOf(st: ClauseState, f: Figure): void {
  const s = st.ctx.compact;
  const restEnd = Math.min(st.ce, f.end + 40);
  if (!SHARE_VERB.test(s.slice(f.end + 1, restEnd))) return;
  const subStart = skipSeparators(s, st.lastEnd, f.start);
  const metric = [{ start: f.end + 1, end: restEnd }];
  st.hits.push({
    quote: { start: subStart, end: restEnd },
    metric,
    lead: { start: subStart, end: f.start },
    figure: f,
    cues: [],
    numberFirst: true,
    shareOf: true,
    striving: st.striving,
  });
  st.ctx.lastMetric = metric;
  st.lastEnd = restEnd;
}

/** [verb][figure][measure word][noun]: "打造100个示范村", "240个项目竣工投产", "10个精品村" after a listed one. */
function numberFirst(st: ClauseState, i: number): void {
  const { ctx, figures, ce } = st;
  const s = ctx.compact;
  const f = figures[i] as Figure;
  const measure = isMeasureWord(f.base);
  // "完成60万平方米老旧小区改造": an area or length before a task
  const task = !measure && !!f.base && !isPercentUnit(f.unit) && !isMoneyUnit(f.base) && !f.suffix;
  if (!measure && !task) return;
  const nextStart = figures[i + 1]?.start;
  const limit = Math.min(ce, f.end + 30);
  let nounEnd = limit;
  for (let k = f.end; k < limit; k++) {
    // stop at the next listed figure, or where the noun phrase is already complete ("…竣工、")
    if (s.charAt(k) === "、" && ((nextStart !== undefined && k < nextStart) || COMPLETION.test(s.slice(f.end, k)))) {
      nounEnd = k;
      break;
    }
  }
  while (nounEnd > f.end && s.charAt(nounEnd - 1) === "的") nounEnd--;
  if (nounEnd - f.end < 2 || !isNounStart(s.charAt(f.end))) return;
  const noun = s.slice(f.end, nounEnd);
  // "做好以下5个方面工作", "落实10项措施": parts of the speech and policies, not things to deliver
  if (META_NOUN.test(noun)) return;
  const subStart = skipSeparators(s, st.lastEnd, f.start);
  const beforeStart = Math.max(subStart, f.start - 16);
  const before = s.slice(beforeStart, f.start);
  const verbBefore = NF_VERB.test(before);
  const sibling = st.previousNumberFirst && separatorBetween(s, st.lastEnd, f.start);
  const ok = task ? verbBefore && TASK_NOUN.test(noun) : verbBefore || sibling || COMPLETION.test(noun) || REACHES.test(noun);
  if (!ok || !acceptableName(noun)) return;
  // "新增10家规上企业": a 新- verb right before the figure belongs to the name
  const newVerb = /新[增建培引签申认上开设]{1,2}[育进约报定办]?$/.exec(before);
  const metric = newVerb
    ? [{ start: f.start - newVerb[0].length, end: f.start }, { start: f.end, end: nounEnd }]
    : [{ start: f.end, end: nounEnd }];
  st.hits.push({
    quote: { start: beforeStart, end: nounEnd },
    metric,
    lead: { start: beforeStart, end: f.start },
    figure: f,
    cues: [],
    numberFirst: true,
    shareOf: false,
    striving: st.striving,
  });
  ctx.lastMetric = metric;
  ctx.lastCues = [];
  st.lastEnd = nounEnd;
  st.previousNumberFirst = true;
}

const FIGURE_HEAD_COLON = /[：:]/;

/** Where the phrase starting at a ends: the next clause or sentence mark, or the line end. */
function phraseEnd(s: string, a: number, limit: number): number {
  const end = Math.min(limit, s.length);
  for (let k = a; k < end; k++) if (/[，。；：！？,;:!?\n]/.test(s.charAt(k))) return k;
  return end;
}

const TIME_ONLY = /^(?:(?:19|20)\d{2}年(?:全年|全市|全省|全区|全县)?|今年|明年|全年|年内)$/;
const BARE_VERB = /^(?:新建|新增|完成|实现|建设|建成|改造|培育|引进|新培育|新引进|打造|创建|再新建|再新增)$/;

/** Clauses that state whom or what the target before them reaches (beneficiaries, coverage, scope). */
const SCOPE_OF_LAST = /^(?:惠及|受益|涉及|覆盖|辐射|带动|服务)(?!业|型|区|中心|站|平台|贸易|外包|能力|水平)(?!.*(?:增加值|产值|收入|总额|营业额|投资|规模)$)/;

/** "高于全国平均水平2个百分点" measures against a benchmark; it is not a target of its own. */
const BENCHMARK = /全国|全省|全市|全区|全县|平均|水平|同期|上年|去年/;
/** "增速高于全省平均水平…": the name ends with what it is compared with ("PM2.5平均浓度低于35微克" does not). */
const BENCHMARK_END = /(?:全国|全省|全市|全区|全县|平均|水平|同期|上年|去年|增速|增幅)$/;
const PLACE_OR_TIME = /^(?:全市|全省|全区|全县|全国|全州|全镇|全乡|全年|今年|同期|全市平均|全省平均|全国平均|平均水平|去年|上年)$/;

function acceptableName(name: string): boolean {
  if (name.length < 2) return false;
  if (PLACE_OR_TIME.test(name)) return false; // "高于全市0.5个百分点" compares, it does not name
  if (/^[比较]/.test(name)) return false; // "比上年增加1800亿元" restates another figure
  if (PROJECT_DESCRIPTORS.test(name)) return false; // a project's size, not a target
  return /[\u4e00-\u9fffA-Za-z]/.test(name);
}
