// Naming the indicator: the words before a figure, minus the cue that introduces the figure
// ("增长", "达到", "控制在"), minus the fillers a person would drop ("确保", "全年", "全市"), keeping
// the verb where it belongs to the indicator ("新建高标准农田", "新增城镇就业").

/** Words that introduce a figure, read from the right end of the words before it (longest first). */
const CUES = [
  "迈上", "跨上", "站上", "迈过", "发展到", "发展至", "升至", "增长到", "增长至", "增加到", "增加至", "提高到", "提高至", "提升到", "提升至", "扩大到", "扩大至",
  "下降到", "下降至", "降低到", "降低至", "压减至", "压减到", "压缩至", "压缩到", "压缩在", "缩短至", "缩短到",
  "缩减至", "控制在", "控制到", "控制为", "保持在", "稳定在", "维持在", "不低于", "不少于", "不高于", "不超过",
  "不多于", "比上年", "较上年", "比去年", "较去年", "同比", "增长", "增加", "提高", "提升", "上涨", "上升", "下降",
  "降低", "减少", "压减", "削减", "缩减", "压降", "增产", "减产", "增至", "降至", "降到", "达到", "突破", "超过", "保持", "稳定",
  "维持", "低于", "高于", "实现", "完成", "力争", "确保", "努力", "分别", "年均", "平均", "累计", "共计", "合计",
  "总计", "大约", "预计", "预期", "拟按", "安排", "设定为", "设定在", "确定为", "定为", "定在", "全年", "今年", "年内", "同口径", "实际", "可比价", "名义", "拟",
];
/** Single characters read as cues only right before the figure. */
const CUES_ADJACENT = ["达", "为", "至", "到", "在", "超", "逾", "近", "按", "是"];
/** Single characters that qualify a cue wherever they stand in the cue chain ("均增长", "再增加"). */
const CUE_MODIFIERS = ["均", "都", "各", "共", "约", "再"];

/** After these the indicator starts afresh ("加快项目建设，确保投资增长10%"). */
const CUT_AFTER = [
  "确保", "力争", "力求", "努力", "推动", "促进", "其中", "预计", "预期", "目标是", "目标为", "争取使", "进而",
  "从而", "使得",
];
/** Dropped from the start of an indicator name. */
const LEADING = [
  "全年", "年内", "今年", "明年", "本年度", "当年", "去年", "上年", "过去一年", "一年来", "全市", "全区", "全县", "全省", "全州", "全旗", "全镇", "全乡",
  "全盟", "全国", "我国", "我市", "我区", "我县", "我省", "我州", "确保", "力争", "力求", "努力", "实现", "推动", "加快",
  "进一步", "持续", "继续", "扎实", "高标准", "高质量", "大力", "着力", "积极", "稳步", "稳妥", "切实", "全面",
  "预计", "预期", "计划", "其中", "同时", "此外", "另外", "首先", "其次", "最后", "目标是", "同比", "年均",
  "累计", "拟安排", "“", "「", "‘", "还将", "也将", "仍将", "还要", "也要", "共", "要", "将", "并", "和", "及", "与", "使", "让", "拟", "再", "——", "—", "、", "是", "-", "•", "·", "●", "▪", "◆", "■", "□", "►", "▲", "△", "▶", "▷", "★", "☆", "◎", "◇", "◢", "▼",
];
/** Dropped from the start only when a real name remains (at least four characters). */
const LEADING_VERBS = [
  "重点推进", "重点实施", "重点抓好", "重点建设", "建设", "打造", "创建", "完成", "实施", "开展", "做好", "抓好", "办好", "推进", "争创", "合作建设", "新建成",
];
/** Verbs that start the name of an amount to be done ("建设大学生创业实训基地"). */
const PHRASE_VERBS = [
  "合作建设", "共建", "建设", "打造", "创建", "新建", "新增", "实施", "完成", "推进", "引进", "引入", "培育", "改造",
  "治理", "谋划", "签约",
];
/** "到2025年", "2024年底前", "年底前": when, not what. */
const TIME_LEAD = /^(?:到|至|在|于)?(?:(?:19|20)\d{2}年(?:底|末|内)?前?|年(?:底|末|内)前?)/;
const ORDINAL = /^(?:[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}|（[一二三四五六七八九十\d]{1,2}）|[一二三四五六七八九十]{1,2}、|\d{1,2}[.、])/;
const LIST_HEADS = [
  "居民人均可支配收入", "人均可支配收入", "贸易额", "交易额", "销售额", "营业额", "零售额", "进出口额", "总额",
  "收入", "产量", "产值", "增加值", "投资", "面积", "规模", "人数", "数量", "比例", "比重", "占比", "覆盖率",
  "率", "额", "量", "值", "数",
];
const VERB_START = /^(?:拉动|带动|完成|实现|新增|新建|建设|改造|推进|实施|引进|培育|打造|创建|开展|举办|争取|获得|解决|发放|落实|治理|植树|累计|带来|吸引|促进|推动)/;
const PREDICATE_END =
  /(?:推进|落实|完成|开工|竣工|投产|建成|运营|提升|加强|实施|改善|开展|启动|增长|下降|覆盖|达标|落地|见效|加快|深化|扩大|优化|稳定|好转|成功|顺利|有序|显著|明显)$/;
