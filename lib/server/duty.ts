import "server-only";
import { withReadPriority } from "./write-gate";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { goalDuty, reminderText, type GoalDuty } from "@/lib/domain/entries/duty";
import type { EntryState } from "@/lib/domain/entries/versions";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { todayInShanghai, type Frequency } from "@/lib/domain/periods";
import { Prisma } from "./generated/prisma/client";
import { db } from "./db";
import { getBoard, planTodayCountsOnce, type BoardRow } from "./board";
import { pendingReviewListsOf, type PendingReview } from "./review";
import { NOT_FOUND } from "@/lib/domain/messages";
import { readableRegionIds, scopeOf } from "@/lib/domain/regions";
import { addDays } from "@/lib/domain/dates";
import { authorizePlan } from "./scope";

const dutyGoalSelect = {
  id: true, metric: true, frequency: true, planId: true,
  leadDepartment: { select: { id: true, name: true } },
  plan: { select: { id: true, title: true, year: true, region: true, graceDays: true } },
  entries: { select: { period: true, state: true, version: true, submittedAt: true, reviewedAt: true, reviewNote: true } },
} satisfies Prisma.GoalSelect;
type DutyGoal = Prisma.GoalGetPayload<{ select: typeof dutyGoalSelect }>;

export interface GoalDutyView {
  goalId: string;
  planId: string;
  planTitle: string;
  metric: string;
  department: { id: string; name: string } | null;
  duty: GoalDuty;
}

function dutyOf(goal: DutyGoal, asOf: string): GoalDutyView {
  return {
    goalId: goal.id,
    planId: goal.planId,
    planTitle: goal.plan.title,
    metric: goal.metric,
    department: goal.leadDepartment,
    duty: goalDuty(
      { year: goal.plan.year, frequency: goal.frequency as Frequency },
      goal.entries.map((e) => ({ ...e, state: e.state as EntryState })),
      goal.plan.graceDays,
      asOf,
    ),
  };
}

const hasDuty = (d: GoalDuty) => d.overdue.length > 0 || d.returned.length > 0 || d.due.length > 0;

export interface DepartmentDuty {
  department: { id: string; name: string } | null;
  goals: GoalDutyView[];
  overdueGoals: number;
  returnedGoals: number;
  dueGoals: number;
  maxDaysOverdue: number;
  /** 催报通知, ready to copy. */
  reminder: string;
}

export interface PlanOverdue {
  plan: { id: string; title: string; year: number; region: string; graceDays: number };
  asOf: string;
  departments: DepartmentDuty[];
}

/** 未填报: per lead department, the goals overdue, returned and not resubmitted, or due within their grace days. */
export async function getPlanOverdue(actor: Actor | null, planId: string, asOf?: string, now = new Date()): Promise<Result<PlanOverdue>> {
  const allowed = await authorizePlan(actor, planId, "readRegion");
  if (!allowed.ok) return allowed;
  const plan = await db.plan.findUnique({ where: { id: planId }, select: { id: true, title: true, year: true, region: true, graceDays: true } });
  if (!plan) return fail("not_found", NOT_FOUND.plan);
  const day = asOf ?? todayInShanghai(now);
  const goals = await db.goal.findMany({ where: { planId, archivedAt: null }, select: dutyGoalSelect, orderBy: { position: "asc" } });
  const byDepartment = new Map<string, DepartmentDuty>();
  for (const goal of goals) {
    const view = dutyOf(goal, day);
    if (!hasDuty(view.duty)) continue;
    const key = goal.leadDepartment?.id ?? "";
    let group = byDepartment.get(key);
    if (!group) {
      group = { department: goal.leadDepartment, goals: [], overdueGoals: 0, returnedGoals: 0, dueGoals: 0, maxDaysOverdue: 0, reminder: "" };
      byDepartment.set(key, group);
    }
    group.goals.push(view);
    if (view.duty.overdue.length) group.overdueGoals++;
    if (view.duty.returned.length) group.returnedGoals++;
    if (view.duty.due.length) group.dueGoals++;
    group.maxDaysOverdue = Math.max(group.maxDaysOverdue, view.duty.daysOverdue);
  }
  const office = `${plan.region}人民政府督查室`;
  const departments = [...byDepartment.values()].sort(
    (a, b) => b.maxDaysOverdue - a.maxDaysOverdue || b.overdueGoals + b.returnedGoals - (a.overdueGoals + a.returnedGoals),
  );
  for (const group of departments) {
    group.reminder = reminderText({
      department: group.department?.name ?? "（未分配牵头单位）",
      planTitle: plan.title,
      office,
      asOf: day,
      items: group.goals.map((g) => ({ metric: g.metric, duty: g.duty })),
    });
  }
  return ok({ plan, asOf: day, departments });
}

