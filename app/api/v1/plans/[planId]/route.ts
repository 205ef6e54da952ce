import { caller, errorResponse, handle, json, readJson, respond } from "@/lib/server/api";
import { deletePlan, getPlan, updatePlan } from "@/lib/server/plans";
import { planJson } from "@/lib/server/serialize";

type Context = { params: Promise<{ planId: string }> };

/** GET /api/v1/plans/:planId — the plan, its settings and its sections. */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { planId } = await params;
    return respond(await getPlan(actor.value, planId), (plan) => ({ plan: planJson(plan) }));
  });
}

/** PATCH /api/v1/plans/:planId {title?, archived?} — rename, archive or restore (admin of the region). */
export async function PATCH(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { planId } = await params;
    return respond(await updatePlan(actor.value, planId, body.value), (plan) => ({ plan }));
  });
}

/** DELETE /api/v1/plans/:planId — deletes a plan that holds no figures (409 otherwise: archive it instead). */
export async function DELETE(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { planId } = await params;
    const deleted = await deletePlan(actor.value, planId);
    return deleted.ok ? json({ deleted: deleted.value.id }) : errorResponse(deleted.error);
  });
}
