// npm run bench — performance bars of the issue, measured on generated data:
//   - the board page (GET /plans/<id>, HTTP against `next start`) with 5,000 goals and 200,000 entries, next to
//     getBoard alone (in process) and the bare SQL aggregate of the same information (the "SQL floor");
//     target: board ≤ 3 × SQL floor, at p50 and p95;
//   - extraction speed, target ≥ 1 MB of report text per second on one core;
//   - the year-end summary (scripts/bench/summary-exports.ts): the summary page, .docx and .xlsx of a 100-goal plan
//     (< 1 s each), the .docx and .xlsx of the 5,000-goal plan (< 10 s), a 500-row 批量填报 upload (< 5 s);
//   - an import (scripts/bench/import.ts): a 40,000-character .docx and .pdf to a ready review screen (< 2 s).
//   - the board page's JavaScript (scripts/bench/js-weight.ts): gzip level-6 sizes of the scripts its HTML references (≤ 150 KB);
//   - the province (scripts/bench/province.ts): ≥ 200 regions, 20,000 goals, ≥ 1,000,000 entry versions (BENCH_SCALE=full;
//     quick by default), boards and plan list under HTTP load at concurrency 1 and 16 while 32 writers post figures,
//     lost/duplicated writes, summary exports, server memory; on a database and a server (port BENCH_PORT + 1, or
//     BENCH_PORT when alone) of its own.
//     BENCH_ONLY=province runs just that stage; its results also go to .data/bench/province.json.
// It starts its own PostgreSQL (.data/bench, port 54349; or the server of BENCH_DATABASE_URL) with a fresh
// database, and its own production build (see scripts/bench/app-server.ts). Results: stdout and
// .data/bench/last.json. Knobs: BENCH_ITERATIONS (30), BENCH_WARMUP (5), BENCH_PORT (3190), BENCH_PG_PORT
// (54349), BENCH_GOALS (5000), BENCH_ENTRIES (200000), BENCH_SKIP_PAGE=1 (no build, no page timing).
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { benchExtraction } from "./bench-extract";
import { prepareAppBuild, signIn, startAppServer, stopBuilding } from "./bench/app-server";
import { BENCH_AS_OF, BENCH_REGION_ID, insertDepartments, insertPlans, type BenchData } from "./bench/data";
import type { Actor } from "../lib/domain/permissions";
import { sqlFloor, statusCounts } from "./bench/sql-floor";
import { benchImport, type ImportBench } from "./bench/import";
import { jsWeightLine, measureJsWeight, type JsWeight } from "./bench/js-weight";
import { filledTemplate, insertSmallPlan, insertUploadPlan, SUMMARY_TARGETS, timeAlone, type SummaryBench } from "./bench/summary-exports";
import { timeRounds, type Timing } from "./bench/timing";
import { benchProvince, printProvinceReport } from "./bench/province";
import { ensureDatabase, serverUrl } from "./lib/database";
import { applyMigrations } from "./lib/migrate";
import { PROJECT_ROOT } from "./lib/migrations";

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const ITERATIONS = numberFromEnv("BENCH_ITERATIONS", 30);
const WARMUP = numberFromEnv("BENCH_WARMUP", 5);
const APP_PORT = numberFromEnv("BENCH_PORT", 3190);
const PG_PORT = numberFromEnv("BENCH_PG_PORT", 54349);
const GOALS = numberFromEnv("BENCH_GOALS", 5000);
const ENTRIES = numberFromEnv("BENCH_ENTRIES", 200_000);
const SKIP_PAGE = process.env.BENCH_SKIP_PAGE === "1";
const ONLY = process.env.BENCH_ONLY;
const TARGET_RATIO = 3;
const TARGET_MB_PER_SECOND = 1;
const DATABASE_NAME = "luoshi_bench";
const ADMIN = { username: "bench_admin", password: "bench-admin-password" };

const benchDir = path.join(PROJECT_ROOT, ".data", "bench");
const log = (message: string) => console.log(message);

// Undone in reverse order on the way out, errors and signals included.
const cleanups: { name: string; run: () => Promise<void> }[] = [];
let cleaningUp: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  return (cleaningUp ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup.run().catch((error: unknown) => console.error(`${cleanup.name}: ${error instanceof Error ? error.message : error}`));
    }
  })());
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupted = true;
    log(`\n${signal}: stopping…`);
    void cleanUp().then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

