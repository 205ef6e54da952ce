// Charts (issue 10, item 1): server-rendered SVG on the board, the goal page and the summary — labelled pictures with
// their numbers as a 数据表, no chart script; they fit a phone and print. Screenshots are kept in test-results/.
import { extractText, getDocumentProxy } from "unpdf";
import { Api, expect, expectJson, test } from "./support";

const BOARD_CHARTS = ["lights", "progress-section", "progress-department", "lag"];

test("the board, the goal page and the summary show labelled charts; the goal's trend has the 序时 line", async ({ as, newPlan }, testInfo) => {
  const plan = await newPlan();
  const admin = await as("admin");
  const farmland = plan.goals.farmland;
  // Far behind 序时进度: 1万亩 of 50 (an admin's figure counts at once).
  await expectJson(await new Api(admin).post(`/api/v1/goals/${farmland.id}/entries`, { period: plan.calendar.period, value: "1", note: "", confirm: true }), 201);
  const shot = (name: string) => admin.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  await admin.setViewportSize({ width: 1400, height: 900 });
  await admin.goto(`${plan.boardPath}?asOf=${plan.calendar.today}`);
  for (const id of BOARD_CHARTS) {
    const picture = admin.getByTestId(`chart-${id}`).getByRole("img");
    await expect(picture.locator("svg")).toHaveCount(1);
    await expect(picture).toHaveAttribute("aria-label", /.+：.+/);
  }
  await expect(admin.getByTestId("chart-lights").getByRole("img")).toHaveAttribute("aria-label", /红灯1项/);
  await expect(admin.getByTestId("chart-lag").getByRole("img")).toHaveAttribute("aria-label", new RegExp(`${farmland.metric}落后`));
  await expect(admin.getByTestId("chart-lag").locator("svg")).toContainText(farmland.metric);
  await expect(admin.getByTestId("chart-lag").getByRole("table", { includeHidden: true }).locator("tbody tr")).toHaveCount(1);
  // No chart library reaches the browser.
  expect(await admin.evaluate(() => [...document.scripts].some((s) => /echarts/i.test(s.src)))).toBe(false);
  await shot("board-1400");
  // Printed (A4), the charts come along with their text.
  const pdf = await getDocumentProxy(new Uint8Array(await admin.pdf({ format: "A4", printBackground: true })));
  const { text } = await extractText(pdf, { mergePages: true });
  for (const title of ["各灯色指标数", "各章节平均完成率与序时进度", "落后序时进度最多的"]) expect(text).toContain(title);

  await admin.goto(farmland.path(plan.calendar.today));
  const trend = admin.getByTestId("chart-goal-trend");
  await expect(trend.getByRole("img")).toHaveAttribute("aria-label", /本年累计与序时进度：目标50万亩以上.*虚线为序时进度线/);
  await expect(trend.locator("svg")).toContainText("序时进度");
  await expect(trend.locator("svg")).toContainText("本年累计");
  await shot("goal-1400");

  await admin.goto(`/plans/${plan.id}/summary?asOf=${plan.calendar.today}`);
  await expect(admin.getByTestId("chart-totals").getByRole("img")).toHaveAttribute("aria-label", /^各状态指标数：/);
  await shot("summary-1400");

  // At 390 px the charts shrink to the screen: no sideways scroll because of them.
  await admin.setViewportSize({ width: 390, height: 844 });
  for (const [name, url] of [["board", `${plan.boardPath}?asOf=${plan.calendar.today}`], ["goal", farmland.path(plan.calendar.today)], ["summary", `/plans/${plan.id}/summary`]] as const) {
    await admin.goto(url);
    const widths = await admin.locator(".chart-figure").evaluateAll((figures) => figures.map((f) => f.getBoundingClientRect().right));
    expect(widths.length).toBeGreaterThan(0);
    for (const right of widths) expect(right).toBeLessThanOrEqual(390);
    await shot(`${name}-390`);
  }
});