const FILLER_AFTER_LIST = /^(?:全年|全市|全区|全县|全省|力争|确保|年内|今年|同时|并|完成|实现|新增|新建)/;

export interface Span {
  start: number;
  end: number;
}

export interface SegmentReading {
  /** The words before the figure as the quote should start (compact offsets). */
  quoteStart: number;
  /** The indicator's name span (compact offsets); empty when nothing names it. */
  metric: Span;
  cues: string[];
}

function endsWithAt(s: string, end: number, start: number, word: string): boolean {
  return end - word.length >= start && s.startsWith(word, end - word.length);
}

/** Reads the words compact[start, end) that precede a figure. */
export function readSegment(s: string, start: number, end: number): SegmentReading {
  const cues: string[] = [];
  let e = stripCues(s, start, end, cues);
  // "经济增长预期目标为5%左右": the goal word is not the indicator
  const goal = /(?:的)?(?:主要)?(?:预期)?目标$/.exec(s.slice(Math.max(start, e - 6), e));
  if (goal && e - goal[0].length > start) e = stripCues(s, start, e - goal[0].length, cues);
  // "较2023年增长10%", "比上年同期提高": the comparison is not part of the name
  const compared = /(?:比|较)(?:上年|去年|(?:19|20)\d{2}年)?(?:同期)?(?:末)?$/.exec(s.slice(Math.max(start, e - 10), e));
  if (compared && compared[0].length > 1) e -= compared[0].length;
  // "农村居民人均可支配收入去年增长": when, not what
  const when = /(?:去年|上年|今年|明年)$/.exec(s.slice(Math.max(start, e - 2), e));
  if (when && e - when[0].length - start >= 2) e = stripCues(s, start, e - when[0].length, cues);
  let b = start;
  let quoteStart = start;
  // a list of things "A、B等C" names C
  const listEnd = lastIndexIn(s, "等", b, e);
  if (listEnd >= 0 && listEnd + 1 < e - 1 && s.charAt(listEnd + 1) !== "级" && hasListMark(s, b, listEnd)) {
    b = listEnd + 1;
  }
  // "…主体工程开工、全年完成投资", "…等促销活动、拉动消费", "61种药品集采落地、价格": after the last 、
  // a new predicate starts, not another item of a list of names
  const lastPause = lastIndexIn(s, "、", b, e);
  if (lastPause >= 0) {
    const after = s.slice(lastPause + 1, Math.min(e, lastPause + 4));
    const before = s.slice(b, lastPause);
    if (FILLER_AFTER_LIST.test(after) || VERB_START.test(after) || /\d/.test(before) || PREDICATE_END.test(before)) {
      b = lastPause + 1;
      quoteStart = b;
    }
  }
  for (const w of CUT_AFTER) {
    const at = lastIndexIn(s, w, b, e);
    if (at >= 0 && at + w.length < e) b = at + w.length;
  }
  b = cutPartners(s, b, e);
  b = stripLeading(s, b, e);
  while (e > b && /[的、和及与，]/.test(s.charAt(e - 1))) e--;
  return { quoteStart, metric: { start: b, end: e }, cues };
}

/**
 * "与甲公司、乙公司和丙公司合作建设实训基地": a long run of partners or places before the verb
 * is not part of the indicator's name.
 */
function cutPartners(s: string, b: number, e: number): number {
  if (e - b <= 12) return b;
  let best = -1;
  for (const v of PHRASE_VERBS) {
    const at = lastIndexIn(s, v, b + 10, e - 2);
    if (at > best) best = at;
  }
  if (best < 0 || !hasListMark(s, b, best)) return b;
  return best;
}

