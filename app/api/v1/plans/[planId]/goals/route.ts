import { caller, errorResponse, handle, json, parseBoardQuery, readJson, respond } from "@/lib/server/api";
import { getBoard } from "@/lib/server/board";
import { createGoal, getGoalDetail } from "@/lib/server/goals";
import { boardGoalJson, goalDetailJson } from "@/lib/server/serialize";

/** GET /api/v1/plans/:planId/goals[?asOf=&section=&department=&status=] — the plan's goals with their status. */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const query = parseBoardQuery(request);
    if (!query.ok) return errorResponse(query.error);
    const { planId } = await params;
    return respond(await getBoard(actor.value, planId, query.value), (board) => ({
      planId: board.plan.id,
      asOf: board.asOf,
      goals: board.rows.map(boardGoalJson),
    }));
  });
}

/** POST /api/v1/plans/:planId/goals — adds a goal (admin); 201 with the goal. */
export async function POST(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { planId } = await params;
    const created = await createGoal(actor.value, planId, body.value);
    if (!created.ok) return errorResponse(created.error);
    const detail = await getGoalDetail(actor.value, created.value.id);
    if (!detail.ok) return errorResponse(detail.error);
    return json({ goal: goalDetailJson(detail.value) }, 201, { location: `/api/v1/goals/${created.value.id}` });
  });
}
