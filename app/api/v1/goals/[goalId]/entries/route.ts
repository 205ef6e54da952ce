import { caller, errorResponse, handle, json, parseAsOf, readJson, respond } from "@/lib/server/api";
import { submitEntry } from "@/lib/server/entries";
import { getGoalDetail } from "@/lib/server/goals";
import { entryJson, judgementJson, savedEntryJson } from "@/lib/server/serialize";

type Context = { params: Promise<{ goalId: string }> };

/** GET /api/v1/goals/:goalId/entries — the goal's figures, newest period first. */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { goalId } = await params;
    return respond(await getGoalDetail(actor.value, goalId), (detail) => ({ goalId, entries: detail.goal.entries.map(entryJson) }));
  });
}

/**
 * POST /api/v1/goals/:goalId/entries {"period":"2024-06","value":"5.2","note":"…"} — 201 when the period had
 * no figure, 200 when it replaced one; with the goal's status afterwards (as of today, or ?asOf).
 */
export async function POST(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const asOf = parseAsOf(request);
    if (!asOf.ok) return errorResponse(asOf.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { goalId } = await params;
    const saved = await submitEntry(actor.value, goalId, body.value);
    if (!saved.ok) return errorResponse(saved.error);
    const detail = await getGoalDetail(actor.value, goalId, asOf.value);
    if (!detail.ok) return errorResponse(detail.error);
    return json(
      {
        entry: savedEntryJson(saved.value),
        created: saved.value.created,
        goal: { id: goalId, asOf: detail.value.asOf, ...judgementJson(detail.value.judgement) },
      },
      saved.value.created ? 201 : 200,
    );
  });
}
