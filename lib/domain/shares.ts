/**
 * Decomposition (目标分解) and roll-up, DOMAIN.md: a goal split into shares held by lower governments or
 * departments. For additive units the parent's figure for a period is the sum of its shares' counted figures
 * for that period; the shares should add up to the parent's target (a warning, not a refusal). Pure.
 */
import { z } from "zod";
import { Dec, decimalString as canonical, toDecimal } from "./decimal";
import { isPlausibleId } from "./ids";
import { decimalString } from "./inputs";
import { parsePeriod, periodEndDate } from "./periods";
import { isPercentUnit } from "./units";

/** Shares one split may hold (a province has a few dozen cities and counties at most). */
export const MAX_SHARES = 100;

const holderId = (label: string) =>
  z
    .string({ message: `所选${label}无效` })
    .trim()
    .refine(isPlausibleId, { message: `所选${label}不存在` })
    .optional();

export const shareItemInput = z
  .object({
    regionId: holderId("地区"),
    departmentId: holderId("单位"),
    target: decimalString,
  })
  .refine((s) => (s.regionId === undefined) !== (s.departmentId === undefined), { message: "每项分解任务应指定一个承担地区或单位", path: ["regionId"] });

/** POST /api/v1/goals/:goalId/shares and the split form: the whole list of shares (what is left out is archived). */
export const sharesInput = z.object({
  shares: z.array(shareItemInput, { message: "分解任务应为列表" }).max(MAX_SHARES, { message: `分解任务最多${MAX_SHARES}项` }),
});
export type SharesInput = z.infer<typeof sharesInput>;
export type ShareItemInput = z.infer<typeof shareItemInput>;

export interface ShareableGoal {
  target: string | null;
  unit: string;
  kind: string;
}

/**
 * Whether shares' figures add up to the parent's: amounts that accumulate over the year in one unit (万亩, 个,
 * 亿元, 万人). Growth, decrease, ratio, level and milestone goals, and anything in % or 个百分点, are not summed:
 * the parent's own lead department reports them.
 */
export function isAdditive(goal: Pick<ShareableGoal, "unit" | "kind">): boolean {
  return goal.kind === "increment" && !isPercentUnit(goal.unit) && goal.unit.trim() !== "";
}

export interface ShareWarning {
  code: "sum_mismatch";
  message: string;
}

export type SplitCheck =
  | { ok: true; sum: string | null; warnings: ShareWarning[] }
  | { ok: false; fields: Record<string, string> };

/** The key a holder is known by: "region:<id>" or "department:<id>". */
export function holderKey(share: Pick<ShareItemInput, "regionId" | "departmentId">): string {
  return share.regionId ? `region:${share.regionId}` : `department:${share.departmentId}`;
}

/**
 * Checks a split: each share a positive amount, each holder once. For an additive parent with a target, the
 * sum is compared with it: a difference is a warning ("分解合计48万亩与目标50万亩不一致").
 */
export function checkSplit(parent: ShareableGoal, shares: readonly ShareItemInput[]): SplitCheck {
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  shares.forEach((s, i) => {
    const key = holderKey(s);
    if (seen.has(key)) fields[`shares.${i}.${s.regionId ? "regionId" : "departmentId"}`] = "同一承担地区或单位只能分配一项";
    seen.add(key);
    if (!toDecimal(s.target).isPositive() || toDecimal(s.target).isZero()) fields[`shares.${i}.target`] = "分解目标应大于0";
  });
  if (Object.keys(fields).length) return { ok: false, fields };
  if (!isAdditive(parent) || shares.length === 0) return { ok: true, sum: null, warnings: [] };
  const sum = shares.reduce((acc, s) => acc.plus(toDecimal(s.target)), new Dec(0));
  const warnings: ShareWarning[] = [];
  if (parent.target !== null && !sum.eq(toDecimal(parent.target))) {
    warnings.push({
      code: "sum_mismatch",
      message: `分解合计${canonical(sum)}${parent.unit}与目标${canonical(toDecimal(parent.target))}${parent.unit}不一致`,
    });
  }
  return { ok: true, sum: canonical(sum), warnings };
}

export interface CountedFigure {
  period: string;
  value: string | { toString(): string };
}

export interface RollUp {
  /** Per period (in order of period end), the sum of the shares' counted figures and how many shares it holds. */
  periods: { period: string; value: string; reported: number }[];
  /** The latest period at least one share reported for (null when none has). */
  latestPeriod: string | null;
  /** Shares with a counted figure for the latest period, of all shares. */
  reportedShares: number;
  totalShares: number;
}

/**
 * The parent's figures from its shares: `shares` holds each share's counted versions (as of the day). Entries
 * whose period is not a period code are ignored. The latest period is the one ending last (ties: the one more
 * shares reported for, then the coarser code first in order seen).
 */
export function rollUp(shares: readonly (readonly CountedFigure[])[]): RollUp {
  const sums = new Map<string, { value: InstanceType<typeof Dec>; reported: number; end: string }>();
  for (const counted of shares) {
    const periods = new Set<string>();
    for (const f of counted) {
      if (!parsePeriod(f.period) || periods.has(f.period)) continue;
      periods.add(f.period);
      const current = sums.get(f.period) ?? { value: new Dec(0), reported: 0, end: periodEndDate(f.period) };
      current.value = current.value.plus(toDecimal(f.value.toString(), `share figure ${f.period}`));
      current.reported++;
      sums.set(f.period, current);
    }
  }
  const periods = [...sums.entries()]
    .map(([period, s]) => ({ period, value: canonical(s.value), reported: s.reported, end: s.end }))
    .sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : a.reported - b.reported));
  const latest = periods.at(-1) ?? null;
  return {
    periods: periods.map(({ period, value, reported }) => ({ period, value, reported })),
    latestPeriod: latest?.period ?? null,
    reportedShares: latest?.reported ?? 0,
    totalShares: shares.length,
  };
}

/** "合计 30万亩（已报 2/3）" — the parent's roll-up as the pages show it. */
export function rollUpLabel(value: string | null, unit: string, reported: number, total: number): string {
  return `${value === null ? "合计 —" : `合计 ${value}${unit}`}（已报 ${reported}/${total}）`;
}
