// Test files for readReportFile, made in the test: a minimal PDF written by hand (standard Helvetica, so ASCII
// only), a .docx made with the docx package, and a Chinese PDF printed by headless Chromium when it is installed.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";

export interface PdfSpec {
  /** Lines of ASCII text per page; an empty page has no text operators at all (a scan's page). */
  pages: string[][];
  /** Draw a filled rectangle on each page (a stand-in for a scanned image). */
  drawing?: boolean;
  /** An /Encrypt dictionary whose empty user password does not open it: readers ask for a password. */
  encrypted?: boolean;
}

const escapePdf = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);

export function makePdf(spec: PdfSpec): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1; // 1-based object numbers
  const catalog = add("");
  const pagesObj = add("");
  const font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const lines of spec.pages) {
    const ops: string[] = [];
    if (spec.drawing) ops.push("0.5 g 50 50 500 700 re f");
    if (lines.length) {
      ops.push("BT /F1 11 Tf 14 TL 56 780 Td");
      for (const line of lines) ops.push(`(${escapePdf(line)}) Tj T*`);
      ops.push("ET");
    }
    const stream = ops.join("\n");
    const content = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  let encrypt = "";
  if (spec.encrypted) {
    const hex32 = (b: string) => `<${b.repeat(32)}>`;
    const enc = add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O ${hex32("ab")} /U ${hex32("cd")} /P -4 >>`);
    encrypt = ` /Encrypt ${enc} 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]`;
  }
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out); // ASCII only
}

/** A .docx with the paragraphs given, and a 2×2 table after the first one when `table` is set. */
export async function makeDocx(paragraphs: string[], table?: string[][]): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] }));
  if (table) {
    const rows = table.map(
      (cells) =>
        new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)], width: { size: 3000, type: WidthType.DXA } })) }),
    );
    children.splice(1, 0, new Table({ rows }));
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export const CHROMIUM = "/usr/lib/chromium/chromium";

/** A PDF of `html` printed by headless Chromium (real CJK fonts with a text layer), or null without Chromium. */
export function printPdf(html: string): Uint8Array | null {
  if (!existsSync(CHROMIUM)) return null;
  const dir = mkdtempSync(join(tmpdir(), "luoshi-pdf-"));
  try {
    const page = join(dir, "report.html");
    const pdf = join(dir, "report.pdf");
    writeFileSync(page, html);
    execFileSync(
      CHROMIUM,
      ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", `--user-data-dir=${join(dir, "profile")}`, `--print-to-pdf=${pdf}`, `file://${page}`],
      { stdio: "ignore", timeout: 30_000 },
    );
    return new Uint8Array(readFileSync(pdf));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
