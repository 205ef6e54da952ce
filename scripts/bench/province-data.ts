// The province of the scale benchmark (issue 11), generated set-based in SQL (INSERT … SELECT over generate_series)
// so a million entry versions and their audit events take minutes, not hours.
//
// A province, its cities and their counties/districts — each government with its departments, a 督查室 admin, a
// reporter per department and a plan for every year: the current one (the year of the as-of date) and as many
// earlier ones (the same goals, linked by previousGoalId) as it takes to reach the number of entry versions asked
// for. The province's own plan is the largest; the other governments share the rest of the goals.
//
// Every reported period gets versions in the states a real year leaves behind: most approved by the region's admin
// some days after submission (the last weeks' figures within a month); some returned with a reason and resubmitted
// (version 2), some corrected after approval, some withdrawn and resubmitted; whatever was not yet reviewed by the
// as-of day is still pending, and nothing is dated after it. Each version comes with the AuditEvents the app writes for it (entry.submit, then entry.approve,
// entry.return or entry.withdraw), with `before`/`after` snapshots of the row's shape (lib/server/audit.ts). Past
// months are locked (关账). Pseudo-random choices hash the row's identity (md5), so a size always gives the same data.
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { departmentName, STANDARD_DEPARTMENTS, type PlanLevel } from "@/lib/domain/departments";

export interface ProvinceSize {
  cities: number;
  countiesPerCity: number;
  /** Goals in the current year, over every plan. */
  goals: number;
  /** Of which in the province's own plan. */
  provinceGoals: number;
  /** Entry versions to reach, over the current and earlier years. */
  versions: number;
}

export const PROVINCE_SIZES: Record<"quick" | "full", ProvinceSize> = {
  quick: { cities: 3, countiesPerCity: 6, goals: 2_000, provinceGoals: 1_000, versions: 100_000 },
  full: { cities: 14, countiesPerCity: 14, goals: 20_000, provinceGoals: 10_000, versions: 1_000_000 },
};

/** The province's departments that report in the load test: one writer each. */
export const WRITER_DEPARTMENTS = 32;
const PROVINCE_EXTRA_DEPARTMENTS = ["大数据局", "能源局", "粮食和物资储备局"];
export const PROVINCE_ADMIN = { username: "prov_admin", password: "province-admin-password" };
const PROVINCE_REGION_SEED = 0;

export interface Province {
  year: number;
  asOf: string;
  regions: number;
  departments: number;
  users: number;
  plans: number;
  planYears: number[];
  goalsThisYear: number;
  goalsInDatabase: number;
  versions: number;
  versionsThisYear: number;
  versionStates: Record<string, number>;
  corrections: number;
  auditEvents: number;
  periodLocks: number;
  /** The province's plan of the current year: the largest. */
  planId: string;
  planGoals: number;
  provinceRegionId: string;
  /** Bearer tokens: the province admin's, and one reporter's per writer department with the goals it leads. */
  adminToken: string;
  writers: { username: string; token: string; goalIds: { id: string; frequency: string }[] }[];
  generatedSeconds: number;
}

// metric, unit, kind, comparator, direction, accumulates, target, target high
const GOAL_TEMPLATES: ReadonlyArray<readonly [string, string, string, string, string, boolean, string | null, string | null]> = [
  ["新建高标准农田", "万亩", "increment", "gte", "higher", true, "50", null],
  ["新增城镇就业", "万人", "increment", "gte", "higher", true, "2.4", null],
  ["改造城镇老旧小区", "个", "increment", "gte", "higher", true, "120", null],
  ["新建5G基站", "个", "increment", "gte", "higher", true, "3000", null],
  ["新改建农村公路", "公里", "increment", "approx", "higher", true, "800", null],
  ["地区生产总值增长", "%", "growth", "approx", "higher", false, "6", null],
  ["固定资产投资增长", "%", "growth", "gte", "higher", false, "8", null],
  ["城乡居民人均可支配收入增长", "%", "growth", "approx", "higher", false, "4.5", "5"],
  ["城镇调查失业率", "%", "ratio", "lte", "lower", false, "5.5", null],
  ["粮食产量", "万吨", "level", "gte", "higher", false, "200", null],
  ["空气质量优良天数比例", "%", "ratio", "gte", "higher", false, "90", null],
  ["重点项目建设进度", "%", "milestone", "gte", "higher", false, "100", null],
];
const SECTIONS = ["着力扩大有效需求", "加快建设现代化产业体系", "全面推进乡村振兴", "加强生态文明建设", "切实保障和改善民生"];
const RETURN_REASONS = ["与统计局口径不一致，请核实", "单位有误，请按万亩填报", "累计数小于上期，请说明原因", "缺少佐证材料，请补充后重报"];