async function main(): Promise<void> {
  await mkdir(benchDir, { recursive: true });
  if (ONLY !== undefined && ONLY !== "province") throw new Error(`BENCH_ONLY=${ONLY}: the only stage that runs alone is "province"`);
  cleanups.push({ name: "next build", run: stopBuilding });
  if (ONLY !== "province") await benchBoardAndMore();
  if (interrupted) return;
  if (SKIP_PAGE) {
    log("Province stage skipped (BENCH_SKIP_PAGE=1: it needs the app over HTTP).");
    return;
  }
  const appDir = await prepareAppBuild(benchDir, log);
  const databaseUrl = await freshDatabase(`${DATABASE_NAME}_province`);
  await applyMigrations(databaseUrl);
  const province = await benchProvince({
    appDir, databaseUrl, port: ONLY === "province" ? APP_PORT : APP_PORT + 1, benchDir, log,
    onCleanup: (name, run) => cleanups.push({ name, run }),
    interrupted: () => interrupted,
  });
  const json = `${JSON.stringify(province, null, 2)}\n`;
  await writeFile(path.join(benchDir, "province.json"), json);
  // last.json holds every stage's latest results: the province's beside the others (kept from their last run).
  const last = JSON.parse(await readFile(path.join(benchDir, "last.json"), "utf8").catch(() => "{}")) as Record<string, unknown>;
  await writeFile(path.join(benchDir, "last.json"), `${JSON.stringify({ ...last, province }, null, 2)}\n`);
  printProvinceReport(province, log);
  log(`Written to ${path.relative(process.cwd(), path.join(benchDir, "province.json"))} and last.json`);
}

