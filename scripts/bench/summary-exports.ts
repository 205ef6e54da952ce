// The year-end summary's bars (issue 8): the summary page of a 100-goal plan, its .docx and .xlsx, the same two
// files for the 5,000-goal benchmark plan, and a 500-row 批量填报 upload. Targets: 100 goals < 1 s each,
// 5,000 goals < 10 s, 500 rows < 5 s.
//
// The 100-goal plan is the benchmark plan's first 100 goals carried into the next year (2025, figures shifted by a
// year, each goal linked to its 2024 predecessor so the summary also finds the previous year's result). The upload
// goes to a plan of its own (2026) whose 500 monthly goals one department leads; each round writes 500 new versions.
import ExcelJS from "exceljs";
import type pg from "pg";
import { COLUMNS, DATA_SHEET, FIRST_DATA_ROW } from "@/lib/domain/bulk";
import type { Actor } from "@/lib/domain/permissions";
import { BENCH_REGION, BENCH_REGION_ID, BENCH_YEAR } from "./data";
import { summarise, type Timing } from "./timing";

export const SUMMARY_TARGETS = { smallMs: 1_000, largeMs: 10_000, uploadMs: 5_000 } as const;
const SMALL_GOALS = 100;
const UPLOAD_ROWS = 500;
const SMALL_YEAR = BENCH_YEAR + 1;
const UPLOAD_YEAR = BENCH_YEAR + 2;
const UPLOAD_PERIOD = `${UPLOAD_YEAR}-06`;

/** A copy of the benchmark plan's first 100 goals (sections, co-departments, figures) as next year's plan. */
export async function insertSmallPlan(client: pg.Client, benchPlanId: string): Promise<string> {
  const planId = `c${SMALL_YEAR}benchsmall`;
  // $1 the source plan, $2 the new one, $3 its year, $4 the goal count; typed once in a CTE, as not every statement uses all four.
  const q = (sql: string) => client.query(`WITH params AS (SELECT $1::text, $2::text, $3::int, $4::int) ${sql}`, [benchPlanId, planId, SMALL_YEAR, SMALL_GOALS]);
  await q(`INSERT INTO "Plan" ("id", "regionId", "region", "level", "year", "title", "sourceText", "updatedAt")
           SELECT $2, "regionId", "region", "level", $3::int, replace("title", "year"::text, $3::text), "sourceText", now()
           FROM "Plan" WHERE "id" = $1 AND $4::int > 0`);
  await q(`INSERT INTO "Section" ("id", "planId", "parentId", "position", "part", "number", "title", "start", "end")
           SELECT 'c' || substr(md5($2 || s."id"), 1, 24), $2, CASE WHEN s."parentId" IS NULL THEN NULL ELSE 'c' || substr(md5($2 || s."parentId"), 1, 24) END,
                  s."position", s."part", s."number", replace(s."title", ($3::int - 2)::text, ($3::int - 1)::text), s."start", s."end"
           FROM "Section" s WHERE s."planId" = $1 AND $4::int > 0 ORDER BY s."parentId" NULLS FIRST`);
  await q(`INSERT INTO "Goal" ("id", "planId", "sectionId", "position", "metric", "targetValue", "targetValueHigh", "unit", "comparator", "kind",
                               "direction", "accumulates", "frequency", "quote", "previousGoalId", "leadDepartmentId", "createdAt", "updatedAt")
           SELECT 'c' || substr(md5($2 || g."id"), 1, 24), $2, 'c' || substr(md5($2 || g."sectionId"), 1, 24), g."position", g."metric", g."targetValue",
                  g."targetValueHigh", g."unit", g."comparator", g."kind", g."direction", g."accumulates", g."frequency", g."quote", g."id",
                  g."leadDepartmentId", g."createdAt" + interval '1 year', g."updatedAt" + interval '1 year'
           FROM "Goal" g WHERE g."planId" = $1 AND g."position" < $4::int`);
  await q(`INSERT INTO "GoalCoDepartment" ("goalId", "departmentId")
           SELECT 'c' || substr(md5($2 || c."goalId"), 1, 24), c."departmentId"
           FROM "GoalCoDepartment" c JOIN "Goal" g ON g."id" = c."goalId" WHERE g."planId" = $1 AND g."position" < $4::int`);
  await q(`INSERT INTO "ProgressEntry" ("id", "goalId", "period", "periodEnd", "version", "value", "rawInput", "note", "state",
                                        "submittedById", "submittedAt", "reportedAt", "countedAt", "updatedAt")
           SELECT 'c' || substr(md5($2 || e."id"), 1, 24), 'c' || substr(md5($2 || e."goalId"), 1, 24), $3::int || substr(e."period", 5),
                  (e."periodEnd" + interval '1 year')::date, e."version", e."value", e."rawInput", e."note", e."state", e."submittedById",
                  e."submittedAt" + interval '1 year', (e."reportedAt" + interval '1 year')::date, e."countedAt" + interval '1 year', e."updatedAt" + interval '1 year'
           FROM "ProgressEntry" e JOIN "Goal" g ON g."id" = e."goalId" WHERE g."planId" = $1 AND g."position" < $4::int`);
  await client.query(`ANALYZE`);
  return planId;
}

