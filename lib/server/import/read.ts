import "server-only";
// An uploaded report (.txt, .docx, text .pdf) → the report text the extractor reads and the review screen shows.
// The type comes from the bytes, not the name; every refusal is a typed result with a Chinese message.

import { fail, ok, type Result } from "@/lib/domain/errors";
import { REPORT_TEXT_MAX } from "@/lib/domain/inputs";
import { IMPORT_FILE_MESSAGES as M, IMPORT_FILE_WARNINGS as W } from "@/lib/domain/import/messages";
import { dropControlCharacters, rejoinPages, tidyParagraphs, type RejoinResult } from "@/lib/domain/import/rejoin";
import { decodeText, sniffFormat } from "@/lib/domain/import/sniff";
import { readDocxText } from "./docx";
import { readPdfPages } from "./pdf";
import { REPORT_FILE_LIMIT } from "@/lib/domain/body-limits";

export type ReportFileFormat = "txt" | "docx" | "pdf";

export interface ReportFileText {
  /** The report text, layout cleaned up; offsets of later steps point into it. */
  text: string;
  format: ReportFileFormat;
  /** Pages of a PDF. */
  pages?: number;
  /** What was cleaned up or skipped, in Chinese, fit to show. */
  warnings: string[];
}

export interface ReadReportOptions {
  /** Largest file taken, in bytes (default 20 MB). */
  maxBytes?: number;
  /** Longest text taken, in characters (default REPORT_TEXT_MAX). */
  maxChars?: number;
  /** Most PDF pages read (default 1000). */
  maxPages?: number;
  /** Time allowed for a PDF, in milliseconds (default 15 s). */
  timeoutMs?: number;
  /** Rejoin hard-wrapped lines of a .txt (default true; a PDF is always rejoined, a .docx never). */
  rejoinText?: boolean;
}

export const REPORT_FILE_MAX_BYTES = REPORT_FILE_LIMIT;
const DEFAULT_MAX_PAGES = 1000;
const DEFAULT_TIMEOUT_MS = 15_000;
/** A line a page without text may still hold: blanks or a page number ("- 3 -", "第 3 页"). */
const PAGE_NUMBER_ONLY = /^[\s\u3000\d\-—–－_~·•/／第页共]*$/;

export async function readReportFile(
  bytes: Uint8Array,
  filename: string,
  options: ReadReportOptions = {},
): Promise<Result<ReportFileText>> {
  const maxBytes = options.maxBytes ?? REPORT_FILE_MAX_BYTES;
  const maxChars = options.maxChars ?? REPORT_TEXT_MAX;
  if (bytes.byteLength === 0) return fail("validation", M.empty);
  if (bytes.byteLength > maxBytes) return fail("too_large", M.tooLarge(Math.max(1, Math.round(maxBytes / 1024 / 1024))));

  const format = sniffFormat(bytes, filename);
  const warnings: string[] = [];
  let text: string;
  let pages: number | undefined;
  switch (format.kind) {
    case "unsupported":
      return fail("validation", M.unsupported(format.what));
    case "encrypted-office":
      return fail("validation", M.encryptedDocx);
    case "txt": {
      const decoded = decodeText(bytes);
      if (!decoded.ok) return fail("validation", M.binary);
      if (options.rejoinText === false) text = tidyParagraphs(decoded.text.replace(/\f/g, "\n"));
      else text = noteRejoin(rejoinPages([decoded.text]), warnings);
      break;
    }
    case "docx": {
      const read = await readDocxText(bytes);
      if (!read.ok) return fail("validation", M.corrupt);
      if (read.skipped) warnings.push(W.docx(read.skipped));
      text = tidyParagraphs(read.text);
      break;
    }
    case "pdf": {
      const read = await readPdfPages(bytes, {
        maxPages: options.maxPages ?? DEFAULT_MAX_PAGES,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      });
      if (!read.ok) {
        if (read.reason === "encrypted") return fail("validation", M.encryptedPdf);
        if (read.reason === "too_many_pages") return fail("too_large", M.tooManyPages(options.maxPages ?? DEFAULT_MAX_PAGES));
        if (read.reason === "timeout") return fail("validation", M.timeout);
        return fail("validation", M.corrupt);
      }
      pages = read.pages.length;
      const textless = read.pages.map((p) => !p.split("\n").some((line) => !PAGE_NUMBER_ONLY.test(line)));
      if (textless.every(Boolean)) return fail("validation", M.scanned);
      const blank = textless.flatMap((none, i) => (none ? [i + 1] : []));
      if (blank.length) warnings.push(W.pagesWithoutText(blank));
      text = noteRejoin(rejoinPages(read.pages), warnings);
      break;
    }
  }

  text = dropControlCharacters(text).replace(/\f/g, "\n");
  if (!text.trim()) return fail("validation", M.noText);
  if (text.length > maxChars) return fail("too_large", M.textTooLong(maxChars));
  return ok({ text, format: format.kind, ...(pages !== undefined ? { pages } : {}), warnings });
}

function noteRejoin(result: RejoinResult, warnings: string[]): string {
  if (result.joined) warnings.push(W.joined(result.joined));
  if (result.pageNumbers) warnings.push(W.pageNumbers(result.pageNumbers));
  if (result.runningLines) warnings.push(W.runningLines(result.runningLines));
  return result.text;
}