/** Hashes a bearer token as lib/server/tokens.ts stores it. */
async function tokenRow(): Promise<{ token: string; hash: string }> {
  const { generateToken, hashToken } = await import("@/lib/server/tokens");
  const token = generateToken();
  return { token, hash: hashToken(token) };
}

/**
 * A version's AuditEvent snapshot, as snapshot() in lib/server/audit.ts writes a ProgressEntry row: decimals as
 * strings, times as ISO strings in UTC (columns are UTC timestamps), dates at midnight UTC.
 */
function entryJson(a: string): string {
  const iso = (column: string) => `to_char(${a}.${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `jsonb_build_object('id', ${a}.id, 'goalId', ${a}.goal_id, 'period', ${a}.period, 'periodEnd', ${iso("period_end")},
    'version', ${a}.version, 'value', trim_scale(${a}.value)::text, 'rawInput', ${a}.raw_input, 'note', ${a}.note, 'state', ${a}.state,
    'submittedById', ${a}.submitter, 'submittedAt', ${iso("submitted_at")}, 'reportedAt', ${iso("reported_at")},
    'countedAt', ${iso("counted_at")}, 'reviewedById', ${a}.reviewer, 'reviewedAt', ${iso("reviewed_at")}, 'reviewNote', ${a}.review_note,
    'warnings', NULL, 'updatedAt', ${iso("updated_at")})`;
}

/**
 * A session for the bulk load: the hashing helpers, and — data consistent by construction — foreign keys not
 * re-checked row by row (superuser only; elsewhere they are).
 */
async function loadSession(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE FUNCTION pg_temp.u(seed text) RETURNS double precision LANGUAGE sql IMMUTABLE
           AS $$ SELECT ('x' || substr(md5(seed), 1, 8))::bit(32)::bigint / 4294967296.0 $$`);
  await client.query(`CREATE FUNCTION pg_temp.cuid(seed text) RETURNS text LANGUAGE sql IMMUTABLE
           AS $$ SELECT 'c' || substr(md5(seed), 1, 24) $$`);
  await client.query(`SET session_replication_role = replica`).catch(() => undefined);
  return client;
}

/** Generates the province; the years' versions two at a time, on two sessions (the machine's two cores). */
export async function insertProvince(databaseUrl: string, size: ProvinceSize, asOf: string, log: (message: string) => void): Promise<Province> {
  const started = performance.now();
  const sessions = [await loadSession(databaseUrl), await loadSession(databaseUrl)] as const;
  try {
    return await generate(sessions, size, asOf, log, started);
  } finally {
    await Promise.all(sessions.map((s) => s.end()));
  }
}

