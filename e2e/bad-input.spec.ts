// Bad figures are refused with a Chinese message next to the value field (an aria-live region), the typed text
// stays in the form, and nothing is written: the history, the goal's status and the API's entries are unchanged.
import type { Page } from "@playwright/test";
import {
  CITY_PLAN_TITLE,
  PERIOD,
  apiEntries,
  entryForm,
  expect,
  findFreshGoal,
  isAccumulatingHigherIsBetter,
  openPlan,
  ownDepartment,
  submitFigure,
  test,
} from "./support";

const VALIDATION_MESSAGE = "输入有误，请按提示修改";

interface BadFigure {
  typed: string;
  message: string;
}

/** Submits each bad figure through the form and checks the refusal; then checks nothing was written. */
async function expectRefused(page: Page, goalId: string, cases: BadFigure[]): Promise<void> {
  const before = await apiEntries(page.request, goalId);
  const rowsBefore = await page.getByTestId("entry-row").count();
  const statusBefore = await page.getByTestId("goal-status").getAttribute("data-status");
  const form = entryForm(page);
  const value = form.locator('input[name="value"]');
  const error = page.getByTestId("value-error");

  for (const bad of cases) {
    await submitFigure(page, bad.typed, `e2e：不应保存 ${bad.typed}`);
    await expect(error, `error for “${bad.typed}”`).toHaveText(bad.message);
    await expect(page.getByTestId("entry-message")).toHaveText(VALIDATION_MESSAGE);
    // What was typed stays, so it can be corrected.
    await expect(value).toHaveValue(bad.typed);
    await expect(form.locator('textarea[name="note"]')).toHaveValue(`e2e：不应保存 ${bad.typed}`);
    await expect(form.locator('select[name="period"]')).toHaveValue(PERIOD);
    // The message sits next to the field, announced, and tied to it.
    await expect(value).toHaveAttribute("aria-invalid", "true");
    await expect(value).toHaveAttribute("aria-describedby", "value-error");
    await expect(error).toHaveAttribute("id", "value-error");
    await expect(error).toHaveAttribute("aria-live", /polite|assertive/);
    await expect(page.getByTestId("entry-row")).toHaveCount(rowsBefore);
    await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", statusBefore ?? "");
  }

  // The API refuses the same figures with the same messages (422) …
  for (const bad of cases) {
    const response = await page.request.post(`/api/v1/goals/${goalId}/entries`, { data: { period: PERIOD, value: bad.typed } });
    expect(response.status(), `API status for “${bad.typed}”`).toBe(422);
    const body = (await response.json()) as { error: { code: string; fields?: Record<string, string> } };
    expect(body.error.code).toBe("validation");
    expect(body.error.fields?.value).toBe(bad.message);
  }

  // … and nothing was written, by either.
  expect(JSON.stringify(await apiEntries(page.request, goalId))).toBe(JSON.stringify(before));
  await page.reload();
  await expect(page.getByTestId("entry-row")).toHaveCount(rowsBefore);
  await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", statusBefore ?? "");
}

test.describe("bad figures are refused and change nothing", () => {
  // Several pages and server round trips per test.
  test.describe.configure({ timeout: 60_000 });

  test("on a count goal: “约6”, empty, “abc”, “5、6” and a negative count", async ({ as }) => {
    const page = await as("nongye");
    const department = await ownDepartment(page);
    const boardPath = await openPlan(page, CITY_PLAN_TITLE);
    const goal = await findFreshGoal(page, boardPath, department, ({ target, facts }) => !target.unit.includes("%") && isAccumulatingHigherIsBetter(facts));
    const unit = `（单位：${goal.unit}）`;

    await expectRefused(page, goal.goalId, [
      { typed: "约6", message: "请填写确切的数字，不要带“约”“左右”“以上”等字样，例如 6.5" },
      { typed: "", message: `请输入一个数字，例如 6.5${unit}` },
      { typed: "abc", message: `请输入一个数字，例如 6.5${unit}` },
      { typed: "5、6", message: "只能填写一个数字，例如 6.5" },
      { typed: "-3", message: `数值不能为负数${unit}` },
    ]);
  });

  test("on a share in % (比率): above 100 and below 0", async ({ as }) => {
    const page = await as("nongye");
    const department = await ownDepartment(page);
    const boardPath = await openPlan(page, CITY_PLAN_TITLE);
    const goal = await findFreshGoal(page, boardPath, department, ({ target, facts }) => target.unit === "%" && Boolean(facts["指标类型"]?.startsWith("比率")));
    const share = "覆盖率类指标不能超过100%，也不能为负数，请填写0到100之间的数";

    await expectRefused(page, goal.goalId, [
      { typed: "120", message: share },
      { typed: "100.5%", message: share },
      { typed: "-5", message: share },
      { typed: "约80", message: "请填写确切的数字，不要带“约”“左右”“以上”等字样，例如 6.5" },
    ]);
  });

  test("on a level goal in % whose metric is a share (覆盖率): above 100 is refused as well", async ({ as }) => {
    const admin = await as("admin");
    const page = await as("nongye");
    const department = await ownDepartment(page);
    const boardPath = await openPlan(page, CITY_PLAN_TITLE);
    const planId = boardPath.split("/").pop();

    // The goal is added by the admin (the samples' shares are all of kind 比率) and archived afterwards.
    const board = await admin.request.get(`/api/v1/plans/${planId}/board`);
    expect(board.status()).toBe(200);
    const { goals } = (await board.json()) as { goals: { leadDepartment: { id: string; name: string } | null }[] };
    const lead = goals.find((g) => g.leadDepartment?.name === department)?.leadDepartment;
    expect(lead, `a goal led by ${department}`).toBeTruthy();
    const created = await admin.request.post(`/api/v1/plans/${planId}/goals`, {
      data: { metric: "e2e森林覆盖率", targetValue: "45", unit: "%", comparator: "gte", kind: "level", frequency: "monthly", leadDepartmentId: lead!.id, quote: "森林覆盖率达到45%" },
    });
    expect(created.status(), await created.text()).toBe(201);
    const goalId = ((await created.json()) as { goal: { id: string } }).goal.id;

    try {
      await page.goto(`${boardPath}/goals/${goalId}`);
      await expect(page.getByTestId("goal-metric")).toHaveText("e2e森林覆盖率");
      const share = "覆盖率类指标不能超过100%，也不能为负数，请填写0到100之间的数";
      await expectRefused(page, goalId, [
        { typed: "120", message: share },
        { typed: "-1", message: share },
      ]);
    } finally {
      const archived = await admin.request.delete(`/api/v1/goals/${goalId}`);
      expect(archived.status(), await archived.text()).toBe(200);
    }
  });
});
