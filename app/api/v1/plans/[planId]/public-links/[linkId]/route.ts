import { caller, errorResponse, handle, respond } from "@/lib/server/api";
import { revokePublicLink } from "@/lib/server/public-links";

type Context = { params: Promise<{ planId: string; linkId: string }> };

/** DELETE /api/v1/plans/:planId/public-links/:linkId — revokes the link; its page and JSON answer 404 from then on. */
export async function DELETE(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { planId, linkId } = await params;
    return respond(await revokePublicLink(actor.value, planId, linkId), (link) => ({ planId, ...link }));
  });
}
