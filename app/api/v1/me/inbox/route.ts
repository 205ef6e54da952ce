import { caller, errorResponse, handle, respond } from "@/lib/server/api";
import { getInbox } from "@/lib/server/duty";
import { inboxJson } from "@/lib/server/serialize";

/** GET /api/v1/me/inbox — 待我处理 for the caller's role. */
export async function GET(request: Request) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    return respond(await getInbox(actor.value), inboxJson);
  });
}
