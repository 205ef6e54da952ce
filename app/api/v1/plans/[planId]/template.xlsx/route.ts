import { caller, errorResponse, handle, parseQuery } from "@/lib/server/api";
import { templateQuery } from "@/lib/domain/bulk";
import { getFillTemplate, templateFileName, templateWorkbook } from "@/lib/server/bulk/template";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * GET /api/v1/plans/:planId/template.xlsx?department=<id>&period=2024-06 — the fill-in template (填报模板) of a
 * department for a period: a reporter's own department by default, any department of the plan's government for an
 * admin; the period defaults to the month most recently due.
 */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  return handle(async () => {
    const actor = await caller(request);
    if (!actor.ok) return errorResponse(actor.error);
    const query = parseQuery(templateQuery, request);
    if (!query.ok) return errorResponse(query.error);
    const { planId } = await params;
    const template = await getFillTemplate(actor.value, planId, query.value);
    if (!template.ok) return errorResponse(template.error);
    const body = await templateWorkbook(template.value);
    const name = templateFileName(template.value);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        "content-type": XLSX,
        "content-disposition": `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "cache-control": "no-store",
      },
    });
  });
}
