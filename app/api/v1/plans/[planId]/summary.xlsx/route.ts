import { caller, errorResponse, handle, parseQuery } from "@/lib/server/api";
import { summaryQuery } from "@/lib/domain/inputs";
import { exportSummary, fileResponse } from "@/lib/server/exports/summary-export";

/** GET /api/v1/plans/:planId/summary.xlsx?asOf=YYYY-MM-DD[&section=&department=] — the summary as an Excel file (a download). */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const query = parseQuery(summaryQuery, request);
    if (!query.ok) return errorResponse(query.error);
    const { planId } = await params;
    const file = await exportSummary(actor.value, planId, query.value, "xlsx");
    return file.ok ? fileResponse(file.value) : errorResponse(file.error);
  });
}