async function generate(sessions: readonly [pg.Client, pg.Client], size: ProvinceSize, asOf: string, log: (message: string) => void, started: number): Promise<Province> {
  const [client] = sessions;
  const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
  const year = Number(asOf.slice(0, 4));
  // The secondary indexes of the two big tables are built once at the end.
  const { rows: indexRows } = await q(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = current_schema() AND i.tablename IN ('ProgressEntry', 'AuditEvent') AND NOT x.indisunique`,
  );
  for (const row of indexRows) await q(`DROP INDEX "${row.indexname}"`);

  // Regions: n 0 is the province, 1..cities its cities, then each city's counties (every third a district).
  const regionCount = 1 + size.cities * (1 + size.countiesPerCity);
  const otherGoals = size.goals - size.provinceGoals;
  await q(
    `CREATE UNLOGGED TABLE pv_region AS
     WITH r AS (
       SELECT 0 AS n, NULL::int AS parent, '基准省' AS name, 'province'::"PlanLevel" AS level
       UNION ALL
       SELECT c, 0, '基准' || c || '市', 'city' FROM generate_series(1, $1::int) AS c
       UNION ALL
       SELECT $1::int + (c - 1) * $2::int + k, c, '基准' || c || '市' || k || CASE WHEN k % 3 = 0 THEN '区' ELSE '县' END,
              (CASE WHEN k % 3 = 0 THEN 'district' ELSE 'county' END)::"PlanLevel"
       FROM generate_series(1, $1::int) AS c, generate_series(1, $2::int) AS k
     )
     SELECT r.*, pg_temp.cuid('region-' || r.n) AS id, pg_temp.cuid('region-' || r.parent) AS parent_id,
            CASE WHEN r.n = 0 THEN $3::int ELSE $4::int / ($5::int - 1) + CASE WHEN r.n <= $4::int % ($5::int - 1) THEN 1 ELSE 0 END END AS goals
     FROM r`,
    [size.cities, size.countiesPerCity, size.provinceGoals, otherGoals, regionCount],
  );
  await q(`INSERT INTO "Region" ("id", "name", "level", "parentId", "position")
           SELECT id, name, level, CASE WHEN parent IS NULL THEN NULL ELSE parent_id END, n FROM pv_region ORDER BY n`);

  // Departments: the standard ones with the level's prefix (the province also has the extra ones, so that every
  // writer has a department of its own); a reporter for each, and an admin per government.
  const levels: PlanLevel[] = ["province", "city", "county", "district"];
  const names = levels.map((level) => [...STANDARD_DEPARTMENTS, ...(level === "province" ? PROVINCE_EXTRA_DEPARTMENTS : [])].map((base) => departmentName(base, level)));
  await q(
    `CREATE UNLOGGED TABLE pv_department AS
     SELECT r.n AS region_n, d.k, pg_temp.cuid('department-' || r.n || '-' || d.k) AS id, r.id AS region_id, d.name,
            pg_temp.cuid('reporter-' || r.n || '-' || d.k) AS reporter_id
     FROM pv_region r
     JOIN (SELECT l.level, x.name, x.k FROM unnest($1::text[]) WITH ORDINALITY AS l(level, i),
             LATERAL (SELECT * FROM jsonb_array_elements_text(($2::jsonb) -> (l.i::int - 1)) WITH ORDINALITY AS e(name, k)) x) d
       ON d.level = r.level::text`,
    [levels, JSON.stringify(names)],
  );
  await q(`INSERT INTO "Department" ("id", "regionId", "name", "position", "updatedAt") SELECT id, region_id, name, k - 1, now() FROM pv_department`);
  await q(`INSERT INTO "user" ("id", "name", "email", "username", "displayUsername", "role", "regionId", "departmentId", "updatedAt")
           SELECT reporter_id, name || '填报员', 'r' || region_n || '_' || k || '@users.luoshi.invalid', 'r' || region_n || '_' || k, 'r' || region_n || '_' || k,
                  'reporter'::"UserRole", region_id, id, now()
           FROM pv_department
           UNION ALL
           SELECT pg_temp.cuid('admin-' || n), name || '督查室', 'a' || n || '@users.luoshi.invalid', 'a' || n, 'a' || n, 'admin'::"UserRole", id, NULL, now()
           FROM pv_region`);
  // The province admin signs in (the board page): a password, hashed as the app hashes it.
  const { hashPassword } = await import("better-auth/crypto");
  await q(`UPDATE "user" SET "username" = $2, "displayUsername" = $2, "email" = $2 || '@users.luoshi.invalid' WHERE "id" = pg_temp.cuid('admin-' || $1::int)`,
    [PROVINCE_REGION_SEED, PROVINCE_ADMIN.username]);
  await q(`INSERT INTO "account" ("id", "accountId", "providerId", "userId", "password", "updatedAt")
           VALUES (pg_temp.cuid('account-admin'), pg_temp.cuid('admin-0'), 'credential', pg_temp.cuid('admin-0'), $1, now())`,
    [await hashPassword(PROVINCE_ADMIN.password)]);

  // Every period of the years involved, with its end date and its index within the year.
  const firstYear = year - 15;
  await q(`CREATE UNLOGGED TABLE pv_period AS
    SELECT y AS year, f.frequency::"Frequency" AS frequency, i AS idx, f.per_year,
           CASE f.frequency WHEN 'monthly' THEN y || '-' || lpad(i::text, 2, '0') WHEN 'quarterly' THEN y || '-Q' || i
                            WHEN 'half_yearly' THEN y || '-H' || i ELSE y::text END AS period,
           (make_date(y, i * 12 / f.per_year, 1) + interval '1 month' - interval '1 day')::date AS period_end
    FROM generate_series($1::int, $2::int) AS y,
         (VALUES ('monthly', 12), ('quarterly', 4), ('half_yearly', 2), ('annual', 1)) AS f(frequency, per_year),
         generate_series(1, f.per_year) AS i`, [firstYear, year]);
  await q(`CREATE UNLOGGED TABLE pv_template (n int, metric text, unit text, kind "GoalKind", comparator "Comparator", direction "Direction",
           accumulates boolean, target numeric, target_high numeric)`);
  for (const [n, t] of GOAL_TEMPLATES.entries()) await q(`INSERT INTO pv_template VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [n, ...t]);
  // The goals of every government, once, as a template for every year.
  await q(
    `CREATE UNLOGGED TABLE pv_goal AS
     SELECT r.n AS region_n, r.id AS region_id, r.goals AS region_goals, i AS position,
            t.metric || '（' || (i / 20 + 1) || '-' || (i % 20 + 1) || '）' AS metric, t.unit, t.kind, t.comparator, t.direction, t.accumulates,
            t.target, t.target_high,
            CASE WHEN pg_temp.u('freq' || r.n || '-' || i) < 0.55 THEN 'monthly' WHEN pg_temp.u('freq' || r.n || '-' || i) < 0.85 THEN 'quarterly'
                 WHEN pg_temp.u('freq' || r.n || '-' || i) < 0.95 THEN 'half_yearly' ELSE 'annual' END::"Frequency" AS frequency,
            d.id AS lead_department, d.reporter_id AS submitter, pg_temp.cuid('admin-' || r.n) AS reviewer,
            0.6 + 0.7 * pg_temp.u('pace' || r.n || '-' || i) AS pace,
            -- how far behind the department is this year: most not at all, a few months, a few never report
            CASE WHEN pg_temp.u('diligence' || r.n || '-' || i) < 0.80 THEN 0 WHEN pg_temp.u('diligence' || r.n || '-' || i) < 0.92 THEN 1
                 WHEN pg_temp.u('diligence' || r.n || '-' || i) < 0.97 THEN 3 ELSE 12 END AS months_behind
     FROM pv_region r
     CROSS JOIN LATERAL generate_series(0, r.goals - 1) AS i
     JOIN pv_template t ON t.n = floor(pg_temp.u('template' || r.n || '-' || i) * ${GOAL_TEMPLATES.length})::int
     JOIN pv_department d ON d.region_n = r.n
       AND d.k = 1 + floor(pg_temp.u('lead' || r.n || '-' || i) * CASE WHEN r.n = 0 THEN ${WRITER_DEPARTMENTS} ELSE ${STANDARD_DEPARTMENTS.length} END)::int`,
  );

  /** A year's plans, sections, goals and locks (its versions: addVersions). */
  const addYear = async (y: number) => {
    await q(
      `INSERT INTO "Plan" ("id", "regionId", "region", "level", "year", "title", "sourceText", "updatedAt")
       SELECT pg_temp.cuid('plan-' || n || '-' || $1::int), id, name, level, $1::int, name || $1::int || '年政府工作报告目标任务', '（基准测试生成）',
              make_timestamp($1::int, 2, 20, 2, 0, 0)
       FROM pv_region`,
      [y],
    );
    await q(
      `INSERT INTO "Section" ("id", "planId", "parentId", "position", "part", "number", "title", "start", "end")
       SELECT pg_temp.cuid('section-' || r.n || '-' || $1::int || '-' || s.i), pg_temp.cuid('plan-' || r.n || '-' || $1::int), NULL, s.i, 'plan',
              ($2::text[])[s.i] || '、', s.title, s.i * 1000, s.i * 1000 + 999
       FROM pv_region r, unnest($3::text[]) WITH ORDINALITY AS s(title, i)`,
      [y, ["一", "二", "三", "四", "五"], SECTIONS],
    );
    await q(
      `INSERT INTO "Goal" ("id", "planId", "sectionId", "position", "metric", "targetValue", "targetValueHigh", "unit", "comparator", "kind",
                           "direction", "accumulates", "frequency", "quote", "previousGoalId", "leadDepartmentId", "createdAt", "updatedAt")
       SELECT pg_temp.cuid('goal-' || g.region_n || '-' || $1::int || '-' || g.position), pg_temp.cuid('plan-' || g.region_n || '-' || $1::int),
              pg_temp.cuid('section-' || g.region_n || '-' || $1::int || '-' || (1 + g.position * 5 / g.region_goals)), g.position, g.metric,
              g.target, g.target_high, g.unit, g.comparator, g.kind, g.direction, g.accumulates, g.frequency,
              g.metric || coalesce(trim_scale(g.target)::text, '') || g.unit,
              CASE WHEN $1::int > $2::int THEN pg_temp.cuid('goal-' || g.region_n || '-' || ($1::int - 1) || '-' || g.position) END,
              g.lead_department, make_timestamp($1::int, 2, 20, 2, 0, 0), make_timestamp($1::int, 2, 20, 2, 0, 0)
       FROM pv_goal g`,
      [y, firstYear],
    );
    // 关账: every month of a past year; this year, the months up to two before the as-of month.
    await q(
      `INSERT INTO "PeriodLock" ("id", "planId", "period", "reason", "lockedById", "lockedAt")
       SELECT pg_temp.cuid('lock-' || r.n || '-' || p.period), pg_temp.cuid('plan-' || r.n || '-' || $1::int), p.period, p.idx || '月报表已报送，关账',
              pg_temp.cuid('admin-' || r.n), p.period_end + interval '20 days'
       FROM pv_region r JOIN pv_period p ON p.year = $1::int AND p.frequency = 'monthly' AND p.period_end + interval '1 month' < $2::date`,
      [y, asOf],
    );
  };

  /**
   * The entry versions of one plan year and their audit events, in one statement. A reported period has one or two
   * versions: v1 approved (most), or v1 returned / approved then corrected / withdrawn, and v2 approved. A version
   * submitted after the as-of day does not exist; one reviewed after it is still pending.
   */
  const addVersions = async (session: pg.Client, y: number) => {
    const { rows } = await session.query(
      `WITH slot AS (
         SELECT pg_temp.cuid('goal-' || g.region_n || '-' || $1::int || '-' || g.position) AS goal_id, g.submitter, g.reviewer, p.period, p.period_end,
                round(CASE
                  WHEN g.kind = 'milestone' THEN least(100, 100.0 * p.idx / p.per_year * g.pace)
                  WHEN g.accumulates THEN g.target * p.idx / p.per_year * g.pace * (0.95 + 0.1 * pg_temp.u('v' || g.region_n || '-' || g.position || p.period))
                  ELSE coalesce(g.target, 100) * (0.85 + 0.3 * pg_temp.u('v' || g.region_n || '-' || g.position || p.period))
                END::numeric, 2) AS value,
                pg_temp.u('story' || g.region_n || '-' || g.position || p.period) AS story,
                p.period_end + make_interval(days => 1 + floor(9 * pg_temp.u('day' || g.region_n || '-' || g.position || p.period))::int,
                                             hours => 1 + floor(10 * pg_temp.u('hour' || g.region_n || '-' || g.position || p.period))::int) AS t1,
                -- the office reviews within 1–5 days, the last weeks' figures within a month (a queue as of today)
                1 + floor(CASE WHEN p.period_end > $2::date - 45 THEN 30 ELSE 5 END
                          * pg_temp.u('review' || g.region_n || '-' || g.position || p.period))::int AS review_days
         FROM pv_goal g
         JOIN pv_period p ON p.year = $1::int AND p.frequency = g.frequency
         WHERE p.year < extract(year FROM $2::date) OR p.period_end < $2::date - make_interval(months => g.months_behind)
       ), planned AS (
         SELECT s.*, v.version,
                CASE WHEN s.story < 0.04 THEN 'returned' WHEN s.story < 0.085 AND v.version = 1 AND s.story >= 0.07 THEN 'withdrawn' ELSE 'approved' END AS final_state,
                CASE WHEN v.version = 1 THEN s.t1
                     WHEN s.story < 0.04 THEN s.t1 + interval '2 days'            -- resubmitted after the return
                     WHEN s.story < 0.07 THEN s.t1 + interval '20 days'           -- a correction of an approved figure
                     ELSE s.t1 + interval '1 day' END AS submitted_at,            -- resubmitted after withdrawing
                CASE WHEN v.version = 1 AND s.story < 0.04 THEN s.value * 10 WHEN v.version = 2 AND s.story >= 0.04 AND s.story < 0.07 THEN round(s.value * 1.02, 2)
                     ELSE s.value END AS value_now
         FROM slot s CROSS JOIN LATERAL generate_series(1, CASE WHEN s.story < 0.085 THEN 2 ELSE 1 END) AS v(version)
       ), timed AS (
         SELECT p.*,
                CASE WHEN p.final_state = 'returned' AND p.version = 2 THEN 'approved' ELSE p.final_state END AS state_then,
                CASE WHEN p.final_state = 'withdrawn' THEN NULL
                     WHEN p.final_state = 'returned' AND p.version = 1 THEN p.submitted_at + interval '1 day'
                     ELSE p.submitted_at + make_interval(days => p.review_days) END AS reviewed_then
         FROM planned p
         WHERE p.submitted_at < $2::date - interval '8 hours'
       ), version AS (
         SELECT pg_temp.cuid('entry-' || t.goal_id || t.period || '-' || t.version) AS id, t.goal_id, t.period, t.period_end, t.version,
                t.value_now AS value, trim_scale(t.value_now)::text AS raw_input,
                CASE WHEN pg_temp.u('note' || t.goal_id || t.period) < 0.3 THEN '截至' || t.period || '累计完成情况' END AS note,
                CASE WHEN t.state_then = 'withdrawn' THEN CASE WHEN t.submitted_at + interval '3 hours' < $2::date - interval '8 hours' THEN 'withdrawn' ELSE 'pending' END
                     WHEN t.reviewed_then < $2::date - interval '8 hours' THEN t.state_then ELSE 'pending' END::"EntryState" AS state,
                t.submitter, t.submitted_at, (t.submitted_at + interval '8 hours')::date::timestamp AS reported_at, t.reviewer AS reviewer_then,
                t.reviewed_then, t.state_then, t.story
         FROM timed t
       ), final AS (
         SELECT v.id, v.goal_id, v.period, v.period_end::timestamp AS period_end, v.version, v.value, v.raw_input, v.note, v.state, v.submitter,
                v.submitted_at, v.reported_at,
                CASE WHEN v.state = 'approved' THEN v.reviewed_then END AS counted_at,
                CASE WHEN v.state IN ('approved', 'returned') THEN v.reviewer_then END AS reviewer,
                CASE WHEN v.state IN ('approved', 'returned') THEN v.reviewed_then END AS reviewed_at,
                CASE WHEN v.state = 'returned' THEN ($3::text[])[1 + floor(v.story * 100)::int % ${RETURN_REASONS.length}] END AS review_note,
                CASE WHEN v.state IN ('approved', 'returned') THEN v.reviewed_then WHEN v.state = 'withdrawn' THEN v.submitted_at + interval '3 hours'
                     ELSE v.submitted_at END AS updated_at
         FROM version v
       ), snapshot AS (
         SELECT f.*, ${entryJson("f")} AS json FROM final f
       ), audited_version AS (
         SELECT s.*, lag(s.json) OVER (PARTITION BY s.goal_id, s.period ORDER BY s.version) AS previous_json,
                s.json || jsonb_build_object('state', 'pending', 'countedAt', NULL, 'reviewedById', NULL, 'reviewedAt', NULL, 'reviewNote', NULL,
                  'updatedAt', to_char(s.submitted_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS submitted_json
         FROM snapshot s
       ), inserted AS (
         INSERT INTO "ProgressEntry" ("id", "goalId", "period", "periodEnd", "version", "value", "rawInput", "note", "state", "submittedById",
                                      "submittedAt", "reportedAt", "countedAt", "reviewedById", "reviewedAt", "reviewNote", "warnings", "updatedAt")
         SELECT id, goal_id, period, period_end, version, value, raw_input, note, state, submitter, submitted_at, reported_at, counted_at, reviewer,
                reviewed_at, review_note, NULL, updated_at
         FROM final ORDER BY submitted_at
         RETURNING "id"
       ), audited AS (
         INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after", "at")
         SELECT pg_temp.cuid('audit-submit-' || f.id), f.submitter, 'entry.submit', 'ProgressEntry', f.id, f.previous_json, f.submitted_json, f.submitted_at
         FROM audited_version f
         UNION ALL
         SELECT pg_temp.cuid('audit-review-' || f.id), CASE WHEN f.state = 'withdrawn' THEN f.submitter ELSE f.reviewer END,
                CASE f.state WHEN 'approved' THEN 'entry.approve' WHEN 'returned' THEN 'entry.return' ELSE 'entry.withdraw' END,
                'ProgressEntry', f.id, f.submitted_json, f.json, f.updated_at
         FROM audited_version f WHERE f.state <> 'pending'
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM inserted)::int AS versions, (SELECT count(*) FROM audited)::int AS events`,
      [y, asOf, RETURN_REASONS],
    );
    return { versions: Number(rows[0].versions), events: Number(rows[0].events) };
  };

  // The current year and the one before, then earlier years two at a time, until the versions asked for are there.
  const planYears: number[] = [];
  let versions = 0;
  let versionsThisYear = 0;
  for (let y = year; versions < size.versions || y === year; y -= 2) {
    if (y - 1 < firstYear) throw new Error(`${size.versions} versions need more than ${year - firstYear} earlier years`);
    for (const each of [y, y - 1]) await addYear(each);
    const added = await Promise.all([addVersions(sessions[0], y), addVersions(sessions[1], y - 1)]);
    for (const [i, a] of added.entries()) {
      planYears.push(y - i);
      versions += a.versions;
      if (y - i === year) versionsThisYear = a.versions;
      log(`  ${y - i}: ${a.versions} versions, ${a.events} audit events (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  // previousGoalId of the oldest year points at a year that does not exist.
  await q(`UPDATE "Goal" g SET "previousGoalId" = NULL FROM "Plan" p WHERE p."id" = g."planId" AND p."year" = $1::int`, [planYears.at(-1)]);
  // Tokens: the province admin's (reads, reviews) and one reporter's per writer department.
  const admin = await tokenRow();
  const writerTokens = await Promise.all(Array.from({ length: WRITER_DEPARTMENTS }, tokenRow));
  await q(
    `INSERT INTO "ApiToken" ("id", "userId", "name", "tokenHash")
     SELECT pg_temp.cuid('token-admin'), pg_temp.cuid('admin-0'), '基准测试', $1
     UNION ALL
     SELECT pg_temp.cuid('token-' || k), pg_temp.cuid('reporter-0-' || k), '基准测试', h FROM unnest($2::text[]) WITH ORDINALITY AS t(h, k)`,
    [admin.hash, writerTokens.map((t) => t.hash)],
  );
  const planId = (await q(`SELECT pg_temp.cuid('plan-0-' || $1::int) AS id`, [year])).rows[0].id as string;
  const { rows: led } = await q(
    `SELECT d.k, g."id", g."frequency" FROM "Goal" g JOIN pv_department d ON d.id = g."leadDepartmentId" WHERE g."planId" = $1 ORDER BY d.k, g."position"`,
    [planId],
  );
  const writers = writerTokens.map((t, i) => ({
    username: `r0_${i + 1}`,
    token: t.token,
    goalIds: led.filter((r) => Number(r.k) === i + 1).map((r) => ({ id: String(r.id), frequency: String(r.frequency) })),
  }));
  for (const table of ["pv_goal", "pv_template", "pv_period", "pv_department", "pv_region"]) await q(`DROP TABLE ${table}`);
  log(`  indexes and statistics…`);
  await Promise.all(sessions.map(async (session, i) => {
    for (const row of indexRows.filter((_, n) => n % 2 === i)) await session.query(row.indexdef);
  }));
  // What the triggers skipped in this session would have kept: the review queue (待审核).
  await q(`SELECT "luoshi_rebuild_review_queue"()`);
  // As autovacuum would have left it: statistics, visibility map.
  await q(`VACUUM (ANALYZE)`);

  const count = async (sql: string, params: unknown[] = []) => Number((await q(sql, params)).rows[0].n);
  const { rows: stateRows } = await q(`SELECT "state", count(*)::int AS n FROM "ProgressEntry" GROUP BY 1 ORDER BY 1`);
  return {
    year,
    asOf,
    regions: await count(`SELECT count(*) AS n FROM "Region"`),
    departments: await count(`SELECT count(*) AS n FROM "Department"`),
    users: await count(`SELECT count(*) AS n FROM "user"`),
    plans: await count(`SELECT count(*) AS n FROM "Plan"`),
    planYears,
    goalsThisYear: await count(`SELECT count(*) AS n FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId" WHERE p."year" = $1::int`, [year]),
    goalsInDatabase: await count(`SELECT count(*) AS n FROM "Goal"`),
    versions: await count(`SELECT count(*) AS n FROM "ProgressEntry"`),
    versionsThisYear,
    versionStates: Object.fromEntries(stateRows.map((r) => [r.state, Number(r.n)])),
    corrections: await count(`SELECT count(*) AS n FROM "ProgressEntry" WHERE "version" > 1`),
    auditEvents: await count(`SELECT count(*) AS n FROM "AuditEvent"`),
    periodLocks: await count(`SELECT count(*) AS n FROM "PeriodLock"`),
    planId,
    planGoals: await count(`SELECT count(*) AS n FROM "Goal" WHERE "planId" = $1`, [planId]),
    provinceRegionId: (await q(`SELECT pg_temp.cuid('region-0') AS id`)).rows[0].id as string,
    adminToken: admin.token,
    writers,
    generatedSeconds: (performance.now() - started) / 1000,
  };
}

/** A unique tag for one write of the load test, kept in its note so it can be counted in the database afterwards. */
export function writeTag(writer: number, sequence: number, run: string): string {
  return `${writeTagPrefix(run)}w${String(writer).padStart(2, "0")}-${String(sequence).padStart(7, "0")}`;
}

/** What every tag of a run starts with (and no other run's: the space ends the run id). */
export function writeTagPrefix(run: string): string {
  return `基准写入 ${run} `;
}

/** A short id for one run, so the writes of a run are told apart from any earlier ones. */
export function runId(): string {
  return createHash("sha256").update(randomBytes(16)).digest("hex").slice(0, 8);
}
