import "server-only";
// The text layer of a PDF, page by page, with unpdf's serverless build of pdf.js (no worker, no canvas).
// Lines come from pdf.js's own end-of-line marks; a line that starts well right of the page's usual left edge
// is a paragraph's first line and gets a full-width indent, which the rejoin reads as "new paragraph".

import { getDocumentProxy } from "unpdf";

export type PdfText =
  | { ok: true; pages: string[] }
  | { ok: false; reason: "encrypted" | "corrupt" | "too_many_pages" | "timeout" };

interface TextItem {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  height?: number;
}

class Timeout extends Error {}

export async function readPdfPages(bytes: Uint8Array, limits: { maxPages: number; timeoutMs: number }): Promise<PdfText> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new Timeout());
    }, limits.timeoutMs);
  });
  let doc: Awaited<ReturnType<typeof getDocumentProxy>> | undefined;
  try {
    // pdf.js may detach the buffer it is given: hand it a copy. No console chatter.
    // pdf.js chains its work on promises, so a timer may not get its turn: the clock is also read between steps.
    // (One page that parses for long in one go is not interrupted; that would take a worker thread.)
    const started = performance.now();
    const checkTime = () => {
      if (expired || performance.now() - started > limits.timeoutMs) throw new Timeout();
    };
    doc = await Promise.race([getDocumentProxy(bytes.slice(), { verbosity: 0 }), deadline]);
    if (doc.numPages > limits.maxPages) return { ok: false, reason: "too_many_pages" };
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      checkTime();
      const page = await Promise.race([doc.getPage(p), deadline]);
      const content = await Promise.race([page.getTextContent(), deadline]);
      pages.push(pageText(content.items as TextItem[]));
      page.cleanup();
    }
    checkTime();
    return { ok: true, pages };
  } catch (e) {
    if (e instanceof Timeout) return { ok: false, reason: "timeout" };
    if ((e as { name?: string } | null)?.name === "PasswordException") return { ok: false, reason: "encrypted" };
    return { ok: false, reason: "corrupt" };
  } finally {
    clearTimeout(timer);
    if (doc) void doc.loadingTask.destroy().catch(() => undefined);
  }
}

function pageText(items: TextItem[]): string {
  const lines: { x: number; size: number; text: string }[] = [];
  let text = "";
  let x: number | null = null;
  let size = 0;
  const endLine = () => {
    if (text.trim()) lines.push({ x: x ?? 0, size, text });
    text = "";
    x = null;
    size = 0;
  };
  for (const item of items) {
    const str = item.str ?? "";
    if (str.trim() && x === null) {
      x = item.transform?.[4] ?? 0;
      size = Math.abs(item.transform?.[3] ?? item.height ?? 0) || (item.height ?? 0);
    }
    text += str;
    if (item.hasEOL) endLine();
  }
  endLine();
  if (!lines.length) return "";
  // The left edge most lines start at; a line starting 1.5 characters or more right of it is indented.
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(Math.round(l.x), (counts.get(Math.round(l.x)) ?? 0) + 1);
  const left = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
  return lines
    .map((l) => (l.size > 0 && l.x - left >= l.size * 1.5 ? `\u3000\u3000${l.text.trim()}` : l.text.trim()))
    .join("\n");
}
