// Who may enter figures: a reporter only for goals their department leads or co-leads, a leader never, an anonymous
// visitor not at all — refused in the UI (no form) and by the API (403 / 401), and a refusal writes nothing.
import type { APIRequestContext, Page } from "@playwright/test";
import {
  CITY_PLAN_TITLE,
  apiEntries,
  deleteEntryThroughUi,
  expect,
  goalFacts,
  goalPath,
  openBoard,
  openPlan,
  ownDepartment,
  readBoard,
  test,
  type ApiEntry,
} from "./support";

const FORBIDDEN_MESSAGE = "只能填报本单位牵头或配合的指标";
const OTHER_PERIOD = "2024-03";
const OTHER_PERIOD_LABEL = "2024年3月";

interface GoalJson {
  id: string;
  canEnter: boolean;
  leadDepartment: { name: string } | null;
  coDepartments: { id: string; name: string }[];
}

async function apiGoal(request: APIRequestContext, goalId: string, headers: Record<string, string> = {}): Promise<GoalJson> {
  const response = await request.get(`/api/v1/goals/${goalId}`, { headers });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { goal: GoalJson }).goal;
}

function coDepartmentNames(goal: GoalJson): string[] {
  return goal.coDepartments.map((c) => c.name);
}

/** Goals on the city board, split into one the reporter's department leads and one led by another department. */
async function pickGoals(reporter: Page) {
  const department = await ownDepartment(reporter);
  const boardPath = await openPlan(reporter, CITY_PLAN_TITLE);
  await openBoard(reporter, boardPath);
  const rows = (await readBoard(reporter)).filter((row) => row.latest === "—");
  const own = rows.find((row) => row.lead === department);
  if (!own) throw new Error(`no goal led by ${department}`);
  for (const row of rows) {
    if (row.lead === department || row.lead === "未分配") continue;
    const goal = await apiGoal(reporter.request, row.goalId);
    // Co-leading departments may enter too; the refusal needs a goal the department has no part in.
    if (coDepartmentNames(goal).includes(department)) continue;
    return { department, boardPath, own, other: row };
  }
  throw new Error(`no goal led by a department other than ${department}`);
}

async function expectNoEntryForm(page: Page, notice: string): Promise<void> {
  await expect(page.getByTestId("goal-status")).toBeVisible();
  await expect(page.getByTestId("no-entry-permission")).toHaveText(notice);
  await expect(page.getByRole("heading", { name: "填报数据" })).toHaveCount(0);
  await expect(page.locator('input[name="value"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: "提交" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "删除" })).toHaveCount(0);
}

/** Issues an API token for `username` through 管理 → 接口令牌; returns the token shown once. */
async function issueToken(admin: Page, username: string, purpose: string): Promise<string> {
  await admin.goto("/admin/tokens");
  const form = admin.getByTestId("issue-token-form");
  await form.getByLabel("令牌代表的用户").selectOption(username);
  await form.getByLabel("用途").fill(purpose);
  await form.getByRole("button", { name: "签发令牌" }).click();
  await expect(admin.getByTestId("issue-token-message")).toHaveText(`已为 ${username} 签发令牌`);
  const token = await admin.getByTestId("issued-token-value").inputValue();
  expect(token).toMatch(/^ls_\S{20,}$/);
  return token;
}

async function revokeToken(admin: Page, purpose: string): Promise<void> {
  await admin.goto("/admin/tokens");
  const row = admin.getByTestId("token-row").filter({ hasText: purpose });
  await expect(row).toHaveCount(1);
  if ((await row.getAttribute("data-revoked")) === "true") return;
  admin.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "吊销" }).click();
  await expect(row).toHaveAttribute("data-revoked", "true");
}

const comparable = (entries: ApiEntry[]) => JSON.stringify(entries);

