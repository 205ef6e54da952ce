// The measured numbers behind decision 0017 (growth beyond one machine), re-made by
//   npx tsx --conditions=react-server scripts/bench/growth.ts
// 1. A scratch database (its own embedded cluster, .data/h5, port 54421, fsync off unless GROWTH_DURABLE=1) with
//    the benchmark's data (scripts/bench/data.ts): goals and approved ProgressEntry versions over several plan years,
//    each version with the two AuditEvents the app writes for it (entry.submit, entry.approve), their snapshots
//    shaped as lib/server/audit.ts writes them.
// 2. The app's own write path in process, N concurrent callers: submitEntry by the goals' departments' reporters
//    (a pending version + its AuditEvent per call), then reviewVersion (approve) by the admin. Rows/s, latencies,
//    CPU per write (this process and PostgreSQL's backends), and a count check (every ok call left exactly one row
//    and one event). Then both again with the ProgressEntry triggers off, to show what they cost a write.
// 3. Bytes per version and per audit event with indexes and TOAST (pg_total_relation_size ÷ rows, after VACUUM).
// 4. A partitioning trial: yearly copies of both tables, the app's reads timed on copies and originals.
// 5. A national projection from those numbers and the stated assumptions below (NATIONAL).
// Knobs: GROWTH_GOALS (5000), GROWTH_ENTRIES (200000), GROWTH_WRITERS (32), GROWTH_SECONDS (20 per phase),
// GROWTH_DURABLE=1 (fsync and synchronous_commit on, cluster .data/h5-durable). Results: stdout and .data/h5-growth.json.
import { execFileSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BENCH_AS_OF, BENCH_REGION_ID, BENCH_YEAR, insertDepartments, insertPlans } from "./data";
import { percentile } from "./timing";
import { ensureDatabase, serverUrl } from "../lib/database";
import { applyMigrations } from "../lib/migrate";
import { PROJECT_ROOT } from "../lib/migrations";
import type { Actor } from "../../lib/domain/permissions";

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const GOALS = numberFromEnv("GROWTH_GOALS", 5000);
const ENTRIES = numberFromEnv("GROWTH_ENTRIES", 200_000);
const WRITERS = numberFromEnv("GROWTH_WRITERS", 32);
const SECONDS = numberFromEnv("GROWTH_SECONDS", 20);
const DURABLE = process.env.GROWTH_DURABLE === "1";
const PG_PORT = 54421;
const DATABASE_NAME = "luoshi_growth";
const DATA_DIR = path.join(PROJECT_ROOT, ".data", DURABLE ? "h5-durable" : "h5");
const RESULT_FILE = path.join(PROJECT_ROOT, ".data", DURABLE ? "h5-growth-durable.json" : "h5-growth.json");

/**
 * The national installation of decision 0017: every provincial, prefecture-level and county-level government's plan.
 * Counts of governments are the administrative divisions' (rounded); goals per plan, versions per report and the
 * peak shape are assumptions, stated as such in the decision. Reports per goal per year and audit events per version
 * are measured here (the generator's frequency mix; the events the write path leaves).
 */
const NATIONAL = {
  plans: { provincial: 31, prefecture: 330, county: 2800 },
  goalsPerPlan: { provincial: 400, prefecture: 250, county: 150 },
  /** Corrections and returned versions: 30 % more versions than reports (high case: 2 versions a report). */
  versionsPerReport: 1.3,
  /** The high case: goals split into shares per department and lower government (4×), 2 versions a report. */
  high: { goalFactor: 4, versionsPerReport: 2 },
  /** Peak: every goal's report of a year-end (all frequencies due) arrives within this many working hours… */
  peakWindowHours: 7 * 8,
  /** …and its busiest hour carries this many times the window's average hour. */
  peakHourFactor: 3,
  retentionYears: 10,
};

const log = (message: string) => console.log(message);
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  for (const run of cleanups.splice(0).reverse()) await run().catch((error: unknown) => console.error(error));
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void cleanUp().then(() => process.exit(signal === "SIGINT" ? 130 : 143)));
}

/**
 * CPU time (ms) used so far by this process and by the PostgreSQL cluster's processes (the postmaster's children,
 * from /proc): a write's cost in CPU, which other work on a shared machine barely changes, unlike rows/s. Client
 * backends (the connections serving the app's queries) are told from background work (checkpointer, WAL writer,
 * autovacuum), which comes in bursts and partly pays for earlier work such as the bulk load.
 */
async function cpuMs(): Promise<{ app: number; backends: number; background: number }> {
  const usage = process.cpuUsage();
  const postmaster = Number((await readFile(path.join(DATA_DIR, "postmaster.pid"), "utf8")).split("\n")[0]);
  let backends = 0;
  let background = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // Fields after the command (which may hold spaces), from field 3: state, ppid, …, utime (14), stime (15).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(entry) !== postmaster && Number(fields[1]) !== postmaster) continue;
    const ticks = Number(fields[11]) + Number(fields[12]);
    // A client backend's title: "postgres: <user> <database> <address> <state>".
    const title = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (title.startsWith(`postgres: postgres ${DATABASE_NAME} `)) backends += ticks;
    else background += ticks;
  }
  return { app: (usage.user + usage.system) / 1000, backends: (backends * 1000) / CLOCK_TICKS, background: (background * 1000) / CLOCK_TICKS };
}
const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

