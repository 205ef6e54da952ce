import { caller, errorResponse, handle, readJson, respond } from "@/lib/server/api";
import { reviewVersion } from "@/lib/server/review";
import { entryJson } from "@/lib/server/serialize";

/** POST /api/v1/entries/:versionId/return {"reason": "…"} — 200 with the version; 409 when it is no longer pending or was superseded. */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { versionId } = await params;
    return respond(await reviewVersion(actor.value, versionId, { action: "return", reason: (body.value as { reason?: unknown }).reason }), (version) => ({ entry: entryJson(version), state: version.state }));
  });
}
