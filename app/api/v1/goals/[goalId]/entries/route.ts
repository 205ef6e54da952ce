import { caller, errorResponse, handle, json, parseAsOf, readJson, respond } from "@/lib/server/api";
import { submitEntry } from "@/lib/server/entries";
import { getGoalDetail } from "@/lib/server/goals";
import { todayInShanghai } from "@/lib/domain/periods";
import { NOT_FOUND } from "@/lib/domain/messages";
import { entryJson, judgementJson } from "@/lib/server/serialize";

type Context = { params: Promise<{ goalId: string }> };

/** GET /api/v1/goals/:goalId/entries — every version of the goal's figures, newest first. */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { goalId } = await params;
    return respond(await getGoalDetail(actor.value, goalId), (detail) => ({ goalId, entries: detail.goal.entries.map(entryJson) }));
  });
}

/**
 * POST /api/v1/goals/:goalId/entries {"period":"2024-06","value":"5.2","note":"…","confirm":true,"reportedAt":"2024-07-03"}
 * — a new version (201) with its state and the goal's judgement afterwards (as of today, or ?asOf). A figure that
 * looks wrong answers 422 needs_confirmation with the warnings unless "confirm": true.
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
    // The goal's judgement afterwards, by the board's path: the writer may read the goal (submitEntry checked more).
    const day = asOf.value ?? todayInShanghai(new Date());
    const judgement = await saved.value.judgeOn(day);
    if (!judgement) return errorResponse({ code: "not_found", message: NOT_FOUND.goal });
    return json(
      {
        entry: entryJson(saved.value.version),
        state: saved.value.version.state,
        created: saved.value.created,
        warnings: saved.value.warnings,
        goal: { id: goalId, asOf: day, ...judgementJson(judgement) },
      },
      201,
    );
  });
}
