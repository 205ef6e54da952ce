import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IMPORT_FILE_MESSAGES as M } from "@/lib/domain/import/messages";
import { readReportFile, type ReportFileText } from "./read";
import { makeDocx, makePdf, printPdf } from "./test-helpers";

const utf8 = (s: string) => new TextEncoder().encode(s);

async function read(bytes: Uint8Array, name: string, options?: Parameters<typeof readReportFile>[2]): Promise<ReportFileText> {
  const r = await readReportFile(bytes, name, options);
  if (!r.ok) throw new Error(`refused: ${r.error.message}`);
  return r.value;
}

async function refusal(bytes: Uint8Array, name: string, options?: Parameters<typeof readReportFile>[2]) {
  const r = await readReportFile(bytes, name, options);
  if (r.ok) throw new Error(`read: ${r.value.text.slice(0, 80)}`);
  return r.error;
}

const REPORT = "各位代表：\n\n现在，我代表市人民政府，向大会报告工作。\n\n一、2024年工作安排\n\n地区生产总值增长5.5%左右。";

describe("readReportFile: plain text", () => {
  it("reads UTF-8 with and without a BOM", async () => {
    expect((await read(utf8(REPORT), "a.txt")).text).toBe(REPORT);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(REPORT)]);
    const r = await read(bom, "a.txt");
    expect(r).toMatchObject({ text: REPORT, format: "txt" });
  });

  it("reads UTF-16 LE and BE with a BOM", async () => {
    const le = [0xff, 0xfe];
    const be = [0xfe, 0xff];
    for (let i = 0; i < REPORT.length; i++) {
      const c = REPORT.charCodeAt(i);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    expect((await read(new Uint8Array(le), "a.txt")).text).toBe(REPORT);
    expect((await read(new Uint8Array(be), "a.txt")).text).toBe(REPORT);
  });

  it("reads GBK / GB18030", async () => {
    // "粮食产量稳定在50万吨以上。" in GBK
    const gbk = new Uint8Array([
      0xc1, 0xb8, 0xca, 0xb3, 0xb2, 0xfa, 0xc1, 0xbf, 0xce, 0xc8, 0xb6, 0xa8, 0xd4, 0xda, 0x35, 0x30, 0xcd, 0xf2, 0xb6,
      0xd6, 0xd2, 0xd4, 0xc9, 0xcf, 0xa1, 0xa3,
    ]);
    expect((await read(gbk, "report.txt")).text).toBe("粮食产量稳定在50万吨以上。");
  });

  it("rejoins a hard-wrapped text and says so", async () => {
    const wrapped = [
      "现在，我代表区人民政府，向大会报告工作，请审议，",
      "并请列席人员提出意见。",
      "- 1 -",
      "爱民区第十五届人民代表大会第一次会议以来，在市委",
      "市政府和区委的正确领导下，在区人大和政协的监督支持",
      "下，我们以习近平新时代中国特色社会主义思想为指导。",
    ].join("\n");
    const r = await read(utf8(wrapped), "a.txt");
    expect(r.text).toBe(
      "现在，我代表区人民政府，向大会报告工作，请审议，并请列席人员提出意见。\n爱民区第十五届人民代表大会第一次会议以来，在市委市政府和区委的正确领导下，在区人大和政协的监督支持下，我们以习近平新时代中国特色社会主义思想为指导。",
    );
    expect(r.warnings).toEqual(["已合并 3 处排版换行", "已删除 1 个页码"]);
    expect((await read(utf8(wrapped), "a.txt", { rejoinText: false })).text).toBe(wrapped);
  });

  it("refuses binary files, images, executables, old Word files and other zips", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await refusal(png, "report.txt")).toMatchObject({ code: "validation", message: M.unsupported("图片") });
    expect((await refusal(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), "a.pdf")).message).toContain("不支持的文件类型");
    expect((await refusal(new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), "a.txt")).message).toBe(M.binary);
    const doc = new Uint8Array(2048);
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    doc.set([..."WordDocument"].flatMap((c) => [c.charCodeAt(0), 0]), 1024);
    const docRefusal = await refusal(doc, "report.docx");
    expect(docRefusal.message).toContain("不支持的文件类型");
    expect(docRefusal.message).toContain(".doc");
    expect(docRefusal.message).toContain("请上传 .txt、.docx 或 .pdf");
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8("....xl/workbook.xml....")]);
    expect((await refusal(xlsx, "report.xlsx")).message).toBe(M.unsupported("Excel 表格"));
  });

  it("refuses an empty file, a file of blanks, a file over the size limit and a text over the length limit", async () => {
    expect(await refusal(new Uint8Array(0), "a.txt")).toMatchObject({ code: "validation", message: M.empty });
    expect(await refusal(utf8(" \n\u3000\n\n"), "a.txt")).toMatchObject({ code: "validation", message: M.noText });
    expect(await refusal(utf8("x".repeat(2048)), "a.txt", { maxBytes: 1024 })).toMatchObject({ code: "too_large" });
    const long = await refusal(utf8("增长。".repeat(400)), "a.txt", { maxChars: 1000 });
    expect(long).toMatchObject({ code: "too_large", message: M.textTooLong(1000) });
  });
});

