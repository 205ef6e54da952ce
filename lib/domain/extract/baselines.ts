// Linking a target to the review figure of the same indicator ("新建高标准农田38.2万亩" in the 2023
// review → the 2024 target "新建高标准农田50万亩以上"). Names are compared after folding characters
// and dropping the words around the name that do not identify it.

import { normaliseText } from "./normalise";
import type { Baseline, Target, TargetKind } from "./types";

const AROUND = /^(?:全年|全市|全区|全县|全省|全国|我市|我区|我县|我省|市区|城区|年内|累计|当年)+|[“”"「」『』《》（）()、，\s]/g;
const LEADING_VERB = /^(?:新建|新增|新培育|新引进|新签约|新申报|完成|实现|建设|改造|打造|创建|培育|引进|推进|谋划|签约)/;

function key(metric: string): string {
  return normaliseText(metric).replace(AROUND, "");
}

function core(k: string): string {
  return k.replace(LEADING_VERB, "");
}

const compatible = (a: TargetKind, b: TargetKind): boolean =>
  a === b || ((a === "level" || a === "increment") && (b === "level" || b === "increment"));

const normUnit = (u: string): string => normaliseText(u).replace(/个百分点/, "百分点");

/** Sets `baselineIndex` and `baseline` on targets whose indicator the review reports. Linear in the counts. */
export function linkBaselines(targets: Target[], baselines: Baseline[], planYear: number | null): void {
  const byKey = new Map<string, number[]>();
  const byCore = new Map<string, number[]>();
  const bySuffix = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, i: number) => {
    if (!k) return;
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  };
  baselines.forEach((b, i) => {
    const k = key(b.metric);
    push(byKey, k, i);
    push(byCore, core(k), i);
    if (core(k).length >= 4) push(bySuffix, core(k).slice(-4), i);
  });
  const wantedYear = planYear !== null ? planYear - 1 : null;
  const pick = (candidates: number[] | undefined, t: Target, contains?: string): number | undefined => {
    if (!candidates) return undefined;
    let best: number | undefined;
    let bestScore = -1;
    // bounded: a list longer than this is a pathological input, not a report
    for (const i of candidates.slice(-64)) {
      const b = baselines[i] as Baseline;
      if (normUnit(b.unit) !== normUnit(t.unit) || !compatible(b.kind, t.kind)) continue;
      if (contains !== undefined) {
        const bc = core(key(b.metric));
        if (!(bc.includes(contains) || contains.includes(bc))) continue;
      }
      const score = (b.year === wantedYear ? 2 : 0) + (b.year !== null ? 1 : 0);
      if (score >= bestScore) {
        best = i;
        bestScore = score;
      }
    }
    return best;
  };
  for (const t of targets) {
    const k = key(t.metric);
    const c = core(k);
    let found = pick(byKey.get(k), t) ?? pick(byCore.get(c), t);
    if (found === undefined && c.length >= 4) found = pick(bySuffix.get(c.slice(-4)), t, c);
    if (found !== undefined) {
      t.baselineIndex = found;
      t.baseline = baselines[found] as Baseline;
    }
  }
}
