// A reporter logs in, enters a year-to-date figure for a goal their department leads, and the goal page and the
// board (as of 2024-07-15, so 2024年6月 is the latest period due: 序时进度 f = 0.5) show the status DOMAIN.md gives.
import {
  AS_OF,
  CITY_PLAN_TITLE,
  PERIOD_LABEL,
  STATUS_CODES,
  boardRow,
  deleteEntryThroughUi,
  expect,
  figure,
  findFreshGoal,
  goalFacts,
  goalPath,
  isAccumulatingHigherIsBetter,
  logIn,
  openBoard,
  openPlan,
  ownDepartment,
  readBoard,
  readTotals,
  submitFigure,
  test,
  totalNumber,
  type StatusCode,
} from "./support";
import type { Page } from "@playwright/test";

/** An accumulating, higher-is-better goal (target "X单位" or "X单位以上") the department leads, without figures. */
function findFreshAccumulatingGoal(page: Page, boardPath: string, department: string) {
  return findFreshGoal(page, boardPath, department, ({ target, facts }) => (target.comparator === "gte" || target.comparator === "plain") && isAccumulatingHigherIsBetter(facts));
}

const LIGHT_OF: Partial<Record<StatusCode, string>> = { overdue: "grey", on_track: "green", behind: "yellow", met: "green" };

async function expectBoardStatus(page: Page, goalId: string, code: StatusCode, label: string): Promise<void> {
  const row = boardRow(page, goalId);
  await expect(row).toHaveAttribute("data-status", code);
  await expect(row.locator("[data-light]")).toHaveAttribute("data-light", LIGHT_OF[code] ?? "");
  const shown = (await readBoard(page)).find((r) => r.goalId === goalId);
  expect(shown?.statusText).toBe(label);
}

/** Every totals card is as before except `from` (one fewer) and `to` (one more). */
async function expectTotalsMoved(page: Page, before: Record<StatusCode, number>, from: StatusCode, to: StatusCode): Promise<void> {
  for (const code of STATUS_CODES) {
    const expected = before[code] + (code === to ? 1 : 0) - (code === from ? 1 : 0);
    await expect(totalNumber(page, code), `total-${code}`).toHaveText(String(expected));
  }
}

test.describe("reporter enters a figure", () => {
  // Several pages and server round trips per test.
  test.describe.configure({ timeout: 60_000 });

  test("a year-to-date figure ahead of 序时进度 turns the board row from 未填报 to 正常, totals move by one", async ({ page }) => {
    await logIn(page, "nongye");
    const department = await ownDepartment(page);
    expect(department).toBe("市农业农村局");
    const boardPath = await openPlan(page, CITY_PLAN_TITLE);

    const goal = await findFreshAccumulatingGoal(page, boardPath, department);
    await openBoard(page, boardPath);
    // No figure yet and 2024年1月 was due on 2024-02-10: overdue (grey).
    await expectBoardStatus(page, goal.goalId, "overdue", "未填报");
    const totalsBefore = await readTotals(page);

    // A = 0.45·T at f = 0.5: lag 0.05 ≤ 0.10 → on_track (正常), 完成率 45%.
    const value = figure(goal.targetValue * 0.45);
    const path = goalPath(boardPath, goal.goalId);
    try {
      await boardRow(page, goal.goalId).getByRole("link", { name: goal.metric }).click();
      await expect(page).toHaveURL(new RegExp(`/goals/${goal.goalId}\\?asOf=${AS_OF}$`));
      await expect(page.getByTestId("goal-metric")).toHaveText(goal.metric);
      await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", "overdue");
      await expect(page.getByTestId("entry-row")).toHaveCount(0);

      await submitFigure(page, value, "e2e：上半年累计");

      await expect(page.getByTestId("entry-message")).toHaveText(`已保存${PERIOD_LABEL}的数据：${value}`);
      await expect(page.getByTestId("value-error")).toHaveText("");
      const rows = page.getByTestId("entry-row");
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(PERIOD_LABEL);
      await expect(rows.first()).toContainText(`${value}${goal.unit}`);
      await expect(rows.first()).toContainText("e2e：上半年累计");
      await expect(rows.first()).toContainText("市农业农村局填报员");
      await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", "on_track");
      await expect(page.getByTestId("goal-status")).toContainText("正常");
      await expect(page.getByTestId("goal-status")).toContainText(`截至 ${AS_OF}`);
      const facts = await goalFacts(page);
      expect(facts["完成率"]).toBe("45.0%");
      expect(facts["序时进度"]).toBe("50.0%");
      expect(facts["最早未填报期间"]).toBe("无");
      // The form is ready for the next figure.
      await expect(page.locator('input[name="value"]')).toHaveValue("");

      await openBoard(page, boardPath);
      await expectBoardStatus(page, goal.goalId, "on_track", "正常");
      const after = (await readBoard(page)).find((r) => r.goalId === goal.goalId);
      expect(after?.latest).toContain(`${value}${goal.unit}`);
      expect(after?.latest).toContain(PERIOD_LABEL);
      expect(after?.completion).toBe("45.0%");
      expect(after?.expectedShare).toBe("50.0%");
      await expectTotalsMoved(page, totalsBefore, "overdue", "on_track");
    } finally {
      await deleteEntryThroughUi(page, path, PERIOD_LABEL);
    }

    // Deleting the figure puts the board back as it was.
    await openBoard(page, boardPath);
    await expectBoardStatus(page, goal.goalId, "overdue", "未填报");
    await expectTotalsMoved(page, totalsBefore, "overdue", "overdue");
  });

  test("re-entering the same period replaces the figure: 滞后 at 0.3·T, then 已完成 at T", async ({ as }) => {
    const page = await as("nongye");
    const department = await ownDepartment(page);
    const boardPath = await openPlan(page, CITY_PLAN_TITLE);
    const goal = await findFreshAccumulatingGoal(page, boardPath, department);
    await openBoard(page, boardPath);
    await expectBoardStatus(page, goal.goalId, "overdue", "未填报");
    const totalsBefore = await readTotals(page);
    const path = goalPath(boardPath, goal.goalId);

    try {
      await page.goto(path);
      // A = 0.3·T at f = 0.5: lag 0.2, above 0.10 and within 0.30 → behind (滞后, yellow).
      const behind = figure(goal.targetValue * 0.3);
      await submitFigure(page, behind);
      await expect(page.getByTestId("entry-message")).toHaveText(`已保存${PERIOD_LABEL}的数据：${behind}`);
      await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", "behind");
      await expect(page.getByTestId("goal-status")).toContainText("滞后");

      await openBoard(page, boardPath);
      await expectBoardStatus(page, goal.goalId, "behind", "滞后");
      await expectTotalsMoved(page, totalsBefore, "overdue", "behind");

      // A = T before the year end: reached (销号) → met (已完成). The same period is updated, not added.
      await page.goto(path);
      const reached = figure(goal.targetValue);
      await submitFigure(page, reached);
      await expect(page.getByTestId("entry-message")).toHaveText(`已更新${PERIOD_LABEL}的数据：${reached}`);
      await expect(page.getByTestId("entry-row")).toHaveCount(1);
      await expect(page.getByTestId("entry-row").first()).toContainText(`${reached}${goal.unit}`);
      await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", "met");
      await expect(page.getByTestId("goal-status")).toContainText("已完成");

      await openBoard(page, boardPath);
      await expectBoardStatus(page, goal.goalId, "met", "已完成");
      await expectTotalsMoved(page, totalsBefore, "overdue", "met");
    } finally {
      await deleteEntryThroughUi(page, path, PERIOD_LABEL);
    }
  });
});
