// 年度总结 (issue 8, item 1): the department's own 说明 written on the summary page (填写说明 on rows not met, behind,
// 未填报 or 未报送; only its own goals; a leader reads it), used before the version's note and cleared by saving it
// empty; and the previous year's result of the same metric in the same region under 目标值.
//
// The test's own plan (newPlan: a region of its own under 牡丹江市, this year); its previous year's plan is imported
// for the same region by the admin with the same report text, and one approved figure entered with a stated date.
import { Api, expect, expectJson, test } from "./support";

const SUMMARY_ROW = '[data-testid="summary-row"]';

test("a reporter writes the 说明 for the summary on their own goal; the leader reads it; the previous year shows under 目标值", async ({ as, newPlan, reporterOf }) => {
  const plan = await newPlan({ otherLead: ["jobs"] });
  const admin = await as("admin");
  const api = new Api(admin);
  const last = plan.year - 1;
  const previous = await expectJson<{ plan: { id: string }; goals: { id: string; metric: string }[] }>(
    await api.post("/api/v1/plans", {
      region: plan.region, regionId: plan.regionId, level: "city", year: last,
      text: `${plan.region}${last}年政府工作报告\n\n二、${last}年工作安排\n（一）抓好粮食生产。新建高标准农田40万亩以上。\n`,
    }),
    201,
  );
  const farmlandBefore = previous.goals.find((g) => g.metric === plan.goals.farmland.metric)!;
  await expectJson(
    await api.post(`/api/v1/goals/${farmlandBefore.id}/entries`, { period: `${last}-12`, value: "38.2", note: "", confirm: true, reportedAt: `${plan.year}-01-08` }),
    201,
  );

  const reporter = await reporterOf(plan);
  await reporter.goto(`/plans/${plan.id}/summary`);
  const farmland = reporter.locator(SUMMARY_ROW).filter({ hasText: plan.goals.farmland.metric });
  const jobs = reporter.locator(SUMMARY_ROW).filter({ hasText: plan.goals.jobs.metric });
  await expect(farmland.getByTestId("summary-previous-year")).toHaveText(`${last}年目标：实际38.2万亩，完成率95.5%，未完成`);
  // Nothing reported this year: 未填报 or 未报送, so the form is there — on the reporter's own goals only.
  await expect(jobs.getByTestId("explanation-form")).toHaveCount(0);
  const form = farmland.getByTestId("explanation-form");
  await form.getByText("填写说明").click();
  await form.getByRole("textbox").fill("受汛期影响，部分项目顺延至次年一季度完工。");
  await form.getByRole("button", { name: "保存说明" }).click();
  await expect(form.getByRole("status")).toHaveText("说明已保存");
  await reporter.reload();
  await expect(farmland.getByTestId("summary-explanation")).toHaveAttribute("data-source", "summary");
  await expect(farmland.getByTestId("summary-explanation")).toContainText("受汛期影响，部分项目顺延至次年一季度完工。");

  const summary = await expectJson<{ sections: { goals: { id: string; explanation: string | null; explanationSource: string | null; previousYear: { year: number; goalId: string } | null }[] }[] }>(
    await reporter.request.get(`/api/v1/plans/${plan.id}/summary`),
    200,
  );
  const row = summary.sections.flatMap((s) => s.goals).find((g) => g.id === plan.goals.farmland.id);
  expect(row).toMatchObject({ explanation: "受汛期影响，部分项目顺延至次年一季度完工。", explanationSource: "summary", previousYear: { year: last, goalId: farmlandBefore.id } });

  // The leader reads it and may not write it (no form; the API answers 403).
  const leader = await as("leader");
  await leader.goto(`/plans/${plan.id}/summary`);
  const leaderRow = leader.locator(SUMMARY_ROW).filter({ hasText: plan.goals.farmland.metric });
  await expect(leaderRow.getByTestId("summary-explanation")).toContainText("受汛期影响");
  await expect(leader.getByTestId("explanation-form")).toHaveCount(0);
  const refused = await new Api(leader).request.put(`/api/v1/goals/${plan.goals.farmland.id}/explanation`, {
    headers: { origin: new URL(leader.url()).origin, "content-type": "application/json" },
    data: JSON.stringify({ text: "越权" }),
  });
  expect(refused.status()).toBe(403);

  // Saved empty, it is cleared.
  await form.getByText("修改说明").click();
  await form.getByRole("textbox").fill("");
  await form.getByRole("button", { name: "保存说明" }).click();
  await expect(form.getByRole("status")).toHaveText("说明已清除");
  await reporter.reload();
  await expect(farmland.getByTestId("summary-explanation")).toHaveAttribute("data-source", "");
});