interface Phase {
  name: string;
  writers: number;
  seconds: number;
  calls: number;
  ok: number;
  refused: Record<string, number>;
  rowsPerSecond: number;
  /** CPU per acknowledged write: this process (the app's code, Prisma, pg) and PostgreSQL's processes. */
  cpuMsPerRow: { app: number; backends: number; background: number };
  /** What `cores` fully used would sustain at that CPU cost — a ceiling derived from the cost, not a measured rate. */
  cpuBoundRowsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

/** Runs `op` over `items` with `writers` concurrent callers until the items or the time run out. */
async function drive<T>(name: string, items: readonly T[], writers: number, seconds: number, op: (item: T) => Promise<string | null>): Promise<Phase & { okItems: T[] }> {
  let next = 0;
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  const okItems: T[] = [];
  const cpuBefore = await cpuMs();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < items.length && performance.now() < deadline) {
        const item = items[next++]!;
        const t0 = performance.now();
        const refusal = await op(item);
        latencies.push(performance.now() - t0);
        if (refusal === null) okItems.push(item);
        else refused[refusal] = (refused[refusal] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = await cpuMs();
  const perRow = (key: "app" | "backends" | "background") => (cpuAfter[key] - cpuBefore[key]) / Math.max(1, okItems.length);
  const sorted = latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name, writers, seconds: round(elapsed), calls: latencies.length, ok: okItems.length, refused, okItems,
    rowsPerSecond: round(okItems.length / elapsed),
    cpuMsPerRow: { app: round(perRow("app")), backends: round(perRow("backends")), background: round(perRow("background")) },
    // The app and the backends serving it; background work is shown beside it, not counted.
    cpuBoundRowsPerSecond: Math.round((os.cpus().length * 1000) / (perRow("app") + perRow("backends"))),
    latencyMs: sorted.length
      ? { p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), p99: round(percentile(sorted, 0.99)), max: round(sorted.at(-1)!) }
      : { p50: 0, p95: 0, p99: 0, max: 0 },
  };
}

async function freshDatabase(): Promise<string> {
  const cluster = await ensureDatabase({ dataDir: DATA_DIR, port: PG_PORT, databaseName: "postgres", ephemeral: !DURABLE, embeddedOnly: true, log });
  cleanups.push(cluster.stop);
  const maintenance = new pg.Client({ connectionString: serverUrl(PG_PORT) });
  await maintenance.connect();
  try {
    await maintenance.query(`DROP DATABASE IF EXISTS ${DATABASE_NAME} WITH (FORCE)`);
    await maintenance.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await maintenance.end();
  }
  return serverUrl(PG_PORT, DATABASE_NAME);
}

/**
 * The AuditEvents the app would have written for the generated versions: entry.submit (no before for a first
 * version; after = the pending row) and entry.approve (the pending row → the approved one), each snapshot the JSON
 * of the whole Prisma row as lib/server/audit.ts snapshot() makes it (Decimal as a string, dates as ISO instants).
 */
async function insertAuditEvents(client: pg.Client, adminId: string): Promise<number> {
  await client.query(`CREATE FUNCTION pg_temp.iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$`);
  await client.query(`CREATE FUNCTION pg_temp.snap(e "ProgressEntry", approved boolean) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object(
      'id', e."id", 'goalId', e."goalId", 'period', e."period", 'periodEnd', pg_temp.iso(e."periodEnd" AT TIME ZONE 'UTC'),
      'version', e."version", 'value', trim_scale(e."value")::text, 'rawInput', e."rawInput", 'note', e."note",
      'state', CASE WHEN approved THEN 'approved' ELSE 'pending' END, 'submittedById', e."submittedById",
      'submittedAt', pg_temp.iso(e."submittedAt"), 'reportedAt', pg_temp.iso(e."reportedAt" AT TIME ZONE 'UTC'),
      'countedAt', CASE WHEN approved THEN pg_temp.iso(e."countedAt") END,
      'reviewedById', CASE WHEN approved THEN e."reviewedById" END, 'reviewedAt', CASE WHEN approved THEN pg_temp.iso(e."reviewedAt") END,
      'reviewNote', e."reviewNote", 'warnings', e."warnings",
      'updatedAt', pg_temp.iso(CASE WHEN approved THEN e."reviewedAt" ELSE e."submittedAt" END)) $$`);
  const { rowCount } = await client.query(
    `INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after", "at")
     SELECT * FROM (
       SELECT 'c' || substr(md5('audit-submit-' || e."id"), 1, 24), e."submittedById", 'entry.submit', 'ProgressEntry', e."id",
              NULL::jsonb, pg_temp.snap(e, false), e."submittedAt"
       FROM "ProgressEntry" e
       UNION ALL
       SELECT 'c' || substr(md5('audit-approve-' || e."id"), 1, 24), $1::text, 'entry.approve', 'ProgressEntry', e."id",
              pg_temp.snap(e, false), pg_temp.snap(e, true), e."reviewedAt"
       FROM "ProgressEntry" e
     ) events
     ORDER BY 8, 1`, // arrival order
    [adminId],
  );
  return rowCount ?? 0;
}

