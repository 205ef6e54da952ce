import { caller, errorResponse, handle, respond } from "@/lib/server/api";
import { getPlan } from "@/lib/server/plans";
import { planJson } from "@/lib/server/serialize";

/** GET /api/v1/plans/:planId — the plan, its settings and its sections. */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { planId } = await params;
    return respond(await getPlan(actor.value, planId), (plan) => ({ plan: planJson(plan) }));
  });
}
