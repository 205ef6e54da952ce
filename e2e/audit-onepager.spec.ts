// The audit trail (issue 10, item 2), the leaders' one-pager (item 3) and 预计全年 (item 6): the changes made here are
// listed on the goal page and the plan's 变更记录; the one-pager renders, fits a projector and prints to ONE landscape
// A4 page. Screenshots are kept in test-results/.
import { getDocumentProxy } from "unpdf";
import { Api, CITY_PLAN_TITLE, expect, expectJson, onTrackFigure, test } from "./support";

test("the audit trail lists the test's changes; the one-pager renders and prints to one page", async ({ as, newPlan }, testInfo) => {
  const plan = await newPlan();
  const admin = await as("admin");
  const api = new Api(admin);
  const farmland = plan.goals.farmland;
  const shot = (name: string) => admin.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  // A change to the goal and a figure (an admin's counts at once), on track by 序时进度.
  await expectJson(await api.patch(`/api/v1/goals/${farmland.id}`, { targetValue: "60" }), 200);
  const value = onTrackFigure(60, plan.calendar);
  await expectJson(await api.post(`/api/v1/goals/${farmland.id}/entries`, { period: plan.calendar.period, value, note: "e2e 审计", confirm: true }), 201);

  await admin.setViewportSize({ width: 1400, height: 900 });
  await admin.goto(farmland.path());
  const trail = admin.getByTestId("goal-audit");
  await expect(trail.getByRole("heading", { name: "变更记录" })).toBeVisible();
  await expect(trail.locator('[data-action="goal.update"]').filter({ hasText: "目标值：" }).first()).toContainText("50 → 60");
  await expect(trail.locator('[data-action="entry.submit"]').first()).toContainText("e2e 审计");
  if (!plan.calendar.period.endsWith("-12")) {
    await expect(admin.getByTestId("goal-projection")).toContainText(/^预计全年约[\d.]+万亩（按序时线性测算）/);
  }
  await shot("goal-audit-1400");

  // The plan's 变更记录 (admins): filtered to target changes.
  await admin.goto(`/plans/${plan.id}/audit?action=goal.update`);
  const rows = admin.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "50 → 60" })).toHaveCount(1);
  expect(await rows.evaluateAll((els) => els.every((e) => e.getAttribute("data-action") === "goal.update"))).toBe(true);
  await admin.getByTestId("audit-filter-period").fill(plan.calendar.period);
  await admin.getByTestId("audit-filter-action").selectOption("entry.submit");
  await admin.getByRole("button", { name: "筛选" }).click();
  await expect(rows.filter({ hasText: "e2e 审计" })).toHaveCount(1);
  await shot("plan-audit-1400");
  await admin.setViewportSize({ width: 390, height: 844 });
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot("plan-audit-390");

  // The one-pager of the sample plan, mid-year.
  const plans = await expectJson<{ plans: { id: string; title: string }[] }>(await api.get("/api/v1/plans"), 200);
  const sample = plans.plans.find((p) => p.title === CITY_PLAN_TITLE);
  if (!sample) throw new Error(`no sample plan ${CITY_PLAN_TITLE}`);
  await admin.setViewportSize({ width: 1920, height: 1080 });
  await admin.goto(`/plans/${sample.id}/one-pager?asOf=2024-08-15`);
  const pager = admin.getByTestId("one-pager");
  await expect(pager.getByRole("heading", { level: 1 })).toContainText("一张图");
  await expect(admin.getByTestId("one-pager-total").locator(".big")).toHaveText(/^\d+$/);
  const attention = admin.getByTestId("one-pager-attention-row");
  if ((await attention.count()) > 0) await expect(attention.first()).toHaveAttribute("data-light", /red|grey|yellow/);
  // A projector shows it all without scrolling.
  expect(await admin.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(1080);
  await shot("one-pager-1920");
  const printed = await admin.pdf({ path: testInfo.outputPath("one-pager.pdf"), preferCSSPageSize: true, printBackground: true });
  const pdf = await getDocumentProxy(new Uint8Array(printed));
  expect(pdf.numPages).toBe(1);
  const page = await pdf.getPage(1);
  const [, , width = 0, height = 0] = page.view;
  expect(width).toBeGreaterThan(height); // landscape
  await admin.setViewportSize({ width: 1400, height: 900 });
  await shot("one-pager-1400");
  await admin.setViewportSize({ width: 390, height: 844 });
  expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot("one-pager-390");
});
