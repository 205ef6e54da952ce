// The HTTP side of queued work: a job as JSON (202 while it runs), and the synchronous routes' "wait, then answer
// as before" — the summary downloads and the bulk upload keep their documented responses.
import "server-only";
import type { Actor } from "@/lib/domain/permissions";
import { errorResponse, json } from "../api";
import { fileResponse, type ExportFormat } from "../exports/summary-export";
import type { SummaryFilters } from "../summary";
import { enqueueExport, finishedOrQueued, jobJson, type JobView } from "./index";

/** 202 Accepted with the job and where to poll it. */
export function acceptedResponse(job: JobView): Response {
  return json(jobJson(job), 202, { location: `/api/v1/jobs/${job.id}` });
}

/** A job that ended in failure, as the route would have answered the same failure itself. */
export function failedResponse(job: JobView): Response {
  const error = job.error!;
  return error.code === "internal" ? json({ error }, 500) : errorResponse(error);
}

/** The summary as a file (GET …/summary.docx|xlsx), made by the queue: the file when ready in time, else 202. */
export async function summaryDownload(actor: Actor, planId: string, filters: SummaryFilters, format: ExportFormat): Promise<Response> {
  const queued = await enqueueExport(actor, planId, { ...filters, format });
  if (!queued.ok) return errorResponse(queued.error);
  const outcome = await finishedOrQueued(queued.value);
  if (!outcome.done) return acceptedResponse(outcome.job);
  if (outcome.job.state === "failed") return failedResponse(outcome.job);
  const file = await outcome.file();
  return file.ok ? fileResponse(file.value) : errorResponse(file.error);
}
