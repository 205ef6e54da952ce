import { caller, errorResponse, handle, json, parseAsOf, readJson, respond } from "@/lib/server/api";
import { getGoalDetail } from "@/lib/server/goals";
import { setShares } from "@/lib/server/shares";
import { judgementJson, shareJson } from "@/lib/server/serialize";

type Context = { params: Promise<{ goalId: string }> };

/**
 * GET /api/v1/goals/:goalId/shares[?asOf=YYYY-MM-DD] — the goal's shares (目标分解) with their status and latest
 * counted figure, and the parent's roll-up: `latest` (the sum, for additive units), reportedShares, totalShares.
 */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const asOf = parseAsOf(request);
    if (!asOf.ok) return errorResponse(asOf.error);
    const { goalId } = await params;
    return respond(await getGoalDetail(actor.value, goalId, asOf.value), (detail) => ({
      goalId,
      asOf: detail.asOf,
      rolledUp: detail.shares?.rolledUp ?? false,
      reportedShares: detail.shares ? detail.shares.reportedShares : null,
      totalShares: detail.shares ? detail.shares.totalShares : null,
      ...judgementJson(detail.judgement),
      shares: (detail.shares?.shares ?? []).map(shareJson),
    }));
  });
}

/**
 * POST /api/v1/goals/:goalId/shares {"shares":[{"regionId":"…","target":"12"},{"departmentId":"…","target":"3"}]}
 * — splits the goal (admin of its plan's government): the whole list; shares left out are archived. 201 with the
 * shares and warnings (a sum that differs from the target warns, it is not refused).
 */
export async function POST(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { goalId } = await params;
    const saved = await setShares(actor.value, goalId, body.value);
    if (!saved.ok) return errorResponse(saved.error);
    const detail = await getGoalDetail(actor.value, goalId);
    const views = detail.ok ? new Map((detail.value.shares?.shares ?? []).map((s) => [s.id, shareJson(s)])) : new Map();
    return json({ goalId, shares: saved.value.shares.map((s) => views.get(s.id) ?? s), warnings: saved.value.warnings }, 201);
  });
}