export type Inbox = (
  | { role: "reporter"; asOf: string; department: string | null; items: GoalDutyView[] }
  | {
      role: "admin";
      asOf: string;
      reviews: { plan: { id: string; title: string }; pending: PendingReview[]; count: number }[];
      overdue: { plan: { id: string; title: string }; departments: number; goals: number }[];
      /** Plans with versions to review, and with goals overdue or returned, left out by `plansShown`, with their counts. */
      more: { reviewPlans: number; reviews: number; overduePlans: number; overdueGoals: number };
    }
  | {
      role: "leader";
      asOf: string;
      plans: { plan: { id: string; title: string }; rows: BoardRow[] }[];
      /** Plans with red or unreported goals left out by `plansShown`. */
      more: { plans: number };
    }
) & {
  /** 催报通知 recorded by the reminders job in the last days: to the reporter's department, or of the admin's plans. */
  reminders: ReminderView[];
};

/**
 * 待我处理, the first page after sign-in: a reporter's goals due, overdue or returned; a reviewer's versions to
 * review (and who is behind with reports); a leader's red and overdue goals.
 */
export interface InboxOptions {
  /** A plan's oldest pending versions read whole (its count is always whole). */
  reviewsPerPlan?: number;
  /**
   * At most this many plans per list (the admin's reviews and overdue, the leader's boards), the own government's
   * first: a province's 督查室 has some 200 plans a year with something to do; the page shows a first few and counts
   * the rest. The API lists every one.
   */
  plansShown?: number;
}