/** A plan of 500 monthly goals that one department leads, for the upload. */
export async function insertUploadPlan(client: pg.Client, departmentId: string): Promise<string> {
  const planId = `c${UPLOAD_YEAR}benchupload`;
  await client.query(
    `INSERT INTO "Plan" ("id", "regionId", "region", "level", "year", "title", "sourceText", "updatedAt")
     VALUES ($1, $2, $3, 'city', $4::int, $3 || $4::int || '年批量填报基准', '（基准测试）', now())`,
    [planId, BENCH_REGION_ID, BENCH_REGION, UPLOAD_YEAR],
  );
  await client.query(
    `INSERT INTO "Goal" ("id", "planId", "position", "metric", "targetValue", "unit", "comparator", "kind", "direction", "accumulates",
                         "frequency", "quote", "leadDepartmentId", "updatedAt")
     SELECT 'c' || substr(md5($1 || i), 1, 24), $1, i, '统计指标' || (i + 1), 1000, '个', 'gte', 'increment', 'higher', true, 'monthly', '（基准测试）', $2, now()
     FROM generate_series(0, $3::int - 1) AS i`,
    [planId, departmentId, UPLOAD_ROWS],
  );
  return planId;
}

/** The department's template for June, filled: every row a year-to-date figure (rising each round) with a note. */
export async function filledTemplate(actor: Actor, planId: string, round: number, now: Date): Promise<Uint8Array> {
  const { getFillTemplate, templateWorkbook } = await import("@/lib/server/bulk/template");
  const made = await getFillTemplate(actor, planId, { period: UPLOAD_PERIOD }, now);
  if (!made.ok) throw new Error(`template: ${made.error.message}`);
  if (made.value.rows.length !== UPLOAD_ROWS) throw new Error(`template has ${made.value.rows.length} rows, expected ${UPLOAD_ROWS}`);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await templateWorkbook(made.value)) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(DATA_SHEET)!;
  for (let r = FIRST_DATA_ROW; r < FIRST_DATA_ROW + UPLOAD_ROWS; r++) {
    sheet.getCell(r, COLUMNS.value.col).value = 400 + round + (r % 7);
    sheet.getCell(r, COLUMNS.note.col).value = "截至6月底累计";
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Times `operation` `iterations` times after `warmup` runs. */
export async function timeAlone(operation: (round: number) => Promise<unknown>, warmup: number, iterations: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await operation(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await operation(i);
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

export interface SummaryBench {
  smallPlanGoals: number;
  largePlanGoals: number;
  timings: Record<string, Timing & { targetMs: number; holds: boolean; bytes?: number }>;
}
