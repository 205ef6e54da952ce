import { caller, errorResponse, handle, json, readJson } from "@/lib/server/api";
import { getBoard } from "@/lib/server/board";
import { commitImport } from "@/lib/server/imports";
import { getPlan } from "@/lib/server/plans";
import { boardGoalJson, planJson } from "@/lib/server/serialize";

type Context = { params: Promise<{ importId: string }> };

/**
 * POST /api/v1/imports/:importId/commit {acceptAll?} — the accepted candidates become the plan's goals in one
 * transaction (a re-import applies its accepted changes to the plan). 201 with the plan and its goals.
 */
export async function POST(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    // The body is optional ({} when absent); one that is sent must be a JSON object.
    const empty = request.body === null || request.headers.get("content-length") === "0";
    const body = empty ? { ok: true as const, value: {} } : await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { importId } = await params;
    const committed = await commitImport(actor.value, importId, body.value);
    if (!committed.ok) return errorResponse(committed.error);
    const plan = await getPlan(actor.value, committed.value.planId);
    if (!plan.ok) return errorResponse(plan.error);
    const board = await getBoard(actor.value, committed.value.planId);
    if (!board.ok) return errorResponse(board.error);
    const { planId: _planId, ...counts } = committed.value;
    void _planId;
    return json({ plan: planJson(plan.value), goals: board.value.rows.map(boardGoalJson), ...counts }, 201, { location: `/api/v1/plans/${committed.value.planId}` });
  });
}
