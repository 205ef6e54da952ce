// The summary's Word and Excel downloads against a real database, through the route handlers: the figures of a
// plan with known numbers in document.xml and in number cells, the headers of a download, the scope, bad params.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";

const mocked = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/server/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth")>()),
  apiActor: async () => mocked.actor,
}));

type Handler = (request: Request, context: { params: Promise<{ planId: string }> }) => Promise<Response>;
let t: TestDatabase;
let docxRoute: Handler;
let xlsxRoute: Handler;
let planId = "";
const ids: Record<string, string> = {};
const actor = (regionId: string, role: Actor["role"] = "leader", departmentId: string | null = null): Actor => ({
  userId: "u-leader", username: "leader", name: "领导", role, departmentId, departmentName: null,
  scope: { regionId, below: [regionId], parentId: null },
});
const leader = actor("r-exp");
const asOf = "2025-01-31";

beforeAll(async () => {
  t = await createTestDatabase();
  docxRoute = (await import("@/app/api/v1/plans/[planId]/summary.docx/route")).GET;
  xlsxRoute = (await import("@/app/api/v1/plans/[planId]/summary.xlsx/route")).GET;
  const regionId = (await t.db.region.create({ data: { id: "r-exp", name: "导出市", level: "city" } })).id;
  await t.db.region.create({ data: { id: "r-far", name: "邻市", level: "city" } });
  const farming = await t.db.department.create({ data: { regionId, name: "市农业农村局" } });
  const commerce = await t.db.department.create({ data: { regionId, name: "市商务局" } });
  const user = await t.db.user.create({ data: { id: "u-leader", name: "领导", email: "l@x.invalid", username: "leader", role: "leader" } });
  const plan = await t.db.plan.create({ data: { regionId, region: "导出市", level: "city", year: 2024, title: "2024年政府工作报告", sourceText: "…" } });
  planId = plan.id;
  const part = await t.db.section.create({ data: { planId, position: 0, part: "plan", number: "二、", title: "2024年重点工作任务", start: 0, end: 1 } });
  const chapter = await t.db.section.create({ data: { planId, parentId: part.id, position: 1, part: "plan", number: "（一）", title: "发展现代农业", start: 0, end: 1 } });
  const other = await t.db.section.create({ data: { planId, parentId: part.id, position: 2, part: "plan", number: "（二）", title: "扩大消费", start: 0, end: 1 } });
  Object.assign(ids, { farming: farming.id, commerce: commerce.id });
  const goal = (position: number, metric: string, sectionId: string, leadDepartmentId: string, extra: object = {}) =>
    t.db.goal.create({
      data: {
        planId, position, metric, sectionId, leadDepartmentId, targetValue: "100", unit: "个", comparator: "gte",
        kind: "increment", direction: "higher", accumulates: true, frequency: "monthly", quote: metric, ...extra,
      },
    });
  const exceeded = await goal(0, "新建农田项目", chapter.id, farming.id, { baselineValue: "80", baselineYear: 2023 });
  const notMet = await goal(1, "新增粮食基地", chapter.id, farming.id);
  await goal(2, "新增限上企业", other.id, commerce.id);
  const entry = (goalId: string, value: string, note: string) =>
    t.db.progressEntry.create({
      data: {
        goalId, period: "2024-12", periodEnd: new Date("2024-12-31T00:00:00Z"), version: 1, value, rawInput: value, note,
        submittedById: user.id, state: "approved", reportedAt: new Date("2025-01-05T02:00:00Z"), countedAt: new Date("2025-01-05T02:00:00Z"),
      },
    });
  await entry(exceeded.id, "122.9", "核实后更正");
  await entry(notMet.id, "60", "受干旱影响，部分基地延期");
});
afterAll(() => t.drop());

async function get(route: Handler, as: Actor | null, query: string, plan = planId): Promise<Response> {
  mocked.actor = as;
  return route(new Request(`http://localhost/api/v1/plans/${plan}/summary.x?${query}`), { params: Promise.resolve({ planId: plan }) });
}

async function documentXml(response: Response): Promise<{ document: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(await response.arrayBuffer());
  return { document: await zip.file("word/document.xml")!.async("string"), zip };
}

