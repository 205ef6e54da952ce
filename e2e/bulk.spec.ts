// 批量填报 (issue 8, item 4): the Excel fill-in round trip through the page — download the department's template,
// fill it in here with exceljs, upload it, read the preview, confirm, and find the figures on the board and in the
// summary; a file with one bad row writes nothing and names the row and the column.
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { apiEntries, expect, expectJson, onTrackFigure, openBoard, readBoardRow, test, type TestPlan } from "./support";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** A folder for screenshots of the page (1400 and 390 px wide), when set. */
const SHOTS = process.env.E2E_SCREENSHOTS;

async function shots(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const [w, h] of [[1400, 900], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS}/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}
const FILL_COLUMN = 7;
const NOTE_COLUMN = 8;
const METRIC_COLUMN = 2;

/** Opens 批量填报 from the board's tabs, chooses the calendar's month and downloads the template through the link. */
async function downloadTemplate(page: Page, plan: TestPlan): Promise<Buffer> {
  await page.goto(plan.boardPath);
  await page.getByTestId("plan-nav-bulk").click();
  await expect(page.getByRole("heading", { name: "批量填报（Excel）" })).toBeVisible();
  await page.getByTestId("bulk-period").selectOption(plan.calendar.period);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("bulk-download").click()]);
  expect(download.suggestedFilename()).toBe(`${plan.department.name}-${plan.calendar.periodLabel}-填报模板.xlsx`);
  return readFile(await download.path());
}

/** The template with 本期累计值 (and 说明) filled in by metric; returns the file and each metric's row number. */
async function fill(template: Buffer, values: Record<string, [string, string?]>): Promise<{ file: Buffer; rows: Record<string, number> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet("填报表")!;
  const rows: Record<string, number> = {};
  ws.eachRow((row, number) => {
    const metric = row.getCell(METRIC_COLUMN).value;
    if (typeof metric !== "string") return;
    rows[metric] = number;
    const value = values[metric];
    if (!value) return;
    row.getCell(FILL_COLUMN).value = value[0];
    if (value[1]) row.getCell(NOTE_COLUMN).value = value[1];
  });
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), rows };
}

async function uploadAndCheck(page: Page, file: Buffer): Promise<void> {
  await page.getByTestId("bulk-file").setInputFiles({ name: "填报.xlsx", mimeType: XLSX, buffer: file });
  await page.getByTestId("bulk-check").click();
  await expect(page.getByTestId("bulk-preview")).toBeVisible();
}

test("download the template, fill it in, upload, preview, confirm: the figures are on the board and in the summary", async ({ as, newPlan, reporterOf }) => {
  const plan = await newPlan();
  const reporter = await reporterOf(plan);
  const farmland = onTrackFigure(plan.goals.farmland.target, plan.calendar);
  const jobs = onTrackFigure(plan.goals.jobs.target, plan.calendar);
  const template = await downloadTemplate(reporter, plan);
  const { file, rows } = await fill(template, { [plan.goals.farmland.metric]: [farmland, "按统计快报"], [plan.goals.jobs.metric]: [jobs] });
  // All six goals of the department are in the sheet, in the plan's order.
  expect(Object.keys(rows)).toEqual(expect.arrayContaining(Object.values(plan.goals).map((g) => g.metric)));

  await uploadAndCheck(reporter, file);
  await expect(reporter.getByTestId("bulk-summary")).toHaveText("共 6 行：可写入 2 行，需确认 0 行，有误 0 行，未填写 4 行。尚未写入任何数据。");
  const farmlandRow = reporter.getByTestId(`bulk-row-${rows[plan.goals.farmland.metric]}`);
  await expect(farmlandRow).toHaveAttribute("data-status", "ok");
  await expect(farmlandRow).toContainText(farmland);
  await expect(farmlandRow).toContainText("按统计快报");
  await shots(reporter, "bulk-preview");
  // The preview wrote nothing.
  expect(await apiEntries(reporter.request, plan.goals.farmland.id)).toEqual([]);

  await reporter.getByTestId("bulk-write").click();
  await expect(reporter.getByTestId("bulk-written")).toContainText(`已写入 2 条数据（${plan.department.name}，${plan.calendar.periodLabel}），待督查室审核后计入看板`);
  await shots(reporter, "bulk-written");

  // The office approves both versions; then they count on the board and in the summary.
  const admin = await as("admin");
  await admin.goto(plan.boardPath);
  const origin = new URL(admin.url()).origin;
  for (const goal of [plan.goals.farmland, plan.goals.jobs]) {
    const [pending] = await apiEntries(admin.request, goal.id);
    expect(pending).toMatchObject({ period: plan.calendar.period, state: "pending" });
    await expectJson(await admin.request.post(`/api/v1/entries/${pending!.id}/approve`, { headers: { origin, "content-type": "application/json" }, data: "{}" }), 200);
  }
  await reporter.getByTestId("bulk-to-board").click();
  await openBoard(reporter, plan.boardPath, plan.calendar.today);
  expect((await readBoardRow(reporter, plan.goals.farmland.id)).latest).toContain(farmland);
  expect((await readBoardRow(reporter, plan.goals.jobs.id)).latest).toContain(jobs);
  await reporter.goto(`/plans/${plan.id}/summary`);
  const summaryRow = reporter.getByTestId("summary-row").filter({ hasText: plan.goals.farmland.metric });
  await expect(summaryRow).toContainText(`${farmland}${plan.goals.farmland.unit}`);
});

test("a file with one bad row writes nothing and names the row and the column", async ({ newPlan, reporterOf }) => {
  const plan = await newPlan();
  const reporter = await reporterOf(plan);
  const template = await downloadTemplate(reporter, plan);
  const { file, rows } = await fill(template, {
    [plan.goals.farmland.metric]: [onTrackFigure(plan.goals.farmland.target, plan.calendar)],
    [plan.goals.jobs.metric]: ["约2"],
  });
  const bad = rows[plan.goals.jobs.metric]!;
  await uploadAndCheck(reporter, file);
  await expect(reporter.getByTestId("bulk-message")).toHaveText("有1行数据有误，未写入任何数据，请按提示修改后重新上传");
  const row = reporter.getByTestId(`bulk-row-${bad}`);
  await expect(row).toHaveAttribute("data-status", "error");
  await expect(row).toContainText(`第${bad}行“本期累计值”：`);
  await expect(reporter.getByTestId("bulk-write")).toBeDisabled();
  await shots(reporter, "bulk-error");

  // Sent without the preview (as a script would), it is refused all the same: 422 with the row, nothing written.
  const origin = new URL(reporter.url()).origin;
  const response = await reporter.request.post(`/api/v1/plans/${plan.id}/entries/bulk`, {
    headers: { origin },
    multipart: { file: { name: "填报.xlsx", mimeType: XLSX, buffer: file } },
  });
  const body = await expectJson<{ written: number; rows: { row: number; status: string; errors: string[] }[] }>(response, 422);
  expect(body.written).toBe(0);
  expect(body.rows.find((r) => r.row === bad)?.errors[0]).toMatch(new RegExp(`^第${bad}行“本期累计值”：`));
  for (const goal of [plan.goals.farmland, plan.goals.jobs]) expect(await apiEntries(reporter.request, goal.id)).toEqual([]);
});
