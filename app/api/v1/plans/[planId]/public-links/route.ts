import { caller, errorResponse, handle, respond } from "@/lib/server/api";
import { createPublicLink, linkOrigin, listPublicLinks } from "@/lib/server/public-links";

type Context = { params: Promise<{ planId: string }> };

/** GET /api/v1/plans/:planId/public-links — the plan's share links (admins of its government); tokens are not kept. */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { planId } = await params;
    return respond(await listPublicLinks(actor.value, planId), (links) => ({ planId, links }));
  });
}

/** POST /api/v1/plans/:planId/public-links — 201 {id, url, token}: the link is shown this once. */
export async function POST(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { planId } = await params;
    return respond(await createPublicLink(actor.value, planId, linkOrigin(request)), (link) => ({ planId, ...link }), 201);
  });
}