async function workbookOf(response: Response): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

/** A sheet's rows as arrays of cell values (column 1 first). */
const rowsOf = (sheet: ExcelJS.Worksheet) => sheet.getSheetValues().filter(Boolean).map((r) => (r as ExcelJS.CellValue[]).slice(1));

describe("GET /api/v1/plans/:planId/summary.docx", () => {
  it("is a Word download named in Chinese, holding the summary's figures, verdicts, notes and narrative", async () => {
    const response = await get(docxRoute, leader, `asOf=${asOf}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const disposition = response.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="summary-2024-2025-01-31\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe("2024年政府工作报告目标任务完成情况（截至2025-01-31）.docx");

    const { document, zip } = await documentXml(response);
    const text = document.replace(/<[^>]+>/g, "");
    for (const expected of [
      "2024年政府工作报告目标任务完成情况", "一、总体情况", "二、分项完成情况", "三、未完成及滞后指标", "四、部门考评",
      "（一）发展现代农业（2项）", "122.9%", "60.0%", "超额完成", "未完成", "未报送", "核实后更正", "受干旱影响，部分基地延期",
      "100个以上（上年2023年80个）", "122.9个（2024年12月）", "2024年政府工作报告确定量化指标3项。截至2024年12月底",
      "按时报送率＝按时报送期数÷应报期数×100%", "数据统计截至2025年1月31日", "生成日期：", "（一）发展现代农业（2项）",
    ]) expect(text).toContain(expected);
    // Header rows repeat on each page; the landscape sections hold the wide tables; the footer numbers the pages.
    expect(document).toContain("<w:tblHeader/>");
    expect(document).toMatch(/w:orient="landscape"/);
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
    expect(footers.length).toBeGreaterThan(0);
    expect(footers.join("")).toMatch(/PAGE[\s\S]*NUMPAGES/);
    // The title face with its East Asian font named, and 黑体 as the substitute Word falls back to.
    const styles = await zip.file("word/styles.xml")!.async("string");
    expect(styles).toMatch(/w:styleId="Title"[\s\S]*?w:eastAsia="方正小标宋简体"/);
    expect(styles).toContain('w:eastAsia="仿宋_GB2312"');
    expect(await zip.file("word/fontTable.xml")!.async("string")).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>');
    // The totals chart as a PNG picture, described for screen readers.
    const pictures = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(pictures).toHaveLength(1);
    expect([...(await zip.file(pictures[0]!)!.async("uint8array")).subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    expect(document).toMatch(/<wp:docPr[^>]*descr="各状态指标数：/);
  });

  it("a department filter keeps that department's rows, its scorecard row and narrative", async () => {
    const reporter = actor("r-exp", "reporter", ids.commerce!);
    const { document } = await documentXml(await get(docxRoute, reporter, `asOf=${asOf}&department=${ids.commerce}`));
    const text = document.replace(/<[^>]+>/g, "");
    expect(text).toContain("新增限上企业");
    expect(text).not.toContain("新建农田项目");
    expect(text).not.toContain("市农业农村局");
  });
});

describe("GET /api/v1/plans/:planId/summary.xlsx", () => {
  it("has 汇总, one sheet per section, 未完成 and 部门考评, with numbers as number cells and frozen, filtered headers", async () => {
    const response = await get(xlsxRoute, leader, `asOf=${asOf}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(decodeURIComponent(response.headers.get("content-disposition")!.split("UTF-8''")[1]!)).toBe("2024年政府工作报告目标任务完成情况（截至2025-01-31）.xlsx");
    const workbook = await workbookOf(response);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["汇总", "（一）发展现代农业", "（二）扩大消费", "未完成", "部门考评"]);

    const farming = workbook.getWorksheet("（一）发展现代农业")!;
    const header = (farming.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header).toEqual(["指标", "目标值（原文）", "目标值", "单位", "基期值", "实际值", "实际值（表述）", "期间", "完成率", "状态", "灯色", "牵头单位", "说明", "上年实际值", "上年完成情况", "上年完成率"]);
    expect(farming.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(farming.autoFilter).toBeTruthy();
    const col = (name: string) => header.indexOf(name) + 1;
    const first = farming.getRow(2);
    expect(first.getCell(col("指标")).value).toBe("新建农田项目");
    expect(first.getCell(col("目标值（原文）")).value).toBe("100个以上");
    expect(first.getCell(col("目标值")).value).toBe(100);
    expect(first.getCell(col("实际值")).value).toBe(122.9);
    const completion = first.getCell(col("完成率"));
    expect(typeof completion.value).toBe("number");
    expect(completion.value).toBeCloseTo(1.229, 10);
    expect(completion.numFmt).toBe("0.0%");
    expect(first.getCell(col("状态")).value).toBe("超额完成");
    expect(first.getCell(col("说明")).value).toBe("核实后更正");
    expect(farming.getRow(3).getCell(col("完成率")).value).toBeCloseTo(0.6, 10);
    expect(farming.getColumn(col("说明")).width).toBeGreaterThan(20);
    expect(farming.getColumn(col("说明")).alignment?.wrapText ?? first.getCell(col("说明")).alignment?.wrapText).toBe(true);

    const unreported = workbook.getWorksheet("（二）扩大消费")!.getRow(2);
    expect([unreported.getCell(col("实际值")).value, unreported.getCell(col("完成率")).value, unreported.getCell(col("状态")).value]).toEqual([null, null, "未报送"]);

    const notMet = rowsOf(workbook.getWorksheet("未完成")!);
    expect(notMet.map((r) => [r[0], r[1]])).toEqual([["章节", "指标"], ["（一）发展现代农业", "新增粮食基地"]]);

    const summary = rowsOf(workbook.getWorksheet("汇总")!);
    expect(summary).toContainEqual(["超额完成", 1]);
    expect(summary).toContainEqual(["其中无已审核数据（未报送）", 1]);
    expect(summary).toContainEqual(["合计", 3]);
    expect(summary.flat().join("")).toContain("2024年政府工作报告确定量化指标3项。");

    const scorecard = workbook.getWorksheet("部门考评")!;
    expect(scorecard.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const scoreHeader = (scorecard.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const farmingRow = rowsOf(scorecard).find((r) => r[1] === "市农业农村局")!;
    expect(farmingRow[scoreHeader.indexOf("完成率")]).toBeCloseTo(0.5, 10);
    expect(scorecard.getRow(2).getCell(scoreHeader.indexOf("完成率") + 1).numFmt).toBe("0.0%");
    expect(rowsOf(scorecard).flat().join("")).toContain("完成率＝已完成指标数÷牵头指标数×100%");
  });

  it("a reporter filtered to their department gets only its rows and its scorecard row", async () => {
    const reporter = actor("r-exp", "reporter", ids.commerce!);
    const workbook = await workbookOf(await get(xlsxRoute, reporter, `asOf=${asOf}&department=${ids.commerce}`));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["汇总", "（二）扩大消费", "未完成", "部门考评"]);
    expect(rowsOf(workbook.getWorksheet("（二）扩大消费")!).slice(1).map((r) => r[0])).toEqual(["新增限上企业"]);
    expect(rowsOf(workbook.getWorksheet("部门考评")!).slice(1).filter((r) => typeof r[0] === "number").map((r) => r[1])).toEqual(["市商务局"]);
  });
});

describe("refusals: a Chinese JSON error, never a file", () => {
  it.each([
    ["docx", () => docxRoute],
    ["xlsx", () => xlsxRoute],
  ])("%s: foreign region and unknown plan 404, anonymous 401, bad params 422", async (_format, route) => {
    const cases: [Actor | null, string, string, number][] = [
      [actor("r-far"), `asOf=${asOf}`, planId, 404],
      [leader, "", "cmissing00000000000000000", 404],
      [null, "", planId, 401],
      [leader, "asOf=2024-13-45", planId, 422],
      [leader, "asOf=２０２４-０６-３０", planId, 422],
      [leader, "department=a%00b", planId, 422],
      [leader, `section=${"9".repeat(5000)}`, planId, 422],
    ];
    for (const [as, query, plan, status] of cases) {
      const response = await get(route(), as, query, plan);
      expect(response.status, `${query} as ${as?.scope.regionId ?? "anonymous"}`).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
