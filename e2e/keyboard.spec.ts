// Keyboard only: one review cycle without a mouse — Tab, Enter, Space, arrows and typing. A reporter signs in (through
// the skip link 跳到主要内容), goes from the board to a goal, enters a figure and submits it; the admin signs in, opens
// 待审核 and approves it. Every stop the walk lands on shows a visible focus.
import type { Page } from "@playwright/test";
import { apiEntries, beforeSignIn, expect, monthLabel, onTrackFigure, savedMessage, test, type Login } from "./support";

/** The focused element's description, and whether it draws a focus indicator (an outline or a ring). */
async function focused(page: Page): Promise<{ tag: string; text: string; visible: boolean }> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { tag: "body", text: "", visible: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const ring = style.boxShadow !== "none";
    return { tag: element.tagName.toLowerCase(), text: (element.innerText || element.getAttribute("aria-label") || element.getAttribute("name") || "").trim().slice(0, 40), visible: outline || ring };
  });
}

async function expectFocusVisible(page: Page, what: string): Promise<void> {
  const now = await focused(page);
  expect(now.visible, `${what}: focus on <${now.tag}> ${now.text} has no visible indicator`).toBe(true);
}

/** Presses Tab until the focused element matches `selector` (at most `max` presses); checks its focus is visible. */
async function tabTo(page: Page, selector: string, what: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      await expectFocusVisible(page, what);
      return;
    }
  }
  throw new Error(`${what}: ${max} presses of Tab never reached ${selector}`);
}

/** Signs in with the keyboard: the skip link first, then the form; Enter submits. */
async function signInByKeyboard(page: Page, login: Login): Promise<void> {
  await page.goto("/login");
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveText("跳到主要内容");
  await expectFocusVisible(page, "skip link");
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  await tabTo(page, 'input[name="username"]', "用户名");
  await page.keyboard.type(login.username);
  await page.keyboard.press("Tab");
  await expect(page.locator('input[name="password"]')).toBeFocused();
  await expectFocusVisible(page, "密码");
  await page.keyboard.type(login.password);
  await beforeSignIn();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toContainText(login.name);
}

test("keyboard only: a reporter enters a figure and the admin approves it on 待审核", async ({ browser, baseURL, locale, timezoneId, newPlan, reporterLogin, as }) => {
  test.setTimeout(90_000);
  const plan = await newPlan();
  const goal = plan.goals.grain;
  const { period } = plan.calendar;
  const value = onTrackFigure(goal.target, plan.calendar);
  const reporter = await reporterLogin(plan);

  const context = await browser.newContext({ baseURL, locale, timezoneId });
  try {
    const page = await context.newPage();
    await signInByKeyboard(page, reporter);

    // The board, then the goal's link in its row.
    await page.goto(plan.boardPath);
    await tabTo(page, `[data-testid="board-row"][data-goal-id="${goal.id}"] a[href*="/goals/${goal.id}"]`, "goal link on the board");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/goals/${goal.id}`));

    // The entry form: the period with the arrow keys, the figure typed, Enter submits.
    await tabTo(page, 'select[name="period"]', "期间");
    const select = page.locator('select[name="period"]');
    const options = await select.locator("option").evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain(period);
    for (let i = 0; i < options.length && (await select.inputValue()) !== period; i++) {
      const at = options.indexOf(await select.inputValue());
      await page.keyboard.press(at < options.indexOf(period) ? "ArrowDown" : "ArrowUp");
    }
    await expect(select).toHaveValue(period);
    await tabTo(page, 'input[name="value"]', "填报值", 5);
    await page.keyboard.type(value);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("entry-message")).toHaveText(savedMessage(monthLabel(period), value, "pending"));

    // The admin: 待审核 from the plan's navigation, then 通过 in the goal's row (Space presses a button).
    const adminContext = await browser.newContext({ baseURL, locale, timezoneId });
    try {
      const admin = await adminContext.newPage();
      await signInByKeyboard(admin, { username: "admin", password: "luoshi-dcs-2024", name: "督查室管理员" });
      await admin.goto(plan.boardPath);
      await tabTo(admin, '[data-testid="plan-nav-review"]', "待审核 link");
      await admin.keyboard.press("Enter");
      await expect(admin).toHaveURL(new RegExp(`/plans/${plan.id}/review`));
      const row = admin.locator(`[data-testid="review-row"][data-goal-id="${goal.id}"]`);
      await expect(row).toHaveCount(1);
      await tabTo(admin, `[data-testid="review-row"][data-goal-id="${goal.id}"] [data-testid="review-approve"]`, "通过");
      await admin.keyboard.press("Space");
      await expect(row).toHaveCount(0);
      await expect(admin.getByText(`已审核通过：`).first()).toBeVisible();
      // The pressed button left with its row: the focus is on the message, not lost to the page's top.
      await expect(admin.getByTestId("review-message")).toBeFocused();
    } finally {
      await adminContext.close();
    }
    const entries = await apiEntries((await as("admin")).request, goal.id);
    expect(entries[0]).toMatchObject({ period, state: "approved" });
  } finally {
    await context.close();
  }
});
