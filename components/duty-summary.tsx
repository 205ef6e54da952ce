import { chineseDate, type GoalDuty } from "@/lib/domain/entries/duty";
import { periodLabel } from "@/lib/domain/periods";

const TONES = {
  overdue: "bg-slate-200 text-slate-800",
  returned: "bg-red-100 text-red-900",
  due: "bg-amber-100 text-amber-900",
} as const;

export function DutyBadge({ kind }: { kind: keyof typeof TONES }) {
  const label = kind === "overdue" ? "逾期" : kind === "returned" ? "退回待重报" : "即将到期";
  return <span className={`mr-1.5 inline-block shrink-0 rounded px-1.5 text-xs leading-5 ${TONES[kind]}`}>{label}</span>;
}

/** "2024年1月至6月共6期" or one period. */
function overdueRange(duty: GoalDuty): string {
  const first = periodLabel(duty.overdue[0]!.period);
  if (duty.overdue.length === 1) return first;
  const last = periodLabel(duty.overdue[duty.overdue.length - 1]!.period);
  const year = /^\d{4}年/.exec(first)?.[0];
  return `${first}至${year && last.startsWith(year) ? last.slice(year.length) : last}共${duty.overdue.length}期`;
}

/**
 * One goal's reporting duty as of a day: the periods overdue (with due dates), the periods returned (with the
 * reviewer's reason) and the periods due within their grace days.
 */
export function DutySummary({ duty }: { duty: GoalDuty }) {
  return (
    <ul className="space-y-1 text-sm">
      {duty.overdue.length > 0 && (
        <li className="flex items-start" data-duty="overdue">
          <DutyBadge kind="overdue" />
          <div>
            <span>
              {overdueRange(duty)}未报送，{duty.overdue.length > 1 ? "最早一期" : ""}应于{chineseDate(duty.overdue[0]!.due)}前报送，已逾期
              <strong className="font-semibold"> {duty.daysOverdue} </strong>天
            </span>
            {duty.overdue.length > 1 && (
              <details className="no-print text-xs text-slate-600">
                <summary className="cursor-pointer select-none text-slate-500">各期应报日期</summary>
                {/* One string, not a list: a plan-wide page can hold hundreds of these. */}
                <p className="mt-1">{duty.overdue.map((o) => `${periodLabel(o.period)}：${chineseDate(o.due)}前`).join("；")}</p>
              </details>
            )}
          </div>
        </li>
      )}
      {duty.returned.map((r) => (
        <li key={`r-${r.period}`} className="flex items-start" data-duty="returned">
          <DutyBadge kind="returned" />
          <span>
            {periodLabel(r.period)}的数据已被退回：<span className="text-red-800">{r.reason ?? "未注明原因"}</span>
          </span>
        </li>
      ))}
      {duty.due.map((d) => (
        <li key={`d-${d.period}`} className="flex items-start" data-duty="due">
          <DutyBadge kind="due" />
          <span>{periodLabel(d.period)}，请于{chineseDate(d.due)}前报送</span>
        </li>
      ))}
    </ul>
  );
}
