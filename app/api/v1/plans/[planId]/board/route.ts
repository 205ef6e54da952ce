import { caller, errorResponse, handle, parseBoardQuery, parseQuery, respond } from "@/lib/server/api";
import { includePendingQuery } from "@/lib/domain/entries/inputs";
import { getBoard } from "@/lib/server/board";
import { boardJson } from "@/lib/server/serialize";

/** GET /api/v1/plans/:planId/board?asOf=YYYY-MM-DD[&section=&department=&status=&includePending=1] — totals, lights, one row per goal. */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const query = parseBoardQuery(request);
    if (!query.ok) return errorResponse(query.error);
    const pending = parseQuery(includePendingQuery, request);
    if (!pending.ok) return errorResponse(pending.error);
    const { planId } = await params;
    return respond(await getBoard(actor.value, planId, { ...query.value, includePending: pending.value.includePending }), boardJson);
  });
}
