import { caller, errorResponse, handle, readJson, respond } from "@/lib/server/api";
import { updateCandidate } from "@/lib/server/imports";

type Context = { params: Promise<{ importId: string; candidateId: string }> };

/** PATCH /api/v1/imports/:importId/candidates/:candidateId — edit fields, accept or reject {version, decision?, …}. */
export async function PATCH(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { importId, candidateId } = await params;
    return respond(await updateCandidate(actor.value, importId, candidateId, body.value), (candidate) => ({ candidate }));
  });
}
