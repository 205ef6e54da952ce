import { caller, errorResponse, handle, queryOf, readJson, respond } from "@/lib/server/api";
import { listLocks, lockPeriod, unlockPeriod } from "@/lib/server/locks";
import { lockJson } from "@/lib/server/serialize";

type Context = { params: Promise<{ planId: string }> };

/** GET /api/v1/plans/:planId/locks — the plan's locked periods. */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { planId } = await params;
    return respond(await listLocks(actor.value, planId), (locks) => ({ planId, locks: locks.map(lockJson) }));
  });
}

/** POST /api/v1/plans/:planId/locks {"period":"2024-06","reason":"…"} — 201; 409 when already locked. */
export async function POST(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { planId } = await params;
    return respond(await lockPeriod(actor.value, planId, body.value), (lock) => ({ planId, lock: lockJson(lock) }), 201);
  });
}

/** DELETE /api/v1/plans/:planId/locks?period=2024-06 (or a JSON body {"period","reason"}) — unlocks the period. */
export async function DELETE(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const query = queryOf(request);
    let input: unknown = query;
    if (!query.period) {
      const body = await readJson(request);
      if (!body.ok) return errorResponse(body.error);
      input = body.value;
    }
    const { planId } = await params;
    return respond(await unlockPeriod(actor.value, planId, input), (r) => ({ planId, period: r.period, unlocked: true }));
  });
}
