import { caller, errorResponse, handle, parseQuery, respond } from "@/lib/server/api";
import { summaryQuery } from "@/lib/domain/inputs";
import { getSummary, summaryJson } from "@/lib/server/summary";

/** GET /api/v1/plans/:planId/summary?asOf=YYYY-MM-DD[&section=&department=] — totals, rows per section, the goals not met, the narrative. */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const query = parseQuery(summaryQuery, request);
    if (!query.ok) return errorResponse(query.error);
    const { planId } = await params;
    return respond(await getSummary(actor.value, planId, query.value), summaryJson);
  });
}
