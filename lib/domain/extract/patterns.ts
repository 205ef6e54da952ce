// Clause patterns: which figures of a clause state a checkable amount, and what they measure.
//   number last:  [indicator][cue][figure][以上/左右…] then the clause ends ("新建高标准农田50万亩以上")
//   number first: [verb][figure][measure word][noun] ("打造100个美丽宜居示范村", "240个项目竣工投产")
//   share:        [figure%]的[things][达到/实现…] ("80%的指标达到全国一流水平")
// A figure followed by more noun ("千万元以上工业项目", "50万元村") only qualifies that noun.

import { readFigures, type Figure } from "./figures";
import { readSegment, sharedHead, splitItems, type Span } from "./metric";
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
const TASK_NOUN = /(?:改造|建设|治理|整治|修复|任务|工程|提升|造林|绿化|复垦)$/;
const SHARE_VERB = /达到|实现|达|超|完成|具备|通过|覆盖|建成|纳入|享有|开展|提升/;
const PROJECT_DESCRIPTORS =
  /^(?:计划)?总投资(?:额)?$|^(?:总)?(?:建筑|占地|规划|用地)面积$|^占地$|^总面积$|^投资$|^(?:全长|总长|长约|全线长|总里程)$/;
const STRIVING = /力争|力求|争取/;
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

