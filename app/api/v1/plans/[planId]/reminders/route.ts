import { caller, errorResponse, handle, paramId } from "@/lib/server/api";
import { enqueuePlanReminders } from "@/lib/server/jobs";
import { acceptedResponse } from "@/lib/server/jobs/respond";

/**
 * POST /api/v1/plans/:planId/reminders — 催报 now (admin of the plan's government): the reminders job records one
 * reminder per lead department with goals overdue or returned, once a day; 202 with the job.
 */
export async function POST(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const planId = paramId((await params).planId);
    if (!planId.ok) return errorResponse(planId.error);
    const job = await enqueuePlanReminders(actor.value, planId.value);
    return job.ok ? acceptedResponse(job.value) : errorResponse(job.error);
  });
}
