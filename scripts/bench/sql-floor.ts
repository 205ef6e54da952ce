// The "SQL floor" of the board: the same information in one statement, without the app — every goal of the plan
// with its latest entry and a coarse status computed in SQL (CASE), and the number of goals per status. What the
// board costs beyond this is the price of the app's exact status engine, Prisma and rendering.
import type pg from "pg";

export const SQL_FLOOR = `
WITH plan AS (
  SELECT "id", "year", "graceDays", "marginBehind", "marginFarBehind" FROM "Plan" WHERE "id" = $1
), facts AS (
  SELECT g."id", g."position", g."metric", g."targetValue", g."targetValueHigh", g."unit", g."comparator", g."kind",
         g."direction", g."accumulates", g."frequency", s."title" AS "sectionTitle", d."id" AS "departmentId",
         d."name" AS "departmentName", l."period", l."periodEnd", l."value", p."year", p."graceDays",
         p."marginBehind", p."marginFarBehind",
         CASE g."direction" WHEN 'higher' THEN l."value" >= g."targetValue" ELSE l."value" <= g."targetValue" END AS meets,
         -- the end of the first period without a figure
         (date_trunc('month', coalesce(l."periodEnd", make_date(p."year", 1, 1) - 1) + 1)
           + CASE g."frequency" WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3 WHEN 'half_yearly' THEN 6 ELSE 12 END
             * interval '1 month' - interval '1 day')::date AS "nextEnd"
  FROM plan p
  JOIN "Goal" g ON g."planId" = p."id" AND g."archivedAt" IS NULL
  LEFT JOIN "Section" s ON s."id" = g."sectionId"
  LEFT JOIN "Department" d ON d."id" = g."leadDepartmentId"
  -- the latest counted entry (approved by the end of the as-of day): one index probe per goal (faster here than
  -- DISTINCT ON over the plan's entries)
  LEFT JOIN LATERAL (
    SELECT e."period", e."periodEnd", e."value" FROM "ProgressEntry" e
    WHERE e."goalId" = g."id" AND e."state" = 'approved' AND e."countedAt" < ($2::date + 1)::timestamp - interval '8 hours'
    ORDER BY e."periodEnd" DESC, e."countedAt" DESC
    LIMIT 1
  ) l ON TRUE
), judged AS (
  SELECT f.*,
         CASE
           WHEN f."targetValue" IS NULL THEN 'not_started'
           WHEN f."periodEnd" IS NULL THEN
             CASE WHEN f."nextEnd" + f."graceDays" < $2::date THEN 'overdue' ELSE 'not_started' END
           WHEN f."periodEnd" = make_date(f."year", 12, 31) THEN CASE WHEN f.meets THEN 'met' ELSE 'not_met' END
           WHEN f.meets THEN CASE WHEN f."accumulates" THEN 'met' ELSE 'on_track' END
           WHEN f."nextEnd" <= make_date(f."year", 12, 31) AND f."nextEnd" + f."graceDays" < $2::date THEN 'overdue'
           WHEN f."accumulates" THEN
             CASE WHEN extract(month FROM f."periodEnd") / 12 - f."value" / nullif(f."targetValue", 0) <= f."marginBehind" THEN 'on_track'
                  WHEN extract(month FROM f."periodEnd") / 12 - f."value" / nullif(f."targetValue", 0) <= f."marginFarBehind" THEN 'behind'
                  ELSE 'far_behind' END
           ELSE 'behind'
         END AS status
  FROM facts f
)
SELECT "id", "position", "metric", "targetValue", "targetValueHigh", "unit", "comparator", "sectionTitle",
       "departmentId", "departmentName", "period", "value", status, count(*) OVER (PARTITION BY status) AS "statusCount"
FROM judged
ORDER BY "position"`;

export interface SqlFloorRow {
  id: string;
  status: string;
  statusCount: string;
}

export async function sqlFloor(client: pg.Client, planId: string, asOf: string): Promise<SqlFloorRow[]> {
  return (await client.query<SqlFloorRow>(SQL_FLOOR, [planId, asOf])).rows;
}

/** Goals per coarse status, for the report. */
export function statusCounts(rows: readonly SqlFloorRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.status] = Number(row.statusCount);
  return counts;
}
