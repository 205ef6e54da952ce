import { caller, errorResponse, handle } from "@/lib/server/api";
import { fileResponse } from "@/lib/server/exports/summary-export";
import { getJobFile } from "@/lib/server/jobs";

/** GET /api/v1/jobs/:jobId/file — the file a completed export job made (kept for a day). */
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { jobId } = await params;
    const file = await getJobFile(actor.value, jobId);
    return file.ok ? fileResponse(file.value) : errorResponse(file.error);
  });
}
