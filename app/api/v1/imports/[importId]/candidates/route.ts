import { caller, errorResponse, handle, readJson, respond } from "@/lib/server/api";
import { addCandidate } from "@/lib/server/imports";

type Context = { params: Promise<{ importId: string }> };

/** POST /api/v1/imports/:importId/candidates — a target (or milestone) from a span of the text {start, end, …}. */
export async function POST(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { importId } = await params;
    return respond(await addCandidate(actor.value, importId, body.value), (candidate) => ({ candidate }), 201);
  });
}
