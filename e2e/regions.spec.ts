// Governments (DOMAIN.md "Governments and departments", issue 7): a district's reporter reads the city's plans
// (the region above) but has no write control on them and cannot write a city goal; a district's office sees its own
// district's plans, not the city's above nor a sibling region's. The sibling is the test's own plan, imported by the
// city's admin into a new region under 牡丹江市, beside 爱民区 (its goals led by that region's own new departments).
import type { Page } from "@playwright/test";
import { Api, CITY_PLAN_TITLE, DISTRICT_PLAN_TITLE, apiBoard, apiEntries, expect, expectJson, reportingCalendar, shanghaiToday, test } from "./support";

const DISTRICT_REPORTER = "aimin_nongye";
const DISTRICT_ADMIN = "aimin_admin";

interface PlanListJson {
  plans: { id: string; title: string; regionId: string }[];
}

async function visiblePlans(page: Page): Promise<PlanListJson["plans"]> {
  return (await expectJson<PlanListJson>(await new Api(page).get("/api/v1/plans"), 200)).plans;
}

interface SiblingPlan {
  id: string;
  title: string;
  boardPath: string;
  goalId: string;
  goalPath: string;
  period: string;
}

/** A plan of this year for a new region under the city admin's (a sibling of 爱民区), imported through the API. */
async function siblingPlan(cityAdmin: Page): Promise<SiblingPlan> {
  const { year, period } = reportingCalendar();
  const region = `测试区${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const text = [
    `${region}${year}年政府工作报告`, "", `一、${year - 1}年工作回顾`, "过去一年，全区经济运行稳中有进。", "", `二、${year}年工作安排`,
    "（一）抓好粮食生产。新建高标准农田5万亩以上。", "（二）稳定扩大就业。全年新增城镇就业2000人。", "",
  ].join("\n");
  const created = await expectJson<{ plan: { id: string; title: string; regionId: string }; goals: { id: string }[] }>(
    await new Api(cityAdmin).post("/api/v1/plans", { region, level: "district", year, text }),
    201,
  );
  expect(created.goals.length).toBeGreaterThan(0);
  const goalId = created.goals[0]!.id;
  return { id: created.plan.id, title: created.plan.title, boardPath: `/plans/${created.plan.id}`, goalId, goalPath: `/plans/${created.plan.id}/goals/${goalId}`, period };
}

/** The home page's plan list: the titles shown, over every year it links to (one year's plans per page). */
async function listedTitles(page: Page): Promise<string[]> {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "年度计划" })).toBeVisible();
  const years = await page.getByRole("navigation", { name: "计划年度" }).getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  const titles = await page.locator("ul li h3").allInnerTexts();
  for (const href of years.slice(1)) {
    await page.goto(href);
    titles.push(...(await page.locator("ul li h3").allInnerTexts()));
  }
  return titles;
}

test.describe("regions", () => {
  test.describe.configure({ timeout: 90_000 });

  test("a district reporter reads the city's plan without any write control and cannot write a city goal", async ({ as }) => {
    const reporter = await as(DISTRICT_REPORTER);
    const api = new Api(reporter);
    const plans = await visiblePlans(reporter);
    const titles = plans.map((p) => p.title);
    expect(titles).toContain(DISTRICT_PLAN_TITLE);
    // The region above, read-only.
    expect(titles).toContain(CITY_PLAN_TITLE);
    const city = plans.find((p) => p.title === CITY_PLAN_TITLE)!;

    const board = await apiBoard(api, city.id, shanghaiToday());
    // A city goal led by the city's 市农业农村局 — the same kind of department as the reporter's own, another government's.
    const goal = board.goals.find((g) => g.leadDepartment?.name === "市农业农村局") ?? board.goals[0]!;
    const detail = await expectJson<{ goal: { id: string; canEnter: boolean } }>(await api.get(`/api/v1/goals/${goal.id}`), 200);
    expect(detail.goal.canEnter).toBe(false);

    // The goal page: no entry form, no review or withdraw buttons.
    await reporter.goto(`/plans/${city.id}/goals/${goal.id}`);
    await expect(reporter.getByTestId("goal-status")).toBeVisible();
    await expect(reporter.getByTestId("no-entry-permission")).toHaveText("该指标不由本单位牵头或配合，不能填报。");
    await expect(reporter.locator('input[name="value"]')).toHaveCount(0);
    await expect(reporter.getByRole("button", { name: "提交" })).toHaveCount(0);
    await expect(reporter.getByTestId("review-buttons")).toHaveCount(0);
    // The board: no admin links (settings, review, locks, editing goals).
    await reporter.goto(`/plans/${city.id}`);
    await expect(reporter.getByTestId("board-row").first()).toBeVisible();
    await expect(reporter.locator(`a[href^="/plans/${city.id}/settings"]`)).toHaveCount(0);
    await expect(reporter.locator(`a[href*="/edit"]`)).toHaveCount(0);

    // Writing through the API: refused, nothing recorded.
    const before = await apiEntries(reporter.request, goal.id);
    const refused = await api.post(`/api/v1/goals/${goal.id}/entries`, { period: `${board.asOf.slice(0, 4)}-01`, value: "1" });
    expect([403, 404], await refused.text()).toContain(refused.status());
    expect(await apiEntries(reporter.request, goal.id)).toEqual(before);
  });

  test("a district reporter neither sees nor writes a sibling region's plan", async ({ as }) => {
    const plan = await siblingPlan(await as("admin"));
    const reporter = await as(DISTRICT_REPORTER);
    const api = new Api(reporter);
    expect((await visiblePlans(reporter)).map((p) => p.id)).not.toContain(plan.id);
    expect(await listedTitles(reporter)).not.toContain(plan.title);
    expect((await api.get(`/api/v1/plans/${plan.id}/board`)).status()).toBe(404);
    expect((await api.get(`/api/v1/goals/${plan.goalId}`)).status()).toBe(404);
    await reporter.goto(plan.goalPath);
    await expect(reporter.getByTestId("not-found")).toBeVisible();
    const refused = await api.post(`/api/v1/goals/${plan.goalId}/entries`, { period: plan.period, value: "10" });
    expect([403, 404]).toContain(refused.status());
    // Nothing was recorded (read as the city's admin, who manages the sibling region).
    expect(await apiEntries((await as("admin")).request, plan.goalId)).toEqual([]);
  });

  test("a district's office sees its district's plans, not the city's above nor a sibling region's", async ({ as }) => {
    const plan = await siblingPlan(await as("admin"));
    const admin = await as(DISTRICT_ADMIN);
    const api = new Api(admin);
    const titles = (await visiblePlans(admin)).map((p) => p.title);
    expect(titles).toContain(DISTRICT_PLAN_TITLE);
    expect(titles).not.toContain(CITY_PLAN_TITLE);
    expect(titles).not.toContain(plan.title);
    const listed = await listedTitles(admin);
    expect(listed).toContain(DISTRICT_PLAN_TITLE);
    expect(listed).not.toContain(plan.title);
    expect((await api.get(`/api/v1/plans/${plan.id}/board`)).status()).toBe(404);
    await admin.goto(plan.boardPath);
    await expect(admin.getByTestId("not-found")).toBeVisible();
    // A write to the sibling's goal is refused and changes nothing.
    const refused = await api.patch(`/api/v1/goals/${plan.goalId}`, { description: "越权修改" });
    expect([403, 404]).toContain(refused.status());
    const entry = await api.post(`/api/v1/goals/${plan.goalId}/entries`, { period: plan.period, value: "10" });
    expect([403, 404]).toContain(entry.status());
    // The city's admin, whose region is above both, sees the sibling's plan.
    expect((await visiblePlans(await as("admin"))).map((p) => p.id)).toContain(plan.id);
  });
});
