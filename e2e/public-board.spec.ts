// 公开看板 (issue 10, item 4): an admin opens a share link in the plan settings; a browser with no session sees the
// board — statuses, targets, approved figures — without notes, pending figures or user names, and no link into the
// app; the JSON says the same; once revoked, the page and the JSON answer 404. Screenshots of the public page at
// 1400 × 900 and 390 × 844 go to test-results/screenshots/; it prints to A4 with every column.
import path from "node:path";
import { extractText } from "unpdf";
import { Api, expect, expectJson, onTrackFigure, test } from "./support";

/** test-results/screenshots/, or PUBLIC_BOARD_SHOTS (a folder another run's cleanup of test-results/ does not touch). */
const SHOTS = process.env.PUBLIC_BOARD_SHOTS ?? path.join(process.cwd(), "test-results", "screenshots");
const NOTE_APPROVED = "内部说明：已与统计局核对口径";
const NOTE_PENDING = "内部说明：待核实，勿外传";

test("public board: opened by an admin, seen without sign-in (approved figures only), revoked → 404", async ({ as, browser, baseURL, newPlan, reporterLogin, reporterOf }) => {
  test.setTimeout(90_000);
  const plan = await newPlan();
  const { period, today } = plan.calendar;
  const admin = await as("admin");
  const reporter = await reporterOf(plan);
  const reporterName = (await reporterLogin(plan)).name;
  // An approved figure (the admin's own) with a note, a pending correction of it, and a pending figure of another goal.
  const approved = onTrackFigure(plan.goals.farmland.target, plan.calendar);
  const pendingCorrection = "31.9";
  const pendingJobs = "1.7";
  await expectJson(await new Api(admin).post(`/api/v1/goals/${plan.goals.farmland.id}/entries`, { period, value: approved, note: NOTE_APPROVED }), 201);
  await expectJson(await new Api(reporter).post(`/api/v1/goals/${plan.goals.farmland.id}/entries`, { period, value: pendingCorrection, note: NOTE_PENDING, confirm: true }), 201);
  await expectJson(await new Api(reporter).post(`/api/v1/goals/${plan.goals.jobs.id}/entries`, { period, value: pendingJobs, note: NOTE_PENDING, confirm: true }), 201);

  // 开启公开看板, confirmed in the in-app dialog; the link is shown once.
  await admin.goto(`/plans/${plan.id}/settings`);
  const section = admin.getByTestId("public-links");
  await expect(section.getByTestId("public-link-state")).toHaveText("未公开");
  await section.getByTestId("public-link-create").click();
  await admin.getByTestId("confirm-dialog-ok").click();
  const url = await admin.getByTestId("public-link-url").inputValue();
  expect(url).toMatch(/\/public\/[A-Za-z0-9_-]{43}$/);
  await admin.getByTestId("public-link-created").screenshot({ path: path.join(SHOTS, "public-link-created.png") });
  await admin.getByTestId("public-link-created").getByRole("button", { name: "关闭" }).click();
  await expect(section.getByTestId("public-link-row")).toHaveCount(1);
  const publicPath = new URL(url).pathname;
  const token = publicPath.split("/").pop()!;

  // A browser with no session.
  const anonymous = await browser.newContext({ baseURL, locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1400, height: 900 } });
  try {
    const page = await anonymous.newPage();
    const response = await page.goto(publicPath);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("public-notice")).toHaveText(`公开数据 · 截至${today} · 仅含已审核数据`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(plan.title);
    const farmland = page.getByTestId("public-row").filter({ hasText: plan.goals.farmland.metric });
    await expect(farmland).toContainText(`${approved}${plan.goals.farmland.unit}`);
    await expect(page.getByTestId("public-row").filter({ hasText: plan.goals.jobs.metric })).toHaveAttribute("data-status", /not_started|overdue/);
    const text = await page.locator("body").innerText();
    for (const secret of [NOTE_APPROVED, NOTE_PENDING, reporterName, "督查室管理员", `${pendingCorrection}万亩`, `${pendingJobs}万人`, "退出"]) {
      expect(text, secret).not.toContain(secret);
    }
    // Nothing leads into the signed-in app (an in-page skip link aside).
    expect(await page.locator('a[href]:not([href^="#"])').evaluateAll((links) => links.map((a) => a.outerHTML))).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, "public-board-1400.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SHOTS, "public-board-390.png"), fullPage: true });
    // It prints: within an A4 page's width (190 mm ≈ 718 px), the mark and every column on the paper.
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 718, height: 1000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(718);
    const { text: printed } = await extractText(new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true })), { mergePages: true });
    const paper = printed.replace(/[ \t]+/g, " ");
    for (const expected of [`截至${today}`, "仅含已审核数据", "状态 牵头单位", `${approved}万亩`]) expect(paper, expected).toContain(expected);
    await page.emulateMedia({ media: "screen" });

    const json = await expectJson<{ notice: string; rows: { metric: string; latest: { value: string } | null }[] }>(await anonymous.request.get(`/api/v1/public/${token}`), 200);
    expect(json.notice).toBe(`公开数据 · 截至${today} · 仅含已审核数据`);
    expect(json.rows.find((r) => r.metric === plan.goals.farmland.metric)?.latest?.value).toBe(approved);
    const body = JSON.stringify(json);
    for (const secret of [NOTE_APPROVED, NOTE_PENDING, reporterName, plan.goals.farmland.id, plan.id]) expect(body, secret).not.toContain(secret);

    // 撤销, confirmed in the dialog: the same link is a 404, page and JSON.
    await section.getByTestId("public-link-revoke").click();
    await admin.getByTestId("confirm-dialog-ok").click();
    await expect(section.getByTestId("public-link-row")).toContainText("已撤销");
    await expect(section.getByTestId("public-link-state")).toHaveText("未公开");
    await section.screenshot({ path: path.join(SHOTS, "public-links-settings.png") });
    const gone = await page.goto(publicPath);
    expect(gone?.status()).toBe(404);
    await expect(page.getByTestId("public-not-found")).toContainText("该公开链接不存在或已撤销");
    expect(await page.locator('a[href]:not([href^="#"])').evaluateAll((links) => links.map((a) => a.outerHTML))).toEqual([]);
    await expectJson(await anonymous.request.get(`/api/v1/public/${token}`), 404);
  } finally {
    await anonymous.close();
  }
});
