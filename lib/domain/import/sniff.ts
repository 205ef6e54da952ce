// What an uploaded file is, from its first bytes (its name is only a hint), and the text of a plain-text file
// in whichever encoding Chinese offices save: UTF-8 (with or without BOM), UTF-16 with a BOM, GB18030/GBK.

export type SniffedFormat =
  | { kind: "txt" }
  | { kind: "docx" }
  | { kind: "pdf" }
  /** An OLE compound file holding an encrypted Office document (a password-protected .docx). */
  | { kind: "encrypted-office" }
  | { kind: "unsupported"; what: string };

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const utf16le = (s: string): number[] => [...s].flatMap((c) => [c.charCodeAt(0), 0]);

/** Whether `needle` occurs in `bytes` (within the first `limit` bytes). */
function contains(bytes: Uint8Array, needle: readonly number[], limit = bytes.length): boolean {
  const end = Math.min(bytes.length, limit) - needle.length;
  const first = needle[0];
  for (let i = 0; i <= end; i++) {
    if (bytes[i] !== first) continue;
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}

const PDF = ascii("%PDF-");
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const BINARY_SIGNATURES: { sig: number[]; at?: number; what: string }[] = [
  { sig: [0x89, 0x50, 0x4e, 0x47], what: "图片" },
  { sig: [0xff, 0xd8, 0xff], what: "图片" },
  { sig: ascii("GIF8"), what: "图片" },
  { sig: [0x49, 0x49, 0x2a, 0x00], what: "图片" },
  { sig: [0x4d, 0x4d, 0x00, 0x2a], what: "图片" },
  { sig: ascii("WEBP"), at: 8, what: "图片" },
  { sig: ascii("ftyp"), at: 4, what: "图片或视频" },
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: "可执行文件" },
  { sig: [0xcf, 0xfa, 0xed, 0xfe], what: "可执行文件" },
  { sig: [0x1f, 0x8b], what: "压缩包" },
  { sig: ascii("Rar!"), what: "压缩包" },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], what: "压缩包" },
  { sig: ascii("{\\rtf"), what: "RTF 文档" },
];

/** The format of an upload by its content; `filename` only settles a damaged Word file that no longer shows its parts. */
export function sniffFormat(bytes: Uint8Array, filename = ""): SniffedFormat {
  const name = filename.toLowerCase();
  // A PDF may carry a few bytes of junk before its header; readers look in the first kilobyte.
  if (startsWith(bytes, PDF) || contains(bytes, PDF, 1024)) return { kind: "pdf" };
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) {
    if (contains(bytes, ascii("word/document.xml")) || contains(bytes, ascii("word/"))) return { kind: "docx" };
    if (contains(bytes, ascii("xl/"))) return { kind: "unsupported", what: "Excel 表格" };
    if (contains(bytes, ascii("ppt/"))) return { kind: "unsupported", what: "PowerPoint 演示文稿" };
    if (name.endsWith(".docx")) return { kind: "docx" }; // damaged: mammoth will say so
    return { kind: "unsupported", what: "压缩包" };
  }
  if (startsWith(bytes, OLE)) {
    if (contains(bytes, utf16le("EncryptedPackage"))) return { kind: "encrypted-office" };
    if (contains(bytes, utf16le("WordDocument"))) return { kind: "unsupported", what: "旧版 Word（.doc）文件，请在 Word 中另存为 .docx" };
    return { kind: "unsupported", what: "旧版 Office 文件" };
  }
  for (const { sig, at, what } of BINARY_SIGNATURES) if (startsWith(bytes, sig, at ?? 0)) return { kind: "unsupported", what };
  return { kind: "txt" };
}

export type DecodedText = { ok: true; text: string; encoding: string } | { ok: false; reason: "binary" };

/**
 * The text of a plain-text file: BOMs first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then GB18030 (a superset
 * of GBK and GB2312). A file with NUL bytes or many control characters is binary, not text.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  let text: string;
  let encoding: string;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = "utf-8";
    text = new TextDecoder("utf-8").decode(bytes.subarray(3));
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = "utf-16le";
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = "utf-16be";
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else {
    if (bytes.includes(0)) return { ok: false, reason: "binary" };
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      encoding = "utf-8";
    } catch {
      try {
        text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
        encoding = "gb18030";
      } catch {
        return { ok: false, reason: "binary" };
      }
    }
  }
  if (looksBinary(text)) return { ok: false, reason: "binary" };
  return { ok: true, text, encoding };
}

function looksBinary(text: string): boolean {
  let odd = 0;
  const n = Math.min(text.length, 65536);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) odd++;
  }
  return n > 0 && odd > Math.max(2, n * 0.01);
}
