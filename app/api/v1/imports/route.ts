import { caller, errorResponse, handle, json, readForm, readJson } from "@/lib/server/api";
import { createImport } from "@/lib/server/imports";
import { REPORT_UPLOAD_LIMIT, REPORT_UPLOAD_TOO_LARGE } from "@/lib/domain/body-limits";

export const dynamic = "force-dynamic";

/** The form's fields besides the file (FormData values are text; "" reads as absent in the schema). */
const FIELDS = ["regionId", "level", "year", "title", "text", "planId"] as const;

/**
 * POST /api/v1/imports — a report to review: JSON {regionId, level, year?, title?, text, planId?}, or multipart/form-data
 * with `file` (.txt, .docx, .pdf) and the same fields. 201 with the draft: text, sections, candidates, suggestions.
 */
export async function POST(request: Request) {
  return handle(async () => {
    const actor = await caller(request, { multipart: true });
    if (!actor.ok) return errorResponse(actor.error);
    const mediaType = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    let raw: Record<string, unknown>;
    let file: { bytes: Uint8Array; filename: string } | undefined;
    if (mediaType === "multipart/form-data") {
      // The file's limit plus room for the other fields and the multipart framing.
      const form = await readForm(request, REPORT_UPLOAD_LIMIT, REPORT_UPLOAD_TOO_LARGE);
      if (!form.ok) return errorResponse(form.error);
      raw = {};
      for (const name of FIELDS) {
        const value = form.value.get(name);
        if (typeof value === "string") raw[name] = value;
      }
      const upload = form.value.get("file");
      if (upload !== null && typeof upload !== "string") {
        file = { bytes: new Uint8Array(await upload.arrayBuffer()), filename: upload.name || "report" };
        delete raw.text;
      } else if (raw.text === undefined) {
        return errorResponse({ code: "validation", message: "请上传报告文件（字段 file）或粘贴报告全文（字段 text）", fields: { file: "请上传报告文件" } });
      }
    } else {
      const body = await readJson(request);
      if (!body.ok) return errorResponse(body.error);
      raw = body.value as Record<string, unknown>;
    }
    const created = await createImport(actor.value, raw, file);
    if (!created.ok) return errorResponse(created.error);
    return json({ import: created.value }, 201, { location: `/api/v1/imports/${created.value.id}` });
  });
}
