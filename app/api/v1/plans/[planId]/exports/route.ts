import { caller, errorResponse, handle, paramId, readJson } from "@/lib/server/api";
import { enqueueExport } from "@/lib/server/jobs";
import { acceptedResponse } from "@/lib/server/jobs/respond";

/**
 * POST /api/v1/plans/:planId/exports {"format":"docx"|"xlsx","asOf"?,"section"?,"department"?,"region"?} — the
 * summary as a file, made by the job queue: 202 with the job; poll GET /api/v1/jobs/:jobId, then fetch its file.
 */
export async function POST(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const planId = paramId((await params).planId);
    if (!planId.ok) return errorResponse(planId.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const job = await enqueueExport(actor.value, planId.value, body.value);
    return job.ok ? acceptedResponse(job.value) : errorResponse(job.error);
  });
}
