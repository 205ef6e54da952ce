import { caller, errorResponse, handle, parseAsOf, respond } from "@/lib/server/api";
import { getPlanOverdue } from "@/lib/server/duty";
import { overdueJson } from "@/lib/server/serialize";

/** GET /api/v1/plans/:planId/overdue?asOf= — 未填报 by lead department, with each department's 催报通知. */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const asOf = parseAsOf(request);
    if (!asOf.ok) return errorResponse(asOf.error);
    const { planId } = await params;
    return respond(await getPlanOverdue(actor.value, planId, asOf.value), overdueJson);
  });
}
