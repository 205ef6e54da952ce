// A reporter enters a year-to-date figure for a goal their department leads; it waits as 待审核 and counts on the
// board (as of today) only once the supervising office approves it. A correction is a new version: the approved
// figure stays counted until the correction is approved; a pending version can be withdrawn (撤回). Each test
// makes its own plan of this year in a region of its own (see support.ts), so its goals start without figures, and
// its own reporter of that region's department that leads them.
import type { Page } from "@playwright/test";
import {
  Api,
  apiBoard,
  apiEntries,
  boardRow,
  expect,
  expectJson,
  expectTotalsMoved,
  figure,
  goalFacts,
  onTrackFigure,
  openBoard,
  ownDepartment,
  percent,
  readBoardRow,
  readTotals,
  reviewOnGoalPage,
  savedMessage,
  submitFigure,
  test,
  type ApiEntry,
  type StatusCode,
} from "./support";

const LIGHT_OF: Partial<Record<StatusCode, string>> = { overdue: "grey", on_track: "green", behind: "yellow", met: "green", exceeded: "green" };

async function expectBoardStatus(page: Page, goalId: string, code: StatusCode, label: string): Promise<void> {
  const row = boardRow(page, goalId);
  await expect(row).toHaveAttribute("data-status", code);
  await expect(row.locator("[data-light]")).toHaveAttribute("data-light", LIGHT_OF[code] ?? "");
  expect((await readBoardRow(page, goalId)).statusText).toBe(label);
}

