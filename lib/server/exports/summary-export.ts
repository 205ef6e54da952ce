import "server-only";
import { ok, type Result } from "@/lib/domain/errors";
import { todayInShanghai } from "@/lib/domain/dates";
import type { Actor } from "@/lib/domain/permissions";
import { contentDisposition, exportFileName, exportTitle } from "@/lib/domain/summary/export";
import { getSummary, type SummaryFilters } from "../summary";
import { summaryDocx } from "./summary-docx";
import { summaryXlsx } from "./summary-xlsx";

export type ExportFormat = "docx" | "xlsx";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface ExportFile {
  body: Buffer;
  fileName: string;
  contentType: string;
  contentDisposition: string;
}

/**
 * The summary (same data, filters and permissions as getSummary) as a Word or Excel file, named
 * "{title}（截至{asOf}）.{ext}".
 */
export async function exportSummary(actor: Actor | null, planId: string, filters: SummaryFilters, format: ExportFormat, now = new Date()): Promise<Result<ExportFile>> {
  const summary = await getSummary(actor, planId, filters, now);
  if (!summary.ok) return summary;
  const s = summary.value;
  const generatedOn = todayInShanghai(now);
  const body = format === "docx" ? await summaryDocx(s, generatedOn) : await summaryXlsx(s, generatedOn);
  const fileName = exportFileName(exportTitle(s.plan.title, s.narrativeKind), s.asOf, format);
  return ok({
    body,
    fileName,
    contentType: CONTENT_TYPES[format],
    contentDisposition: contentDisposition(fileName, `summary-${s.plan.year}-${s.asOf}.${format}`),
  });
}

/** The file as a download (never cached: it holds what the caller may read today). */
export function fileResponse(file: ExportFile): Response {
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: {
      "content-type": file.contentType,
      "content-disposition": file.contentDisposition,
      "content-length": String(file.body.byteLength),
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
