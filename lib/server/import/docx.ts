import "server-only";
// The text of a Word (.docx) file with mammoth: one paragraph per line, tables cell by cell in reading order.

import mammoth from "mammoth";

export type DocxText = { ok: true; text: string; skipped: number } | { ok: false; reason: "corrupt" };

export async function readDocxText(bytes: Uint8Array): Promise<DocxText> {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const { value, messages } = await mammoth.extractRawText({ buffer });
    return { ok: true, text: value, skipped: messages.filter((m) => m.type === "error").length };
  } catch {
    return { ok: false, reason: "corrupt" };
  }
}
