import { caller, errorResponse, handle, readJson, respond } from "@/lib/server/api";
import { createRegion, listVisibleRegions } from "@/lib/server/regions";
import { regionJson } from "@/lib/server/serialize";

export const dynamic = "force-dynamic";

/** GET /api/v1/regions — the caller's visible tree of governments, parents before children. */
export async function GET(request: Request) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    return respond(await listVisibleRegions(actor.value), (regions) => ({ regions: regions.map(regionJson) }));
  });
}

/** POST /api/v1/regions {name, level, parentId} — admin; under their own region or one below it; 201 with the region. */
export async function POST(request: Request) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    return respond(await createRegion(actor.value, body.value), (region) => ({ region: regionJson(region) }), 201);
  });
}
