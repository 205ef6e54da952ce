import { caller, errorResponse, handle, respond } from "@/lib/server/api";
import { reviewVersion } from "@/lib/server/review";
import { entryJson } from "@/lib/server/serialize";

/** POST /api/v1/entries/:versionId/approve — 200 with the version; 409 when it is no longer pending or was superseded. */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { versionId } = await params;
    return respond(await reviewVersion(actor.value, versionId, { action: "approve" }), (version) => ({ entry: entryJson(version), state: version.state }));
  });
}
