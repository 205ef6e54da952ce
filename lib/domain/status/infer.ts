/** Defaults for a goal's direction and accumulation (DOMAIN.md "A goal's fields"); staff can override both. */
import type { Comparator, Direction, GoalKind } from "./types";

/**
 * Burdens and caps, where less is better: unemployment, energy use, prices, accidents, crime, burdens,
 * emissions, pollution, deaths, debt, unpaid wages.
 */
const LOWER_IS_BETTER =
  /失业率|能耗|能源消耗|耗能|物价|CPI|居民消费价格|事故|发案|案发|负担率|排放|死亡|亡人|伤亡|污染|PM2\.?5|PM10|浓度|火灾|欠薪|拖欠|负债率|债务率|赤字|信访量|上访|不良贷款率|辍学率|空置率/i;

export function inferDirection(metric: string, comparator: Comparator, kind: GoalKind): Direction {
  // Every cap (以内, 控制在, 不超过) is lower-is-better, whatever the metric.
  if (comparator === "lte") return "lower";
  // A decrease goal's actual is the decrease achieved: the bigger, the better (even for 能耗).
  if (kind === "decrease") return "higher";
  return LOWER_IS_BETTER.test(metric.normalize("NFKC")) ? "lower" : "higher";
}

/** Only new amounts accumulated during the year (新建, 新增, 改造, 签约 …) follow 序时进度. */
export function inferAccumulates(kind: GoalKind): boolean {
  return kind === "increment";
}
