/**
 * Is an upload an .xlsx worth opening? Judged from its bytes, not its name: an .xlsx is a zip (PK\x03\x04), and its
 * central directory says what it unpacks to, so a zip bomb or a zip of thousands of parts is refused before any
 * unpacking. The declared sizes can lie; the row limit and the unpacker's own size check stand behind this.
 */
import { BULK_LIMITS } from "./template";

export type FileProblem = "empty" | "too_large" | "not_xlsx" | "corrupt" | "too_big_unpacked";

export const FILE_MESSAGES: Record<FileProblem, string> = {
  empty: "上传的文件是空的，请选择填好的 Excel 模板",
  too_large: `文件过大（上限 ${BULK_LIMITS.fileBytes / 1024 / 1024} MB），请只上传本系统下载的填报模板`,
  not_xlsx: "文件不是 Excel（.xlsx）文件，请上传本系统下载的填报模板（.xls、.csv、.et 等格式请另存为 .xlsx）",
  corrupt: "无法读取该 Excel 文件，文件可能已损坏，请重新下载模板填写",
  too_big_unpacked: "文件解压后过大或包含的部件过多，不像是本系统的填报模板，已拒收",
};

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;

/** The first problem with the bytes as an .xlsx upload, or null when the zip looks sound and small enough. */
export function xlsxProblem(bytes: Uint8Array, limits: { fileBytes: number; unpackedBytes: number; zipEntries: number } = BULK_LIMITS): FileProblem | null {
  if (bytes.byteLength === 0) return "empty";
  if (bytes.byteLength > limits.fileBytes) return "too_large";
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 22 || view.getUint32(0, true) !== ZIP_LOCAL) return "not_xlsx";
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65535.
  let end = -1;
  for (let at = bytes.byteLength - 22; at >= Math.max(0, bytes.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === ZIP_END) {
      end = at;
      break;
    }
  }
  if (end < 0) return "corrupt";
  const entries = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryStart = view.getUint32(end + 16, true);
  if (entries === 0xffff || directoryStart === 0xffffffff) return "too_big_unpacked"; // ZIP64: never ours
  if (entries > limits.zipEntries) return "too_big_unpacked";
  if (directoryStart + directorySize > end) return "corrupt";
  let at = directoryStart;
  let unpacked = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== ZIP_CENTRAL) return "corrupt";
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return "too_big_unpacked";
    unpacked += size;
    if (unpacked > limits.unpackedBytes) return "too_big_unpacked";
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return null;
}