test.describe("entering figures is refused outside one's department", () => {
  // Several pages and server round trips per test.
  test.describe.configure({ timeout: 60_000 });

  test("a reporter sees no entry form on another department's goal, and the API refuses their token with 403", async ({ as, request }) => {
    const reporter = await as("nongye");
    const admin = await as("admin");
    const { department, boardPath, own, other } = await pickGoals(reporter);
    const otherPath = goalPath(boardPath, other.goalId);
    const purpose = `e2e 权限测试 ${Date.now()}`;
    let token: string | undefined;

    try {
      // A figure entered by the admin (who may enter for any goal), so a forbidden overwrite would show.
      const seeded = await admin.request.post(`/api/v1/goals/${other.goalId}/entries`, {
        data: { period: OTHER_PERIOD, value: "1", note: "e2e：管理员代填" },
      });
      expect(seeded.status(), await seeded.text()).toBe(201);

      await reporter.goto(otherPath);
      await expect(reporter.getByTestId("goal-metric")).toHaveText(other.metric);
      expect((await goalFacts(reporter))["牵头单位"]).toBe(other.lead);
      await expectNoEntryForm(reporter, "该指标不由本单位牵头或配合，不能填报。");
      await expect(reporter.getByTestId("entry-row")).toHaveCount(1);
      await expect(reporter.getByTestId("entry-row")).toContainText(OTHER_PERIOD_LABEL);

      token = await issueToken(admin, "nongye", purpose);
      const bearer = { authorization: `Bearer ${token}` };

      // The token acts as the reporter: may enter for its own department's goal, not for the other one.
      expect((await apiGoal(request, own.goalId, bearer)).canEnter).toBe(true);
      const otherGoal = await apiGoal(request, other.goalId, bearer);
      expect(otherGoal.canEnter).toBe(false);
      expect(otherGoal.leadDepartment?.name).toBe(other.lead);
      expect(otherGoal.leadDepartment?.name).not.toBe(department);

      const before = await apiEntries(request, other.goalId, bearer);
      expect(before.map((e) => [e.period, e.value])).toEqual([[OTHER_PERIOD, "1"]]);

      for (const period of [OTHER_PERIOD, "2024-04"]) {
        const refused = await request.post(`/api/v1/goals/${other.goalId}/entries`, {
          headers: bearer,
          data: { period, value: "999", note: "不应写入" },
        });
        expect(refused.status(), await refused.text()).toBe(403);
        expect(await refused.json()).toEqual({ error: { code: "forbidden", message: FORBIDDEN_MESSAGE } });
      }
      expect(comparable(await apiEntries(request, other.goalId, bearer))).toBe(comparable(before));

      await reporter.reload();
      await expect(reporter.getByTestId("entry-row")).toHaveCount(1);
      await expect(reporter.getByTestId("entry-row")).not.toContainText("999");

      // A revoked token is refused outright.
      await revokeToken(admin, purpose);
      token = undefined;
      const revoked = await request.get(`/api/v1/goals/${other.goalId}/entries`, { headers: bearer });
      expect(revoked.status()).toBe(401);
      expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    } finally {
      await deleteEntryThroughUi(admin, otherPath, OTHER_PERIOD_LABEL);
      if (token) await revokeToken(admin, purpose);
    }
  });

  test("a reporter of a same-named department in another region (区农业农村局) cannot enter for the city's (市农业农村局) goal", async ({ as }) => {
    const cityReporter = await as("nongye");
    const { boardPath, own } = await pickGoals(cityReporter);
    const districtReporter = await as("aimin_nongye");
    expect(await ownDepartment(districtReporter)).toBe("区农业农村局");

    await districtReporter.goto(goalPath(boardPath, own.goalId));
    await expectNoEntryForm(districtReporter, "该指标不由本单位牵头或配合，不能填报。");
    const before = await apiEntries(districtReporter.request, own.goalId);
    const refused = await districtReporter.request.post(`/api/v1/goals/${own.goalId}/entries`, { data: { period: "2024-06", value: "1" } });
    expect(refused.status(), await refused.text()).toBe(403);
    expect(comparable(await apiEntries(districtReporter.request, own.goalId))).toBe(comparable(before));
  });

  test("a leader reads but sees no entry form, and the API refuses their figures with 403", async ({ as }) => {
    const reporter = await as("nongye");
    const { boardPath, own } = await pickGoals(reporter);
    const leader = await as("leader");

    await leader.goto(goalPath(boardPath, own.goalId));
    await expect(leader.getByTestId("goal-metric")).toHaveText(own.metric);
    await expectNoEntryForm(leader, "只读：您可以查看该指标的填报记录。");

    const before = await apiEntries(leader.request, own.goalId);
    const refused = await leader.request.post(`/api/v1/goals/${own.goalId}/entries`, { data: { period: "2024-06", value: "1" } });
    expect(refused.status(), await refused.text()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect(comparable(await apiEntries(leader.request, own.goalId))).toBe(comparable(before));
    expect(comparable(await apiEntries(reporter.request, own.goalId))).toBe(comparable(before));
  });

  test("an anonymous visitor is sent to the login page, and the API answers 401", async ({ as, page, request }) => {
    const reporter = await as("nongye");
    const { boardPath, own } = await pickGoals(reporter);
    const before = await apiEntries(reporter.request, own.goalId);

    for (const path of ["/", `${boardPath}?asOf=2024-07-15`, goalPath(boardPath, own.goalId), "/admin/tokens"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
    }
    await expect(page.getByTestId("current-user")).toHaveCount(0);

    const anonymous = await request.get("/api/v1/plans");
    expect(anonymous.status()).toBe(401);
    expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer/);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");

    const post = await request.post(`/api/v1/goals/${own.goalId}/entries`, { data: { period: "2024-06", value: "1" } });
    expect(post.status()).toBe(401);
    const bogus = await request.post(`/api/v1/goals/${own.goalId}/entries`, {
      headers: { authorization: "Bearer ls_not-a-real-token" },
      data: { period: "2024-06", value: "1" },
    });
    expect(bogus.status()).toBe(401);
    expect(((await bogus.json()) as { error: { message: string } }).error.message).toBe("访问令牌无效、已撤销或已过期");

    expect(comparable(await apiEntries(reporter.request, own.goalId))).toBe(comparable(before));
  });
});

test.describe("admin pages", () => {
  test("a reporter or a leader opening an admin page gets HTTP 403 and a Chinese explanation", async ({ as }) => {
    for (const username of ["nongye", "leader"]) {
      const page = await as(username);
      for (const path of ["/admin", "/admin/users", "/admin/tokens", "/plans/new"]) {
        const response = await page.goto(path);
        expect(response?.status(), `${username} ${path}`).toBe(403);
        await expect(page.getByTestId("forbidden")).toContainText("无权访问");
      }
    }
  });
});
