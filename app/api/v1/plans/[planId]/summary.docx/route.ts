import { caller, errorResponse, handle, parseQuery } from "@/lib/server/api";
import { summaryQuery } from "@/lib/domain/inputs";
import { summaryDownload } from "@/lib/server/jobs/respond";

/**
 * GET /api/v1/plans/:planId/summary.docx?asOf=YYYY-MM-DD[&section=&department=] — the summary as a Word file (a
 * download), made by the job queue (any instance may make it); 202 with the job when it takes over a minute.
 */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const query = parseQuery(summaryQuery, request);
    if (!query.ok) return errorResponse(query.error);
    const { planId } = await params;
    return summaryDownload(actor.value, planId, query.value, "docx");
  });
}
