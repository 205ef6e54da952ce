// What each queue's jobs do. A user's job runs as that user, checked again now (they may have lost the right since
// asking); an expected refusal is the job's answer (`{ ok: false }`, not retried), an exception is retried.
import "server-only";
import type PgBoss from "pg-boss";
import { fail, type Result } from "@/lib/domain/errors";
import { JOB_MESSAGES } from "@/lib/domain/jobs";
import type { Actor } from "@/lib/domain/permissions";
import { warmVerdicts } from "../board";
import { bulkUpload } from "../bulk/upload";
import { db } from "../db";
import { recordDailyReminders, recordPlanReminders } from "../duty";
import { exportSummary } from "../exports/summary-export";
import type { JobsConfig } from "./boss";
import { QUEUES, type BulkJobData, type ExportJobData, type JobOutput, type PlanRemindersJobData, type QueueName, type UserJobData } from "./queues";

/** How long a made file stays downloadable. */
export const RESULT_FILE_HOURS = 24;
/** 催报 every morning at 08:30 Beijing time. */
export const DAILY_REMINDERS_CRON = "30 8 * * *";

/** The asker, unless their account was disabled or deleted since they asked (then the job is refused). */
async function actorOf(data: UserJobData): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: data.userId }, select: { disabledAt: true } });
  return user && !user.disabledAt ? data.actor : null;
}

function answer<T>(result: Result<T>, value: (v: T) => Omit<Extract<JobOutput, { ok: true }>, "ok">): JobOutput {
  return result.ok ? { ok: true, ...value(result.value) } : { ok: false, error: result.error };
}

export async function runExport(job: PgBoss.Job<ExportJobData>): Promise<JobOutput> {
  const { userId, planId, format, filters } = job.data;
  const actor = await actorOf(job.data);
  if (!actor) return answer(fail("forbidden", JOB_MESSAGES.userGone), () => ({}));
  const file = await exportSummary(actor, planId, filters, format);
  if (!file.ok) return answer(file, () => ({}));
  const { body, fileName, contentType, contentDisposition } = file.value;
  const expiresAt = new Date(Date.now() + RESULT_FILE_HOURS * 3600_000);
  const data = { planId, userId, fileName, contentType, bytes: new Uint8Array(body), expiresAt };
  // A retried job replaces what an earlier attempt may have stored.
  const saved = await db.jobFile.upsert({
    where: { jobId_kind: { jobId: job.id, kind: "result" } },
    create: { jobId: job.id, kind: "result", ...data },
    update: data,
    select: { id: true },
  });
  return { ok: true, fileId: saved.id, value: { contentDisposition } };
}

export async function runBulk(job: PgBoss.Job<BulkJobData>): Promise<JobOutput> {
  const { planId, options } = job.data;
  const earlier = await db.bulkUploadRun.findUnique({ where: { jobId: job.id }, select: { result: true } });
  if (earlier) return { ok: true, value: earlier.result };
  const actor = await actorOf(job.data);
  if (!actor) return answer(fail("forbidden", JOB_MESSAGES.userGone), () => ({}));
  const input = await db.jobFile.findUnique({ where: { jobId_kind: { jobId: job.id, kind: "input" } }, select: { bytes: true } });
  if (!input) return answer(fail("validation", undefined, { file: JOB_MESSAGES.inputGone }), () => ({}));
  const result = await bulkUpload(actor, planId, new Uint8Array(input.bytes), options, new Date(), { jobId: job.id });
  return answer(result, (value) => ({ value }));
}

export async function runPlanReminders(job: PgBoss.Job<PlanRemindersJobData>): Promise<JobOutput> {
  const actor = await actorOf(job.data);
  if (!actor) return answer(fail("forbidden", JOB_MESSAGES.userGone), () => ({}));
  return answer(await recordPlanReminders(actor, job.data.planId, new Date(), job.id), (value) => ({ value }));
}

async function runDailyReminders(job: PgBoss.Job<object>): Promise<JobOutput> {
  return { ok: true, value: await recordDailyReminders(new Date(), job.id) };
}

/** The day's verdicts judged before the first reader needs them (the morning meeting does not pay for them). */
async function runDailyVerdicts(): Promise<JobOutput> {
  return { ok: true, value: await warmVerdicts(new Date()) };
}

/** How long a bulk job's answer is kept against a run again: past pg-boss's own keeping of the job (7 days). */
const BULK_RUN_DAYS = 8;

async function cleanUp(): Promise<JobOutput> {
  const now = Date.now();
  const files = await db.jobFile.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  const runs = await db.bulkUploadRun.deleteMany({ where: { createdAt: { lt: new Date(now - BULK_RUN_DAYS * 24 * 3600_000) } } });
  return { ok: true, value: { files: files.count, bulkRuns: runs.count } };
}

const HANDLERS: Record<QueueName, (job: PgBoss.Job<never>) => Promise<JobOutput>> = {
  [QUEUES.export]: runExport,
  [QUEUES.bulk]: runBulk,
  [QUEUES.planReminders]: runPlanReminders,
  [QUEUES.dailyReminders]: runDailyReminders,
  [QUEUES.dailyVerdicts]: runDailyVerdicts,
  [QUEUES.cleanup]: cleanUp,
};

/** This process's workers (one job at a time each) and the schedules (kept once in the database, whoever sets them). */
export async function registerWorkers(boss: PgBoss, config: JobsConfig): Promise<Map<QueueName, string[]>> {
  const workers = new Map<QueueName, string[]>();
  for (const [name, handler] of Object.entries(HANDLERS) as [QueueName, (typeof HANDLERS)[QueueName]][]) {
    const count = name === QUEUES.export || name === QUEUES.bulk ? config.workersPerQueue : 1;
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(await boss.work<never>(name, { pollingIntervalSeconds: config.pollingIntervalSeconds, batchSize: 1 }, ([job]) => handler(job!)));
    }
    workers.set(name, ids);
  }
  await boss.schedule(QUEUES.dailyReminders, DAILY_REMINDERS_CRON, {}, { tz: "Asia/Shanghai" });
  await boss.schedule(QUEUES.cleanup, "17 * * * *", {}, { tz: "Asia/Shanghai" });
  await boss.schedule(QUEUES.dailyVerdicts, "1 0 * * *", {}, { tz: "Asia/Shanghai" });
  return workers;
}
