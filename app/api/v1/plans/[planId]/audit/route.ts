import { caller, errorResponse, handle, queryOf, respond } from "@/lib/server/api";
import { auditPageJson, getPlanAudit } from "@/lib/server/audit-view";

/**
 * GET /api/v1/plans/:planId/audit?user=&action=&period=&from=&to=&cursor= — the plan's 变更记录, newest first, 50 a
 * page (admins and leaders; a reporter gets 403). `nextCursor` fetches the next page.
 */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { planId } = await params;
    return respond(await getPlanAudit(actor.value, planId, queryOf(request)), auditPageJson);
  });
}
