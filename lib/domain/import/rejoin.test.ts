import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractTargets } from "../extract";
import { dropControlCharacters, lineWidth, rejoinPages, rejoinText, tidyParagraphs, wrapWidth } from "./rejoin";

// A paragraph wrapped at 24 CJK characters, as a PDF of a report prints it.
const WRAPPED = [
  "爱民区第十五届人民代表大会第一次会议以来，在市委",
  "市政府和区委的正确领导下，在区人大和政协的监督支持",
  "下，我们以习近平新时代中国特色社会主义思想为指导，深入",
  "落实习近平总书记重要讲话重要指示批示精神。",
];
const JOINED = WRAPPED.join("");

describe("rejoin: hard wraps", () => {
  it("joins CJK lines cut by the page width, without a space", () => {
    const r = rejoinText(WRAPPED.join("\n"));
    expect(r.text).toBe(JOINED);
    expect(r.joined).toBe(3);
  });

  it("keeps lines that end a sentence, headings and list items on their own lines", () => {
    const text = [
      "一、2024年工作安排",
      ...WRAPPED,
      "（一）强化科技创新引领，加速推进产业振兴",
      "1.地区生产总值增长5.5%左右，规上工业增加值增长",
      "6%以上，固定资产投资增长8%，社会消费品零售总额",
      "增长6%。",
      "——经济实力实现新跨越，保持经济中高速增长，经济总",
      "量迈上新台阶。",
      "一是全面加强政治建设。",
    ].join("\n");
    expect(rejoinText(text).text.split("\n")).toEqual([
      "一、2024年工作安排",
      JOINED,
      "（一）强化科技创新引领，加速推进产业振兴",
      "1.地区生产总值增长5.5%左右，规上工业增加值增长6%以上，固定资产投资增长8%，社会消费品零售总额增长6%。",
      "——经济实力实现新跨越，保持经济中高速增长，经济总量迈上新台阶。",
      "一是全面加强政治建设。",
    ]);
  });

  it("does not join short lines (titles, names, list items without punctuation)", () => {
    const digest = ["政府工作报告", "区 长 王晓宇", ...WRAPPED, "主要预期目标", "地区生产总值增长5.5%左右", "城镇新增就业3万人", "粮食产量稳定在50万吨以上"];
    expect(rejoinText(digest.join("\n")).text.split("\n")).toEqual([...digest.slice(0, 2), JOINED, ...digest.slice(6)]);
  });

  it("leaves a text that is not hard-wrapped as it is", () => {
    const text = "各位代表：\n\n现在，我代表市人民政府，向大会报告工作\n\n地区生产总值增长6%\n规上工业增加值增长7%\n粮食产量稳定在50万吨";
    expect(rejoinText(text)).toEqual({ text, joined: 0, pageNumbers: 0, runningLines: 0 });
  });

  it("joins a paragraph cut at a page end across the blank line a copy left", () => {
    const text = [...WRAPPED.slice(0, 2), "", WRAPPED[2], WRAPPED[3], "", "新的一段从这里开始。"].join("\n");
    expect(rejoinText(text).text).toBe(`${JOINED}\n\n新的一段从这里开始。`);
  });

  it("treats a full-width indent as a paragraph start and takes it off", () => {
    const text = [...WRAPPED, "　　现在，我代表区人民政府，向大会报告工作，请审议，并请", "列席人员提出意见，地区生产总值增长6%左右，粮食产", "　　量稳定在50万吨以上。"].join("\n");
    expect(rejoinText(text).text.split("\n")).toEqual([
      JOINED,
      "现在，我代表区人民政府，向大会报告工作，请审议，并请列席人员提出意见，地区生产总值增长6%左右，粮食产",
      "量稳定在50万吨以上。",
    ]);
  });

  it("joins Latin words with a space and keeps a hyphen", () => {
    const lines = [
      "The government work report sets the main targets for the coming",
      "year: growth of around five percent, about twelve million new urban",
      "jobs, a surveyed unemployment rate of around five point five per-",
      "cent and consumer prices up by around two percent over the year.",
    ];
    expect(rejoinText(lines.join("\n")).text).toBe(
      "The government work report sets the main targets for the coming year: growth of around five percent, about twelve million new urban jobs, a surveyed unemployment rate of around five point five per-cent and consumer prices up by around two percent over the year.",
    );
  });
});

