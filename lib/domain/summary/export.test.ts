import { describe, expect, it } from "vitest";
import { actualValue, chineseDate, contentDisposition, decimalValue, exportFileName, fileNameFromDisposition, exportTitle, percentValue, previousYearOf, previousYearText, sheetNames } from "./export";

describe("exportTitle and the file name", () => {
  it("names the year's result or the bulletin, without doubling 目标任务", () => {
    expect(exportTitle("2024年政府工作报告", "year")).toBe("2024年政府工作报告目标任务完成情况");
    expect(exportTitle("牡丹江市2024年政府工作报告目标任务", "bulletin")).toBe("牡丹江市2024年政府工作报告目标任务督办通报");
  });

  it("drops characters a file system refuses", () => {
    expect(exportFileName('A/B:C*D?"E"<F>|G\\H\u0000', "2025-01-31", "xlsx")).toBe("ABCDEFGH（截至2025-01-31）.xlsx");
    expect(exportFileName("///", "2025-01-31", "docx")).toBe("目标任务（截至2025-01-31）.docx");
  });

  it("Content-Disposition: an ASCII fallback and the RFC 5987 UTF-8 name", () => {
    const header = contentDisposition("2024年报告（截至2025-01-31）.docx", "summary-2024.docx");
    expect(header).toBe(`attachment; filename="summary-2024.docx"; filename*=UTF-8''${encodeURIComponent("2024年报告（截至2025-01-31）.docx")}`);
    expect(contentDisposition("a'(b).docx", 'x"y;z\\年.docx')).toBe(`attachment; filename="x_y_z__.docx"; filename*=UTF-8''a%27%28b%29.docx`);
  });
});

describe("numbers for Excel cells", () => {
  it("完成率 text → ratio; anything else → null", () => {
    expect(percentValue("122.9%")).toBe(1.229);
    expect(percentValue("60.0%")).toBe(0.6);
    expect(percentValue("-5.5%")).toBe(-0.055);
    expect(percentValue(null)).toBeNull();
    expect(percentValue("约90%")).toBeNull();
  });

  it("实际值 text → its figure, with verb and unit taken off", () => {
    expect(actualValue("122.9个", "个")).toBe(122.9);
    expect(actualValue("增长6.1%", "%")).toBe(6.1);
    expect(actualValue("下降3%", "%")).toBe(3);
    expect(actualValue("58.6万人", "万人")).toBe(58.6);
    expect(actualValue(null, "个")).toBeNull();
    expect(actualValue("见说明", "个")).toBeNull();
    expect(decimalValue("100")).toBe(100);
    expect(decimalValue(null)).toBeNull();
    expect(decimalValue("1e5")).toBeNull();
  });
});

describe("sheetNames", () => {
  it("fit Excel: ≤31 characters, no []:*?/\\, unique with the fixed sheets", () => {
    const long = "（一）".padEnd(40, "长");
    const names = sheetNames(["（一）发展[现代]农业: 粮食/油料*?", long, long, "汇总", "  ", "'引号'", "History"], ["汇总", "未完成", "部门考评"]);
    expect(names[0]).toBe("（一）发展现代农业 粮食油料");
    expect(names[1]).toHaveLength(31);
    expect(names[2]).toHaveLength(31);
    expect(names[2]).toMatch(/（2）$/);
    expect(names[3]).toBe("汇总（2）");
    expect(names[4]).toBe("章节");
    expect(names[5]).toBe("引号");
    expect(names[6]).toBe("History（2）");
    for (const n of names) expect(n).not.toMatch(/[[\]:*?/\\]/);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("small texts", () => {
  it("chineseDate and the previous year's facts", () => {
    expect(chineseDate("2025-01-05")).toBe("2025年1月5日");
    expect(previousYearOf({ metric: "x" })).toBeNull();
    const prev = previousYearOf({ previousYear: { year: 2023, actual: "55个", completion: "110.0%", statusLabel: "超额完成" } })!;
    expect(previousYearText(prev)).toBe("2023年55个，完成率110.0%，超额完成");
    expect(previousYearText({ year: 2023, actual: null, completion: null, statusLabel: "未报送" })).toBe("2023年未报送");
  });
});

describe("fileNameFromDisposition", () => {
  it("reads the UTF-8 name first, else the plain one", () => {
    expect(fileNameFromDisposition(contentDisposition("2024年报告（截至2025-01-31）.docx", "summary.docx"))).toBe("2024年报告（截至2025-01-31）.docx");
    expect(fileNameFromDisposition('attachment; filename="summary.xlsx"')).toBe("summary.xlsx");
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A")).toBeNull();
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});