interface TableSize {
  table: string;
  rows: number;
  heapBytes: number;
  toastAndMapsBytes: number;
  indexBytes: number;
  totalBytes: number;
  bytesPerRow: number;
  indexes: Record<string, number>;
}

async function tableSize(client: pg.Client, table: string): Promise<TableSize> {
  const { rows: [size] } = await client.query(
    `SELECT (SELECT count(*) FROM "${table}")::bigint AS rows, pg_relation_size($1::regclass) AS heap,
            pg_table_size($1::regclass) AS "table", pg_indexes_size($1::regclass) AS indexes, pg_total_relation_size($1::regclass) AS total`,
    [`"${table}"`],
  );
  const { rows: indexes } = await client.query<{ name: string; bytes: string }>(
    `SELECT indexrelid::regclass::text AS name, pg_relation_size(indexrelid) AS bytes FROM pg_index WHERE indrelid = $1::regclass ORDER BY 1`,
    [`"${table}"`],
  );
  const rows = Number(size.rows);
  return {
    table, rows, heapBytes: Number(size.heap), toastAndMapsBytes: Number(size.table) - Number(size.heap),
    indexBytes: Number(size.indexes), totalBytes: Number(size.total), bytesPerRow: Math.round(Number(size.total) / rows),
    indexes: Object.fromEntries(indexes.map((i) => [i.name, Number(i.bytes)])),
  };
}

/**
 * Average stored row width (pg_column_size of the whole row) of rows the write path made vs generated ones, per
 * `groupBy` value: the generated snapshots must weigh what the app's do (a generated entry.submit has no `before`,
 * being a first version; the run's are corrections, with one).
 */
async function rowWidths(client: pg.Client, table: string, timeColumn: string, groupBy: string, since: Date): Promise<Record<string, { generated: number; app: number }>> {
  const { rows } = await client.query<{ key: string; generated: string; app: string }>(
    `SELECT t."${groupBy}"::text AS key, avg(pg_column_size(t.*)) FILTER (WHERE t."${timeColumn}" < $1) AS generated,
            avg(pg_column_size(t.*)) FILTER (WHERE t."${timeColumn}" >= $1) AS app
     FROM "${table}" t GROUP BY 1 ORDER BY 1`,
    [since],
  );
  return Object.fromEntries(rows.map((w) => [w.key, { generated: Math.round(Number(w.generated)), app: Math.round(Number(w.app)) }]));
}

/**
 * The partitioning of decision 0017 tried on copies of the two tables: ProgressEntry by RANGE ("periodEnd") and
 * AuditEvent by RANGE ("at"), a partition a year, with the keys a partitioned table needs (the partition column in
 * the primary key and in every unique index). Times the app's three shapes of read on the copies and on the
 * originals in the same rounds: the board's per-goal probe (board.ts), a version by id (review, withdraw), a goal's
 * 变更记录 (audit-view.ts) — and counts the partitions the board's probe actually visits (run-time pruning).
 */