/** Reads one clause compact[cs, ce) (no sentence or clause punctuation inside). */
export function analyseClause(ctx: ClauseContext, cs: number, ce: number): Hit[] {
  const s = ctx.compact;
  const figures = readFigures(s, cs, ce, ctx.mask);
  if (!figures.length) return [];
  const hits: Hit[] = [];
  let lastEnd = cs;
  let previousNumberFirst = false;
  if (STRIVING.test(s.slice(cs, Math.min(ce, cs + 40)))) ctx.striving = true;
  const striving = ctx.striving;
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i] as Figure;
    if (f.start < lastEnd) continue;
    const subStart = skipSeparators(s, lastEnd, f.start);
    if (numberLastEnds(ctx, f, ce, figures[i + 1])) {
      const group: Figure[] = [f];
      let j = i + 1;
      while (j < figures.length) {
        const g = figures[j] as Figure;
        const last = group[group.length - 1] as Figure;
        if (!separatorBetween(s, last.end, g.start) || !numberLastEnds(ctx, g, ce, figures[j + 1])) break;
        group.push(g);
        j++;
      }
      i = j - 1;
      const last = group[group.length - 1] as Figure;
      const segStart = Math.max(subStart, f.start - 40);
      let seg = readSegment(s, segStart, f.start);
      // "地区生产总值增长：6%左右": the name stands before the colon
      if (seg.metric.end - seg.metric.start < 2 && ctx.colonLead && i === 0) {
        const lead = readSegment(s, ctx.colonLead.start, ctx.colonLead.end);
        if (lead.metric.end - lead.metric.start >= 2) {
          seg = { quoteStart: lead.quoteStart, metric: lead.metric, cues: [...seg.cues, ...lead.cues] };
        }
      }
      const quote = { start: seg.quoteStart, end: last.end };
      const each = seg.cues.some((c) => c === "均" || c === "都" || c === "各");
      let names: Span[][] = group.map(() => [seg.metric]);
      if (seg.metric.end > seg.metric.start && (group.length > 1 || each)) {
        const items = splitItems(s, seg.metric, group.length > 1 ? group.length : 0);
        const lastItem = items[items.length - 1];
        const complete = (item: Span): Span[] => {
          if (!lastItem || item === lastItem) return [item];
          const head = sharedHead(s, item, lastItem);
          return head ? [item, { start: head.tail.start + head.overlap, end: head.tail.end }] : [item];
        };
        if (group.length > 1 && items.length === group.length) names = items.map(complete);
        else if (group.length === 1 && each && items.length > 1) {
          names = items.map(complete);
          for (let k = 1; k < names.length; k++) group.push(f);
        }
      }
      lastEnd = last.end;
      previousNumberFirst = false;
      // "…，分别增长15%和20%": a list of bare figures takes the indicators listed before it
      if (spanLength([seg.metric]) < 2 && group.length > 1 && ctx.lastMetrics.length === group.length) {
        names = ctx.lastMetrics.slice();
      }
      // "比上年增加1000亿元" restates the figure before it
      const relative = seg.cues.some((c) => /^[比较](?:上年|去年)$/.test(c)) && !isPercentUnit(f.unit);
      if (relative) continue;
      // "分别增长5.5%和7%左右": the last figure's suffix holds for the list
      const groupSuffix = last.suffix;
      group.forEach((g, k) => {
        if (!g.suffix && groupSuffix) g = { ...g, suffix: groupSuffix };
        let metric = names[k] ?? [seg.metric];
        let cues = seg.cues;
        if (spanLength(metric) < 2) {
          if (!ctx.lastMetric) return;
          metric = ctx.lastMetric;
          // "增长8%、力争10%": the borrowed indicator keeps the cue it was stated with
          if (seg.cues.every((c) => MODIFIER_CUES.has(c))) cues = [...seg.cues, ...ctx.lastCues];
        }
        const name = spansText(s, metric);
        if (!acceptableName(name)) return;
        if (seg.cues.some((c) => c === "高于" || c === "低于") && BENCHMARK.test(name)) return;
        if (/(?:高于|低于|快于|慢于)/.test(name) && BENCHMARK.test(name)) return;
        ctx.lastMetric = metric;
        ctx.lastCues = cues;
        hits.push({ quote, metric, lead: { start: cs, end: seg.metric.start }, figure: g, cues, numberFirst: false, shareOf: false, striving });
      });
      continue;
    }
    if (f.chinese) continue;
    // a share: "80%的营商环境考核指标达到全国一流水平"
    if (isPercentUnit(f.unit) && s.charAt(f.end) === "的") {
      const restEnd = Math.min(ce, f.end + 40);
      const rest = s.slice(f.end + 1, restEnd);
      if (SHARE_VERB.test(rest)) {
        const metric = [{ start: f.end + 1, end: restEnd }];
        hits.push({ quote: { start: subStart, end: restEnd }, metric, lead: { start: subStart, end: f.start }, figure: f, cues: [], numberFirst: true, shareOf: true, striving });
        ctx.lastMetric = metric;
        lastEnd = restEnd;
      }
      continue;
    }
    const measure = isMeasureWord(f.base);
    const task = !measure && !!f.base && !isPercentUnit(f.unit) && !isMoneyUnit(f.base) && !f.suffix;
    if (!measure && !task) continue;
    // the noun the figure counts, up to the clause end or the next listed figure
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
    if (nounEnd - f.end < 2 || !isNounStart(s.charAt(f.end))) continue;
    const noun = s.slice(f.end, nounEnd);
    // "做好以下5个方面工作" counts the parts of the speech, not things to deliver
    if (/^(?:大?方面|部分|层面|环节|维度|阶段|步骤|板块|领域|措施|举措|政策|意见|方案|文件|制度|机制|办法|战略|原则|要求|突破)/.test(noun)) continue;
    const before = s.slice(Math.max(subStart, f.start - 16), f.start);
    const verbBefore = NF_VERB.test(before);
    const sibling = previousNumberFirst && separatorBetween(s, lastEnd, f.start);
    const completion = COMPLETION.test(noun);
    const ok = task ? verbBefore && TASK_NOUN.test(noun) : verbBefore || sibling || completion;
    if (!ok) continue;
    // "新增10家规上企业": a 新- verb right before the figure belongs to the name
    const newVerb = /新[增建培引签申认上开设]{1,2}[育进约报定办]?$/.exec(before);
    const metric = newVerb
      ? [{ start: f.start - newVerb[0].length, end: f.start }, { start: f.end, end: nounEnd }]
      : [{ start: f.end, end: nounEnd }];
    if (!acceptableName(noun)) continue;
    hits.push({
      quote: { start: Math.max(subStart, f.start - 16), end: nounEnd },
      metric,
      lead: { start: Math.max(subStart, f.start - 16), end: f.start },
      figure: f,
      cues: [],
      numberFirst: true,
      shareOf: false,
      striving,
    });
    ctx.lastMetric = metric;
    ctx.lastCues = [];
    lastEnd = nounEnd;
    previousNumberFirst = true;
  }
  if (hits.length) ctx.lastMetrics = hits.map((h) => h.metric);
  return hits;
}

/** "高于全国平均水平2个百分点" measures against a benchmark; it is not a target of its own. */
const BENCHMARK = /全国|全省|全市|全区|全县|平均|水平|同期|上年|去年/;
const PLACE_OR_TIME = /^(?:全市|全省|全区|全县|全国|全州|全镇|全乡|全年|今年|同期|全市平均|全省平均|全国平均|平均水平|去年|上年)$/;

function acceptableName(name: string): boolean {
  if (name.length < 2) return false;
  if (PLACE_OR_TIME.test(name)) return false; // "高于全市0.5个百分点" compares, it does not name
  if (/^[比较]/.test(name)) return false; // "比上年增加1800亿元" restates another figure
  if (PROJECT_DESCRIPTORS.test(name)) return false; // a project's size, not a target
  return /[\u4e00-\u9fffA-Za-z]/.test(name);
}