describe("readReportFile: Word", () => {
  it("reads paragraphs on their own lines and a table's cells in reading order, whatever the name says", async () => {
    const bytes = await makeDocx(
      ["一、2024年工作安排", "　　地区生产总值增长5.5%左右。", "粮食产量稳定在50万吨以上。"],
      [
        ["指标", "目标"],
        ["城镇新增就业", "3万人"],
      ],
    );
    const r = await read(bytes, "report.bin");
    expect(r.format).toBe("docx");
    expect(r.text).toBe(
      "一、2024年工作安排\n\n指标\n\n目标\n\n城镇新增就业\n\n3万人\n\n地区生产总值增长5.5%左右。\n\n粮食产量稳定在50万吨以上。",
    );
    expect(r.warnings).toEqual([]);
  });

  it("refuses a damaged .docx and an encrypted one", async () => {
    const bytes = await makeDocx(["地区生产总值增长5.5%左右。"]);
    expect(await refusal(bytes.subarray(0, Math.floor(bytes.length / 2)), "report.docx")).toMatchObject({
      code: "validation",
      message: M.corrupt,
    });
    // A password-protected .docx is an OLE compound file holding an EncryptedPackage stream.
    const encrypted = new Uint8Array(4096);
    encrypted.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    encrypted.set([..."EncryptedPackage"].flatMap((c) => [c.charCodeAt(0), 0]), 1200);
    expect(await refusal(encrypted, "report.docx")).toMatchObject({ code: "validation", message: M.encryptedDocx });
  });
});

describe("readReportFile: PDF", () => {
  it("reads the text layer page by page, dropping page numbers and running headers", async () => {
    const header = "Government Work Report 2024";
    const words = ["alpha", "bravo", "charlie"];
    const pages = words.map((w, n) => [
      header,
      `The ${w} paragraph starts here and runs on across the line end of the`,
      `page without a full stop, ${w} words on the ${w} line.`,
      `A ${w} sentence that ends on the line.`,
      `- ${n + 1} -`,
    ]);
    const r = await read(makePdf({ pages }), "report.pdf");
    expect(r.format).toBe("pdf");
    expect(r.pages).toBe(3);
    expect(r.text.split("\n")).toEqual(
      words.flatMap((w) => [
        `The ${w} paragraph starts here and runs on across the line end of the page without a full stop, ${w} words on the ${w} line.`,
        `A ${w} sentence that ends on the line.`,
      ]),
    );
    expect(r.warnings).toContain("已删除 3 行页眉页脚");
    expect(r.warnings).toContain("已删除 3 个页码");
  });

  it("refuses a scanned PDF (pages without text), an encrypted PDF and a damaged one", async () => {
    expect(await refusal(makePdf({ pages: [[], ["- 2 -"]], drawing: true }), "scan.pdf")).toMatchObject({
      code: "validation",
      message: M.scanned,
    });
    const encrypted = makePdf({ pages: [["Secret report text."]], encrypted: true });
    expect(await refusal(encrypted, "secret.pdf")).toMatchObject({ code: "validation", message: M.encryptedPdf });
    const whole = makePdf({ pages: [["Some text."]] });
    const damaged = new Uint8Array([...whole.subarray(0, 9), ...new Uint8Array(200).fill(0x41)]);
    expect(await refusal(damaged, "broken.pdf")).toMatchObject({ code: "validation", message: M.corrupt });
  });

  it("notes pages without text among pages with text", async () => {
    const r = await read(makePdf({ pages: [["The first page has text."], [], ["The third page too."], ["- 4 -"]], drawing: true }), "a.pdf");
    expect(r.pages).toBe(4);
    expect(r.warnings).toContain("第 2、4 页没有文字（可能是扫描页），已跳过");
    expect(r.text).toBe("The first page has text.\nThe third page too.");
  });

  it("gives up on a PDF that takes longer than allowed", async () => {
    const pages = Array.from({ length: 200 }, (_, p) => Array.from({ length: 40 }, (_, l) => `Page ${p} line ${l} of a long report.`));
    expect(await refusal(makePdf({ pages }), "long.pdf", { timeoutMs: 1 })).toMatchObject({ code: "validation", message: M.timeout });
  });

  it("refuses a PDF with more pages than allowed", async () => {
    const pdf = makePdf({ pages: [["a page"], ["a page"], ["a page"]] });
    expect(await refusal(pdf, "a.pdf", { maxPages: 2 })).toMatchObject({ code: "too_large", message: M.tooManyPages(2) });
  });

  it("reads a Chinese PDF printed by Chromium, wraps rejoined and indents kept as paragraph starts", { timeout: 60_000 }, async () => {
    const paragraph = (i: number) =>
      `<p style="text-indent:2em;margin:0">现在，我代表区人民政府，向大会报告工作，请审议，并请列席人员提出意见。地区生产总值增长6%左右，粮食产量稳定在${i}万吨以上。</p>`;
    const html = `<!doctype html><meta charset="utf-8"><style>body{font-size:16pt;width:15cm}</style><h1 style="font-size:16pt">一、过去五年工作回顾</h1>${[1, 2, 3].map(paragraph).join("")}`;
    const pdf = printPdf(html);
    if (!pdf) return; // no Chromium here: the e2e covers the Chinese PDF path
    const r = await read(pdf, "report.pdf");
    expect(r.text.split("\n")).toEqual([
      "一、过去五年工作回顾",
      ...[1, 2, 3].map((i) => `现在，我代表区人民政府，向大会报告工作，请审议，并请列席人员提出意见。地区生产总值增长6%左右，粮食产量稳定在${i}万吨以上。`),
    ]);
  });
});