describe("rejoin: page numbers and running headers", () => {
  it("drops page numbers in their usual forms", () => {
    for (const mark of ["- 3 -", "— 3 —", "－3－", "第3页", "第 3 页 共 20 页", "3/20", "3", "Page 3"]) {
      const r = rejoinText([...WRAPPED.slice(0, 2), mark, ...WRAPPED.slice(2)].join("\n"));
      expect(r.text, mark).toBe(JOINED);
      expect(r.pageNumbers, mark).toBe(1);
    }
  });

  it("keeps numbers that stand in a column (a table), and numbers that are part of a line", () => {
    const text = "指标\n2023\n2024\n地区生产总值增长6%。\n3个重点项目开工。";
    expect(rejoinText(text).text).toBe(text);
  });

  it("drops a line repeated at the top or bottom of most pages, and joins across the page break", () => {
    const pages = [
      ["××市人民政府文件", WRAPPED[0], WRAPPED[1], "- 1 -"],
      ["××市人民政府文件", WRAPPED[2], WRAPPED[3], "- 2 -"],
      ["××市人民政府文件", "第三页的正文写在这里，到此为止。", "- 3 -"],
    ].map((p) => p.join("\n"));
    const r = rejoinPages(pages);
    expect(r.text).toBe(`${JOINED}\n第三页的正文写在这里，到此为止。`);
    expect(r).toMatchObject({ pageNumbers: 3, runningLines: 3 });
  });

  it("splits pages at form feeds", () => {
    const r = rejoinText(`××市人民政府文件\n${WRAPPED[0]}\n${WRAPPED[1]}\f××市人民政府文件\n${WRAPPED[2]}\n${WRAPPED[3]}\f××市人民政府文件\n完。`);
    expect(r.text).toBe(`${JOINED}\n完。`);
  });
});

describe("rejoin: helpers", () => {
  it("measures width with CJK as two", () => {
    expect(lineWidth("增长6%")).toBe(6);
  });

  it("finds the wrap width only where lines share one", () => {
    expect(wrapWidth(WRAPPED)).toBe(lineWidth(WRAPPED[2] as string));
    expect(wrapWidth(["政府工作报告", "各位代表：", "地区生产总值增长6%"])).toBeNull();
  });

  it("tidies paragraphs of a Word file", () => {
    expect(tidyParagraphs("\r\n　　第一段。\r\n\r\n\r\n\r\n第二段。  \n")).toBe("第一段。\n\n第二段。");
  });

  it("drops control characters and lone surrogates", () => {
    expect(dropControlCharacters("a\u0000b\u0007c\td\ne\ud800f")).toBe("abc\td\nef");
  });
});

describe("rejoin: the sample reports extract the same targets", () => {
  const dir = new URL("../../../data/reports/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));

  it.each(files)("%s", (file) => {
    const text = readFileSync(new URL(file, dir), "utf8");
    const rejoined = rejoinText(text);
    const key = (t: { metric: string; value: number; valueHigh?: number; unit: string; comparator: string; kind: string }) =>
      `${t.metric}|${t.value}|${t.valueHigh ?? ""}|${t.unit}|${t.comparator}|${t.kind}`;
    const before = extractTargets(text);
    const after = extractTargets(rejoined.text);
    expect(before.targets.length).toBeGreaterThan(20);
    expect(after.targets.map(key)).toEqual(before.targets.map(key));
    expect(after.planYear).toBe(before.planYear);
    for (const t of after.targets) expect(rejoined.text.slice(t.start, t.end)).toBe(t.quote);
  });
});

describe("rejoin: properties", () => {
  const PIECES = ["增长", "6%", "。", "，", "；", "\n", "\n\n", "\f", " ", "\u3000\u3000", "- 3 -", "12", "一、", "（一）", "——", "1.", "The", "report", "-", "××市人民政府", "\r\n"];
  const layoutish = fc.array(fc.constantFrom(...PIECES), { maxLength: 300 }).map((p) => p.join(""));
  const visible = (s: string) => s.replace(/[\s\u3000]+/g, "");

  it("never throws, leaves no page breaks or edge blanks, and only removes characters", () => {
    fc.assert(
      fc.property(fc.oneof(layoutish, fc.string({ unit: "binary", maxLength: 300 })), (text) => {
        const r = rejoinText(text);
        expect(r.text).not.toMatch(/[\f\r]/);
        for (const line of r.text.split("\n")) expect(line).toBe(line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""));
        // what is left is the input's visible characters in their order, less dropped lines
        const out = visible(r.text);
        const input = visible(text);
        let k = 0;
        for (const c of out) {
          k = input.indexOf(c, k);
          expect(k).toBeGreaterThanOrEqual(0);
          k += c.length;
        }
      }),
      { numRuns: 300 },
    );
  });
});
