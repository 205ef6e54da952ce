// 年度总结 as files (issue 8, item 3): the summary page's 下载 Word / 下载 Excel links, in a real browser with the
// session cookie and the page's CSP — 正在生成… while the server builds the file, the file saved under its Chinese
// name, and the server's Chinese error shown when it fails. Screenshots go to $EXPORT_SHOTS when set.
import { readFileSync } from "node:fs";
import { Api, CITY_PLAN_TITLE, expect, expectJson, test } from "./support";

const SHOTS = process.env.EXPORT_SHOTS;

test("the summary page downloads Word and Excel, says 正在生成… meanwhile and shows a failure", async ({ as }) => {
  test.setTimeout(120_000);
  const admin = await as("admin");
  const plans = await expectJson<{ plans: { id: string; title: string }[] }>(await new Api(admin).get("/api/v1/plans"), 200);
  const city = plans.plans.find((p) => p.title === CITY_PLAN_TITLE)!;
  await admin.setViewportSize({ width: 1400, height: 900 });
  await admin.goto(`/plans/${city.id}/summary?asOf=2024-12-31`);

  // Held back a moment, so the busy state can be seen; then saved under the name the server gave.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await admin.route("**/summary.docx?*", async (route) => {
    await held;
    await route.continue();
  });
  const word = admin.getByTestId("summary-download-docx");
  await expect(word).toHaveText("下载 Word");
  const download = admin.waitForEvent("download");
  await word.click();
  await expect(word).toHaveText("正在生成…");
  await expect(word).toHaveAttribute("aria-busy", "true");
  if (SHOTS) await admin.screenshot({ path: `${SHOTS}/summary-busy-1400.png` });
  release();
  const saved = await download;
  // As of 2024-12-31 the year's reporting is still open (grace days): a 督办通报.
  expect(saved.suggestedFilename()).toBe("牡丹江市2024年政府工作报告目标任务督办通报（截至2024-12-31）.docx");
  expect(readFileSync(await saved.path()).subarray(0, 2).toString()).toBe("PK"); // a zip (OOXML)
  await expect(word).toHaveText("下载 Word");

  const excel = admin.getByTestId("summary-download-xlsx");
  const sheet = admin.waitForEvent("download");
  await excel.click();
  expect((await sheet).suggestedFilename()).toBe("牡丹江市2024年政府工作报告目标任务督办通报（截至2024-12-31）.xlsx");
  expect(readFileSync(await (await sheet).path()).subarray(0, 2).toString()).toBe("PK");

  // A failure: the server's message under the link, nothing saved.
  await admin.route("**/summary.xlsx?*", (route) =>
    route.fulfill({ status: 422, contentType: "application/json", body: JSON.stringify({ error: { code: "validation", message: "日期格式应为 YYYY-MM-DD" } }) }),
  );
  await excel.click();
  await expect(admin.getByTestId("summary-download-xlsx-error")).toHaveText("下载 Excel：日期格式应为 YYYY-MM-DD");
  await expect(excel).toHaveText("下载 Excel");

  if (SHOTS) {
    await admin.screenshot({ path: `${SHOTS}/summary-error-1400.png` });
    await admin.unrouteAll();
    for (const [w, h] of [[1400, 900], [390, 844]] as const) {
      await admin.setViewportSize({ width: w, height: h });
      await admin.goto(`/plans/${city.id}/summary?asOf=2024-12-31`);
      await admin.screenshot({ path: `${SHOTS}/summary-${w}.png` });
    }
  }
});
