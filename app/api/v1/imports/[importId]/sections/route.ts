import { caller, errorResponse, handle, readJson, respond } from "@/lib/server/api";
import { updateSection } from "@/lib/server/imports";

type Context = { params: Promise<{ importId: string }> };

/** POST /api/v1/imports/:importId/sections — a section's candidates at once {sectionId, decision?, leadDepartmentId?}. */
export async function POST(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { importId } = await params;
    return respond(await updateSection(actor.value, importId, body.value), (result) => result);
  });
}
