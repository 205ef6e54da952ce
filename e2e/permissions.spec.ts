// Who may enter and review figures: a reporter only for goals their department leads or co-leads, a leader never, an
// anonymous visitor not at all — refused in the UI (no form) and by the API (403 / 401), and a refusal writes
// nothing. A reporter of another government that may not read the plan (a sibling region, or the region above)
// does not even see it: 404, for reads and writes alike (DOMAIN.md "Governments and departments"). Reviewing,
// locking and the admin pages are the supervising office's (admin) alone. Each test makes its own plan of this year
// in a region of its own under 牡丹江市 (see support.ts), its goals led by that region's REPORTER_DEPARTMENT unless
// said otherwise, and its own reporter of that department.
import type { APIRequestContext, Page } from "@playwright/test";
import { Api, REPORTER_DEPARTMENT, apiEntries, expect, expectJson, goalFacts, ownDepartment, test, type ApiEntry } from "./support";

const FORBIDDEN_MESSAGE = "只能填报本单位牵头或配合的指标";
const NOT_THEIRS = "该指标不由本单位牵头或配合，不能填报。";

interface GoalJson {
  id: string;
  canEnter: boolean;
  leadDepartment: { name: string } | null;
  coDepartments: { id: string; name: string }[];
}

async function apiGoal(request: APIRequestContext, goalId: string, headers: Record<string, string> = {}): Promise<GoalJson> {
  return (await expectJson<{ goal: GoalJson }>(await request.get(`/api/v1/goals/${goalId}`, { headers }), 200)).goal;
}

async function expectNoEntryForm(page: Page, notice: string): Promise<void> {
  await expect(page.getByTestId("goal-status")).toBeVisible();
  await expect(page.getByTestId("no-entry-permission")).toHaveText(notice);
  await expect(page.getByRole("heading", { name: "填报数据" })).toHaveCount(0);
  await expect(page.locator('input[name="value"]')).toHaveCount(0);
  await expect(page.getByRole("button", { name: "提交" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "撤回" })).toHaveCount(0);
  await expect(page.getByTestId("review-buttons")).toHaveCount(0);
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
  await row.getByRole("button", { name: "吊销" }).click();
  await admin.getByTestId("confirm-dialog-ok").click();
  await expect(row).toHaveAttribute("data-revoked", "true");
}

const comparable = (entries: ApiEntry[]) => JSON.stringify(entries);

