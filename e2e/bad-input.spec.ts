// Bad figures are refused with a Chinese message next to the value field (an aria-live region), the typed text
// stays in the form, and nothing is written: the history, the goal's status and the API's entries are unchanged.
// Each test makes its own plan of this year in a region of its own, whose goals that region's REPORTER_DEPARTMENT
// leads, and its own reporter of that department (see support.ts).
import type { Page } from "@playwright/test";
import { Api, apiEntries, entryForm, expect, expectJson, submitFigure, test, type PlanGoal, type TestPlan } from "./support";

const VALIDATION_MESSAGE = "输入有误，请按提示修改";
const SHARE_MESSAGE = "覆盖率类指标不能超过100%，也不能为负数，请填写0到100之间的数";
const APPROXIMATE_MESSAGE = "请填写确切的数字，不要带“约”“左右”“以上”等字样，例如 6.5";

interface BadFigure {
  typed: string;
  message: string;
}

/** Submits each bad figure through the form and checks the refusal; then the API; then that nothing was written. */
async function expectRefused(page: Page, plan: TestPlan, goal: Pick<PlanGoal, "id" | "path">, cases: BadFigure[]): Promise<void> {
  const { period } = plan.calendar;
  await page.goto(goal.path(plan.calendar.today));
  await expect(page.getByTestId("goal-status")).toBeVisible();
  const before = await apiEntries(page.request, goal.id);
  const rowsBefore = await page.getByTestId("entry-row").count();
  const statusBefore = await page.getByTestId("goal-status").getAttribute("data-status");
  const form = entryForm(page);
  const value = form.locator('input[name="value"]');
  const error = page.getByTestId("value-error");

  for (const bad of cases) {
    await submitFigure(page, period, bad.typed, `e2e：不应保存 ${bad.typed}`);
    await expect(error, `error for “${bad.typed}”`).toHaveText(bad.message);
    await expect(page.getByTestId("entry-message")).toHaveText(VALIDATION_MESSAGE);
    // A refusal is not a plausibility warning: there is nothing to confirm.
    await expect(page.getByTestId("entry-warnings")).toHaveCount(0);
    // What was typed stays, so it can be corrected.
    await expect(value).toHaveValue(bad.typed);
    await expect(form.locator('textarea[name="note"]')).toHaveValue(`e2e：不应保存 ${bad.typed}`);
    await expect(form.locator('select[name="period"]')).toHaveValue(period);
    // The message sits next to the field, announced, and tied to it.
    await expect(value).toHaveAttribute("aria-invalid", "true");
    await expect(value).toHaveAttribute("aria-describedby", "value-error");
    await expect(error).toHaveAttribute("id", "value-error");
    await expect(error).toHaveAttribute("aria-live", /polite|assertive/);
    await expect(page.getByTestId("entry-row")).toHaveCount(rowsBefore);
    await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", statusBefore ?? "");
  }

  // The API refuses the same figures with the same messages (422), even when the caller says "confirm" …
  const api = new Api(page);
  for (const bad of cases) {
    const body = await expectJson<{ error: { code: string; fields?: Record<string, string> } }>(
      await api.post(`/api/v1/goals/${goal.id}/entries`, { period, value: bad.typed, confirm: true, note: "e2e：不应保存" }),
      422,
    );
    expect(body.error.code, `API code for “${bad.typed}”`).toBe("validation");
    expect(body.error.fields?.value).toBe(bad.message);
  }

  // … and nothing was written, by either.
  expect(await apiEntries(page.request, goal.id)).toEqual(before);
  await page.reload();
  await expect(page.getByTestId("entry-row")).toHaveCount(rowsBefore);
  await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", statusBefore ?? "");
}

test.describe("bad figures are refused and change nothing", () => {
  // Several pages and server round trips per test.
  test.describe.configure({ timeout: 60_000 });

  test("on a count goal (万亩): “约6”, empty, “abc”, “5、6”, a negative count and a percentage", async ({ newPlan, reporterOf }) => {
    const plan = await newPlan();
    const goal = plan.goals.farmland;
    const unit = `（单位：${goal.unit}）`;
    await expectRefused(await reporterOf(plan), plan, goal, [
      { typed: "约6", message: APPROXIMATE_MESSAGE },
      { typed: "", message: `请输入一个数字，例如 6.5${unit}` },
      { typed: "abc", message: `请输入一个数字，例如 6.5${unit}` },
      { typed: "5、6", message: "只能填写一个数字，例如 6.5" },
      { typed: "-3", message: `数值不能为负数${unit}` },
      { typed: "30%", message: `该指标的单位是“${goal.unit}”，不是百分比，请去掉“%”` },
    ]);
  });

  test("on a share in % (比率): above 100 and below 0", async ({ newPlan, reporterOf }) => {
    const plan = await newPlan();
    await expectRefused(await reporterOf(plan), plan, plan.goals.forest, [
      { typed: "120", message: SHARE_MESSAGE },
      { typed: "100.5%", message: SHARE_MESSAGE },
      { typed: "-5", message: SHARE_MESSAGE },
      { typed: "约80", message: APPROXIMATE_MESSAGE },
    ]);
  });

  test("on a level goal in % whose metric is a share (覆盖率): above 100 is refused as well", async ({ as, newPlan, reporterOf }) => {
    const plan = await newPlan();
    const admin = await as("admin");
    // A goal of kind 水平 (level) added by the admin: the extraction makes every share a 比率.
    const created = await expectJson<{ goal: { id: string; metric: string } }>(
      await new Api(admin).post(`/api/v1/plans/${plan.id}/goals`, {
        metric: "e2e林草覆盖率",
        targetValue: "45",
        unit: "%",
        comparator: "gte",
        kind: "level",
        frequency: "monthly",
        leadDepartmentId: plan.department.id,
        quote: "林草覆盖率达到45%",
      }),
      201,
    );
    const base = `${plan.boardPath}/goals/${created.goal.id}`;
    const goal = { id: created.goal.id, path: (asOf?: string) => (asOf ? `${base}?asOf=${asOf}` : base) };
    const page = await reporterOf(plan);
    await page.goto(goal.path());
    await expect(page.getByTestId("goal-metric")).toHaveText("e2e林草覆盖率");
    await expectRefused(page, plan, goal, [
      { typed: "120", message: SHARE_MESSAGE },
      { typed: "-1", message: SHARE_MESSAGE },
    ]);
    await expectJson(await new Api(admin).delete(`/api/v1/goals/${goal.id}`), 200);
  });
});