// The issue's bar is upload to review screen in under 2 s; reading takes a part of it. Timings are printed for
// the record; the assertions leave room for a loaded test machine.
// The speed bar (upload to review screen < 2 s) is measured by `npm run bench`; here only a guard against a hang,
// since a loaded two-core CI machine is no clock.
const HANG_GUARD_MS = 15_000;

describe("readReportFile: a 40,000-character report reads whole", () => {
  // A sample report (13,770 characters in 37 paragraphs) three times over: 41,310 characters.
  const sample = readFileSync(new URL("../../../data/reports/003_1d04eb77b0186c38.txt", import.meta.url), "utf8");
  const paragraphs = [1, 2, 3].flatMap(() => sample.split("\n").filter((l) => l.trim()));
  const time = async (bytes: Uint8Array, name: string) => {
    const t0 = performance.now();
    const r = await read(bytes, name);
    return { ms: performance.now() - t0, r };
  };

  it(".docx", async () => {
    const bytes = await makeDocx(paragraphs);
    await read(bytes, "warm.docx");
    const { ms, r } = await time(bytes, "report.docx");
    console.info(`40k-character .docx read in ${ms.toFixed(0)} ms`);
    expect(r.text.split("\n\n")).toEqual(paragraphs);
    expect(r.text.length).toBeGreaterThan(40_000);
    expect(ms).toBeLessThan(HANG_GUARD_MS);
  });

  it(".pdf (ASCII, written by hand)", async () => {
    const line = (i: number) => `Line ${String(i).padStart(4, "0")} of the report: growth of about five percent, jobs and prices steady.`.padEnd(80, ".");
    const pages = Array.from({ length: 10 }, (_, p) => Array.from({ length: 50 }, (_, l) => line(p * 50 + l)));
    const bytes = makePdf({ pages });
    await read(bytes, "warm.pdf");
    const { ms, r } = await time(bytes, "report.pdf");
    console.info(`40k-character ASCII .pdf (10 pages) read in ${ms.toFixed(0)} ms`);
    expect(r.text.length).toBeGreaterThanOrEqual(40_000);
    expect(ms).toBeLessThan(HANG_GUARD_MS);
  });

  it(".pdf (Chinese, printed by Chromium)", { timeout: 90_000 }, async () => {
    const html = `<!doctype html><meta charset="utf-8"><style>body{font-size:16pt}p{text-indent:2em;margin:0}</style>${paragraphs.map((p) => `<p>${p}</p>`).join("")}`;
    const bytes = printPdf(html);
    if (!bytes) return;
    await read(bytes, "warm.pdf");
    const { ms, r } = await time(bytes, "report.pdf");
    console.info(`40k-character Chinese .pdf (${r.pages} pages) read in ${ms.toFixed(0)} ms`);
    expect(r.text.split("\n")).toEqual(paragraphs);
    expect(ms).toBeLessThan(HANG_GUARD_MS); // pdf.js checks the embedded CJK font once per document: most of the time
  });
});
