// Chinese messages for reading an uploaded report (lib/server/import/read.ts); the upload form and the API say these.

const ACCEPTED = "请上传 .txt、.docx 或 .pdf 文件";

export const IMPORT_FILE_MESSAGES = {
  accepted: ACCEPTED,
  unsupported: (what?: string) => (what ? `不支持的文件类型（${what}），${ACCEPTED}` : `不支持的文件类型，${ACCEPTED}`),
  binary: `不支持的文件类型（不是文本文件），${ACCEPTED}`,
  empty: "文件是空的，请选择报告文件",
  noText: "文件中没有可读取的文字",
  tooLarge: (limitMb: number) => `文件过大（上限 ${limitMb} MB），请删去图片或拆分后上传`,
  textTooLong: (limit: number) => `报告正文过长（上限 ${limit / 10_000} 万字），请拆分后上传`,
  corrupt: "文件已损坏，无法读取",
  encryptedDocx: "文件已加密（设置了打开密码），无法读取；请在 Word 中取消密码后重新上传",
  encryptedPdf: "PDF 已加密（设置了打开密码），无法读取；请取消密码后重新上传",
  scanned: "这是扫描件（没有文字层），无法读取，请上传可复制文字的 PDF 或 Word 文件",
  tooManyPages: (limit: number) => `PDF 页数过多（上限 ${limit} 页），请拆分后上传`,
  timeout: "文件读取超时，请另存为 Word 或文本文件后上传",
} as const;

/** Notes shown with the text read (what was cleaned up), in Chinese. */
export const IMPORT_FILE_WARNINGS = {
  joined: (n: number) => `已合并 ${n} 处排版换行`,
  pageNumbers: (n: number) => `已删除 ${n} 个页码`,
  runningLines: (n: number) => `已删除 ${n} 行页眉页脚`,
  pagesWithoutText: (pages: number[]) =>
    `第 ${pages.length > 10 ? `${pages.slice(0, 10).join("、")} 等` : pages.join("、")} 页没有文字（可能是扫描页），已跳过`,
  docx: (n: number) => `Word 文件中有 ${n} 处内容未能识别，已跳过`,
} as const;
