// The Word layout of a report, from a plain spec — written to run in a worker thread too: the function uses nothing
// but its arguments (its source is sent to the worker), so no imports, helpers or constants from outside its body.
// docx serialises a document in one synchronous pass (≈3 s for 5,000 table rows), which must not hold the server.

export type DocxBlock =
  | { t: "title" | "heading" | "subheading" | "body" | "note" | "subtitle" | "dateline"; text: string }
  | { t: "table"; headers: string[]; rows: string[][]; align: ("left" | "center")[]; widths: number[]; small?: boolean }
  /** A chart as a PNG (lib/server/charts), centred; width and height in px at 96 dpi; alt is its accessible description. */
  | { t: "image"; png: Uint8Array; width: number; height: number; alt: string };

export interface DocxSpec {
  title: string;
  description: string;
  sections: { landscape: boolean; blocks: DocxBlock[] }[];
}

type Docx = typeof import("docx");

/**
 * GB/T 9704 habits: 方正小标宋 title (黑体 where it is missing, via the font table's altName), 黑体 level-1 headings,
 * 楷体 level-2, 仿宋 三号 body, 小四 tables whose header row repeats on each page, "第 X 页 共 Y 页" in the footer.
 */
export async function renderDocx(d: Docx, spec: DocxSpec): Promise<Uint8Array> {
  const TITLE = "方正小标宋简体", HEI = "黑体", KAI = "楷体_GB2312", FANG = "仿宋_GB2312", LATIN = "Times New Roman";
  const SIZE = { title: 44, body: 32, table: 24, small: 21 }; // half-points: 二号, 三号, 小四, 五号
  const A4 = { width: 11906, height: 16838 }; // twips
  const PORTRAIT_MARGIN = { top: 2098, bottom: 1984, left: 1588, right: 1474 }; // 37 / 35 / 28 / 26 mm
  const LANDSCAPE_MARGIN = { top: 1474, bottom: 1474, left: 1588, right: 1588 };
  const fontTable = [[TITLE, HEI, "modern"], [HEI, "SimHei", "modern"], [KAI, "楷体", "script"], [FANG, "仿宋", "modern"], ["宋体", "SimSun", "auto"]]
    .map(([name, alt, family]) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`)
    .join("");
  const FONT_TABLE =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `${fontTable}<w:font w:name="${LATIN}"><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`;
  const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: eastAsia, hint: "eastAsia" as const });
  const styleOf: Record<string, string> = { title: "Title", heading: "Heading1", subheading: "Heading2", body: "Body", note: "TableNote" };

  const footer = () =>
    new d.Footer({
      children: [
        new d.Paragraph({
          alignment: d.AlignmentType.CENTER,
          children: [new d.TextRun({ children: ["第 ", d.PageNumber.CURRENT, " 页 共 ", d.PageNumber.TOTAL_PAGES, " 页"], font: font("宋体"), size: 28 })],
        }),
      ],
    });

  const table = (b: Extract<DocxBlock, { t: "table" }>, textWidth: number) => {
    const size = b.small ? SIZE.small : SIZE.table;
    const cell = (text: string, header: boolean, align: "left" | "center") =>
      new d.TableCell({
        verticalAlign: d.VerticalAlign.CENTER,
        shading: header ? { fill: "E7ECF2", type: d.ShadingType.CLEAR, color: "auto" } : undefined,
        children: [
          new d.Paragraph({
            style: header ? "TableHeader" : "TableText",
            alignment: align === "left" && !header ? d.AlignmentType.LEFT : d.AlignmentType.CENTER,
            children: text.split("\n").map((line, i) => new d.TextRun({ text: line, break: i ? 1 : undefined, size: b.small ? size : undefined })),
          }),
        ],
      });
    return new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      columnWidths: b.widths.map((p) => Math.round((textWidth * p) / 100)),
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      rows: [
        new d.TableRow({ tableHeader: true, cantSplit: true, children: b.headers.map((h) => cell(h, true, "center")) }),
        ...b.rows.map((r) => new d.TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, false, b.align[i] ?? "center")) })),
      ],
    });
  };

  const sections = spec.sections.map((section) => {
    const margin = section.landscape ? LANDSCAPE_MARGIN : PORTRAIT_MARGIN;
    const textWidth = (section.landscape ? A4.height : A4.width) - margin.left - margin.right;
    const children = section.blocks.map((b) => {
      if (b.t === "table") return table(b, textWidth);
      if (b.t === "image") {
        // Single line spacing: the body's exact 28 pt line would crop an inline picture to one line's height.
        return new d.Paragraph({
          alignment: d.AlignmentType.CENTER,
          spacing: { before: 120, after: 120, line: 240, lineRule: d.LineRuleType.AUTO },
          children: [new d.ImageRun({ type: "png", data: b.png, transformation: { width: b.width, height: b.height }, altText: { name: b.alt, title: b.alt, description: b.alt } })],
        });
      }
      if (b.t === "subtitle") {
        return new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [new d.TextRun({ text: b.text, font: font(KAI), size: SIZE.body })] });
      }
      if (b.t === "dateline") {
        return new d.Paragraph({ alignment: d.AlignmentType.CENTER, spacing: { after: 240 }, children: [new d.TextRun({ text: b.text, font: font(KAI), size: SIZE.table })] });
      }
      return new d.Paragraph({ style: styleOf[b.t], children: [new d.TextRun(b.text)] });
    });
    return {
      properties: {
        page: {
          size: { width: A4.width, height: A4.height, orientation: section.landscape ? d.PageOrientation.LANDSCAPE : d.PageOrientation.PORTRAIT },
          margin,
        },
      },
      footers: { default: footer() },
      children,
    };
  });

  const doc = new d.Document({
    title: spec.title,
    creator: "落实",
    description: spec.description,
    styles: {
      default: { document: { run: { font: font(FANG), size: SIZE.body }, paragraph: { spacing: { line: 560, lineRule: d.LineRuleType.EXACT } } } },
      paragraphStyles: [
        { id: "Title", name: "Title", basedOn: "Normal", next: "Normal", run: { font: font(TITLE), size: SIZE.title }, paragraph: { alignment: d.AlignmentType.CENTER, spacing: { before: 240, after: 120, line: 700, lineRule: d.LineRuleType.EXACT } } },
        { id: "Heading1", name: "heading 1", basedOn: "Normal", next: "Body", quickFormat: true, run: { font: font(HEI), size: SIZE.body }, paragraph: { outlineLevel: 0, keepNext: true, indent: { firstLine: 640 } } },
        { id: "Heading2", name: "heading 2", basedOn: "Normal", next: "Body", quickFormat: true, run: { font: font(KAI), size: SIZE.body }, paragraph: { outlineLevel: 1, keepNext: true, indent: { firstLine: 640 } } },
        { id: "Body", name: "正文（仿宋三号）", basedOn: "Normal", run: { font: font(FANG), size: SIZE.body }, paragraph: { alignment: d.AlignmentType.JUSTIFIED, indent: { firstLine: 640 } } },
        { id: "TableText", name: "表格文字", basedOn: "Normal", run: { font: font(FANG), size: SIZE.table }, paragraph: { spacing: { line: 260, lineRule: d.LineRuleType.AUTO } } },
        { id: "TableHeader", name: "表头", basedOn: "TableText", run: { font: font(HEI), bold: true } },
        { id: "TableNote", name: "表注", basedOn: "Normal", run: { font: font(FANG), size: SIZE.small }, paragraph: { spacing: { line: 360, lineRule: d.LineRuleType.AUTO } } },
      ],
    },
    sections,
  });
  const buffer = await d.Packer.toBuffer(doc, false, [{ path: "word/fontTable.xml", data: FONT_TABLE }]);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
