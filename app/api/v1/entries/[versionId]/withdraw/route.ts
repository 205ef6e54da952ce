import { caller, errorResponse, handle, respond } from "@/lib/server/api";
import { withdrawEntry } from "@/lib/server/entries";

/** POST /api/v1/entries/:versionId/withdraw — the submitter's department takes back a pending version. */
export async function POST(request: Request, { params }: { params: Promise<{ versionId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { versionId } = await params;
    return respond(await withdrawEntry(actor.value, versionId), (w) => ({ id: versionId, ...w, state: "withdrawn" }));
  });
}
