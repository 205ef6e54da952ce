// Which reporting frequency to suggest for a candidate goal (DOMAIN.md "frequency"): statistics come when the
// statistics office publishes them, counted works can be tallied every month. A suggestion only: the reviewer decides.
import type { GoalKind } from "@/lib/domain/status";

export type Frequency = "monthly" | "quarterly" | "half_yearly" | "annual";

export interface FrequencySuggestion {
  frequency: Frequency;
  /** Why, in Chinese, for the review screen. */
  reason: string;
}

/** Published once a year (yearbooks, annual surveys, provincial assessments): asking monthly only yields blanks. */
const ANNUAL_STATISTICS = /粮食|预期寿命|城镇化率|森林覆盖率|人口自然增长|出生率|常住人口|耕地保有|研发经费|R&D|能耗|碳排放|二氧化碳|单位地区生产总值|单位GDP/i;

/** Published by the statistics office each quarter (or month, read at the quarter's end). */
const QUARTERLY_STATISTICS = /生产总值|GDP|增加值|固定资产投资|社会消费品零售|消费品零售|可支配收入|居民收入|财政收入|预算收入|税收|进出口|外贸|价格|CPI|物价|失业率|营业收入|利润|服务业|存款|贷款|用电量/i;

export function suggestFrequency(candidate: { metric: string; kind: GoalKind; unit: string }): FrequencySuggestion {
  const metric = candidate.metric.normalize("NFKC");
  if (candidate.kind === "milestone") return { frequency: "quarterly", reason: "里程碑类目标按季度报告进展" };
  if (ANNUAL_STATISTICS.test(metric)) return { frequency: "annual", reason: "年度统计指标（如粮食产量、能耗），按年报告" };
  if (QUARTERLY_STATISTICS.test(metric)) return { frequency: "quarterly", reason: "统计部门按季发布的经济指标，按季度报告" };
  switch (candidate.kind) {
    case "growth":
    case "decrease":
      return { frequency: "quarterly", reason: "增长率、降幅类统计指标，按季度报告" };
    case "increment":
      return { frequency: "monthly", reason: "新建、新增等实物工作量，按月累计报告" };
    case "ratio":
      return { frequency: "quarterly", reason: "比重、比率类指标，按季度报告" };
    case "level":
      return { frequency: "quarterly", reason: "总量、水平类指标，按季度报告" };
  }
}
