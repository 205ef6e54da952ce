// 目标分解 (issue 7, DOMAIN.md "Decomposition"): the city's office splits a goal among three lower governments on the
// goal page; each share is a goal of its holder, led by the holder's department of the parent's lead's kind. A
// district reporter enters their share's figure, the city's office approves it, and the parent's board row shows
// the roll-up with 已报 1/3. A sibling district's reporter neither sees that share (404) nor writes it.
//
// The parent is the test's own plan (newPlan: a new region under 牡丹江市, its goals led by that region's
// 市农业农村局), split by the sample city admin among three new districts under that region, each given its own
// 区农业农村局 on the admin departments page; the two district reporters are made on the admin users page.
import type { Page } from "@playwright/test";
import {
  Api,
  boardRow,
  expect,
  expectJson,
  onTrackFigure,
  openBoard,
  readBoardRow,
  reviewOnGoalPage,
  savedMessage,
  submitFigure,
  test,
  createReporter,
  type Department,
} from "./support";

/** The district department that leads each share: the counterpart of the parent's 市农业农村局. */
const DISTRICT_DEPARTMENT = "区农业农村局";

interface RegionJson {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
}

interface ShareJson {
  id: string;
  plan: { id: string; title: string };
  holder: { type: "region" | "department"; id: string; name: string };
  target: string;
  status: string;
  latest: { period: string; value: string } | null;
}

interface GoalJson {
  id: string;
  metric: string;
  plan: { id: string };
  leadDepartment: (Department & { regionId: string }) | null;
  parentGoalId: string | null;
  rolledUp: boolean;
  reportedShares: number | null;
  totalShares: number | null;
  latest: { period: string; value: string } | null;
  shares: ShareJson[];
  canEnter: boolean;
}

async function apiGoal(api: Api, goalId: string): Promise<GoalJson> {
  return (await expectJson<{ goal: GoalJson }>(await api.get(`/api/v1/goals/${goalId}`), 200)).goal;
}

/** A department of the region, made on 管理 → 单位 (the admin departments page). */
async function createDepartment(admin: Page, regionId: string, name: string): Promise<void> {
  await admin.goto("/admin/departments");
  const form = admin.getByTestId("create-department-form");
  await form.getByLabel("所属地区", { exact: true }).selectOption(regionId);
  await form.getByLabel("单位名称", { exact: true }).fill(name);
  await form.getByRole("button", { name: "新增单位", exact: true }).click();
  await expect(form.getByText(`已新增单位：${name}`)).toBeVisible();
}