/** The board, extraction, summary, import and JavaScript stages, on the 5,000-goal plan. */
async function benchBoardAndMore(): Promise<void> {
  log("Extraction benchmark (one core)…");
  const extraction = await benchExtraction();

  const appDir = SKIP_PAGE ? null : await prepareAppBuild(benchDir, log);

  const databaseUrl = await freshDatabase(DATABASE_NAME);
  await applyMigrations(databaseUrl);

  // lib/server reads DATABASE_URL when its client is first used; one pool for the seeding and getBoard.
  process.env.DATABASE_URL = databaseUrl;
  const { createPrismaClient, setAppClient } = await import("../lib/server/prisma-client");
  const prisma = createPrismaClient(databaseUrl);
  setAppClient(prisma);
  cleanups.push({ name: "Prisma", run: async () => {
    setAppClient(undefined);
    await prisma.$disconnect();
  } });
  const { insertUser } = await import("../lib/server/users");
  const { getBoard } = await import("../lib/server/board");

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  cleanups.push({ name: "pg", run: () => client.end() });

  log(`Generating ${GOALS} goals and ${ENTRIES} entries…`);
  const generatedAt = performance.now();
  const departmentIds = await insertDepartments(client);
  const users = await prisma.$transaction(async (tx) => {
    const admin = await insertUser(tx, { ...ADMIN, name: "基准测试管理员", role: "admin", departmentId: null, regionId: BENCH_REGION_ID });
    await insertUser(tx, { username: "bench_leader", password: "bench-leader-password", name: "基准测试领导", role: "leader", departmentId: null, regionId: BENCH_REGION_ID });
    const reporters = [];
    for (const [n, departmentId] of departmentIds.slice(0, 5).entries()) {
      reporters.push(await insertUser(tx, { username: `bench_reporter${n + 1}`, password: "bench-reporter-password", name: `填报员${n + 1}`, role: "reporter", departmentId }));
    }
    return { admin, reporters };
  }, { timeout: 120_000 }); // seven password hashes (scrypt) on a busy machine
  const data = await insertPlans(client, { goals: GOALS, entries: ENTRIES, submitterIds: [users.admin.id, ...users.reporters.map((r) => r.id)] });
  log(
    `  ${data.goalsOnBoard} goals and ${data.entriesOnBoard} entries on the board (plan ${data.planYears[0]}); ` +
      `${data.goalsInDatabase} goals, ${data.entriesInDatabase} entries in ${data.planYears.length} plans (${data.planYears.at(-1)}–${data.planYears[0]}) ` +
      `in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`,
  );

  const actor = {
    userId: users.admin.id, username: ADMIN.username, name: users.admin.name, role: "admin" as const, departmentId: null, departmentName: null,
    scope: { regionId: BENCH_REGION_ID, below: [BENCH_REGION_ID], parentId: null },
  };
  const floorRows = await sqlFloor(client, data.planId, BENCH_AS_OF);
  const board = await getBoard(actor, data.planId, { asOf: BENCH_AS_OF });
  if (!board.ok) throw new Error(`getBoard failed: ${board.error.message}`);
  if (board.value.rows.length !== data.goalsOnBoard) throw new Error(`getBoard returned ${board.value.rows.length} rows, expected ${data.goalsOnBoard}`);

  // Also the board as it is opened — today, from kept verdicts (decision 0018) — beside the floor for today.
  const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
  const operations: Record<string, () => Promise<unknown>> = {
    sqlFloor: () => sqlFloor(client, data.planId, BENCH_AS_OF),
    getBoard: () => getBoard(actor, data.planId, { asOf: BENCH_AS_OF }),
    sqlFloorToday: () => sqlFloor(client, data.planId, today),
    getBoardToday: () => getBoard(actor, data.planId, {}, new Date(), { page: { offset: 0, limit: 200 } }),
  };
  let page: { bytes: number; rows: number } | null = null;
  let http: { origin: string; cookie: string } | null = null;
  let jsWeight: JsWeight | null = null;
  if (appDir) {
    const server = await startAppServer({ dir: appDir, port: APP_PORT, databaseUrl, logDir: benchDir, log });
    cleanups.push({ name: "next start", run: server.stop });
    const cookie = await signIn(server.origin, ADMIN.username, ADMIN.password);
    http = { origin: server.origin, cookie };
    const url = `${server.origin}/plans/${data.planId}?asOf=${BENCH_AS_OF}`;
    const fetchPage = async () => {
      const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
      const html = await response.text();
      if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
      return html;
    };
    const html = await fetchPage();
    const rows = html.match(/data-testid="board-row"/g)?.length ?? 0;
    if (rows === 0) throw new Error(`GET ${url} shows no board rows`);
    page = { bytes: Buffer.byteLength(html), rows };
    operations.boardPage = fetchPage;
    const todayUrl = `${server.origin}/plans/${data.planId}`;
    operations.boardPageToday = async () => {
      const response = await fetch(todayUrl, { headers: { cookie }, redirect: "manual" });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`GET ${todayUrl}: ${response.status}`);
      return body;
    };
    jsWeight = await measureJsWeight(url, cookie);
  }

  for (const [name, operation] of Object.entries(operations)) {
    operations[name] = () => (interrupted ? Promise.reject(new Error("interrupted")) : operation());
  }
  log(`Timing ${Object.keys(operations).join(", ")}: ${WARMUP} warm-up + ${ITERATIONS} measured rounds…`);
  const loadBefore = os.loadavg()[0]!;
  const timings = await timeRounds(operations, { warmup: WARMUP, iterations: ITERATIONS });
  const loadAfter = os.loadavg()[0]!;
  const summaryBench = interrupted ? null : await benchSummary(client, data, actor, { id: users.reporters[0]!.id, departmentId: departmentIds[0]! }, http);
  log("Import benchmark: a 40,000-character .docx and .pdf to the review screen…");
  const importBench = interrupted ? null : await benchImport(actor, http, Math.min(ITERATIONS, 5), log);
  const sqlTiming = timings.sqlFloor!;
  const getBoardTiming = timings.getBoard!;
  const pageTiming = timings.boardPage ?? null;

  const result = {
    measuredAt: new Date().toISOString(),
    commit: gitCommit(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "?", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version,
      postgres: (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v,
      // 1-minute load average around the timed rounds: above the CPU count, other work competed for the CPUs.
      loadAverage: { before: loadBefore, after: loadAfter } },
    asOf: BENCH_AS_OF,
    warmup: WARMUP,
    iterations: ITERATIONS,
    data,
    boardTotals: board.value.totals,
    sqlFloorStatusCounts: statusCounts(floorRows),
    boardPage: page && pageTiming && { ...pageTiming, htmlBytes: page.bytes, rowsShown: page.rows },
    getBoard: getBoardTiming,
    sqlFloor: sqlTiming,
    ratios: {
      target: TARGET_RATIO,
      boardPage: pageTiming && ratios(pageTiming, sqlTiming),
      getBoard: ratios(getBoardTiming, sqlTiming),
    },
    today: {
      asOf: today,
      sqlFloor: timings.sqlFloorToday!,
      getBoard: timings.getBoardToday!,
      boardPage: timings.boardPageToday ?? null,
      ratios: {
        boardPage: timings.boardPageToday ? ratios(timings.boardPageToday, timings.sqlFloorToday!) : null,
        getBoard: ratios(timings.getBoardToday!, timings.sqlFloorToday!),
      },
    },
    extraction: { ...extraction, target: TARGET_MB_PER_SECOND, holds: extraction.mbPerSecond >= TARGET_MB_PER_SECOND },
    summary: summaryBench,
    import: importBench,
    boardJavaScript: jsWeight,
  };
  await writeFile(path.join(benchDir, "last.json"), `${JSON.stringify(result, null, 2)}\n`);
  printReport(result.data, pageTiming, getBoardTiming, sqlTiming, extraction, result.machine);
  printTodayReport(result.today);
  if (summaryBench) printSummaryReport(summaryBench);
  if (importBench) printImportReport(importBench);
  if (jsWeight) log(jsWeightLine(jsWeight));
  log(`Written to ${path.relative(process.cwd(), path.join(benchDir, "last.json"))}`);
}

