import { describe, expect, it } from "vitest";
import { decodeText, sniffFormat } from "./sniff";

const bytes = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe("sniffFormat", () => {
  it("reads the type from the bytes, not the name", () => {
    expect(sniffFormat(bytes("%PDF-1.7\n..."), "report.txt")).toEqual({ kind: "pdf" });
    expect(sniffFormat(bytes("\r\n  %PDF-1.4\n..."), "x")).toEqual({ kind: "pdf" }); // junk before the header
    expect(sniffFormat(bytes("PK\x03\x04....word/document.xml...."), "report.pdf")).toEqual({ kind: "docx" });
    expect(sniffFormat(bytes("各位代表"), "report.pdf")).toEqual({ kind: "txt" });
  });

  it("takes a damaged zip named .docx as Word (to say it is damaged), other zips as unsupported", () => {
    expect(sniffFormat(bytes("PK\x03\x04....[Content_Types].xml"), "report.docx")).toEqual({ kind: "docx" });
    expect(sniffFormat(bytes("PK\x03\x04....ppt/presentation.xml"), "a.pptx")).toMatchObject({ kind: "unsupported" });
    expect(sniffFormat(bytes("PK\x03\x04....data.csv"), "a.zip")).toEqual({ kind: "unsupported", what: "压缩包" });
  });

  it("tells an encrypted Office file from an old .doc", () => {
    const ole = (stream: string) => {
      const b = new Uint8Array(1024);
      b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      b.set([...stream].flatMap((c) => [c.charCodeAt(0), 0]), 512);
      return b;
    };
    expect(sniffFormat(ole("EncryptedPackage"), "a.docx")).toEqual({ kind: "encrypted-office" });
    expect(sniffFormat(ole("WordDocument"), "a.doc")).toMatchObject({ kind: "unsupported" });
  });

  it("refuses images and archives by their signatures", () => {
    expect(sniffFormat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), "a.txt")).toEqual({ kind: "unsupported", what: "图片" });
    expect(sniffFormat(bytes("RIFF\0\0\0\0WEBPVP8 "), "a.txt")).toEqual({ kind: "unsupported", what: "图片" });
    expect(sniffFormat(new Uint8Array([0x1f, 0x8b, 8, 0]), "a.txt")).toEqual({ kind: "unsupported", what: "压缩包" });
  });
});

describe("decodeText", () => {
  it("prefers UTF-8 and falls back to GB18030", () => {
    expect(decodeText(new TextEncoder().encode("增长6%"))).toEqual({ ok: true, text: "增长6%", encoding: "utf-8" });
    // "增长" in GBK
    expect(decodeText(new Uint8Array([0xd4, 0xf6, 0xb3, 0xa4]))).toEqual({ ok: true, text: "增长", encoding: "gb18030" });
  });

  it("calls a file with NUL bytes or many control characters binary", () => {
    expect(decodeText(new Uint8Array([0x41, 0, 0x42]))).toEqual({ ok: false, reason: "binary" });
    expect(decodeText(bytes("\x01\x02\x03\x04\x05text"))).toEqual({ ok: false, reason: "binary" });
  });
});
