import { caller, errorResponse, handle, parseBoardQuery, parseQuery, respond } from "@/lib/server/api";
import { includePendingQuery } from "@/lib/domain/entries/inputs";
import { boardPageQuery } from "@/lib/domain/inputs";
import { getBoard } from "@/lib/server/board";
import { boardJson } from "@/lib/server/serialize";

/**
 * GET /api/v1/plans/:planId/board?asOf=YYYY-MM-DD[&section=&department=&status=&includePending=1&limit=&offset=] — totals,
 * lights, and a page of rows (500 by default) with rowCount and nextOffset.
 */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const query = parseBoardQuery(request);
    if (!query.ok) return errorResponse(query.error);
    const pending = parseQuery(includePendingQuery, request);
    if (!pending.ok) return errorResponse(pending.error);
    const page = parseQuery(boardPageQuery, request);
    if (!page.ok) return errorResponse(page.error);
    const { planId } = await params;
    const view = { page: { offset: page.value.offset, limit: page.value.limit } };
    return respond(await getBoard(actor.value, planId, { ...query.value, includePending: pending.value.includePending }, undefined, view), (board) =>
      boardJson(board, view.page),
    );
  });
}
