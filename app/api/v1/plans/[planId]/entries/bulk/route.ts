import { caller, errorResponse, handle, json, queryOf, readForm } from "@/lib/server/api";
import { BULK_LIMITS, bulkOptions, FILE_MESSAGES } from "@/lib/domain/bulk";
import { bulkUpload, UPLOAD_MESSAGES, type BulkResult } from "@/lib/server/bulk/upload";
import { enqueueBulkUpload, finishedOrQueued } from "@/lib/server/jobs";
import { acceptedResponse, failedResponse } from "@/lib/server/jobs/respond";

// Room for the multipart envelope and the small fields around the file.
const FORM_LIMIT = BULK_LIMITS.fileBytes + 64 * 1024;

function body(result: BulkResult) {
  const { verdict: _verdict, ...rest } = result;
  return rest;
}

/**
 * POST /api/v1/plans/:planId/entries/bulk (multipart/form-data: file=<the filled template>; confirm=1, reportedAt,
 * department, period as form fields or query parameters; ?dryRun=1 previews without writing) — every row checked as
 * the entry form checks a figure; 201 with the versions written (all rows or none), 200 for a dry run (warnings
 * listed), 422 with the rows when a row has an error, nothing is filled, or a warning is not confirmed. The confirmed
 * write runs as a queued job (written once however often it is retried); 202 with the job if it takes over a minute.
 */
export async function POST(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request, { multipart: true });
    if (!actor.ok) return errorResponse(actor.error);
    const form = await readForm(request, FORM_LIMIT, FILE_MESSAGES.too_large);
    if (!form.ok) return errorResponse(form.error);
    const options: Record<string, string> = { ...queryOf(request) };
    for (const key of ["confirm", "reportedAt", "department", "period", "dryRun"]) {
      const value = form.value.get(key);
      if (typeof value === "string") options[key] = value;
    }
    const file = form.value.get("file");
    const bytes = file && typeof file !== "string" ? new Uint8Array(await file.arrayBuffer()) : null;
    const { planId } = await params;
    // A preview (or options that do not parse: the same refusal either way) is answered at once; the confirmed
    // write goes through the job queue and is answered when its job is done (202 with the job after a minute).
    const preview = bulkOptions.safeParse(options);
    let r: BulkResult;
    if (!preview.success || preview.data.dryRun) {
      const result = await bulkUpload(actor.value, planId, bytes, options);
      if (!result.ok) return errorResponse(result.error);
      r = result.value;
    } else {
      const queued = await enqueueBulkUpload(actor.value, planId, bytes, options);
      if (!queued.ok) return errorResponse(queued.error);
      const outcome = await finishedOrQueued(queued.value);
      if (!outcome.done) return acceptedResponse(outcome.job);
      if (outcome.job.state === "failed") return failedResponse(outcome.job);
      r = outcome.job.result as BulkResult;
    }
    if (r.verdict === "errors") {
      return json({ error: { code: "validation", message: UPLOAD_MESSAGES.hasErrors(r.summary.error), details: r.rows.filter((x) => x.status === "error").flatMap((x) => x.errors) }, ...body(r) }, 422);
    }
    if (r.verdict === "needs_confirmation" && !r.dryRun) {
      return json({ error: { code: "needs_confirmation", message: UPLOAD_MESSAGES.needsConfirmation(r.summary.warning) }, ...body(r) }, 422);
    }
    if (r.verdict === "nothing") return json({ error: { code: "validation", message: UPLOAD_MESSAGES.noData }, ...body(r) }, 422);
    return json(body(r), r.dryRun ? 200 : 201);
  });
}
