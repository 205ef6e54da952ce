import { caller, errorResponse, handle, respond } from "@/lib/server/api";
import { discardImport, getImport } from "@/lib/server/imports";

type Context = { params: Promise<{ importId: string }> };

/** GET /api/v1/imports/:importId — the draft: text, sections, candidates with suggestions, counts. */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { importId } = await params;
    return respond(await getImport(actor.value, importId), (draft) => ({ import: draft }));
  });
}

/** DELETE /api/v1/imports/:importId — discards the draft (kept, audited; a committed one cannot be). */
export async function DELETE(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { importId } = await params;
    return respond(await discardImport(actor.value, importId), (draft) => ({ import: draft }));
  });
}
