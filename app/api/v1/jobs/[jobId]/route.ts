import { caller, errorResponse, handle, respond } from "@/lib/server/api";
import { getJob, jobJson } from "@/lib/server/jobs";

/** GET /api/v1/jobs/:jobId — a queued job's state ("queued", "active", "completed", "failed"), error and download link. */
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { jobId } = await params;
    return respond(await getJob(actor.value, jobId), jobJson);
  });
}