/** Strips the cue chain ("分别增长", "保持在", "均达到") from the right end of compact[start, end). */
function stripCues(s: string, start: number, end: number, cues: string[]): number {
  let e = end;
  let first = true;
  for (let guard = 0; guard < 12 && e > start; guard++) {
    let found = "";
    for (const c of CUES) {
      if (endsWithAt(s, e, start, c)) {
        found = c;
        break;
      }
    }
    if (!found) for (const c of CUE_MODIFIERS) if (endsWithAt(s, e, start, c)) found = c;
    if (!found && first) for (const c of CUES_ADJACENT) if (endsWithAt(s, e, start, c)) found = c;
    if (!found) break;
    cues.push(found);
    e -= found.length;
    first = false;
  }
  return e;
}

function hasListMark(s: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    const ch = s.charAt(k);
    if (ch === "、" || ch === "和" || ch === "及") return true;
  }
  return false;
}

function lastIndexIn(s: string, word: string, a: number, b: number): number {
  if (b - a < word.length) return -1;
  // search a slice: lastIndexOf on the whole text would scan back to its start when absent
  const at = s.slice(a, b).lastIndexOf(word);
  return at >= 0 ? a + at : -1;
}

export function stripLeading(s: string, a: number, e: number): number {
  let b = a;
  for (let guard = 0; guard < 12 && b < e; guard++) {
    const head = s.slice(b, Math.min(e, b + 8));
    const ord = ORDINAL.exec(head) ?? TIME_LEAD.exec(head);
    if (ord && ord[0].length > 0 && b + ord[0].length < e) {
      b += ord[0].length;
      continue;
    }
    let moved = false;
    for (const w of LEADING) {
      if (s.startsWith(w, b) && b + w.length < e) {
        b += w.length;
        moved = true;
        break;
      }
    }
    if (moved) continue;
    for (const w of LEADING_VERBS) {
      if (s.startsWith(w, b) && e - (b + w.length) >= 4) {
        b += w.length;
        moved = true;
        break;
      }
    }
    if (!moved) break;
  }
  return b;
}

/**
 * Splits an enumerated name "A、B和C" into its items. Used when several figures follow
 * ("…达到15亿元、20亿元和30亿元") or one figure holds for each ("均增长20%").
 */
export function splitItems(s: string, span: Span, wanted: number): Span[] {
  const items: Span[] = [];
  let a = span.start;
  for (let k = span.start; k < span.end; k++) {
    if (s.charAt(k) === "、") {
      if (k > a) items.push({ start: a, end: k });
      a = k + 1;
    }
  }
  if (span.end > a) items.push({ start: a, end: span.end });
  if (wanted > 0 && items.length < wanted) {
    const last = items[items.length - 1];
    if (last) {
      for (let k = last.start + 1; k < last.end - 1; k++) {
        const ch = s.charAt(k);
        if (ch === "和" || ch === "及" || ch === "与") {
          items.splice(items.length - 1, 1, { start: last.start, end: k }, { start: k + 1, end: last.end });
          break;
        }
      }
    }
  }
  return items;
}

/**
 * The head an enumerated item shares with the last one: "市场采购、…跨境电商贸易额" → "贸易额";
 * "城镇和农村居民人均可支配收入" → "居民人均可支配收入". Returns the compact span of the head to
 * append (possibly overlapping the item's own end) or null.
 */
export function sharedHead(s: string, item: Span, last: Span): { tail: Span; overlap: number } | null {
  const itemText = s.slice(item.start, item.end);
  if (LIST_HEADS.some((h) => itemText.endsWith(h))) return null;
  const lastLen = last.end - last.start;
  const itemLen = item.end - item.start;
  if (lastLen <= itemLen) return null;
  const tailStart = last.start + itemLen;
  const tailText = s.slice(tailStart, last.end);
  if (!LIST_HEADS.some((h) => tailText.endsWith(h))) return null;
  // "互市贸易" + "贸易额" → "互市贸易额": the item's end may repeat the start of the tail
  let overlap = 0;
  for (let k = Math.min(itemLen, tailText.length - 1); k > 0; k--) {
    if (itemText.endsWith(tailText.slice(0, k))) {
      overlap = k;
      break;
    }
  }
  return { tail: { start: tailStart, end: last.end }, overlap };
}
