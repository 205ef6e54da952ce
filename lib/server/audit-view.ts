import "server-only";
import { describeAuditEvent, referencedIds, type FieldChange } from "@/lib/domain/audit/format";
import { AUDIT_PAGE_SIZE, decodeAuditCursor, encodeAuditCursor, auditQuery, type AuditQuery } from "@/lib/domain/audit/inputs";
import { endOfDay, startOfDay } from "@/lib/domain/entries/versions";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { fieldErrors } from "@/lib/domain/inputs";
import { FORBIDDEN } from "@/lib/domain/messages";
import type { Actor } from "@/lib/domain/permissions";
import { Prisma } from "./generated/prisma/client";
import { db } from "./db";
import { authorizeGoal, authorizePlan } from "./scope";

// 变更记录: the AuditEvents of one goal (its own, its 说明's, its figures') or of one plan (those and the plan's own),
// newest first, each read as "字段：旧值 → 新值" (lib/domain/audit/format.ts).

export interface AuditRow {
  id: string;
  at: Date;
  action: string;
  actionLabel: string;
  actor: { id: string; name: string; username: string } | null;
  entityType: string;
  /** The goal the event is about (a goal, its 说明 or one of its figures). */
  goal: { id: string; metric: string } | null;
  period: string | null;
  changes: FieldChange[];
  reason: string | null;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

interface EventRow {
  id: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  at: Date;
  actorName: string | null;
  actorUsername: string | null;
  goalId: string | null;
  goalMetric: string | null;
  entryPeriod: string | null;
}

/**
 * The events in `scope`, filtered, newest first; `limit + 1` rows to tell whether there is a next page. The
 * id lists are arrays built once (= ANY(ARRAY(…))), so each branch can use the (entityType, entityId, at) index.
 */
async function queryEvents(scope: Prisma.Sql, q: Partial<AuditQuery>, limit: number): Promise<EventRow[]> {
  const where: Prisma.Sql[] = [Prisma.sql`(${scope})`];
  if (q.user) where.push(Prisma.sql`a."actorId" = ${q.user}`);
  if (q.action) where.push(Prisma.sql`a."action" = ${q.action}`);
  if (q.period)
    where.push(Prisma.sql`(e."period" = ${q.period} OR (a."entityType" = 'Plan' AND (a."after"->>'period' = ${q.period} OR a."before"->>'period' = ${q.period})))`);
  if (q.from) where.push(Prisma.sql`a."at" >= ${startOfDay(q.from)}`);
  if (q.to) where.push(Prisma.sql`a."at" < ${endOfDay(q.to)}`);
  const cursor = q.cursor ? decodeAuditCursor(q.cursor) : null;
  if (cursor) where.push(Prisma.sql`(a."at", a."id") < (${cursor.at}, ${cursor.id})`);
  return db.$queryRaw<EventRow[]>`
    SELECT a."id", a."actorId", a."action", a."entityType", a."entityId", a."before", a."after", a."at",
           u."name" AS "actorName", u."username" AS "actorUsername", g."id" AS "goalId", g."metric" AS "goalMetric",
           e."period" AS "entryPeriod"
    FROM "AuditEvent" a
    LEFT JOIN "user" u ON u."id" = a."actorId"
    LEFT JOIN "ProgressEntry" e ON a."entityType" = 'ProgressEntry' AND e."id" = a."entityId"
    LEFT JOIN "Goal" g ON g."id" = CASE WHEN a."entityType" IN ('Goal', 'GoalExplanation') THEN a."entityId" ELSE e."goalId" END
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY a."at" DESC, a."id" DESC
    LIMIT ${limit + 1}`;
}

const goalScope = (goalId: string) => Prisma.sql`
  (a."entityType" IN ('Goal', 'GoalExplanation') AND a."entityId" = ${goalId})
  OR (a."entityType" = 'ProgressEntry' AND a."entityId" = ANY(ARRAY(SELECT pe."id" FROM "ProgressEntry" pe WHERE pe."goalId" = ${goalId})))`;

const planScope = (planId: string) => Prisma.sql`
  (a."entityType" = 'Plan' AND a."entityId" = ${planId})
  OR (a."entityType" IN ('Goal', 'GoalExplanation') AND a."entityId" = ANY(ARRAY(SELECT g2."id" FROM "Goal" g2 WHERE g2."planId" = ${planId})))
  OR (a."entityType" = 'ProgressEntry' AND a."entityId" = ANY(ARRAY(
    SELECT pe."id" FROM "ProgressEntry" pe JOIN "Goal" g3 ON g3."id" = pe."goalId" WHERE g3."planId" = ${planId})))`;

/** Rows read in Chinese: names of the departments, sections and users the snapshots refer to, looked up at once. */
async function describe(rows: EventRow[]): Promise<AuditRow[]> {
  const refs = referencedIds(rows);
  const [departments, sections, users] = await Promise.all([
    refs.department.size ? db.department.findMany({ where: { id: { in: [...refs.department] } }, select: { id: true, name: true } }) : [],
    refs.section.size ? db.section.findMany({ where: { id: { in: [...refs.section] } }, select: { id: true, title: true, number: true } }) : [],
    refs.user.size ? db.user.findMany({ where: { id: { in: [...refs.user] } }, select: { id: true, name: true } }) : [],
  ]);
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  const sectionNames = new Map(sections.map((s) => [s.id, `${s.number ?? ""}${s.title}`]));
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const names = { department: (id: string) => departmentNames.get(id), section: (id: string) => sectionNames.get(id), user: (id: string) => userNames.get(id) };
  return rows.map((r) => {
    const described = describeAuditEvent(r, names);
    return {
      id: r.id,
      at: r.at,
      action: r.action,
      actionLabel: described.actionLabel,
      actor: r.actorId && r.actorName !== null ? { id: r.actorId, name: r.actorName, username: r.actorUsername ?? "" } : null,
      entityType: r.entityType,
      goal: r.goalId ? { id: r.goalId, metric: r.goalMetric ?? "" } : null,
      period: r.entryPeriod ?? described.period,
      changes: described.changes,
      reason: described.reason,
    };
  });
}

async function page(scope: Prisma.Sql, q: Partial<AuditQuery>, limit: number): Promise<AuditPage> {
  const found = await queryEvents(scope, q, limit);
  const rows = await describe(found.slice(0, limit));
  const last = rows[rows.length - 1];
  return { rows, nextCursor: found.length > limit && last ? encodeAuditCursor({ at: last.at, id: last.id }) : null };
}

/** A goal's 变更记录 (anyone who may read the goal): its changes, its 说明's and its figures', newest first. */
export async function getGoalAudit(actor: Actor | null, goalId: string, limit = 100): Promise<Result<AuditPage>> {
  const allowed = await authorizeGoal(actor, goalId, "readRegion");
  if (!allowed.ok) return allowed;
  return ok(await page(goalScope(goalId), {}, limit));
}

export interface PlanAuditPage extends AuditPage {
  /** Who appears in the plan's trail (for the user filter). */
  users: { id: string; name: string; username: string }[];
}

/**
 * A plan's 变更记录 with filters and keyset paging (50 a page). Admins and leaders of the plan's government or
 * above may read it; a reporter who can read the plan gets 403 — the trail names every user and every returned
 * figure of all departments, which is oversight, not reporting.
 */
export async function getPlanAudit(actor: Actor | null, planId: string, raw: unknown): Promise<Result<PlanAuditPage>> {
  const allowed = await authorizePlan(actor, planId, "readRegion");
  if (!allowed.ok) return allowed;
  if (allowed.value.actor.role === "reporter") return fail("forbidden", FORBIDDEN.planAudit);
  const parsed = auditQuery.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const scope = planScope(planId);
  const [result, users] = await Promise.all([
    page(scope, parsed.data, AUDIT_PAGE_SIZE),
    db.$queryRaw<{ id: string; name: string; username: string }[]>`
      SELECT u."id", u."name", u."username" FROM "user" u
      WHERE u."id" IN (SELECT DISTINCT a."actorId" FROM "AuditEvent" a WHERE a."actorId" IS NOT NULL AND (${scope}))
      ORDER BY u."name"`,
  ]);
  return ok({ ...result, users });
}

/** The API's shape of a page of the trail. */
export function auditPageJson(p: AuditPage | PlanAuditPage) {
  return {
    events: p.rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      actionLabel: r.actionLabel,
      actor: r.actor,
      entityType: r.entityType,
      goal: r.goal,
      period: r.period,
      changes: r.changes,
      reason: r.reason,
    })),
    nextCursor: p.nextCursor,
    ...("users" in p ? { users: p.users } : {}),
  };
}