async function readInbox(actor: Actor | null, now = new Date(), options: InboxOptions = {}): Promise<Result<Inbox>> {
  const allowed = authorize(actor, { action: "read" });
  if (!allowed.ok) return allowed;
  const me = allowed.value;
  const asOf = todayInShanghai(now);
  if (me.role === "reporter") {
    if (!me.departmentId) return ok({ role: "reporter", asOf, department: null, items: [], reminders: [] });
    const goals = await db.goal.findMany({
      where: {
        archivedAt: null,
        plan: { regionId: { in: readableRegionIds(me.role, me.scope) } },
        OR: [{ leadDepartmentId: me.departmentId }, { coDepartments: { some: { departmentId: me.departmentId } } }],
      },
      select: dutyGoalSelect,
      orderBy: [{ plan: { year: "desc" } }, { position: "asc" }],
    });
    const items = goals.map((g) => dutyOf(g, asOf)).filter((v) => hasDuty(v.duty));
    // Returned first (someone is waiting on a correction), then the longest overdue.
    items.sort((a, b) => b.duty.returned.length - a.duty.returned.length || b.duty.daysOverdue - a.duty.daysOverdue);
    const reminders = await listReminders({ departmentId: me.departmentId, planRegionIds: readableRegionIds(me.role, me.scope) }, asOf);
    return ok({ role: "reporter", asOf, department: me.departmentName, items, reminders });
  }
  // Admins: the plans they manage; leaders: those they read (their region and below).
  const regionIds = me.role === "admin" ? me.scope.below : readableRegionIds(me.role, me.scope);
  // The regions joined from unnest (a province's 211: see planTallies in lib/server/verdicts.ts).
  const found = await db.$queryRaw<{ id: string; title: string; regionId: string }[]>`
    SELECT p."id", p."title", p."regionId" FROM unnest(${[...regionIds]}::text[]) AS r("id") JOIN "Plan" p ON p."regionId" = r."id"
    ORDER BY p."year" DESC, p."region", p."id"`;
  // The own government's plans first (then by year, newest first, and region), as the lists are cut at plansShown.
  const own = (p: { regionId: string }) => (p.regionId === me.scope.regionId ? 0 : 1);
  const plans = found.sort((a, b) => own(a) - own(b)).map(({ id, title }) => ({ id, title }));
  const shown = options.plansShown ?? Infinity;
  // Every plan's counts from kept verdicts at once (lib/server/verdicts.ts): a province admin or leader has hundreds.
  const counting = planTodayCountsOnce(plans.map((p) => p.id), asOf);
  if (me.role === "admin") {
    // The page shows a plan's oldest few (reviewsPerPlan) and its count; the API every one. The three reads at once.
    const [counts, pending, reminders] = await Promise.all([
      counting,
      pendingReviewListsOf(plans.map((p) => p.id), undefined, { perPlan: options.reviewsPerPlan, plansListed: options.plansShown }),
      listReminders({ planRegionIds: [...regionIds] }, asOf, plans),
    ]);
    const reviews: { plan: { id: string; title: string }; pending: PendingReview[]; count: number }[] = [];
    const overdue: { plan: { id: string; title: string }; departments: number; goals: number }[] = [];
    const more = { reviewPlans: 0, reviews: 0, overduePlans: 0, overdueGoals: 0 };
    for (const plan of plans) {
      const count = pending.totals.get(plan.id) ?? 0;
      if (count) {
        if (reviews.length < shown) reviews.push({ plan, pending: pending.lists.get(plan.id) ?? [], count });
        else {
          more.reviewPlans++;
          more.reviews += count;
        }
      }
      const c = counts.get(plan.id);
      if (c?.dutyGoals) {
        if (overdue.length < shown) overdue.push({ plan, departments: c.dutyDepartments, goals: c.dutyGoals });
        else {
          more.overduePlans++;
          more.overdueGoals += c.dutyGoals;
        }
      }
    }
    return ok({ role: "admin", asOf, reviews, overdue, more, reminders });
  }
  const counts = await counting;
  const boards: { plan: { id: string; title: string }; rows: BoardRow[] }[] = [];
  const more = { plans: 0 };
  for (const plan of plans) {
    // Red goals first, then those not reported (grey 未填报); only plans that have any are read.
    const lights = counts.get(plan.id)?.lights;
    if (!lights || (!lights.red && !lights.grey)) continue;
    if (boards.length >= shown) {
      more.plans++;
      continue;
    }
    const rows: BoardRow[] = [];
    for (const status of ["red", "overdue"] as const) {
      const board = await getBoard(me, plan.id, { status }, now);
      if (board.ok) rows.push(...board.value.rows.filter((r) => !rows.some((x) => x.goalId === r.goalId)));
    }
    if (rows.length) boards.push({ plan, rows });
  }
  return ok({ role: "leader", asOf, plans: boards, more, reminders: [] });
}

/** getInbox with priority over figure writes in this process (lib/server/write-gate.ts withReadPriority). */
export async function getInbox(...args: Parameters<typeof readInbox>): ReturnType<typeof readInbox> {
  return withReadPriority(() => readInbox(...args));
}

// ── 催报 (reminders): recorded by the queue's reminders jobs (lib/server/jobs), shown in 待我处理 ──

/** How many days back 待我处理 shows reminders. */
export const REMINDER_DAYS_SHOWN = 7;

export interface ReminderView {
  id: string;
  plan: { id: string; title: string };
  department: { id: string; name: string };
  day: string;
  overdueGoals: number;
  returnedGoals: number;
  maxDaysOverdue: number;
  text: string;
  createdAt: Date;
}

export interface RemindersRecorded {
  day: string;
  /** Lead departments with goals overdue or returned (each has a reminder for the day). */
  departments: number;
  /** Of those, the reminders this run wrote (the others were already there: an earlier run, another instance). */
  recorded: number;
}

/**
 * 催报 of one plan for today (Asia/Shanghai): one reminder per lead department with goals overdue or returned and
 * not resubmitted, with getPlanOverdue's 催报通知. Written at most once per plan, department and day, however many
 * runs or instances try. Only an admin of the plan's government may ask.
 */
