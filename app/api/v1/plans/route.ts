import { caller, errorResponse, handle, json, parseQuery, readJson, respond } from "@/lib/server/api";
import { getBoard } from "@/lib/server/board";
import { createPlanFromText, getPlan, listPlans, planListQuery } from "@/lib/server/plans";
import { boardGoalJson, planJson, planSummaryJson } from "@/lib/server/serialize";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans[?asOf=YYYY-MM-DD][&year=YYYY] — every plan (of that year) with its goal count and lights. */
export async function GET(request: Request) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const query = parseQuery(planListQuery, request);
    if (!query.ok) return errorResponse(query.error);
    const { asOf, year } = query.value;
    return respond(await listPlans(actor.value, asOf, new Date(), { year }), (plans) => ({ plans: plans.map(planSummaryJson) }));
  });
}

/** POST /api/v1/plans {region, level, year?, title?, text} — imports a report; 201 with the plan and its goals. */
export async function POST(request: Request) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const created = await createPlanFromText(actor.value, body.value);
    if (!created.ok) return errorResponse(created.error);
    // The caller again: an import may have made a new region under theirs, which their scope now includes.
    const reader = await caller(request);
    if (!reader.ok) return errorResponse(reader.error);
    const plan = await getPlan(reader.value, created.value.id);
    if (!plan.ok) return errorResponse(plan.error);
    const board = await getBoard(reader.value, created.value.id);
    if (!board.ok) return errorResponse(board.error);
    return json({ plan: planJson(plan.value), goals: board.value.rows.map(boardGoalJson) }, 201, {
      location: `/api/v1/plans/${created.value.id}`,
    });
  });
}
