/**
 * The period the entry form offers first: the earliest period the department still owes (returned and not
 * resubmitted, overdue, or ended and due soon — the same rule as 未填报, see duty.ts); when nothing is owed,
 * the latest period that has ended; before any has ended, the newest open one.
 */
import { comparePeriods, currentPeriodFor, type Frequency } from "../periods";
import { goalDuty, type DutyVersion } from "./duty";

export function suggestedEntryPeriod(
  goal: { year: number; frequency: Frequency },
  versions: readonly DutyVersion[],
  graceDays: number,
  today: string,
  openPeriods: readonly string[],
): string | null {
  const duty = goalDuty(goal, versions, graceDays, today);
  const owed = [...duty.returned, ...duty.overdue, ...duty.due]
    .map((p) => p.period)
    .filter((p) => openPeriods.includes(p))
    .sort(comparePeriods);
  return owed[0] ?? currentPeriodFor(goal.frequency, goal.year, today) ?? [...openPeriods].sort(comparePeriods).at(-1) ?? null;
}