async function tryPartitioning(client: pg.Client, planId: string, cutoff: Date): Promise<PartitionTrial> {
  const { rows: [span] } = await client.query(
    `SELECT (SELECT min(extract(year FROM "periodEnd"))::int FROM "ProgressEntry") AS e0, (SELECT max(extract(year FROM "periodEnd"))::int FROM "ProgressEntry") AS e1,
            (SELECT min(extract(year FROM "at"))::int FROM "AuditEvent") AS a0, (SELECT max(extract(year FROM "at"))::int FROM "AuditEvent") AS a1`,
  );
  const yearly = async (table: string, first: number, last: number) => {
    for (let y = first; y <= last; y++) {
      await client.query(`CREATE TABLE "${table}_${y}" PARTITION OF "${table}" FOR VALUES FROM ('${y}-01-01') TO ('${y + 1}-01-01')`);
    }
    await client.query(`CREATE TABLE "${table}_default" PARTITION OF "${table}" DEFAULT`);
    return last - first + 1;
  };
  await client.query(`DROP TABLE IF EXISTS "EntryByYear", "AuditByYear"`);
  await client.query(`CREATE TABLE "EntryByYear" (LIKE "ProgressEntry" INCLUDING DEFAULTS) PARTITION BY RANGE ("periodEnd")`);
  const entryPartitions = await yearly("EntryByYear", span.e0, span.e1);
  await client.query(`INSERT INTO "EntryByYear" SELECT * FROM "ProgressEntry"`);
  await client.query(`ALTER TABLE "EntryByYear" ADD PRIMARY KEY ("id", "periodEnd")`);
  // (goalId, period, version) stays unique: a period has one end, so adding it changes nothing.
  await client.query(`CREATE UNIQUE INDEX ON "EntryByYear" ("goalId", "period", "version", "periodEnd")`);
  await client.query(`CREATE INDEX ON "EntryByYear" ("goalId", "periodEnd" DESC)`);
  await client.query(`CREATE INDEX ON "EntryByYear" ("state", "submittedAt")`);
  await client.query(`CREATE TABLE "AuditByYear" (LIKE "AuditEvent" INCLUDING DEFAULTS) PARTITION BY RANGE ("at")`);
  const auditPartitions = await yearly("AuditByYear", span.a0, span.a1);
  await client.query(`INSERT INTO "AuditByYear" SELECT * FROM "AuditEvent"`);
  await client.query(`ALTER TABLE "AuditByYear" ADD PRIMARY KEY ("id", "at")`);
  await client.query(`CREATE INDEX ON "AuditByYear" ("entityType", "entityId", "at")`);
  await client.query(`CREATE INDEX ON "AuditByYear" ("at")`);
  // The verdict triggers of decision 0018 (statement triggers with transition tables) on the partitioned root.
  const triggers = (await client.query<{ name: string; definition: string }>(
    `SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger WHERE tgrelid = '"ProgressEntry"'::regclass AND NOT tgisinternal`,
  )).rows;
  for (const t of triggers) {
    const onCopy = t.definition.replace(`"${t.name}"`, `"${t.name}_byyear"`).replace(` ON public."ProgressEntry" `, ` ON public."EntryByYear" `);
    if (!onCopy.includes(`"EntryByYear"`)) throw new Error(`Unexpected trigger definition: ${t.definition}`);
    await client.query(onCopy);
  }
  await client.query(`VACUUM (ANALYZE) "EntryByYear"`);
  await client.query(`VACUUM (ANALYZE) "AuditByYear"`);

  const board = (entries: string) => `
    SELECT g."id", l."period", l."value", l."state", l."version"
    FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId"
    LEFT JOIN LATERAL (
      SELECT e."period", e."value", e."state", e."version" FROM "${entries}" e
      WHERE e."goalId" = g."id" AND e."periodEnd" <= make_date(p."year", 12, 31) AND e."periodEnd" >= make_date(p."year", 1, 1)
        AND e."state" = 'approved' AND e."countedAt" < $2
      ORDER BY e."periodEnd" DESC FETCH FIRST 1 ROWS WITH TIES
    ) l ON TRUE
    WHERE g."planId" = $1 AND g."archivedAt" IS NULL ORDER BY g."position", g."id"`;
  const byId = (entries: string) => `SELECT * FROM "${entries}" WHERE "id" = ANY($1::text[])`;
  const trail = (audit: string, entries: string) => `
    SELECT a."id", a."at" FROM "${audit}" a
    WHERE a."entityType" = 'ProgressEntry' AND a."entityId" = ANY(ARRAY(SELECT pe."id" FROM "${entries}" pe WHERE pe."goalId" = $1))
    ORDER BY a."at" DESC, a."id" DESC LIMIT 51`;
  // The same, told what it may: a goal's versions all end in its plan year, and no event of them is older than the
  // goal. With those bounds both subqueries can skip other years' partitions.
  const trailSince = (audit: string, entries: string) => `
    WITH goal AS (SELECT g."createdAt", p."year" FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId" WHERE g."id" = $1)
    SELECT a."id", a."at" FROM "${audit}" a
    WHERE a."entityType" = 'ProgressEntry' AND a."entityId" = ANY(ARRAY(
        SELECT pe."id" FROM "${entries}" pe, goal
        WHERE pe."goalId" = $1 AND pe."periodEnd" >= make_date(goal."year", 1, 1) AND pe."periodEnd" <= make_date(goal."year", 12, 31)))
      AND a."at" >= (SELECT "createdAt" FROM goal)
    ORDER BY a."at" DESC, a."id" DESC LIMIT 51`;
  const ids = (await client.query<{ id: string }>(`SELECT "id" FROM "ProgressEntry" ORDER BY md5("id") LIMIT 200`)).rows.map((r) => r.id);
  const goalIds = (await client.query<{ id: string }>(`SELECT "id" FROM "Goal" WHERE "planId" = $1 ORDER BY md5("id") LIMIT 50`, [planId])).rows.map((r) => r.id);

  const ROUNDS = 15;
  const samples: Record<string, number[]> = {};
  const time = async (name: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    (samples[name] ??= []).push(performance.now() - t);
  };
  for (let round = 0; round < ROUNDS + 2; round++) {
    const measured = round >= 2; // two warm-up rounds
    const t = (name: string, run: () => Promise<unknown>) => (measured ? time(name, run) : run());
    for (const [suffix, entries, audit] of [["plain", "ProgressEntry", "AuditEvent"], ["partitioned", "EntryByYear", "AuditByYear"]] as const) {
      await t(`board ${suffix}`, () => client.query(board(entries), [planId, cutoff]));
      await t(`200 versions by id ${suffix}`, () => client.query(byId(entries), [ids]));
      await t(`50 goal trails ${suffix}`, async () => {
        for (const goalId of goalIds) await client.query(trail(audit, entries), [goalId]);
      });
      await t(`50 goal trails bounded ${suffix}`, async () => {
        for (const goalId of goalIds) await client.query(trailSince(audit, entries), [goalId]);
      });
    }
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([name, xs]) => [name, Math.round(percentile([...xs].sort((a, b) => a - b), 0.5) * 10) / 10]));

  // The board's probe on the partitioned copy: which partitions' index scans ran at all.
  const { rows: [plan] } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${board("EntryByYear")}`, [planId, cutoff]);
  const visited = new Set<string>();
  const walk = (node: Record<string, unknown>) => {
    if (typeof node["Relation Name"] === "string" && (node["Relation Name"] as string).startsWith("EntryByYear_") && Number(node["Actual Loops"]) > 0) {
      visited.add(node["Relation Name"] as string);
    }
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk((plan["QUERY PLAN"] as { Plan: Record<string, unknown> }[])[0]!.Plan);
  // Planning vs execution of one goal's trail (the app sends parameters, so every call is planned afresh): a
  // partitioned table's cost is mostly in planning, which grows with the number of partitions.
  const planning: Record<string, { planningMs: number; executionMs: number }> = {};
  for (const [suffix, entries, audit] of [["plain", "ProgressEntry", "AuditEvent"], ["partitioned", "EntryByYear", "AuditByYear"]] as const) {
    for (const [shape, sql] of [["goal trail", trail(audit, entries)], ["goal trail bounded", trailSince(audit, entries)], ["board", board(entries)]] as const) {
      const times = { planningMs: [] as number[], executionMs: [] as number[] };
      for (const goalId of goalIds.slice(0, 15)) {
        const { rows: [explained] } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, shape === "board" ? [planId, cutoff] : [goalId]);
        const top = (explained["QUERY PLAN"] as { "Planning Time": number; "Execution Time": number }[])[0]!;
        times.planningMs.push(top["Planning Time"]);
        times.executionMs.push(top["Execution Time"]);
      }
      const median = (xs: number[]) => Math.round(percentile([...xs].sort((a, b) => a - b), 0.5) * 100) / 100;
      planning[`${shape} ${suffix}`] = { planningMs: median(times.planningMs), executionMs: median(times.executionMs) };
    }
  }
  const size = async (table: string) => Number((await client.query(
    `SELECT sum(pg_total_relation_size(inhrelid)) AS n FROM pg_inherits WHERE inhparent = $1::regclass`, [`"${table}"`])).rows[0].n);
  return {
    entryPartitions, auditPartitions, triggersOnPartitionedRoot: triggers.map((t) => t.name), boardPartitionsVisited: [...visited].sort(), medianMs: medians, planning,
    bytes: { EntryByYear: await size("EntryByYear"), AuditByYear: await size("AuditByYear") },
  };
}

interface PartitionTrial {
  entryPartitions: number;
  auditPartitions: number;
  triggersOnPartitionedRoot: string[];
  boardPartitionsVisited: string[];
  medianMs: Record<string, number>;
  planning: Record<string, { planningMs: number; executionMs: number }>;
  bytes: { EntryByYear: number; AuditByYear: number };
}

async function main(): Promise<void> {
  await mkdir(path.dirname(RESULT_FILE), { recursive: true });
  const databaseUrl = await freshDatabase();
  await applyMigrations(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;
  const { createPrismaClient, setAppClient } = await import("../../lib/server/prisma-client");
  const prisma = createPrismaClient(databaseUrl);
  setAppClient(prisma);
  cleanups.push(async () => {
    setAppClient(undefined);
    await prisma.$disconnect();
  });
  const { submitEntry } = await import("../../lib/server/entries");
  const { reviewVersion } = await import("../../lib/server/review");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  cleanups.push(() => client.end());
  if (DURABLE) log(`Cluster: fsync ${(await client.query("SHOW fsync")).rows[0].fsync}, synchronous_commit ${(await client.query("SHOW synchronous_commit")).rows[0].synchronous_commit}`);

  // An admin (the 督查室, who approves) and one reporter per department (who submit their goals' figures). They
  // act in process, so no password or session is needed.
  await insertDepartments(client);
  const departments = (await client.query<{ id: string; name: string }>(`SELECT "id", "name" FROM "Department" ORDER BY "position"`)).rows;
  const scope = { regionId: BENCH_REGION_ID, below: [BENCH_REGION_ID], parentId: null };
  const person = (username: string, name: string, role: Actor["role"], department: { id: string; name: string } | null): Actor => ({
    userId: `growth-${username}`, username, name, role, departmentId: department?.id ?? null, departmentName: department?.name ?? null, scope,
  });
  const admin = person("growth_admin", "督查室管理员", "admin", null);
  const reporters = new Map(departments.map((d, n) => [d.id, person(`growth_reporter${n + 1}`, `填报员${n + 1}`, "reporter", d)]));
  await prisma.user.createMany({
    data: [admin, ...reporters.values()].map((a) => ({
      id: a.userId, username: a.username, displayUsername: a.username, name: a.name, email: `${a.username}@users.luoshi.invalid`,
      role: a.role, departmentId: a.departmentId, regionId: BENCH_REGION_ID,
    })),
  });

  log(`Generating ${GOALS} goals a year and ${ENTRIES} approved versions…`);
  const t0 = performance.now();
  // Bulk-loaded as a restore would be: without triggers on this session (the kept verdicts of decision 0018 are
  // derived, and are not what is measured here; per-row goal triggers made the generator's UPDATEs take minutes).
  // The write path below runs on the app's own connections, triggers and all.
  await client.query(`SET session_replication_role = replica`);
  const data = await insertPlans(client, { goals: GOALS, entries: ENTRIES, submitterIds: [...reporters.values()].map((r) => r.userId) });
  // The generator leaves approved versions without a reviewer; the app always records who approved and when.
  await client.query(`UPDATE "ProgressEntry" SET "reviewedById" = $1, "reviewedAt" = "countedAt", "updatedAt" = "countedAt"`, [admin.userId]);
  const events = await insertAuditEvents(client, admin.userId);
  await client.query(`SET session_replication_role = DEFAULT`);
  // What the skipped triggers would have kept: the review queue (待审核).
  if ((await client.query(`SELECT to_regproc('luoshi_rebuild_review_queue') IS NOT NULL AS present`)).rows[0].present) {
    await client.query(`SELECT "luoshi_rebuild_review_queue"()`);
  }
  // What the skipped triggers would have left: a (stale) kept verdict row for every goal (decision 0018).
  if ((await client.query(`SELECT to_regproc('luoshi_stale_verdicts') IS NOT NULL AS present`)).rows[0].present) {
    await client.query(`SELECT "luoshi_stale_verdicts"(ARRAY(SELECT "id" FROM "Goal"))`);
    await client.query(`VACUUM (ANALYZE) "GoalVerdict"`);
  }
  await client.query(`VACUUM (FULL, ANALYZE) "ProgressEntry"`);
  await client.query(`VACUUM (ANALYZE) "AuditEvent"`);
  log(`  ${data.entriesInDatabase} versions, ${events} audit events, ${data.goalsInDatabase} goals in ${data.planYears.length} plans (${data.planYears.at(-1)}–${data.planYears[0]}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Reports a goal makes in a fully reported year (the generator's frequency mix: monthly, quarterly, …).
  const fullYear = data.planYears.length > 2 ? data.planYears[1]! : BENCH_YEAR;
  const { rows: [mix] } = await client.query(
    `SELECT count(DISTINCT g."id")::int AS goals, count(e."id")::int AS reports FROM "Goal" g JOIN "Plan" p ON p."id" = g."planId"
     LEFT JOIN "ProgressEntry" e ON e."goalId" = g."id" WHERE p."year" = $1`,
    [fullYear],
  );
  const reportsPerGoalYear = Number(mix.reports) / Number(mix.goals);

  // The work: a new version (a correction) of every reported period of the benchmark plan, in a fixed shuffled
  // order, each by the reporter of the goal's lead department. One new version per (goal, period), so every one
  // can then be approved (only the newest pending version of a period can be).
  const { rows: work } = await client.query<{ goalId: string; departmentId: string; period: string; value: string }>(
    `SELECT e."goalId", g."leadDepartmentId" AS "departmentId", e."period", trim_scale(e."value")::text AS "value"
     FROM "ProgressEntry" e JOIN "Goal" g ON g."id" = e."goalId" WHERE g."planId" = $1
     ORDER BY md5(e."goalId" || e."period")`,
    [data.planId],
  );
  const submitted = new Map<(typeof work)[number], string>();
  let firstRefusal: unknown;
  const submit = async (w: (typeof work)[number]): Promise<string | null> => {
    const result = await submitEntry(reporters.get(w.departmentId)!, w.goalId, { period: w.period, value: w.value, note: "数据更正", confirm: true });
    if (!result.ok) {
      firstRefusal ??= { goalId: w.goalId, period: w.period, value: w.value, error: result.error };
      return result.error.code;
    }
    submitted.set(w, result.value.version.id);
    return null;
  };
  const approve = async (versionId: string): Promise<string | null> => {
    const result = await reviewVersion(admin, versionId, { action: "approve" });
    return result.ok ? null : result.error.code;
  };

  // What the write path did besides its own statements depends on the schema: the last migration and the triggers.
  const schema = {
    lastMigration: (await client.query(`SELECT max("migration_name") AS name FROM "_prisma_migrations"`)).rows[0].name as string,
    entryTriggers: (await client.query<{ name: string }>(
      `SELECT tgname AS name FROM pg_trigger WHERE tgrelid = '"ProgressEntry"'::regclass AND NOT tgisinternal ORDER BY 1`,
    )).rows.map((r) => r.name),
  };
  const runStart = new Date((await client.query(`SELECT now() AS now`)).rows[0].now);
  const loadBefore = os.loadavg();
  // Warm-up (module JIT, the connection pool): real writes, checked with the rest, not timed.
  const warm = work.splice(0, 2 * WRITERS);
  await drive("warm-up", warm, Math.min(4, WRITERS), 600, submit);
  log(`Submitting with ${WRITERS} concurrent callers for ${SECONDS} s (submitEntry: a pending version + its audit event)…`);
  const submitPhase = await drive("submitEntry", work, WRITERS, SECONDS, submit);
  log(`Approving with ${WRITERS} concurrent callers for ${SECONDS} s (reviewVersion: the version approved + its audit event)…`);
  const pending = [...submitted.values()];
  const approvePhase = await drive("reviewVersion approve", pending, WRITERS, SECONDS, approve);
  // The same two phases with the user triggers on ProgressEntry (the kept verdicts' staling, decision 0018) switched
  // off, on the work left: what those triggers cost each write. Not a way to run the app — a diagnosis.
  const extraPhases: Phase[] = [];
  let extraApprovals = 0;
  if (schema.entryTriggers.length) {
    log(`The same without the triggers on ProgressEntry (${SECONDS} s each)…`);
    await client.query(`ALTER TABLE "ProgressEntry" DISABLE TRIGGER USER`);
    try {
      const before = new Set(submitted.values());
      const { okItems: _s, ...untriggeredSubmit } = await drive("submitEntry, no triggers", work.slice(submitPhase.calls), WRITERS, SECONDS, submit);
      const { okItems, ...untriggeredApprove } = await drive("reviewVersion, no triggers", [...submitted.values()].filter((id) => !before.has(id)), WRITERS, SECONDS, approve);
      extraPhases.push(untriggeredSubmit, untriggeredApprove);
      extraApprovals = okItems.length;
    } finally {
      await client.query(`ALTER TABLE "ProgressEntry" ENABLE TRIGGER USER`);
    }
  }
  const loadAfter = os.loadavg();

  // Every acknowledged call left exactly one row and one event; nothing else was written.
  const count = async (sql: string, params: unknown[]) => Number((await client.query(sql, params)).rows[0].n);
  const check = {
    acknowledgedSubmits: submitted.size,
    newVersions: await count(`SELECT count(*) AS n FROM "ProgressEntry" WHERE "submittedAt" >= $1`, [runStart]),
    submitEvents: await count(`SELECT count(*) AS n FROM "AuditEvent" WHERE "action" = 'entry.submit' AND "at" >= $1`, [runStart]),
    acknowledgedApprovals: approvePhase.ok + extraApprovals,
    approvedNow: await count(`SELECT count(*) AS n FROM "ProgressEntry" WHERE "submittedAt" >= $1 AND "state" = 'approved'`, [runStart]),
    approveEvents: await count(`SELECT count(*) AS n FROM "AuditEvent" WHERE "action" = 'entry.approve' AND "at" >= $1`, [runStart]),
  };
  const consistent = check.acknowledgedSubmits === check.newVersions && check.newVersions === check.submitEvents &&
    check.acknowledgedApprovals === check.approvedNow && check.approvedNow === check.approveEvents;

  // Sizes as autovacuum would leave them (the approvals' old row versions reclaimed for reuse, not returned).
  await client.query(`VACUUM (ANALYZE) "ProgressEntry"`);
  await client.query(`VACUUM (ANALYZE) "AuditEvent"`);
  const entrySize = await tableSize(client, "ProgressEntry");
  const auditSize = await tableSize(client, "AuditEvent");
  const widths = {
    ProgressEntry: await rowWidths(client, "ProgressEntry", "submittedAt", "state", runStart),
    AuditEvent: await rowWidths(client, "AuditEvent", "at", "action", runStart),
  };
  log("Partitioning trial: yearly copies of both tables, the app's reads timed on both…");
  const partitioning = await tryPartitioning(client, data.planId, new Date(`${BENCH_AS_OF}T16:00:00Z`));
  const auditPerVersion = 2; // entry.submit + entry.approve (or entry.return), as counted above

  // ---- the national projection ----
  const goals = NATIONAL.plans.provincial * NATIONAL.goalsPerPlan.provincial + NATIONAL.plans.prefecture * NATIONAL.goalsPerPlan.prefecture +
    NATIONAL.plans.county * NATIONAL.goalsPerPlan.county;
  const scenario = (name: string, goalsPerYear: number, versionsPerReport: number) => {
    const reports = goalsPerYear * reportsPerGoalYear;
    const versions = reports * versionsPerReport;
    const auditEvents = versions * auditPerVersion;
    const bytes = versions * entrySize.bytesPerRow + auditEvents * auditSize.bytesPerRow;
    // Year-end: every goal's report is due (monthly, quarterly, half-yearly and annual at once).
    const peakVersions = goalsPerYear * versionsPerReport;
    const peakPerSecond = (peakVersions / (NATIONAL.peakWindowHours * 3600)) * NATIONAL.peakHourFactor;
    return {
      name, goalsPerYear, reportsPerYear: Math.round(reports), versionsPerYear: Math.round(versions), auditEventsPerYear: Math.round(auditEvents),
      gbPerYear: Math.round((bytes / 1e9) * 10) / 10, gbAfterRetention: Math.round((bytes * NATIONAL.retentionYears) / 1e9),
      peakVersionsPerSecond: Math.round(peakPerSecond * 10) / 10,
      // Each version is written once and reviewed once: two transactions of the write path.
      peakShareOfMeasured: Math.round((peakPerSecond / submitPhase.rowsPerSecond + peakPerSecond / approvePhase.rowsPerSecond) * 1000) / 10,
      peakShareOfCpuBound: Math.round((peakPerSecond / submitPhase.cpuBoundRowsPerSecond + peakPerSecond / approvePhase.cpuBoundRowsPerSecond) * 1000) / 10,
    };
  };
  const national = [scenario("base", goals, NATIONAL.versionsPerReport), scenario("high", goals * NATIONAL.high.goalFactor, NATIONAL.high.versionsPerReport)];

  const result = {
    at: new Date().toISOString(), durable: DURABLE, cpus: os.cpus().length, loadAverage: { before: loadBefore, after: loadAfter },
    schema,
    knobs: { goals: GOALS, entries: ENTRIES, writers: WRITERS, seconds: SECONDS },
    sample: { ...data, auditEvents: events, reportsPerGoalYear: Math.round(reportsPerGoalYear * 100) / 100, fullYear },
    phases: [...[submitPhase, approvePhase].map(({ okItems: _, ...p }) => p), ...extraPhases],
    check: { ...check, consistent },
    sizes: [entrySize, auditSize], rowWidths: widths, partitioning,
    assumptions: NATIONAL, national,
  };
  await writeFile(RESULT_FILE, JSON.stringify(result, null, 2));

  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  log(`\nCluster: ${DURABLE ? "durable (fsync on)" : "ephemeral (fsync off, synchronous_commit off)"}; ${os.cpus().length} CPUs; load average ${loadBefore[0]!.toFixed(2)} → ${loadAfter[0]!.toFixed(2)}`);
  log(`Schema: up to ${schema.lastMigration}; triggers on ProgressEntry: ${schema.entryTriggers.join(", ") || "none"}`);
  log(`Sample: ${data.goalsInDatabase} goals, ${entrySize.rows} versions, ${auditSize.rows} audit events; ${result.sample.reportsPerGoalYear} reports a goal in ${fullYear}`);
  for (const p of result.phases) {
    log(`${p.name.padEnd(24)} ${String(p.writers).padStart(3)} callers  ${String(p.ok).padStart(6)} ok in ${p.seconds} s = ${p.rowsPerSecond} rows/s` +
      `  p50 ${p.latencyMs.p50} ms  p95 ${p.latencyMs.p95} ms  p99 ${p.latencyMs.p99} ms` +
      `  CPU/row app ${p.cpuMsPerRow.app} ms + PostgreSQL backends ${p.cpuMsPerRow.backends} ms → ${p.cpuBoundRowsPerSecond} rows/s on ${os.cpus().length} free cores` +
      ` (PostgreSQL background ${p.cpuMsPerRow.background} ms/row besides)` +
      (Object.keys(p.refused).length ? `  refused ${JSON.stringify(p.refused)}` : ""));
  }
  if (firstRefusal) log(`First refused submission: ${JSON.stringify(firstRefusal)}`);
  log(`Check: ${JSON.stringify(check)} → ${consistent ? "every acknowledged write present once with its event" : "MISMATCH"}`);
  for (const s of [entrySize, auditSize]) {
    log(`${s.table.padEnd(14)} ${s.rows} rows: heap ${mb(s.heapBytes)}, TOAST+maps ${mb(s.toastAndMapsBytes)}, indexes ${mb(s.indexBytes)} = ${mb(s.totalBytes)} → ${s.bytesPerRow} B/row`);
    for (const [name, bytes] of Object.entries(s.indexes)) log(`  ${name.padEnd(44)} ${mb(bytes)} (${Math.round(bytes / s.rows)} B/row)`);
  }
  for (const [table, byKey] of Object.entries(widths)) {
    log(`Row width (pg_column_size) of ${table}, generated / written by the app: ` +
      Object.entries(byKey).map(([key, w]) => `${key} ${w.generated || "–"} / ${w.app || "–"} B`).join(", "));
  }
  log(`Partitioned copies: ${partitioning.entryPartitions} + default partitions of versions (${mb(partitioning.bytes.EntryByYear)}), ` +
    `${partitioning.auditPartitions} + default of audit events (${mb(partitioning.bytes.AuditByYear)}); the board's probe visited ${partitioning.boardPartitionsVisited.join(", ")}; ` +
    `triggers made on the partitioned root: ${partitioning.triggersOnPartitionedRoot.join(", ") || "none"}`);
  log(`  medians (ms): ${Object.entries(partitioning.medianMs).map(([name, ms]) => `${name} ${ms}`).join("; ")}`);
  log(`  planning + execution (ms, median of 15): ${Object.entries(partitioning.planning).map(([name, t]) => `${name} ${t.planningMs} + ${t.executionMs}`).join("; ")}`);
  for (const n of national) {
    log(`National (${n.name}): ${n.goalsPerYear} goals × ${result.sample.reportsPerGoalYear} reports × ${n.name === "base" ? NATIONAL.versionsPerReport : NATIONAL.high.versionsPerReport} versions = ` +
      `${n.versionsPerYear} versions + ${n.auditEventsPerYear} audit events a year = ${n.gbPerYear} GB/year, ${n.gbAfterRetention} GB after ${NATIONAL.retentionYears} years; ` +
      `peak ${n.peakVersionsPerSecond} versions/s (each submitted and approved) = ${n.peakShareOfMeasured} % of the measured write path, ` +
      `${n.peakShareOfCpuBound} % of its CPU-bound ceiling`);
  }
  log(`Results: ${path.relative(process.cwd(), RESULT_FILE)}`);
  if (!consistent) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(cleanUp);