test.describe("entering figures is refused outside one's department", () => {
  // Several pages and server round trips per test.
  test.describe.configure({ timeout: 60_000 });

  test("a reporter sees no entry form on another department's goal, and the API refuses their token and cookie with 403", async ({ as, request, newPlan, reporterLogin, reporterOf }) => {
    const plan = await newPlan({ otherLead: ["unemployment"] });
    const { today, period } = plan.calendar;
    const own = plan.goals.jobs;
    const other = plan.goals.unemployment;
    const login = await reporterLogin(plan);
    const reporter = await reporterOf(plan);
    const admin = await as("admin");
    expect(await ownDepartment(reporter)).toBe(REPORTER_DEPARTMENT);
    // The other department is of the same government: the reporter reads its goal, and may not write it.
    expect(plan.otherDepartment.id).not.toBe(plan.department.id);
    const purpose = `e2e 权限测试 ${plan.region}`;
    let token: string | undefined;

    try {
      // A figure entered by the admin (who may enter for any goal), so a forbidden overwrite would show.
      const seeded = await expectJson<{ state: string }>(await new Api(admin).post(`/api/v1/goals/${other.id}/entries`, { period, value: "5.1", note: "e2e：管理员代填" }), 201);
      expect(seeded.state).toBe("approved");

      await reporter.goto(other.path(today));
      await expect(reporter.getByTestId("goal-metric")).toHaveText(other.metric);
      expect((await goalFacts(reporter))["牵头单位"]).toBe(plan.otherDepartment.name);
      await expectNoEntryForm(reporter, NOT_THEIRS);
      await expect(reporter.getByTestId("entry-row")).toHaveCount(1);
      await expect(reporter.getByTestId("entry-row")).toContainText(plan.calendar.periodLabel);

      token = await issueToken(admin, login.username, purpose);
      const bearer = { authorization: `Bearer ${token}` };

      // The token acts as the reporter: may enter for its own department's goal, not for the other one.
      expect((await apiGoal(request, own.id, bearer)).canEnter).toBe(true);
      const otherGoal = await apiGoal(request, other.id, bearer);
      expect(otherGoal.canEnter).toBe(false);
      expect(otherGoal.leadDepartment?.name).toBe(plan.otherDepartment.name);
      expect(otherGoal.coDepartments).toEqual([]);

      const before = await apiEntries(request, other.id, bearer);
      expect(before.map((e) => [e.period, e.value, e.state])).toEqual([[period, "5.1", "approved"]]);

      for (const body of [{ period, value: "999", note: "不应写入" }, { period, value: "4.8", confirm: true, note: "不应写入" }]) {
        const refused = await request.post(`/api/v1/goals/${other.id}/entries`, { headers: bearer, data: body });
        expect(await expectJson(refused, 403)).toEqual({ error: { code: "forbidden", message: FORBIDDEN_MESSAGE } });
      }
      // The same with the reporter's own session cookie (from the app's origin, as JSON).
      const byCookie = await new Api(reporter).post(`/api/v1/goals/${other.id}/entries`, { period, value: "999" });
      expect(await expectJson(byCookie, 403)).toEqual({ error: { code: "forbidden", message: FORBIDDEN_MESSAGE } });
      expect(comparable(await apiEntries(request, other.id, bearer))).toBe(comparable(before));

      await reporter.reload();
      await expect(reporter.getByTestId("entry-row")).toHaveCount(1);
      await expect(reporter.getByTestId("entry-row")).not.toContainText("999");

      // A revoked token is refused outright.
      await revokeToken(admin, purpose);
      token = undefined;
      const revoked = await request.get(`/api/v1/goals/${other.id}/entries`, { headers: bearer });
      expect(((await expectJson<{ error: { code: string } }>(revoked, 401)).error.code)).toBe("unauthenticated");
    } finally {
      if (token) await revokeToken(admin, purpose);
    }
  });

  test("a reporter of a same-named department of another government — a sibling region's, or the region above's — gets 404 for the goal, and the API 404 for their figure", async ({ as, newPlan }) => {
    const plan = await newPlan();
    const { today, period } = plan.calendar;
    const goal = plan.goals.farmland;
    const admin = await as("admin");
    // 爱民区农业农村局 (爱民区 is the plan's region's sibling under 牡丹江市) and 牡丹江市's own 市农业农村局 — the very name
    // of the goal's lead, one government up: a reporter reads their own region and the one above, never below.
    const others = [
      { username: "aimin_nongye", department: "区农业农村局" },
      { username: "nongye", department: REPORTER_DEPARTMENT },
    ];
    for (const { username, department } of others) {
      const page = await as(username);
      expect(await ownDepartment(page), username).toBe(department);
      const api = new Api(page);
      const listed = (await expectJson<{ plans: { id: string }[] }>(await api.get("/api/v1/plans"), 200)).plans.map((p) => p.id);
      expect(listed, username).not.toContain(plan.id);
      expect((await api.get(`/api/v1/goals/${goal.id}`)).status(), username).toBe(404);
      expect((await api.get(`/api/v1/goals/${goal.id}/entries`)).status(), username).toBe(404);
      expect((await api.get(`/api/v1/plans/${plan.id}/board`)).status(), username).toBe(404);

      await page.goto(goal.path(today));
      await expect(page.getByTestId("not-found")).toBeVisible();
      await expect(page.getByTestId("goal-metric")).toHaveCount(0);
      await expect(page.locator('input[name="value"]')).toHaveCount(0);

      const refused = await api.post(`/api/v1/goals/${goal.id}/entries`, { period, value: "1" });
      expect((await expectJson<{ error: { code: string } }>(refused, 404)).error.code, username).toBe("not_found");
    }
    // Nothing was recorded (read as the city's admin, who manages the plan's region).
    expect(await apiEntries(admin.request, goal.id)).toEqual([]);
    await admin.goto(goal.path(today));
    expect((await goalFacts(admin))["牵头单位"]).toContain(REPORTER_DEPARTMENT);
  });

  test("a leader reads but sees no entry form, and the API refuses their figures, reviews and locks with 403", async ({ as, newPlan, reporterOf }) => {
    const plan = await newPlan();
    const { today, period } = plan.calendar;
    const goal = plan.goals.farmland;
    const reporter = await reporterOf(plan);
    const leader = await as("leader");

    // A pending figure of the reporter's, so that a review would have something to act on.
    await expectJson(await new Api(reporter).post(`/api/v1/goals/${goal.id}/entries`, { period, value: "20" }), 201);
    const before = await apiEntries(reporter.request, goal.id);
    expect(before.map((e) => e.state)).toEqual(["pending"]);

    await leader.goto(goal.path(today));
    await expect(leader.getByTestId("goal-metric")).toHaveText(goal.metric);
    await expectNoEntryForm(leader, "只读：您可以查看该指标的填报记录。");
    await expect(leader.getByTestId("entry-row")).toHaveCount(1);

    const api = new Api(leader);
    const entry = await api.post(`/api/v1/goals/${goal.id}/entries`, { period, value: "1" });
    expect((await expectJson<{ error: { code: string } }>(entry, 403)).error.code).toBe("forbidden");
    const approve = await api.post(`/api/v1/entries/${before[0]!.id}/approve`, {});
    expect((await expectJson<{ error: { message: string } }>(approve, 403)).error.message).toBe("只有督查室（管理员）可以审核填报");
    const giveBack = await api.post(`/api/v1/entries/${before[0]!.id}/return`, { reason: "不应生效" });
    expect((await expectJson<{ error: { code: string } }>(giveBack, 403)).error.code).toBe("forbidden");
    const lock = await api.post(`/api/v1/plans/${plan.id}/locks`, { period, reason: "不应生效" });
    expect((await expectJson<{ error: { code: string } }>(lock, 403)).error.code).toBe("forbidden");

    expect(comparable(await apiEntries(leader.request, goal.id))).toBe(comparable(before));
    expect((await expectJson<{ locks: unknown[] }>(await api.get(`/api/v1/plans/${plan.id}/locks`), 200)).locks).toEqual([]);
  });

  test("an anonymous visitor is sent to the login page, and the API answers 401", async ({ as, page, request, newPlan }) => {
    const plan = await newPlan();
    const { today, period } = plan.calendar;
    const goal = plan.goals.farmland;

    for (const path of ["/", `${plan.boardPath}?asOf=${today}`, goal.path(today), `${plan.boardPath}/overdue`, `${plan.boardPath}/review`, "/admin/tokens"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/login$/);
      await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
    }
    await expect(page.getByTestId("current-user")).toHaveCount(0);

    const anonymous = await request.get("/api/v1/plans");
    expect(anonymous.headers()["www-authenticate"]).toMatch(/^Bearer/);
    expect((await expectJson<{ error: { code: string } }>(anonymous, 401)).error.code).toBe("unauthenticated");

    expect((await request.post(`/api/v1/goals/${goal.id}/entries`, { data: { period, value: "1" } })).status()).toBe(401);
    const bogus = await request.post(`/api/v1/goals/${goal.id}/entries`, {
      headers: { authorization: "Bearer ls_not-a-real-token" },
      data: { period, value: "1" },
    });
    expect((await expectJson<{ error: { message: string } }>(bogus, 401)).error.message).toBe("访问令牌无效、已撤销或已过期");

    expect(await apiEntries((await as("admin")).request, goal.id)).toEqual([]);
  });

  test("a write with the session cookie but from another site (no Origin of ours) is refused and writes nothing", async ({ newPlan, reporterOf }) => {
    const plan = await newPlan();
    const goal = plan.goals.farmland;
    const reporter = await reporterOf(plan);
    const crossSite: Record<string, string>[] = [{ "content-type": "application/json" }, { origin: "https://evil.example", "content-type": "application/json" }];
    for (const headers of crossSite) {
      const refused = await reporter.request.post(`/api/v1/goals/${goal.id}/entries`, { headers, data: JSON.stringify({ period: plan.calendar.period, value: "1" }) });
      expect((await expectJson<{ error: { code: string } }>(refused, 403)).error.code).toBe("forbidden");
    }
    expect(await apiEntries(reporter.request, goal.id)).toEqual([]);
  });
});

test.describe("admin pages", () => {
  test("a reporter or a leader opening an admin page gets HTTP 403 and a Chinese explanation", async ({ as, newPlan, reporterOf }) => {
    const plan = await newPlan();
    // The plan's own reporter and the city's leader: both may read the plan, so its admin pages are 403, not 404.
    for (const [username, page] of [["reporter", await reporterOf(plan)], ["leader", await as("leader")]] as const) {
      for (const path of ["/admin", "/admin/users", "/admin/tokens", "/plans/new", `${plan.boardPath}/settings`, `${plan.boardPath}/review`]) {
        const response = await page.goto(path);
        expect(response?.status(), `${username} ${path}`).toBe(403);
        await expect(page.getByTestId("forbidden")).toContainText("无权访问");
      }
    }
  });
});