export async function recordPlanReminders(actor: Actor | null, planId: string, now = new Date(), jobId: string | null = null): Promise<Result<RemindersRecorded>> {
  const allowed = await authorizePlan(actor, planId, "manageRegion");
  if (!allowed.ok) return allowed;
  const overdue = await getPlanOverdue(allowed.value.actor, planId, undefined, now);
  if (!overdue.ok) return overdue;
  const day = overdue.value.asOf;
  const rows = overdue.value.departments.flatMap((d) =>
    d.department && d.overdueGoals + d.returnedGoals > 0
      ? [{ planId, departmentId: d.department.id, day, overdueGoals: d.overdueGoals, returnedGoals: d.returnedGoals, maxDaysOverdue: d.maxDaysOverdue, text: d.reminder, jobId }]
      : [],
  );
  const written = rows.length ? await db.reminder.createMany({ data: rows, skipDuplicates: true }) : { count: 0 };
  return ok({ day, departments: rows.length, recorded: written.count });
}

/** The daily run: 催报 for every plan of the current year, as its own government's 督查室. */
export async function recordDailyReminders(now = new Date(), jobId: string | null = null): Promise<{ day: string; plans: number; recorded: number }> {
  const day = todayInShanghai(now);
  const [plans, tree] = await Promise.all([
    db.plan.findMany({ where: { year: Number(day.slice(0, 4)) }, select: { id: true, regionId: true }, orderBy: { id: "asc" } }),
    db.region.findMany({ select: { id: true, parentId: true } }),
  ]);
  let recorded = 0;
  for (const plan of plans) {
    const office: Actor = { userId: "system", username: "system", name: "督查室（定时催报）", role: "admin", departmentId: null, departmentName: null, scope: scopeOf(tree, plan.regionId) };
    const result = await recordPlanReminders(office, plan.id, now, jobId);
    if (result.ok) recorded += result.value.recorded;
  }
  return { day, plans: plans.length, recorded };
}

/** `plans`: the plans of those regions when the caller has read them already. */
async function listReminders(
  where: { departmentId?: string; planRegionIds: string[] },
  asOf: string,
  known?: readonly { id: string; title: string }[],
): Promise<ReminderView[]> {
  const plans = known ?? (await db.plan.findMany({ where: { regionId: { in: where.planRegionIds } }, select: { id: true, title: true } }));
  if (!plans.length) return [];
  // The plans joined from unnest (a province admin's 1,266: see planTallies), with each reminder's department.
  const rows = await db.$queryRaw<{
    id: string; planId: string; departmentId: string; departmentName: string | null; day: string; overdueGoals: number; returnedGoals: number;
    maxDaysOverdue: number; text: string; createdAt: Date;
  }[]>`
    SELECT r."id", r."planId", r."departmentId", d."name" AS "departmentName", r."day", r."overdueGoals", r."returnedGoals", r."maxDaysOverdue",
           r."text", r."createdAt"
    FROM unnest(${plans.map((p) => p.id)}::text[]) AS p("id") JOIN "Reminder" r ON r."planId" = p."id"
    LEFT JOIN "Department" d ON d."id" = r."departmentId"
    WHERE r."day" > ${addDays(asOf, -REMINDER_DAYS_SHOWN)} AND r."day" <= ${asOf}
      ${where.departmentId ? Prisma.sql`AND r."departmentId" = ${where.departmentId}` : Prisma.empty}
    ORDER BY r."day" DESC, r."maxDaysOverdue" DESC, r."id" LIMIT 50`;
  const titles = new Map(plans.map((p) => [p.id, p.title]));
  return rows.map((r) => ({
    id: r.id,
    plan: { id: r.planId, title: titles.get(r.planId) ?? "" },
    department: { id: r.departmentId, name: r.departmentName ?? "（已删除的单位）" },
    day: r.day,
    overdueGoals: r.overdueGoals,
    returnedGoals: r.returnedGoals,
    maxDaysOverdue: r.maxDaysOverdue,
    text: r.text,
    createdAt: r.createdAt,
  }));
}
