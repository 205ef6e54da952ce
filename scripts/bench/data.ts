// Benchmark data, generated set-based in SQL (INSERT … SELECT generate_series) so 200,000 entries take seconds.
//
// Valid data caps a goal at 12 entries a plan year (monthly), so the 200,000 entries cannot all belong to one
// plan's 5,000 goals. As in an installation used for some years, the benchmark plan (2024, 5,000 goals) comes
// with the same region's earlier plans (the same goals, linked by previousGoalId, fully reported); the oldest of
// them takes only the entries still needed to reach the total. The 2024 plan is reported as it would stand in
// mid-July: figures up to June, some goals a period or more behind, a few never reported.
//
// Pseudo-random choices hash the row's identity (md5), so every run generates the same data.
import type pg from "pg";
import { departmentName, STANDARD_DEPARTMENTS } from "@/lib/domain/departments";

export const BENCH_REGION = "基准市";
export const BENCH_YEAR = 2024;
/** The date the benchmark plan's figures stand at; also the board's asOf. */
export const BENCH_AS_OF = "2024-07-15";

export interface BenchDataOptions {
  goals: number;
  entries: number;
  /** Who submitted the figures (user ids), picked per entry. */
  submitterIds: string[];
}

export interface BenchData {
  planId: string;
  planYears: number[];
  departments: number;
  sections: number;
  goalsOnBoard: number;
  goalsInDatabase: number;
  entriesOnBoard: number;
  entriesInDatabase: number;
}

/** ~30 departments: the standard city departments and one more. Returns their ids in order. */
/** The benchmark's government: every plan, department and user belongs to it. */
export const BENCH_REGION_ID = "cbenchregion";

