import { caller, errorResponse, handle, readJson, respond } from "@/lib/server/api";
import { setExplanation } from "@/lib/server/explanations";

type Context = { params: Promise<{ goalId: string }> };

/**
 * PUT /api/v1/goals/:goalId/explanation {"text"} — the 说明 the goal's lead department writes for the year-end
 * summary (its reporters, or the region's admins); empty text clears it. Answers {"explanation": {…} | null}.
 */
export async function PUT(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { goalId } = await params;
    return respond(await setExplanation(actor.value, goalId, body.value), (explanation) => ({ explanation }));
  });
}
