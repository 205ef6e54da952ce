import { caller, errorResponse, handle, readJson, respond } from "@/lib/server/api";
import { getDepartmentMapping, putDepartmentMapping } from "@/lib/server/department-mapping";

type Context = { params: Promise<{ regionId: string }> };

/** GET /api/v1/regions/:regionId/department-mapping — keyword → the region's own unit, in order (admin of the region). */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const { regionId } = await params;
    return respond(await getDepartmentMapping(actor.value, regionId), (mapping) => ({ mapping }));
  });
}

/** PUT /api/v1/regions/:regionId/department-mapping {rows: [{keyword, departmentId|null}]} — replaces the table. */
export async function PUT(request: Request, { params }: Context) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const body = await readJson(request);
    if (!body.ok) return errorResponse(body.error);
    const { regionId } = await params;
    return respond(await putDepartmentMapping(actor.value, regionId, body.value), (mapping) => ({ mapping }));
  });
}