export async function insertDepartments(client: pg.Client): Promise<string[]> {
  await client.query(`INSERT INTO "Region" ("id", "name", "level") VALUES ($1, $2, 'city')`, [BENCH_REGION_ID, BENCH_REGION]);
  const names = [...STANDARD_DEPARTMENTS.map((base) => departmentName(base, "city")), "市大数据局"];
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "Department" ("id", "regionId", "name", "position", "updatedAt")
     SELECT 'c' || substr(md5('department-' || n), 1, 24), $2, name, n - 1, now()
     FROM unnest($1::text[]) WITH ORDINALITY AS d(name, n)
     ORDER BY n
     RETURNING "id"`,
    [names, BENCH_REGION_ID],
  );
  return rows.map((r) => r.id);
}

// metric, unit, kind, comparator, direction, accumulates, target, target high, weight (share of goals, ‰)
const GOAL_TEMPLATES: ReadonlyArray<readonly [string, string, string, string, string, boolean, string | null, string | null, number]> = [
  ["新建高标准农田", "万亩", "increment", "gte", "higher", true, "50", null, 90],
  ["新增城镇就业", "万人", "increment", "gte", "higher", true, "2.4", null, 90],
  ["改造城镇老旧小区", "个", "increment", "gte", "higher", true, "120", null, 80],
  ["新建5G基站", "个", "increment", "gte", "higher", true, "3000", null, 60],
  ["新增经营主体", "万户", "increment", "gte", "higher", true, "1.5", null, 60],
  ["新改建农村公路", "公里", "increment", "approx", "higher", true, "800", null, 50],
  ["完成人工造林", "万亩", "increment", "eq", "higher", true, "12", null, 40],
  ["地区生产总值增长", "%", "growth", "approx", "higher", false, "6", null, 60],
  ["规模以上工业增加值增长", "%", "growth", "gte", "higher", false, "7", null, 50],
  ["社会消费品零售总额增长", "%", "growth", "approx", "higher", false, "6.5", null, 50],
  ["固定资产投资增长", "%", "growth", "gte", "higher", false, "8", null, 50],
  ["城乡居民人均可支配收入增长", "%", "growth", "approx", "higher", false, "4.5", "5", 30],
  ["居民消费价格涨幅", "%", "growth", "approx", "lower", false, "3", null, 30],
  ["城镇调查失业率", "%", "ratio", "lte", "lower", false, "5.5", null, 40],
  ["单位地区生产总值能耗下降", "%", "decrease", "gte", "higher", false, "2.5", null, 40],
  ["粮食产量", "万吨", "level", "gte", "higher", false, "200", null, 40],
  ["空气质量优良天数比例", "%", "ratio", "gte", "higher", false, "90", null, 40],
  ["PM2.5平均浓度", "微克/立方米", "level", "lte", "lower", false, "30", null, 30],
  ["重点项目建设进度", "%", "milestone", "gte", "higher", false, "100", null, 40],
  ["城市更新示范工程", "%", "milestone", "eq", "higher", false, null, null, 10],
];

const TOP_SECTIONS = [
  "着力扩大有效需求", "加快建设现代化产业体系", "深化改革扩大开放", "全面推进乡村振兴", "推动城乡区域协调发展",
  "加强生态文明建设", "切实保障和改善民生", "提升城市治理水平", "统筹发展和安全", "加强政府自身建设",
];
const SUB_SECTIONS = ["稳定增长", "项目建设", "改革创新", "民生保障"];
const NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** Plans, sections, goals and entries. Departments (and the submitters) must exist already. */
export async function insertPlans(client: pg.Client, options: BenchDataOptions): Promise<BenchData> {
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  await q(`CREATE FUNCTION pg_temp.u(seed text) RETURNS double precision LANGUAGE sql IMMUTABLE
           AS $$ SELECT ('x' || substr(md5(seed), 1, 8))::bit(32)::bigint / 4294967296.0 $$`);
  await q(`CREATE FUNCTION pg_temp.cuid(seed text) RETURNS text LANGUAGE sql IMMUTABLE
           AS $$ SELECT 'c' || substr(md5(seed), 1, 24) $$`);

  // Goal templates with cumulative weights, for picking one per goal index.
  const total = GOAL_TEMPLATES.reduce((sum, t) => sum + t[8], 0);
  let upTo = 0;
  await q(`CREATE TEMP TABLE bench_template (n int, metric text, unit text, kind "GoalKind", comparator "Comparator",
           direction "Direction", accumulates boolean, target numeric, target_high numeric, lo double precision, hi double precision)`);
  for (const [n, t] of GOAL_TEMPLATES.entries()) {
    const lo = upTo / total;
    upTo += t[8];
    await q(`INSERT INTO bench_template VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [n, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], lo, upTo / total]);
  }

  // Every period of the years involved, with its end date and its index within the year.
  const firstYear = BENCH_YEAR - 10;
  await q(`CREATE TEMP TABLE bench_period AS
    SELECT y AS year, f.frequency::"Frequency" AS frequency, i AS idx, f.per_year,
           CASE f.frequency WHEN 'monthly' THEN y || '-' || lpad(i::text, 2, '0') WHEN 'quarterly' THEN y || '-Q' || i
                            WHEN 'half_yearly' THEN y || '-H' || i ELSE y::text END AS period,
           (make_date(y, i * 12 / f.per_year, 1) + interval '1 month' - interval '1 day')::date AS period_end
    FROM generate_series($1::int, $2::int) AS y,
         (VALUES ('monthly', 12), ('quarterly', 4), ('half_yearly', 2), ('annual', 1)) AS f(frequency, per_year),
         generate_series(1, f.per_year) AS i`, [firstYear, BENCH_YEAR]);

  await q(`CREATE TEMP TABLE bench_department AS SELECT "id", "position" + 1 AS n FROM "Department"`);
  const departmentCount = Number((await q(`SELECT count(*) AS n FROM bench_department`)).rows[0].n);
  // The benchmark plan's goals, once, as a template for every year.
  await q(`CREATE TEMP TABLE bench_goal AS
    SELECT i AS position, t.metric || '（' || (i / 50 + 1) || '-' || (i % 50 + 1) || '）' AS metric,
           t.unit, t.kind, t.comparator, t.direction, t.accumulates, t.target, t.target_high,
           CASE WHEN pg_temp.u('freq' || i) < 0.55 THEN 'monthly' WHEN pg_temp.u('freq' || i) < 0.85 THEN 'quarterly'
                WHEN pg_temp.u('freq' || i) < 0.95 THEN 'half_yearly' ELSE 'annual' END::"Frequency" AS frequency,
           (i * 10 / $1) AS top_section, (i * 40 / $1) % 4 AS sub_section,
           1 + floor(pg_temp.u('lead' || i) * $2)::int AS lead_department,
           0.6 + 0.7 * pg_temp.u('pace' || i) AS pace,
           pg_temp.u('diligence' || i) AS diligence
    FROM generate_series(0, $1 - 1) AS i
    JOIN bench_template t ON pg_temp.u('template' || i) >= t.lo AND pg_temp.u('template' || i) < t.hi`,
    [options.goals, departmentCount]);
  await q(`CREATE TEMP TABLE bench_submitter AS SELECT id, n FROM unnest($1::text[]) WITH ORDINALITY AS s(id, n)`, [options.submitterIds]);

  const addPlan = async (year: number) => {
    const planId = `c${year}benchplan`;
    await q(
      `INSERT INTO "Plan" ("id", "regionId", "region", "level", "year", "title", "sourceText", "updatedAt")
       SELECT $1::text, $4::text, $2::text, 'city', $3::int, $2::text || $3::int || '年政府工作报告目标任务',
              string_agg(g.metric || coalesce(g.target::text, '') || g.unit, '，' ORDER BY g.position), now()
       FROM bench_goal g`,
      [planId, BENCH_REGION, year, BENCH_REGION_ID],
    );
    // A review section first, then ten headings of four subsections each.
    await q(
      `INSERT INTO "Section" ("id", "planId", "parentId", "position", "part", "number", "title", "start", "end")
       SELECT pg_temp.cuid($1::text || '-review'), $1::text, NULL, 0, 'review', '一、', ($2::int - 1) || '年工作回顾', 0, 1000
       UNION ALL
       SELECT pg_temp.cuid($1 || '-' || t), $1, NULL, 1 + t * 5, 'plan', ($3::text[])[t + 1] || '、', ($4::text[])[t + 1],
              1000 + t * 5000, 6000 + t * 5000
       FROM generate_series(0, 9) AS t
       UNION ALL
       SELECT pg_temp.cuid($1 || '-' || t || '-' || s), $1, pg_temp.cuid($1 || '-' || t), 2 + t * 5 + s, 'plan',
              '（' || ($3::text[])[s + 1] || '）', left(($4::text[])[t + 1], 4) || ($5::text[])[s + 1],
              1000 + t * 5000 + s * 1200, 2200 + t * 5000 + s * 1200
       FROM generate_series(0, 9) AS t, generate_series(0, 3) AS s`,
      [planId, year, NUMERALS, TOP_SECTIONS, SUB_SECTIONS],
    );
    await q(
      `INSERT INTO "Goal" ("id", "planId", "sectionId", "position", "metric", "targetValue", "targetValueHigh", "unit",
                           "comparator", "kind", "direction", "accumulates", "frequency", "quote", "previousGoalId",
                           "leadDepartmentId", "createdAt", "updatedAt")
       SELECT pg_temp.cuid('goal-' || $2::int || '-' || g.position), $1::text,
              pg_temp.cuid($1 || '-' || g.top_section || '-' || g.sub_section), g.position, g.metric, g.target, g.target_high,
              g.unit, g.comparator, g.kind, g.direction, g.accumulates, g.frequency,
              g.metric || coalesce(g.target::text, '') || g.unit,
              NULL,
              d."id", make_date($2::int, 2, 20), make_date($2::int, 2, 20)
       FROM bench_goal g JOIN bench_department d ON d.n = g.lead_department`,
      [planId, year],
    );
    // One co-lead department for a fifth of the goals.
    await q(
      `INSERT INTO "GoalCoDepartment" ("goalId", "departmentId")
       SELECT pg_temp.cuid('goal-' || $1::int || '-' || g.position), d."id"
       FROM bench_goal g JOIN bench_department d ON d.n = 1 + (g.lead_department + 7) % 30
       WHERE pg_temp.u('co' || g.position) < 0.2`,
      [year],
    );
    return planId;
  };

  /**
   * Entries of one plan year: `reported` is how many of the goal's periods it has figures for (from the first).
   * Figures are year-to-date: accumulating goals grow with the share of the year at the goal's own pace, point
   * goals scatter around the target, milestones report percent done.
   */
  const addEntries = async (year: number, reported: string, limit: number | null) => {
    const { rowCount } = await q(
      `INSERT INTO "ProgressEntry" ("id", "goalId", "period", "periodEnd", "version", "value", "rawInput", "note", "state",
                                    "submittedById", "submittedAt", "reportedAt", "countedAt", "updatedAt")
       SELECT * FROM (
         SELECT pg_temp.cuid('entry-' || e.goal_id || e.period), e.goal_id, e.period, e.period_end, 1, e.value,
                trim_scale(e.value)::text, CASE WHEN pg_temp.u('note' || e.goal_id || e.period) < 0.3 THEN '截至' || e.period || '累计完成情况' END,
                -- approved two days after submission (the office's review)
                'approved'::"EntryState", s.id, e.submitted_at, e.submitted_at::date, e.submitted_at + interval '2 days', e.submitted_at
         FROM (
           SELECT pg_temp.cuid('goal-' || $1::int || '-' || g.position) AS goal_id, p.period, p.period_end, g.position, p.idx,
                  round(CASE
                    WHEN g.kind = 'milestone' THEN least(100, 100.0 * p.idx / p.per_year * g.pace)
                    WHEN g.accumulates THEN g.target * p.idx / p.per_year * g.pace * (0.95 + 0.1 * pg_temp.u('v' || g.position || p.period))
                    ELSE coalesce(g.target, 100) * (0.85 + 0.3 * pg_temp.u('v' || g.position || p.period))
                  END::numeric, 2) AS value,
                  p.period_end + make_interval(days => 1 + floor(9 * pg_temp.u('day' || g.position || p.period))::int,
                                                hours => 1 + floor(10 * pg_temp.u('hour' || g.position || p.period))::int) AS submitted_at
           FROM bench_goal g
           JOIN bench_period p ON p.year = $1::int AND p.frequency = g.frequency
           WHERE p.idx <= ${reported}
         ) e
         JOIN bench_submitter s ON s.n = 1 + floor(pg_temp.u('who' || e.goal_id) * $2)::int
         ORDER BY e.position, e.idx
         ${limit === null ? "" : `LIMIT ${Number(limit)}`}
       ) chosen
       ORDER BY 11, 1`, // arrival order: by submission time, as entries come in
      [year, options.submitterIds.length],
    );
    return rowCount ?? 0;
  };

  // The benchmark plan, as of mid-July: periods whose end has passed, minus the periods a goal is behind by.
  const planId = await addPlan(BENCH_YEAR);
  const ended = `(SELECT count(*) FROM bench_period q WHERE q.year = p.year AND q.frequency = p.frequency AND q.period_end < DATE '${BENCH_AS_OF}')`;
  const reportedNow = `${ended} - CASE WHEN g.diligence < 0.80 THEN 0 WHEN g.diligence < 0.92 THEN 1 WHEN g.diligence < 0.97 THEN 3 ELSE 12 END`;
  const entriesOnBoard = await addEntries(BENCH_YEAR, reportedNow, null);

  // Earlier years, fully reported, newest first, until the total is reached.
  const { rows } = await q(`SELECT sum(p.per_year)::int AS n FROM bench_goal g JOIN (SELECT DISTINCT frequency, per_year FROM bench_period) p USING (frequency)`);
  const perYear = Number(rows[0].n);
  const planYears = [BENCH_YEAR];
  let entriesInDatabase = entriesOnBoard;
  for (let year = BENCH_YEAR - 1; entriesInDatabase < options.entries; year--) {
    if (year < firstYear) throw new Error(`${options.entries} entries need more than ${BENCH_YEAR - firstYear} earlier years`);
    await addPlan(year);
    planYears.push(year);
    const missing = options.entries - entriesInDatabase;
    entriesInDatabase += await addEntries(year, "p.per_year", missing < perYear ? missing : null);
  }

  // Each goal's predecessor in the year before, now that every year exists.
  await q(
    `UPDATE "Goal" g SET "previousGoalId" = pg_temp.cuid('goal-' || (p."year" - 1) || '-' || g."position")
     FROM "Plan" p WHERE p."id" = g."planId" AND p."year" > $1::int`,
    [planYears.at(-1)],
  );
  // As autovacuum would have left it: statistics, visibility map, no dead rows from the UPDATE.
  await q(`VACUUM (ANALYZE)`);
  const count = async (sql: string) => Number((await q(sql)).rows[0].n);
  return {
    planId,
    planYears,
    departments: await count(`SELECT count(*) AS n FROM "Department"`),
    sections: await count(`SELECT count(*) AS n FROM "Section" WHERE "planId" = '${planId}'`),
    goalsOnBoard: await count(`SELECT count(*) AS n FROM "Goal" WHERE "planId" = '${planId}'`),
    goalsInDatabase: await count(`SELECT count(*) AS n FROM "Goal"`),
    entriesOnBoard: await count(`SELECT count(*) AS n FROM "ProgressEntry" e JOIN "Goal" g ON g.id = e."goalId" WHERE g."planId" = '${planId}'`),
    entriesInDatabase: await count(`SELECT count(*) AS n FROM "ProgressEntry"`),
  };
}
