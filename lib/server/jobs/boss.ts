// The one PgBoss of this process, on the app's database (DATABASE_URL), started on first use with its workers
// and schedules, stopped when the process exits. pg-boss makes and migrates its own schema `pgboss`.
import "server-only";
import PgBoss from "pg-boss";
import { QUEUES, type QueueName } from "./queues";
import { registerWorkers } from "./workers";

export interface JobsConfig {
  /** How often an idle worker looks for work (pg-boss minimum 0.5 s); a send on this instance wakes it at once. */
  pollingIntervalSeconds: number;
  /** How often one instance (whichever gets there first) expires stuck jobs and archives old ones. */
  maintenanceIntervalSeconds: number;
  /** A job active longer than this is taken to be lost (its instance died) and is retried by any instance. */
  expireInSeconds: number;
  /** Attempts after the first, for a job that threw (a bug, a lost connection) or expired. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Workers per queue in this process (jobs of a queue run this many at a time here). */
  workersPerQueue: number;
  /** Register workers and schedules: false makes a process that only sends (tests of another instance). */
  work: boolean;
  /** How long the synchronous routes (summary.docx/.xlsx, bulk) wait for their job before answering 202 with it. */
  answerWithinSeconds: number;
}

const DEFAULTS: JobsConfig = {
  pollingIntervalSeconds: 2,
  maintenanceIntervalSeconds: 30,
  expireInSeconds: 15 * 60,
  retryLimit: 3,
  retryDelaySeconds: 5,
  workersPerQueue: 2,
  work: true,
  answerWithinSeconds: 60,
};

interface Runtime {
  url: string;
  config: JobsConfig;
  boss: PgBoss;
  started: Promise<PgBoss>;
  /** Worker ids by queue, to wake this instance's workers when it sends. */
  workers: Map<QueueName, string[]>;
}

// On globalThis, as the Prisma client: dev reloads re-evaluate modules, and one process must never run two.
const slot = globalThis as typeof globalThis & { luoshiJobs?: Runtime; luoshiJobsConfig?: Partial<JobsConfig>; luoshiJobsExitHook?: boolean };

/** Overrides for the next start (tests: short polling and expiry). Has no effect on a runtime already started. */
export function configureJobs(config: Partial<JobsConfig>): void {
  slot.luoshiJobsConfig = { ...slot.luoshiJobsConfig, ...config };
}

export function jobsConfig(): JobsConfig {
  return { ...DEFAULTS, ...slot.luoshiJobsConfig };
}

/** Options every job is sent with: retried on failure, expired when its instance is gone. */
export function sendOptions(config: JobsConfig = slot.luoshiJobs?.config ?? jobsConfig()): PgBoss.SendOptions {
  return { retryLimit: config.retryLimit, retryDelay: config.retryDelaySeconds, retryBackoff: true, expireInSeconds: config.expireInSeconds };
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set — the job queue runs on the app's database.");
  return url;
}

async function start(runtime: Runtime): Promise<PgBoss> {
  const { boss, config } = runtime;
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name, { name, ...sendOptions(config) });
  if (config.work) {
    const workers = await registerWorkers(boss, config);
    for (const [name, ids] of workers) runtime.workers.set(name, ids);
  }
  return boss;
}

/** The started PgBoss of this process (started now if need be, with its workers). */
export async function jobQueue(): Promise<PgBoss> {
  const url = databaseUrl();
  let runtime = slot.luoshiJobs;
  // The app moved to another database (a test file's own): the old queue goes with the old database.
  if (runtime && runtime.url !== url) {
    await stopJobs();
    runtime = undefined;
  }
  if (!runtime) {
    const config = jobsConfig();
    const boss = new PgBoss({
      connectionString: url,
      schema: "pgboss",
      application_name: "luoshi-jobs",
      max: 4,
      supervise: true,
      schedule: config.work,
      maintenanceIntervalSeconds: config.maintenanceIntervalSeconds,
      // Completed and failed jobs stay readable (GET /api/v1/jobs/:id) for a week, then pg-boss deletes them.
      archiveCompletedAfterSeconds: 24 * 3600,
      archiveFailedAfterSeconds: 24 * 3600,
      deleteAfterDays: 7,
    });
    const created: Runtime = { url, config, boss, workers: new Map(), started: Promise.resolve(boss) };
    let lastReport = { message: "", at: 0 };
    boss.on("error", (error) => {
      // A test file dropping its database under a queue it no longer uses: nothing to report.
      if (slot.luoshiJobs !== created || process.env.DATABASE_URL !== url) return;
      // While the database is down every worker's poll fails the same way: once every 30 s is enough to see it.
      const message = error instanceof Error ? error.message : String(error);
      if (message === lastReport.message && Date.now() - lastReport.at < 30_000) return;
      lastReport = { message, at: Date.now() };
      console.error("[jobs]", message);
    });
    created.started = start(created).catch(async (error: unknown) => {
      if (slot.luoshiJobs === created) slot.luoshiJobs = undefined;
      await boss.stop({ graceful: false }).catch(() => {});
      throw error;
    });
    slot.luoshiJobs = runtime = created;
    hookExit();
  }
  return runtime.started;
}

/** Wakes this instance's workers of `name` (a job was just sent): no wait for the next poll. */
export function wakeWorkers(name: QueueName): void {
  const runtime = slot.luoshiJobs;
  for (const id of runtime?.workers.get(name) ?? []) runtime!.boss.notifyWorker(id);
}

/**
 * Stops this process's queue: workers finish the job in hand (up to `timeoutMs`), what is still active is failed
 * back to the queue for a retry elsewhere, the connections close.
 */
export async function stopJobs(timeoutMs = 20_000): Promise<void> {
  const runtime = slot.luoshiJobs;
  if (!runtime) return;
  slot.luoshiJobs = undefined;
  try {
    await runtime.started;
  } catch {
    return;
  }
  await runtime.boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
}

function hookExit(): void {
  if (slot.luoshiJobsExitHook) return;
  slot.luoshiJobsExitHook = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      // Let the job in hand finish (or go back to the queue), then leave as the signal asked.
      void stopJobs(10_000).finally(() => process.kill(process.pid, signal));
    });
  }
}

/**
 * At server start (instrumentation.ts): start the queue without holding the start up. Workers of one server start
 * together (scripts/lib/serve.mjs) and pg-boss setting up its schema and queues from two processes at once can
 * deadlock: a failure is tried again after a short random pause, a few times, and after that on first use.
 */
export function startJobsAtBoot(attempt = 1): void {
  jobQueue().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (attempt < 5) {
      setTimeout(() => startJobsAtBoot(attempt + 1), 500 + Math.random() * 1500 * attempt).unref();
      return;
    }
    console.error("[jobs] the queue did not start; it is tried again on first use:", message);
  });
}
