import { caller, errorResponse, handle, json, parseAsOf, readJson, respond } from "@/lib/server/api";
import { archiveGoal, getGoalDetail, updateGoal } from "@/lib/server/goals";
import { goalDetailJson } from "@/lib/server/serialize";
import { projectGoals, projectionJson } from "@/lib/server/projection";

type Context = { params: Promise<{ goalId: string }> };

/** GET /api/v1/goals/:goalId[?asOf=YYYY-MM-DD] — the goal, its judgement, its entries (newest first) and 预计全年. */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const asOf = parseAsOf(request);
    if (!asOf.ok) return errorResponse(asOf.error);
    const { goalId } = await params;
    const detail = await getGoalDetail(actor.value, goalId, asOf.value);
    if (!detail.ok) return errorResponse(detail.error);
    // 预计全年: an estimate (null for a point goal, or without a figure), never a reported figure.
    const { goal, judgement, asOf: day } = detail.value;
    const projected = await projectGoals([{ id: goal.id, accumulates: goal.accumulates, kind: goal.kind, direction: goal.direction, target: goal.targetValue?.toString() ?? null, judgement }], day);
    return json({ goal: { ...goalDetailJson(detail.value), projection: projectionJson(projected.get(goal.id)) } });
  });
}

/** PATCH /api/v1/goals/:goalId — changes the given fields (admin). */
export async function PATCH(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { goalId } = await params;
    const updated = await updateGoal(actor.value, goalId, body.value);
    if (!updated.ok) return errorResponse(updated.error);
    return respond(await getGoalDetail(actor.value, goalId), (detail) => ({ goal: goalDetailJson(detail) }));
  });
}

/** DELETE /api/v1/goals/:goalId — archives the goal (admin); its figures and audit trail stay. */
export async function DELETE(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { goalId } = await params;
    const archived = await archiveGoal(actor.value, goalId);
    if (!archived.ok) return errorResponse(archived.error);
    return json({ id: goalId, planId: archived.value.planId, archived: true });
  });
}