test.describe("decomposition", () => {
  // Three regions, three departments, two users, a split, an entry and a review: many server round trips.
  test.describe.configure({ timeout: 180_000 });

  test("the city's office splits a goal among three districts; a district's figure, once approved, rolls up as 已报 1/3; a sibling district neither sees nor writes that share", async ({ as, newPlan }) => {
    const plan = await newPlan();
    const { today, period, periodLabel } = plan.calendar;
    const parent = plan.goals.farmland;
    const admin = await as("admin");
    const adminApi = new Api(admin);

    // Three districts under the plan's region, made through the API, each with its own 区农业农村局.
    const districts: RegionJson[] = [];
    for (const suffix of ["甲区", "乙区", "丙区"]) {
      const created = await expectJson<{ region: RegionJson }>(
        await adminApi.post("/api/v1/regions", { name: `${plan.region}${suffix}`, level: "district", parentId: plan.regionId }),
        201,
      );
      expect(created.region.parentId).toBe(plan.regionId);
      districts.push(created.region);
    }
    const visible = (await expectJson<{ regions: RegionJson[] }>(await adminApi.get("/api/v1/regions"), 200)).regions;
    for (const d of districts) expect(visible.map((r) => r.id)).toContain(d.id);
    for (const d of districts) await createDepartment(admin, d.id, DISTRICT_DEPARTMENT);

    // The split, on the goal page's 分解任务 form: 20 + 18 + 12 = the parent's 50万亩.
    const targets = ["20", "18", "12"];
    await admin.goto(parent.path());
    const split = admin.getByRole("form", { name: "分解任务" });
    await expect(split).toBeVisible();
    for (let i = 1; i < districts.length; i++) await split.getByRole("button", { name: "添加一行" }).click();
    for (const [i, d] of districts.entries()) {
      await split.getByLabel(`第${i + 1}行承担方`).selectOption(`region:${d.id}`);
      await split.getByLabel(`第${i + 1}行分解目标`).fill(targets[i]!);
    }
    await expect(split.getByTestId("split-sum")).toContainText(`合计 ${parent.target}${parent.unit}`);
    await split.getByRole("button", { name: "保存分解" }).click();
    await expect(split.getByText("已分解为3项任务")).toBeVisible();
    await expect(admin.getByTestId("share-row")).toHaveCount(3);

    // Each share: a goal of its district's plan, linked to the parent, led by that district's 区农业农村局.
    const parentGoal = await apiGoal(adminApi, parent.id);
    expect(parentGoal.totalShares).toBe(3);
    expect(parentGoal.reportedShares).toBe(0);
    expect(parentGoal.shares.map((s) => [s.holder.id, Number(s.target)])).toEqual(districts.map((d, i) => [d.id, Number(targets[i])]));
    const shares = await Promise.all(parentGoal.shares.map((s) => apiGoal(adminApi, s.id)));
    for (const [i, share] of shares.entries()) {
      expect(share.parentGoalId).toBe(parent.id);
      expect(share.metric).toBe(parent.metric);
      expect(share.leadDepartment).toMatchObject({ name: DISTRICT_DEPARTMENT, regionId: districts[i]!.id });
    }
    const [mine, sibling] = shares as [GoalJson, GoalJson, GoalJson];
    const minePath = `/plans/${mine.plan.id}/goals/${mine.id}`;

    // The two districts' reporters, made on the admin users page.
    const districtLogin = await createReporter(admin, mine.leadDepartment!, "e2e_dist");
    const siblingLogin = await createReporter(admin, sibling.leadDepartment!, "e2e_sib");

    // The district reporter enters their share's figure through the goal page's form: 待审核.
    const reporter = await as(districtLogin);
    const value = onTrackFigure(Number(targets[0]), plan.calendar);
    await reporter.goto(minePath);
    await expect(reporter.getByTestId("goal-metric")).toHaveText(parent.metric);
    await expect(reporter.getByTestId("share-parent")).toBeVisible();
    await submitFigure(reporter, period, value, "e2e：本区分解任务累计");
    await expect(reporter.getByTestId("entry-message")).toHaveText(savedMessage(periodLabel, value, "pending"));

    // Not counted until approved: the parent has no figure and 已报 0/3.
    await openBoard(admin, plan.boardPath, today);
    await expect(boardRow(admin, parent.id).getByTestId("reported-shares")).toHaveText("已报 0/3");

    // The city's office approves it on the share's goal page.
    await reviewOnGoalPage(admin, `${minePath}?asOf=${today}`, { approve: true });

    // The parent's board row: the roll-up (the one share's figure) with 已报 1/3.
    await openBoard(admin, plan.boardPath, today);
    await expect(boardRow(admin, parent.id).getByTestId("reported-shares")).toHaveText("已报 1/3");
    expect((await readBoardRow(admin, parent.id)).latest).toContain(`${value}${parent.unit}`);
    const rolledUp = await apiGoal(adminApi, parent.id);
    expect(rolledUp).toMatchObject({ rolledUp: true, reportedShares: 1, totalShares: 3, latest: { period, value } });
    expect(rolledUp.shares.find((s) => s.id === mine.id)?.latest).toMatchObject({ period, value });

    // The sibling district's reporter: their own share is theirs to enter …
    const other = await as(siblingLogin);
    const otherApi = new Api(other);
    expect((await apiGoal(otherApi, sibling.id)).canEnter).toBe(true);
    // … the first district's share (and its plan) does not exist for them: 404, page and API alike.
    const listed = (await expectJson<{ plans: { id: string }[] }>(await otherApi.get("/api/v1/plans"), 200)).plans.map((p) => p.id);
    expect(listed).not.toContain(mine.plan.id);
    expect((await otherApi.get(`/api/v1/goals/${mine.id}`)).status()).toBe(404);
    expect((await otherApi.get(`/api/v1/goals/${mine.id}/entries`)).status()).toBe(404);
    expect((await otherApi.get(`/api/v1/plans/${mine.plan.id}/board`)).status()).toBe(404);
    await other.goto(minePath);
    await expect(other.getByTestId("not-found")).toBeVisible();
    await expect(other.getByTestId("goal-metric")).toHaveCount(0);
    await expect(other.locator('input[name="value"]')).toHaveCount(0);
    // Nor can they write it: refused, nothing recorded.
    const refused = await otherApi.post(`/api/v1/goals/${mine.id}/entries`, { period, value: "1", note: "e2e：不应写入" });
    expect((await expectJson<{ error: { code: string } }>(refused, 404)).error.code).toBe("not_found");
    const entries = (await expectJson<{ entries: { value: string; state: string }[] }>(await adminApi.get(`/api/v1/goals/${mine.id}/entries`), 200)).entries;
    expect(entries.map((e) => [e.value, e.state])).toEqual([[value, "approved"]]);
    expect((await apiGoal(adminApi, parent.id)).reportedShares).toBe(1);
  });
});
