// The supervision cycle (DOMAIN.md "Entries over time", "Plausibility"): review with return and resubmission, the
// reporter's inbox, figures that look wrong confirmed with a note, locked periods, the 未填报 view with its
// reminder, and signing in whatever the host name and with a stale session cookie. Each test makes its own plan, in
// a region of its own, and its own reporter of that region's department that leads the goals (see support.ts).
import type { Browser, Page } from "@playwright/test";
import {
  Api,
  GRACE_DAYS,
  REPORTER_DEPARTMENT,
  addDays,
  apiBoard,
  apiEntries,
  boardRow,
  confirmFigure,
  entryForm,
  expect,
  expectJson,
  expectTotalsMoved,
  logIn,
  monthEnd,
  monthLabel,
  onTrackFigure,
  openBoard,
  readBoardRow,
  readTotals,
  savedMessage,
  submitFigure,
  test,
  type PlanGoal,
} from "./support";

/** "2026-02-10" → "2026年2月10日", as the reminders write a day. */
function chineseDate(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

function reviewRow(admin: Page, goal: PlanGoal) {
  return admin.locator(`[data-testid="review-row"][data-goal-id="${goal.id}"]`);
}

function inboxItem(page: Page, goal: PlanGoal) {
  return page.locator(`[data-testid="inbox-item"][data-goal-id="${goal.id}"]`);
}

test.describe("supervision", () => {
  // Several users, pages and server round trips per test.
  test.describe.configure({ timeout: 90_000 });

  test("returned with a reason, seen in the reporter's inbox, resubmitted and approved: only then does the board change", async ({ as, newPlan, reporterLogin, reporterOf }) => {
    const plan = await newPlan();
    const { today, yesterday, period, periodLabel } = plan.calendar;
    const goal = plan.goals.farmland;
    const reporterName = (await reporterLogin(plan)).name;
    const reporter = await reporterOf(plan);
    const admin = await as("admin");
    // Another figure waiting for review, which none of the reviews below may touch.
    const bystander = plan.goals.jobs;
    const bystanderValue = onTrackFigure(bystander.target, plan.calendar);
    await expectJson(await new Api(reporter).post(`/api/v1/goals/${bystander.id}/entries`, { period, value: bystanderValue }), 201);

    await openBoard(reporter, plan.boardPath, today);
    const before = await readBoardRow(reporter, goal.id);
    expect(before).toMatchObject({ status: "overdue", latest: "—" });
    const totalsBefore = await readTotals(reporter);

    // 1. The reporter submits: 待审核.
    const first = onTrackFigure(goal.target, plan.calendar);
    await reporter.goto(goal.path());
    await submitFigure(reporter, period, first, "e2e：年初至今累计");
    await expect(reporter.getByTestId("entry-message")).toHaveText(savedMessage(periodLabel, first, "pending"));

    // The board as of today is unchanged; 含待审核 shows the figure, marked 待审核.
    await openBoard(reporter, plan.boardPath, today);
    expect(await readBoardRow(reporter, goal.id)).toEqual(before);
    await expectTotalsMoved(reporter, totalsBefore, "overdue", "overdue");
    await expect(reporter.getByTestId("include-pending")).not.toBeChecked();
    await reporter.getByTestId("include-pending").check();
    await reporter.getByRole("button", { name: "筛选" }).click();
    await expect(reporter).toHaveURL(/includePending=1/);
    const pendingCell = boardRow(reporter, goal.id);
    await expect(pendingCell.getByTestId("pending-mark")).toHaveText("待审核");
    expect((await readBoardRow(reporter, goal.id)).latest).toContain(`${first}${goal.unit}`);
    const api = new Api(reporter);
    expect((await apiBoard(api, plan.id, today, true)).goals.find((g) => g.id === goal.id)).toMatchObject({ latest: { period, value: first }, latestState: "pending" });
    expect((await apiBoard(api, plan.id, today)).goals.find((g) => g.id === goal.id)).toMatchObject({ latest: null, status: "overdue" });

    // 2. The reviewer returns it, with a reason, on the review page.
    const reason = "e2e：口径有误，请按统计局1-10月累计数重报";
    await admin.goto(`${plan.boardPath}/review`);
    const toReview = reviewRow(admin, goal);
    await expect(toReview).toHaveCount(1);
    await expect(toReview).toContainText(`${first}${goal.unit}`);
    await expect(toReview).toContainText(periodLabel);
    await expect(toReview).toContainText("e2e：年初至今累计");
    await expect(toReview).toContainText(reporterName);
    // Without a reason, nothing is returned.
    await toReview.getByTestId("review-return").click();
    await expect(toReview).toContainText("请填写退回原因，部门会看到它");
    await toReview.getByTestId("review-reason").fill(reason);
    await toReview.getByTestId("review-return").click();
    await expect(admin.getByTestId("review-message")).toHaveText(`已退回：${goal.metric}（${periodLabel}），原因：${reason}`);
    await expect(toReview).toHaveCount(0);
    await expect(reviewRow(admin, bystander)).toHaveCount(1);

    // 3. The reporter sees it in 待我处理 with the reason, and on the goal page.
    await reporter.goto("/");
    await expect(reporter.getByTestId("inbox")).toBeVisible();
    const item = inboxItem(reporter, goal);
    await expect(item).toHaveCount(1);
    await expect(item.locator('[data-duty="returned"]')).toContainText(`${periodLabel}的数据已被退回`);
    await expect(item.locator('[data-duty="returned"]')).toContainText(reason);
    await expect(item).toContainText(plan.title);
    await item.getByRole("link", { name: goal.metric }).click();
    await expect(reporter.getByTestId("goal-metric")).toHaveText(goal.metric);
    const history = reporter.getByTestId("entry-row");
    await expect(history).toHaveCount(1);
    await expect(history.first()).toHaveAttribute("data-state", "returned");
    await expect(history.first().getByTestId("return-reason")).toHaveText(`退回原因：${reason}`);

    // 4. Resubmitted: a second version, 待审核 again; the board still unchanged.
    const second = String(Number(first) + 1);
    await submitFigure(reporter, period, second, "e2e：已按统计局口径更正");
    await expect(reporter.getByTestId("entry-message")).toHaveText(savedMessage(periodLabel, second, "pending"));
    await expect(history).toHaveCount(2);
    await expect(history.nth(0)).toHaveAttribute("data-state", "pending");
    await expect(history.nth(0)).toContainText("第2版");
    await expect(history.nth(1)).toHaveAttribute("data-state", "returned");
    await reporter.goto("/");
    await expect(reporter.getByTestId("inbox")).toBeVisible();
    await expect(inboxItem(reporter, goal).locator('[data-duty="returned"]')).toHaveCount(0);
    await openBoard(reporter, plan.boardPath, today);
    expect(await readBoardRow(reporter, goal.id)).toEqual(before);

    // 5. Approved on the review page: only now does the board (as of today) change.
    await admin.goto(`${plan.boardPath}/review`);
    await expect(toReview).toHaveCount(1);
    await expect(toReview).toContainText(`${second}${goal.unit}`);
    await toReview.getByTestId("review-approve").click();
    await expect(admin.getByTestId("review-message")).toHaveText(`已审核通过：${goal.metric}（${periodLabel}）`);
    await expect(toReview).toHaveCount(0);
    await expect(reviewRow(admin, bystander)).toContainText(`${bystanderValue}${bystander.unit}`);
    expect((await apiEntries(admin.request, bystander.id)).map((e) => e.state)).toEqual(["pending"]);

    await openBoard(reporter, plan.boardPath, today);
    const after = await readBoardRow(reporter, goal.id);
    expect(after.status).toBe(plan.calendar.onTrack.code);
    expect(after.latest).toContain(`${second}${goal.unit}`);
    await expect(boardRow(reporter, goal.id).getByTestId("pending-mark")).toHaveCount(0);
    await expectTotalsMoved(reporter, totalsBefore, "overdue", plan.calendar.onTrack.code);
    // … and a board as of yesterday never will.
    await openBoard(reporter, plan.boardPath, yesterday);
    expect((await readBoardRow(reporter, goal.id)).latest).toBe("—");
  });

  test("30亩 on a 万亩 goal and 0.76 on a 75% goal raise a warning; confirmed with a note they are stored with it", async ({ as, newPlan, reporterOf }) => {
    const plan = await newPlan();
    const { today, period, periodLabel } = plan.calendar;
    const { farmland, forest, jobs } = plan.goals;
    const reporter = await reporterOf(plan);

    const cases = [
      {
        goal: farmland,
        typed: "30亩",
        stored: "0.003",
        warning: "0.003万亩 与目标值 50万亩 相差10倍以上，请检查数字和单位是否填错（本指标单位：万亩）",
        note: "e2e：本月仅新建30亩，已核实",
      },
      {
        goal: forest,
        typed: "0.76",
        stored: "0.76",
        warning: "本指标按百分数填报（目标 75%），0.76 像是写成了小数；如实际为 76%，请填写 76",
        note: "e2e：经核实为0.76%（新造林口径），确认无误",
      },
    ];
    for (const c of cases) {
      await reporter.goto(c.goal.path(today));
      await submitFigure(reporter, period, c.typed);
      const warnings = reporter.getByTestId("entry-warnings");
      await expect(warnings).toBeVisible();
      await expect(warnings).toContainText(c.warning);
      await expect(reporter.getByTestId("entry-confirm")).not.toBeChecked();
      await expect(entryForm(reporter).locator('input[name="value"]')).toHaveValue(c.typed);
      // Nothing is written until confirmed.
      await expect(reporter.getByTestId("entry-row")).toHaveCount(0);
      expect(await apiEntries(reporter.request, c.goal.id)).toEqual([]);

      // Confirming without a note is refused.
      await reporter.getByTestId("entry-confirm").check();
      await entryForm(reporter).evaluate((form) => form.setAttribute("data-e2e-submitted", ""));
      await entryForm(reporter).getByRole("button", { name: "确认提交" }).click();
      await expect(reporter.locator("form[data-e2e-submitted]")).toHaveCount(0);
      await expect(entryForm(reporter).getByText("确认提交时请填写说明", { exact: true })).toBeVisible();
      await expect(reporter.getByTestId("entry-warnings")).toContainText(c.warning);
      expect(await apiEntries(reporter.request, c.goal.id)).toEqual([]);

      await confirmFigure(reporter, c.note);
      await expect(reporter.getByTestId("entry-message")).toHaveText(savedMessage(periodLabel, c.typed, "pending"));
      await expect(reporter.getByTestId("entry-warnings")).toHaveCount(0);
      const row = reporter.getByTestId("entry-row");
      await expect(row).toHaveCount(1);
      await expect(row).toContainText(`${c.stored}${c.goal.unit}`);
      await expect(row).toContainText(`说明：${c.note}`);
      await expect(row).toContainText(`提交时已确认提示：`);
      await expect(row).toContainText(c.warning);
      if (c.typed !== c.stored) await expect(row).toContainText(`（录入：${c.typed}）`);
      const [stored] = await apiEntries(reporter.request, c.goal.id);
      expect(stored).toMatchObject({ period, value: c.stored, rawInput: c.typed, note: c.note, state: "pending" });
      expect(stored!.warnings.map((w) => w.message)).toContain(c.warning);
    }

    // The API asks for the same confirmation (422 needs_confirmation, nothing written) and takes it with a note.
    const api = new Api(reporter);
    const unconfirmed = await expectJson<{ error: { code: string; warnings: { code: string }[] } }>(
      await api.post(`/api/v1/goals/${jobs.id}/entries`, { period, value: "24000" }),
      422,
    );
    expect(unconfirmed.error.code).toBe("needs_confirmation");
    expect(unconfirmed.error.warnings.map((w) => w.code)).toContain("far_from_target");
    expect(await apiEntries(reporter.request, jobs.id)).toEqual([]);
    const confirmed = await expectJson<{ state: string; warnings: { code: string }[] }>(
      await api.post(`/api/v1/goals/${jobs.id}/entries`, { period, value: "24000", confirm: true, note: "e2e：确认无误" }),
      201,
    );
    expect(confirmed.state).toBe("pending");
    expect(confirmed.warnings.map((w) => w.code)).toContain("far_from_target");

    // The reviewer sees the confirmed warnings and approves both figures at once.
    const admin = await as("admin");
    await admin.goto(`${plan.boardPath}/review`);
    for (const c of cases) {
      const row = reviewRow(admin, c.goal);
      await expect(row).toContainText(`已确认：${c.warning}`);
      await expect(row).toContainText(c.note);
      await row.getByTestId("review-select").check();
    }
    await admin.getByTestId("review-batch-approve").click();
    await expect(admin.getByTestId("confirm-dialog")).toContainText("确定审核通过选中的 2 条填报吗");
    await admin.getByTestId("confirm-dialog-ok").click();
    await expect(admin.getByTestId("review-message")).toHaveText("已审核通过 2 条");
    // Only the selected ones: the third (not selected) still waits.
    await expect(admin.getByTestId("review-row")).toHaveCount(1);
    await expect(reviewRow(admin, jobs)).toHaveCount(1);

    await openBoard(reporter, plan.boardPath, today);
    for (const c of cases) expect((await readBoardRow(reporter, c.goal.id)).latest).toContain(`${c.stored}${c.goal.unit}`);
  });

  test("a locked period refuses a reporter, in the form and through the API; the admin may still correct it with a reason", async ({ as, newPlan, reporterOf }) => {
    const plan = await newPlan();
    const { today, period, periodLabel } = plan.calendar;
    const goal = plan.goals.farmland;
    const reason = `e2e：${periodLabel}数据已审核完毕`;

    // 关账 on the plan's settings page.
    const admin = await as("admin");
    await admin.goto(`${plan.boardPath}/settings`);
    const lockForm = admin.getByTestId("lock-form");
    await lockForm.getByLabel("关账期间").selectOption(period);
    await lockForm.getByLabel("关账原因").fill(reason);
    await lockForm.getByRole("button", { name: "关账" }).click();
    await expect(admin.getByTestId("lock-message")).toHaveText(`${periodLabel}已关账`);
    await expect(admin.locator(`[data-testid="lock-row"][data-period="${period}"]`)).toContainText(reason);

    const reporter = await reporterOf(plan);
    await reporter.goto(goal.path(today));
    const select = entryForm(reporter).locator('select[name="period"]');
    await expect(select.locator(`option[value="${period}"]`)).toHaveText(`${periodLabel}（已关账）`);
    await select.selectOption(period);
    const refusal = `${periodLabel}已关账（${reason}），不能再填报；如需更正请联系督查室`;
    await expect(reporter.getByTestId("period-locked")).toHaveText(`${periodLabel}已关账（${reason}）。不能再填报；如需更正请联系督查室。`);
    await submitFigure(reporter, period, onTrackFigure(goal.target, plan.calendar), "e2e：关账后补报");
    await expect(reporter.getByTestId("entry-message")).toHaveText(refusal);
    await expect(reporter.getByTestId("entry-row")).toHaveCount(0);

    const refused = await expectJson<{ error: { code: string; message: string } }>(
      await new Api(reporter).post(`/api/v1/goals/${goal.id}/entries`, { period, value: "10" }),
      403,
    );
    expect(refused.error).toEqual({ code: "forbidden", message: refusal });
    expect(await apiEntries(reporter.request, goal.id)).toEqual([]);

    // The admin may enter into a locked period, with a reason in the note.
    const adminApi = new Api(admin);
    const noReason = await expectJson<{ error: { code: string; fields: Record<string, string> } }>(
      await adminApi.post(`/api/v1/goals/${goal.id}/entries`, { period, value: "10" }),
      422,
    );
    expect(noReason.error.fields.note).toBe(`${periodLabel}已关账，管理员补录或更正须在说明中写明原因`);
    const corrected = await expectJson<{ state: string }>(
      await adminApi.post(`/api/v1/goals/${goal.id}/entries`, { period, value: "10", note: "e2e：督查室按统计局数据补录" }),
      201,
    );
    expect(corrected.state).toBe("approved");
    expect((await apiEntries(reporter.request, goal.id)).map((e) => [e.value, e.state])).toEqual([["10", "approved"]]);
  });

  test("the 未填报 view lists a department whose month passed without a figure, with its reminder", async ({ as, newPlan }) => {
    const plan = await newPlan({ otherLead: ["unemployment"] });
    const { today, year, period, periodLabel } = plan.calendar;
    const { farmland, jobs, unemployment } = plan.goals;
    const admin = await as("admin");

    // The farmland figure is in (the admin's is approved at once); the jobs goal has none.
    await expectJson(await new Api(admin).post(`/api/v1/goals/${farmland.id}/entries`, { period, value: onTrackFigure(farmland.target, plan.calendar) }), 201);

    await admin.goto(`${plan.boardPath}/overdue`);
    const section = admin.locator(`[data-testid="overdue-department"][data-department-name="${REPORTER_DEPARTMENT}"]`);
    await expect(section).toHaveCount(1);
    await expect(section.getByRole("link", { name: jobs.metric, exact: true })).toBeVisible();

    // Every month of the year up to `period` is overdue for the jobs goal, counted from January's due date.
    const januaryDue = addDays(monthEnd(`${year}-01`), GRACE_DAYS);
    const daysOverdue = Math.round((Date.parse(today) - Date.parse(januaryDue)) / 86_400_000);
    const months = period === `${year}-01` ? periodLabel : `${monthLabel(`${year}-01`)}至${periodLabel}`;
    const reminder = section.getByTestId("reminder-text");
    await expect(reminder).toBeVisible();
    const text = await reminder.inputValue();
    expect(text).toContain("【催报通知】");
    expect(text).toContain(`${REPORTER_DEPARTMENT}：`);
    expect(text).toContain(`《${plan.title}》`);
    expect(text).toContain(`${jobs.metric}：${months}数据应于${chineseDate(januaryDue)}前报送，已逾期${daysOverdue}天`);
    expect(text).toContain(`${plan.region}人民政府督查室`);
    // The reported goal is not overdue (at most due within its grace days for a later month).
    for (const line of text.split("\n").filter((l) => l.includes(`${farmland.metric}：`))) expect(line).not.toContain("已逾期");
    await expect(section.getByTestId("copy-reminder")).toBeVisible();
    await section.getByTestId("copy-reminder").click();
    await expect(section.getByRole("status").filter({ hasText: /已复制|已选中全文/ })).toBeVisible();

    // The other department is listed with its own goal and reminder.
    const other = admin.locator(`[data-testid="overdue-department"][data-department-name="${plan.otherDepartment.name}"]`);
    await expect(other.getByRole("link", { name: unemployment.metric, exact: true })).toBeVisible();
    expect(await other.getByTestId("reminder-text").inputValue()).toContain(`${unemployment.metric}：`);
    expect(await other.getByTestId("reminder-text").inputValue()).not.toContain(`${jobs.metric}：`);

    // The API says the same.
    const overdue = await expectJson<{ departments: { department: { name: string } | null; goals: { goalId: string; overdue: { period: string }[] }[]; reminder: string }[] }>(
      await new Api(admin).get(`/api/v1/plans/${plan.id}/overdue`),
      200,
    );
    const mine = overdue.departments.find((d) => d.department?.name === REPORTER_DEPARTMENT);
    expect(mine?.goals.find((g) => g.goalId === jobs.id)?.overdue.map((o) => o.period)).toContain(period);
    expect(mine?.goals.find((g) => g.goalId === farmland.id)?.overdue ?? []).toEqual([]);
    expect(mine?.reminder).toBe(text);
  });

  test("signing in works with a stale session cookie, from 127.0.0.1 and from localhost", async ({ browser, baseURL, locale, timezoneId, newPlan, reporterLogin }) => {
    const plan = await newPlan();
    const login = await reporterLogin(plan);
    const { today, period, periodLabel } = plan.calendar;
    const url = new URL(baseURL!);
    const other = new URL(baseURL!);
    other.hostname = url.hostname === "localhost" ? "127.0.0.1" : "localhost";
    const hosts = [url.origin, other.origin];
    expect(hosts.map((h) => new URL(h).hostname).sort()).toEqual(["127.0.0.1", "localhost"]);

    const goals = [plan.goals.farmland, plan.goals.jobs];
    for (const [i, origin] of hosts.entries()) {
      const page = await staleContextPage(browser, origin, { locale, timezoneId });
      try {
        // The stale cookie is no session: the app asks to sign in, and signing in replaces it.
        await page.goto("/");
        await expect(page).toHaveURL(`${origin}/login`);
        await logIn(page, login);
        const cookies = await page.context().cookies(origin);
        expect(cookies.find((c) => c.name === "better-auth.session_token")?.value).not.toBe(STALE_TOKEN);
        await expect(page.getByTestId("inbox")).toBeVisible();

        // Signed in on this host, the reporter can work: a figure through the form (a server action from this origin).
        const goal = goals[i]!;
        await page.goto(goal.path(today));
        const value = onTrackFigure(goal.target, plan.calendar);
        await submitFigure(page, period, value, `e2e：从 ${origin} 提交`);
        await expect(page.getByTestId("entry-message")).toHaveText(savedMessage(periodLabel, value, "pending"));
        const [entry] = await apiEntries(page.request, goal.id);
        expect(entry).toMatchObject({ period, value, state: "pending", note: `e2e：从 ${origin} 提交` });
      } finally {
        await page.context().close();
      }
    }
  });
});

const STALE_TOKEN = "e2e-stale-session.bm90LWEtcmVhbC1zaWduYXR1cmU";

/** A fresh context on `origin` whose browser still holds a session cookie the server no longer knows. */
async function staleContextPage(browser: Browser, origin: string, options: { locale?: string; timezoneId?: string }): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin, ...options });
  await context.addCookies([{ name: "better-auth.session_token", value: STALE_TOKEN, url: origin }]);
  return context.newPage();
}