/**
 * The summary bars: over HTTP against `next start` when the page is timed (page, Word, Excel as a browser gets them),
 * else in process (getSummary and the export builders); the upload in process (the route adds only the multipart read).
 */
async function benchSummary(
  client: pg.Client,
  data: BenchData,
  admin: Actor,
  reporter: { id: string; departmentId: string },
  http: { origin: string; cookie: string } | null,
): Promise<SummaryBench> {
  log("Summary benchmark: a 100-goal plan, the 5,000-goal plan, a 500-row upload…");
  const smallPlanId = await insertSmallPlan(client, data.planId);
  const uploadPlanId = await insertUploadPlan(client, reporter.departmentId);
  const { getSummary } = await import("../lib/server/summary");
  const { exportSummary } = await import("../lib/server/exports/summary-export");
  const { bulkUpload } = await import("../lib/server/bulk/upload");
  const fetchOk = async (path: string) => {
    const response = await fetch(`${http!.origin}${path}`, { headers: { cookie: http!.cookie }, redirect: "manual" });
    const body = new Uint8Array(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${new TextDecoder().decode(body).slice(0, 200)}`);
    return body.byteLength;
  };
  const exported = async (planId: string, format: "docx" | "xlsx") => {
    if (http) return fetchOk(`/api/v1/plans/${planId}/summary.${format}`);
    const file = await exportSummary(admin, planId, {}, format);
    if (!file.ok) throw new Error(`export ${format}: ${file.error.message}`);
    return file.value.body.byteLength;
  };
  const summaryPage = async () => {
    if (http) return fetchOk(`/plans/${smallPlanId}/summary`);
    const s = await getSummary(admin, smallPlanId);
    if (!s.ok) throw new Error(`summary: ${s.error.message}`);
    if (s.value.goalCount !== 100) throw new Error(`the small plan's summary has ${s.value.goalCount} goals`);
    return 0;
  };
  const timings: SummaryBench["timings"] = {};
  const measure = async (name: string, targetMs: number, rounds: number, operation: (round: number) => Promise<number>) => {
    let bytes = 0;
    const timing = await timeAlone(async (round) => { bytes = await operation(round); }, 1, rounds);
    timings[name] = { ...timing, targetMs, holds: timing.p95 < targetMs, ...(bytes ? { bytes } : {}) };
  };
  const small = Math.min(ITERATIONS, 10);
  const large = Math.min(ITERATIONS, 3);
  await measure(http ? "summary page, 100 goals (HTTP)" : "getSummary, 100 goals", SUMMARY_TARGETS.smallMs, small, summaryPage);
  await measure("summary.docx, 100 goals", SUMMARY_TARGETS.smallMs, small, () => exported(smallPlanId, "docx"));
  await measure("summary.xlsx, 100 goals", SUMMARY_TARGETS.smallMs, small, () => exported(smallPlanId, "xlsx"));
  await measure(`summary.docx, ${data.goalsOnBoard} goals`, SUMMARY_TARGETS.largeMs, large, () => exported(data.planId, "docx"));
  await measure(`summary.xlsx, ${data.goalsOnBoard} goals`, SUMMARY_TARGETS.largeMs, large, () => exported(data.planId, "xlsx"));

  const reporterActor: Actor = {
    userId: reporter.id, username: "bench_reporter1", name: "填报员1", role: "reporter", departmentId: reporter.departmentId, departmentName: null,
    scope: { regionId: BENCH_REGION_ID, below: [BENCH_REGION_ID], parentId: null },
  };
  // As of mid-July of the upload plan's year: June is due and open.
  const now = new Date(`${data.planYears[0]! + 2}-07-10T02:00:00Z`);
  const rounds = Math.min(ITERATIONS, 5);
  const files: Uint8Array[] = [];
  for (let i = 0; i <= rounds; i++) files.push(await filledTemplate(reporterActor, uploadPlanId, i, now));
  await measure("批量填报 upload, 500 rows", SUMMARY_TARGETS.uploadMs, rounds, async (round) => {
    const file = files[round < 0 ? rounds : round]!;
    const result = await bulkUpload(reporterActor, uploadPlanId, file, { confirm: "1" }, now);
    if (!result.ok) throw new Error(`upload: ${result.error.message} ${JSON.stringify(result.error.fields ?? {}).slice(0, 300)}`);
    if (result.value.written !== 500) throw new Error(`upload wrote ${result.value.written} rows`);
    return 0;
  });
  return { smallPlanGoals: 100, largePlanGoals: data.goalsOnBoard, timings };
}

function printSummaryReport(bench: SummaryBench): void {
  log(`Summary: ${"metric".padEnd(34)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"target".padStart(9)}   holds`);
  for (const [name, t] of Object.entries(bench.timings)) {
    const size = t.bytes ? ` (${(t.bytes / 1024).toFixed(0)} KB)` : "";
    log(`         ${name.padEnd(34)}${t.p50.toFixed(0).padStart(9)}${t.p95.toFixed(0).padStart(9)}${`< ${t.targetMs}`.padStart(9)}   ${t.holds ? "yes" : "NO"}${size}`);
  }
  log("");
}

function printImportReport(bench: ImportBench): void {
  log(`Import: ${"metric".padEnd(45)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"target".padStart(9)}   holds`);
  for (const [name, t] of Object.entries(bench.timings)) {
    log(`        ${name.padEnd(45)}${t.p50.toFixed(0).padStart(9)}${t.p95.toFixed(0).padStart(9)}${`< ${t.targetMs}`.padStart(9)}   ${t.holds ? "yes" : "NO"} ` +
      `(${(t.bytes / 1024).toFixed(0)} KB, ${t.candidates} candidates)`);
  }
  log("");
}

/** The server the benchmark databases live on: the embedded cluster (started once), or BENCH_DATABASE_URL's. */
let maintenanceUrlOnce: Promise<string> | undefined;
function maintenanceServer(): Promise<string> {
  return (maintenanceUrlOnce ??= (async () => {
    if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
    const cluster = await ensureDatabase({ dataDir: path.join(benchDir, "postgres"), port: PG_PORT, databaseName: "postgres", ephemeral: true, embeddedOnly: true, log });
    cleanups.push({ name: "PostgreSQL", run: cluster.stop });
    return serverUrl(PG_PORT);
  })());
}

/** An empty database of our own (migrated by the caller): on the embedded cluster, or on BENCH_DATABASE_URL's server. */
async function freshDatabase(name: string): Promise<string> {
  const maintenanceUrl = await maintenanceServer();
  const maintenance = new pg.Client({ connectionString: maintenanceUrl });
  await maintenance.connect();
  try {
    await maintenance.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await maintenance.query(`CREATE DATABASE ${name}`);
  } finally {
    await maintenance.end();
  }
  const url = new URL(maintenanceUrl);
  url.pathname = `/${name}`;
  if (process.env.BENCH_DATABASE_URL) {
    // Not ours to keep on someone else's server: dropped at the end (the embedded one stays for inspection).
    cleanups.push({ name: "drop database", run: async () => {
      const c = new pg.Client({ connectionString: maintenanceUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    } });
  }
  return url.toString();
}

function ratios(app: Timing, floor: Timing) {
  const p50 = app.p50 / floor.p50;
  const p95 = app.p95 / floor.p95;
  return { p50, p95, holds: p50 <= TARGET_RATIO && p95 <= TARGET_RATIO };
}

function printReport(
  data: BenchData,
  page: Timing | null,
  getBoardTiming: Timing,
  sqlTiming: Timing,
  extraction: { mbPerSecond: number; bytes: number; ms: number },
  machine: { cpus: number; cpuModel: string; node: string; postgres?: string; loadAverage: { before: number; after: number } },
): void {
  const ms = (n: number) => n.toFixed(1).padStart(8);
  const x = (n: number) => `${n.toFixed(2)}×`.padStart(8);
  const line = (name: string, t: Timing, withRatio: boolean) => {
    const r = ratios(t, sqlTiming);
    return `${name.padEnd(30)}${ms(t.p50)}${ms(t.p95)}${withRatio ? `${x(r.p50)}${x(r.p95)}   ${r.holds ? "yes" : "NO"}` : ""}`;
  };
  log("");
  log(`Board: ${data.goalsOnBoard} goals, ${data.entriesOnBoard} of ${data.entriesInDatabase} entries, asOf ${BENCH_AS_OF}; ` +
    `${ITERATIONS} runs after ${WARMUP} warm-up (${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, PostgreSQL ${machine.postgres})`);
  log(`${"metric".padEnd(30)}${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"÷ p50".padStart(8)}${"÷ p95".padStart(8)}   ≤ ${TARGET_RATIO}×`);
  if (page) log(line("board page (HTTP, next start)", page, true));
  else log(`${"board page".padEnd(30)}  (skipped: BENCH_SKIP_PAGE=1)`);
  log(line("getBoard (in process)", getBoardTiming, true));
  log(line("SQL floor (one statement)", sqlTiming, false));
  const mbOk = extraction.mbPerSecond >= TARGET_MB_PER_SECOND;
  const load = Math.max(machine.loadAverage.before, machine.loadAverage.after);
  if (load > machine.cpus) log(`note: load average ${load.toFixed(1)} on ${machine.cpus} CPUs — other work competed; absolute times are inflated`);
  log(`extraction: ${(extraction.bytes / 1e6).toFixed(2)} MB in ${extraction.ms.toFixed(0)} ms → ${extraction.mbPerSecond.toFixed(2)} MB/s ` +
    `(target ≥ ${TARGET_MB_PER_SECOND} MB/s: ${mbOk ? "yes" : "NO"})`);
  log("");
}

/** The board as opened today (kept verdicts, a 200-row page) against the SQL floor for today. */
function printTodayReport(t: { asOf: string; sqlFloor: Timing; getBoard: Timing; boardPage: Timing | null }): void {
  const ms = (n: number) => n.toFixed(1).padStart(8);
  const line = (name: string, timing: Timing, withRatio: boolean) => {
    const r = ratios(timing, t.sqlFloor);
    return `${name.padEnd(30)}${ms(timing.p50)}${ms(timing.p95)}${withRatio ? `${`${r.p50.toFixed(2)}×`.padStart(8)}${`${r.p95.toFixed(2)}×`.padStart(8)}` : ""}`;
  };
  log(`Board today (${t.asOf}: kept verdicts, decision 0018; the page shows 200 rows)`);
  log(`${"metric".padEnd(30)}${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"÷ p50".padStart(8)}${"÷ p95".padStart(8)}`);
  if (t.boardPage) log(line("board page today (HTTP)", t.boardPage, true));
  log(line("getBoard today (in process)", t.getBoard, true));
  log(line("SQL floor today", t.sqlFloor, false));
  log("");
}

function gitCommit(): string | null {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "app", "components", "lib", "prisma"], { cwd: PROJECT_ROOT, encoding: "utf8" }).trim();
    return dirty ? `${head}+changes` : head;
  } catch {
    return null;
  }
}

try {
  await main();
} catch (error) {
  // After a signal, the steps still running fail as their server goes away: not worth reporting.
  if (!interrupted) console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
