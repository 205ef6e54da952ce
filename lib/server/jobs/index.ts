// Long work through the PostgreSQL job queue (pg-boss, decision 0016): summary exports, bulk-upload writes and
// 催报. Ask (permission checked now), then read the job — its state, its answer, its file — as its asker or an
// admin of the plan's government; anyone else gets 404, as for a record they may not see.
import "server-only";
import { randomUUID } from "node:crypto";
import type PgBoss from "pg-boss";
import { fail, ok, type AppError, type Result } from "@/lib/domain/errors";
import { authorize, canRead, type Actor } from "@/lib/domain/permissions";
import { NOT_FOUND } from "@/lib/domain/messages";
import { exportRequest, jobState, JOB_MESSAGES, type JobState } from "@/lib/domain/jobs";
import { fieldErrors } from "@/lib/domain/inputs";
import { isPlausibleId } from "@/lib/domain/ids";
import { db } from "../db";
import { authorizePlan } from "../scope";
import { checkBulkUpload } from "../bulk/upload";
import type { ExportFile } from "../exports/summary-export";
import { jobQueue, jobsConfig, sendOptions, wakeWorkers } from "./boss";
import { JOB_KINDS, QUEUES, USER_QUEUES, type BulkJobData, type ExportJobData, type JobKind, type JobOutput, type UserJobData, type UserQueue } from "./queues";
import { RESULT_FILE_HOURS } from "./workers";

export { configureJobs, jobQueue, stopJobs } from "./boss";
export { QUEUES } from "./queues";

export interface JobView {
  id: string;
  kind: JobKind;
  state: JobState;
  planId: string;
  createdAt: Date;
  completedAt: Date | null;
  /** Why it failed: the refusal it met, or "internal" when it threw on every attempt. */
  error: AppError | { code: "internal"; message: string } | null;
  /** A made file to download (exports). */
  hasFile: boolean;
  /** What the job answered (a bulk upload's rows, the reminders recorded). */
  result: unknown;
}

type BossJob = PgBoss.JobWithMetadata<UserJobData>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function view(job: BossJob): JobView {
  const output = (job.output ?? null) as JobOutput | null;
  const answered = job.state === "completed" && output && typeof output.ok === "boolean" ? output.ok : null;
  const state = jobState(job.state, answered);
  const error: JobView["error"] = state !== "failed" ? null : output && output.ok === false ? output.error : { code: "internal", message: JOB_MESSAGES.crashed };
  return {
    id: job.id,
    kind: JOB_KINDS[job.name as UserQueue],
    state,
    planId: job.data.planId,
    createdAt: job.createdOn,
    completedAt: state === "completed" || state === "failed" ? job.completedOn : null,
    error,
    hasFile: state === "completed" && !!output?.ok && !!output.fileId,
    result: state === "completed" && output?.ok ? (output.value ?? null) : null,
  };
}

async function send(name: UserQueue, data: UserJobData & object, before?: (jobId: string) => Promise<void>): Promise<JobView> {
  const boss = await jobQueue();
  const id = randomUUID();
  await before?.(id);
  await boss.send(name, data, { ...sendOptions(), id });
  const job = await boss.getJobById<UserJobData>(name, id, { includeArchive: true });
  if (!job) throw new Error(`job ${id} vanished right after it was sent`);
  wakeWorkers(name);
  return view(job);
}

/** POST /plans/:planId/exports: a summary .docx/.xlsx made by the queue as `actor` (who must read the plan). */
export async function enqueueExport(actor: Actor | null, planId: string, raw: unknown): Promise<Result<JobView>> {
  const allowed = await authorizePlan(actor, planId, "readRegion");
  if (!allowed.ok) return allowed;
  const parsed = exportRequest.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const { format, ...filters } = parsed.data;
  const me = allowed.value.actor;
  const unknown = await unknownFilters(me, planId, allowed.value.regionId, filters);
  if (unknown) return fail("validation", undefined, unknown);
  const data: ExportJobData = { userId: me.userId, planId, actor: me, format, filters };
  return ok(await send(QUEUES.export, data));
}

/** A filter naming nothing of this plan would make an empty file later: refused now, by field. */
async function unknownFilters(me: Actor, planId: string, planRegionId: string, filters: { section?: string; department?: string; region?: string }): Promise<Record<string, string> | null> {
  const [section, department, region] = await Promise.all([
    filters.section ? db.section.findFirst({ where: { id: filters.section, planId }, select: { id: true } }) : true,
    filters.department ? db.department.findFirst({ where: { id: filters.department, regionId: planRegionId }, select: { id: true } }) : true,
    filters.region && filters.region !== planRegionId ? db.region.findUnique({ where: { id: filters.region }, select: { id: true } }) : true,
  ]);
  const out: Record<string, string> = {};
  if (!section) out.section = JOB_MESSAGES.noSection;
  if (!department) out.department = JOB_MESSAGES.noDepartment;
  if (!region || (filters.region && !canRead(me, filters.region))) out.region = NOT_FOUND.region;
  return Object.keys(out).length ? out : null;
}

/**
 * The confirmed write of a bulk upload, queued: the whole-file checks now (bad input is answered at once and queues
 * nothing), the file kept in PostgreSQL with the job, the rows checked and written by the worker.
 */