test.describe("reporter enters a figure", () => {
  // Several pages and server round trips per test.
  test.describe.configure({ timeout: 90_000 });

  test("a figure is 待审核 until approved: the board row stays 未填报, then turns 正常 and the totals move by one", async ({ as, newPlan, reporterLogin, reporterOf }) => {
    const plan = await newPlan();
    const { today, yesterday, period, periodLabel, expectedShare, onTrack } = plan.calendar;
    const goal = plan.goals.farmland;
    const reporter = await reporterLogin(plan);
    const page = await reporterOf(plan);
    expect(await ownDepartment(page)).toBe(plan.department.name);

    // No figure, and the month's due date has passed: 未填报 (grey).
    await openBoard(page, plan.boardPath, today);
    await expectBoardStatus(page, goal.id, "overdue", "未填报");
    expect((await readBoardRow(page, goal.id)).lead).toBe(plan.department.name);
    const totalsBefore = await readTotals(page);

    await boardRow(page, goal.id).getByRole("link", { name: goal.metric }).click();
    await expect(page).toHaveURL(new RegExp(`/goals/${goal.id}\\?asOf=${today}$`));
    await expect(page.getByTestId("goal-metric")).toHaveText(goal.metric);
    await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", "overdue");
    await expect(page.getByTestId("entry-row")).toHaveCount(0);
    await expect(page.getByText(/^本计划需要审核：提交后为“待审核”/)).toBeVisible();

    // T · f (at least 0.2·T), to one decimal: on track (lag ≤ 0.10) once it counts (see ReportingCalendar.onTrack).
    const value = onTrackFigure(goal.target, plan.calendar);
    await submitFigure(page, period, value, "e2e：年初至今累计");
    await expect(page.getByTestId("entry-message")).toHaveText(savedMessage(periodLabel, value, "pending"));
    await expect(page.getByTestId("value-error")).toHaveText("");
    const rows = page.getByTestId("entry-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-state", "pending");
    await expect(rows.first().getByTestId("entry-state")).toHaveText("待审核");
    await expect(rows.first()).toContainText(periodLabel);
    await expect(rows.first()).toContainText("第1版");
    await expect(rows.first()).toContainText(`${value}${goal.unit}`);
    await expect(rows.first()).toContainText("说明：e2e：年初至今累计");
    await expect(rows.first()).toContainText(reporter.name);
    // Pending does not count: the goal is still judged without it. The form is ready for the next figure.
    await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", "overdue");
    expect((await goalFacts(page))["最新实际"]).toBe("尚未填报");
    await expect(page.locator('input[name="value"]')).toHaveValue("");

    // The board (as of today) is unchanged; with 含待审核 the figure shows, marked pending.
    await openBoard(page, plan.boardPath, today);
    await expectBoardStatus(page, goal.id, "overdue", "未填报");
    expect((await readBoardRow(page, goal.id)).latest).toBe("—");
    await expectTotalsMoved(page, totalsBefore, "overdue", "overdue");
    const api = new Api(page);
    const withPending = (await apiBoard(api, plan.id, today, true)).goals.find((g) => g.id === goal.id);
    expect(withPending).toMatchObject({ latest: { period, value }, latestState: "pending", status: onTrack.code });
    expect((await apiBoard(api, plan.id, today)).goals.find((g) => g.id === goal.id)).toMatchObject({ latest: null, status: "overdue" });

    // The office approves it with the goal page's own buttons.
    const admin = await as("admin");
    await reviewOnGoalPage(admin, goal.path(today), { approve: true });

    await page.goto(goal.path(today));
    await expect(page.getByTestId("entry-row").first()).toHaveAttribute("data-state", "approved");
    await expect(page.getByTestId("entry-row").first().getByTestId("entry-state")).toHaveText("已审核·计入");
    await expect(page.getByTestId("entry-row").first()).toContainText("督查室管理员审核");
    await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", onTrack.code);
    await expect(page.getByTestId("goal-status")).toContainText(onTrack.label);
    await expect(page.getByTestId("goal-status")).toContainText(`截至 ${today}`);
    const facts = await goalFacts(page);
    expect(facts["最新实际"]).toBe(`${value}${goal.unit}（${periodLabel}）`);
    expect(facts["完成率"]).toBe(percent(Number(value) / goal.target));
    expect(facts["序时进度"]).toBe(percent(expectedShare));

    await openBoard(page, plan.boardPath, today);
    await expectBoardStatus(page, goal.id, onTrack.code, onTrack.label);
    const after = await readBoardRow(page, goal.id);
    expect(after.latest).toContain(`${value}${goal.unit}`);
    expect(after.latest).toContain(periodLabel);
    expect(after.completion).toBe(percent(Number(value) / goal.target));
    expect(after.expectedShare).toBe(percent(expectedShare));
    await expectTotalsMoved(page, totalsBefore, "overdue", onTrack.code);

    // A figure approved today never changes an earlier board.
    await openBoard(page, plan.boardPath, yesterday);
    expect((await readBoardRow(page, goal.id)).latest).toBe("—");
  });

  test("a correction is a new version: the approved figure counts until the correction is approved (已完成 at T); a pending one can be withdrawn", async ({ as, newPlan, reporterOf }) => {
    const plan = await newPlan();
    const { today, period, periodLabel, onTrack } = plan.calendar;
    const goal = plan.goals.jobs;
    // Reached before the year end: 已完成 at T; at the year end (December) the first figure is final already, and
    // the correction is 超额完成 at 1.2·T.
    const final = onTrack.code === "met";
    const reached = final
      ? ({ value: figure(goal.target * 1.2), code: "exceeded", label: "超额完成" } as const)
      : ({ value: String(goal.target), code: "met", label: "已完成" } as const);
    const page = await reporterOf(plan);
    const admin = await as("admin");
    const adminApi = new Api(admin);

    // First figure, approved through the API.
    const first = onTrackFigure(goal.target, plan.calendar);
    await page.goto(goal.path(today));
    await submitFigure(page, period, first);
    await expect(page.getByTestId("entry-message")).toHaveText(savedMessage(periodLabel, first, "pending"));
    const [pendingFirst] = await apiEntries(page.request, goal.id);
    expect(pendingFirst).toMatchObject({ period, version: 1, value: first, state: "pending" });
    await expectJson(await adminApi.post(`/api/v1/entries/${pendingFirst!.id}/approve`, {}), 200);

    await openBoard(page, plan.boardPath, today);
    await expectBoardStatus(page, goal.id, onTrack.code, onTrack.label);
    const totalsBefore = await readTotals(page);

    // The correction waits for review; the approved figure still counts.
    await page.goto(goal.path(today));
    await submitFigure(page, period, reached.value, "e2e：更正为全年完成数");
    await expect(page.getByTestId("entry-message")).toHaveText(savedMessage(periodLabel, reached.value, "pending"));
    const history = page.getByTestId("entry-row");
    await expect(history).toHaveCount(2);
    await expect(history.nth(0)).toContainText("第2版");
    await expect(history.nth(0)).toHaveAttribute("data-state", "pending");
    await expect(history.nth(1)).toContainText("第1版");
    await expect(history.nth(1).getByTestId("entry-state")).toHaveText("已审核·计入");
    await expect(page.getByTestId("goal-status")).toHaveAttribute("data-status", onTrack.code);

    await openBoard(page, plan.boardPath, today);
    await expectBoardStatus(page, goal.id, onTrack.code, onTrack.label);
    expect((await readBoardRow(page, goal.id)).latest).toContain(`${first}${goal.unit}`);

    // A refused second review: the reporter may not approve their own figure.
    const reporterApi = new Api(page);
    const [pendingSecond] = await apiEntries(page.request, goal.id);
    const refused = await expectJson<{ error: { code: string; message: string } }>(await reporterApi.post(`/api/v1/entries/${pendingSecond!.id}/approve`, {}), 403);
    expect(refused.error).toMatchObject({ code: "forbidden", message: "只有督查室（管理员）可以审核填报" });

    await reviewOnGoalPage(admin, goal.path(today), { approve: true });
    await openBoard(page, plan.boardPath, today);
    await expectBoardStatus(page, goal.id, reached.code, reached.label);
    expect((await readBoardRow(page, goal.id)).latest).toContain(`${reached.value}${goal.unit}`);
    await expectTotalsMoved(page, totalsBefore, onTrack.code, reached.code);

    // A third figure, withdrawn (撤回) before review: marked withdrawn, kept in the history, never counted.
    await page.goto(goal.path(today));
    await submitFigure(page, period, figure(goal.target * 1.05), "e2e：误报，将撤回");
    await expect(history).toHaveCount(3);
    const newest = history.nth(0);
    await expect(newest).toHaveAttribute("data-state", "pending");
    await newest.getByRole("button", { name: "撤回" }).click();
    await expect(page.getByTestId("confirm-dialog")).toContainText(`确定撤回${periodLabel}的待审核数据吗`);
    await page.getByTestId("confirm-dialog-ok").click();
    await expect(newest).toHaveAttribute("data-state", "withdrawn");
    await expect(newest.getByTestId("entry-state")).toHaveText("已撤回");
    await expect(newest.getByRole("button", { name: "撤回" })).toHaveCount(0);
    const states = (await apiEntries(page.request, goal.id)).map((e: ApiEntry) => [e.version, e.state]);
    expect(states).toEqual([
      [3, "withdrawn"],
      [2, "approved"],
      [1, "approved"],
    ]);
    // An approved figure cannot be withdrawn (it is corrected by a new version).
    const approvedSecond = await expectJson<{ error: { code: string; message: string } }>(await reporterApi.post(`/api/v1/entries/${pendingSecond!.id}/withdraw`, {}), 409);
    expect(approvedSecond.error.message).toBe("已审核的数据不能撤回；如需更正，请提交新的数据");

    await openBoard(page, plan.boardPath, today);
    await expectBoardStatus(page, goal.id, reached.code, reached.label);
  });
});
