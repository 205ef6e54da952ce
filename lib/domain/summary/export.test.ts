import { describe, expect, it } from "vitest";
import { chineseDate, contentDisposition, decimalValue, exportFileName, fileNameFromDisposition, exportTitle, previousYearText, sheetNames } from "./export";

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
  it("a decimal string → its number; anything else → null", () => {
    expect(decimalValue("100")).toBe(100);
    expect(decimalValue(null)).toBeNull();
    expect(decimalValue("1e5")).toBeNull();
    expect(decimalValue("1.2290")).toBe(1.229);
    expect(decimalValue("-3.5")).toBe(-3.5);
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
    const prev = { year: 2023, goalId: "g", actual: "55个", actualValue: "55", completion: "110.0%", completionRatio: "1.1000", statusLabel: "超额完成" };
    expect(previousYearText(prev)).toBe("2023年55个，完成率110.0%，超额完成");
    expect(previousYearText({ ...prev, actual: null, actualValue: null, completion: null, completionRatio: null, statusLabel: "未报送" })).toBe("2023年未报送");
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