export async function enqueueBulkUpload(actor: Actor | null, planId: string, file: Uint8Array | null, options: Record<string, string>): Promise<Result<JobView>> {
  const checked = await checkBulkUpload(actor, planId, file, options);
  if (!checked.ok) return checked;
  if (checked.value.dryRun) throw new Error("a dry run is answered at once, not queued");
  const userId = actor!.userId;
  const data: BulkJobData = { userId, planId, actor: actor!, options };
  const keep = (jobId: string) =>
    db.jobFile
      .create({
        data: { jobId, planId, userId, kind: "input", fileName: "upload.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes: new Uint8Array(file!), expiresAt: new Date(Date.now() + RESULT_FILE_HOURS * 3600_000) },
      })
      .then(() => {});
  return ok(await send(QUEUES.bulk, data, keep));
}

/** POST /plans/:planId/reminders: 催报 of the plan now (an admin of its government). */
export async function enqueuePlanReminders(actor: Actor | null, planId: string): Promise<Result<JobView>> {
  const allowed = await authorizePlan(actor, planId, "manageRegion");
  if (!allowed.ok) return allowed;
  const me = allowed.value.actor;
  return ok(await send(QUEUES.planReminders, { userId: me.userId, planId, actor: me }));
}

async function findJob(jobId: string): Promise<BossJob | null> {
  if (!UUID.test(jobId)) return null;
  const boss = await jobQueue();
  for (const name of USER_QUEUES) {
    const job = await boss.getJobById<UserJobData>(name, jobId, { includeArchive: true });
    if (job) return job;
  }
  return null;
}

/** Its asker, or an admin of the plan's government; for anyone else the job does not exist. */
async function readableJob(actor: Actor | null, jobId: string): Promise<Result<BossJob>> {
  const me = authorize(actor, { action: "read" });
  if (!me.ok) return me;
  const job = isPlausibleId(jobId) ? await findJob(jobId) : null;
  if (!job) return fail("not_found", JOB_MESSAGES.notFound);
  if (job.data.userId === me.value.userId) return ok(job);
  const plan = await db.plan.findUnique({ where: { id: job.data.planId }, select: { regionId: true } });
  const admin = plan && authorize(me.value, { action: "manageRegion", regionId: plan.regionId }).ok;
  return admin ? ok(job) : fail("not_found", JOB_MESSAGES.notFound);
}

/** GET /jobs/:jobId. */
export async function getJob(actor: Actor | null, jobId: string): Promise<Result<JobView>> {
  const job = await readableJob(actor, jobId);
  return job.ok ? ok(view(job.value)) : job;
}

/** GET /jobs/:jobId/file: the file a completed export made, while it is kept. */
export async function getJobFile(actor: Actor | null, jobId: string): Promise<Result<ExportFile>> {
  const job = await readableJob(actor, jobId);
  if (!job.ok) return job;
  return jobFile(job.value);
}

async function jobFile(job: BossJob): Promise<Result<ExportFile>> {
  const output = job.output as JobOutput | null;
  if (job.state !== "completed" || !output?.ok || !output.fileId) return fail("not_found", JOB_MESSAGES.noFile);
  const file = await db.jobFile.findUnique({ where: { id: output.fileId }, select: { bytes: true, fileName: true, contentType: true, expiresAt: true } });
  if (!file || file.expiresAt < new Date()) return fail("not_found", JOB_MESSAGES.noFile);
  const disposition = (output.value as { contentDisposition?: string } | undefined)?.contentDisposition;
  return ok({ body: Buffer.from(file.bytes), fileName: file.fileName, contentType: file.contentType, contentDisposition: disposition ?? `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}` });
}

/**
 * Waits (polling the database: any instance's worker may take the job) until the job is done or `timeoutMs` passes.
 * Answers the finished job, or null when it is still queued or running.
 */
export async function awaitJob(jobId: string, timeoutMs = jobsConfig().answerWithinSeconds * 1000): Promise<BossJob | null> {
  const deadline = Date.now() + timeoutMs;
  let pause = 50;
  for (;;) {
    const job = await findJob(jobId);
    if (!job) throw new Error(`job ${jobId} is gone while awaited`);
    const state = view(job).state;
    if (state === "completed" || state === "failed") return job;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, Math.max(deadline - Date.now(), 0))));
    pause = Math.min(pause * 2, 500);
  }
}

/** Sends a job and waits for it as awaitJob does: the synchronous routes (summary.docx/.xlsx, bulk) keep their answers. */
export async function finishedOrQueued(job: JobView): Promise<{ done: true; job: JobView; file: () => Promise<Result<ExportFile>> } | { done: false; job: JobView }> {
  const finished = await awaitJob(job.id);
  if (!finished) {
    const now = await findJob(job.id);
    return { done: false, job: now ? view(now) : job };
  }
  return { done: true, job: view(finished), file: () => jobFile(finished) };
}

/** The API's view of a job. */
export function jobJson(job: JobView) {
  return {
    job: {
      id: job.id,
      kind: job.kind,
      state: job.state,
      planId: job.planId,
      createdAt: job.createdAt.toISOString(),
      completedAt: job.completedAt ? job.completedAt.toISOString() : null,
      statusUrl: `/api/v1/jobs/${job.id}`,
      ...(job.error ? { error: job.error } : {}),
      ...(job.hasFile ? { downloadUrl: `/api/v1/jobs/${job.id}/file` } : {}),
      ...(job.result !== null && job.kind !== "export" ? { result: job.result } : {}),
    },
  };
}
