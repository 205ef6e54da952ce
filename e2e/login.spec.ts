// Logging in and out, and the home page: 待我处理 first, then the list of plans. (Signing in with a stale session
// cookie and under both host names: supervision.spec.ts.)
import { CITY_PLAN_TITLE, DISTRICT_PLAN_TITLE, beforeSignIn, expect, expectJson, logIn, readBoard, sampleLogin, test } from "./support";

test.describe("login", () => {
  test("a wrong password is refused with a Chinese message and no session", async ({ page }) => {
    await page.goto("/login");
    const status = page.getByRole("status");

    // Nothing typed: said before anything is sent.
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(status).toHaveText("请输入用户名和密码");

    await page.getByLabel("用户名", { exact: true }).fill("nongye");
    await page.getByLabel("密码", { exact: true }).fill("not-the-password");
    // An attempt like any other for the app's sign-in limit (see beforeSignIn).
    await beforeSignIn();
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(status).toHaveText("用户名或密码不正确，或账号已停用");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByTestId("current-user")).toHaveCount(0);
    // The typed user name stays for another try.
    await expect(page.getByLabel("用户名", { exact: true })).toHaveValue("nongye");

    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get("/api/v1/plans")).status()).toBe(401);
  });

  test("logging out ends the session", async ({ page }) => {
    await logIn(page, "leader");
    await expect(page.getByTestId("current-user")).toContainText(sampleLogin("leader").name);
    expect((await page.request.get("/api/v1/plans")).status()).toBe(200);

    await page.getByRole("button", { name: "退出" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByTestId("current-user")).toHaveCount(0);

    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
    expect((await page.request.get("/api/v1/plans")).status()).toBe(401);
  });

  test("the home page shows 待我处理 and lists the sample plans with their goal counts", async ({ as }) => {
    const page = await as("leader");
    await page.goto("/");
    await expect(page.getByTestId("inbox")).toHaveAttribute("data-role", "leader");
    await expect(page.getByRole("heading", { name: "年度计划" })).toBeVisible();

    const { plans } = await expectJson<{ plans: { id: string; title: string; region: string; year: number; goalCount: number }[] }>(await page.request.get("/api/v1/plans"), 200);

    const samples = [
      { title: CITY_PLAN_TITLE, region: "牡丹江市", year: 2024, level: "市级" },
      { title: DISTRICT_PLAN_TITLE, region: "牡丹江市爱民区", year: 2022, level: "区级" },
    ];
    for (const sample of samples) {
      const plan = plans.find((p) => p.title === sample.title);
      expect(plan, sample.title).toBeTruthy();
      expect(plan!.goalCount).toBeGreaterThan(0);

      // The home page shows one year's plans (the newest by default); every year is a link in 计划年度 away.
      await page.goto("/");
      await page.getByRole("navigation", { name: "计划年度" }).getByRole("link", { name: new RegExp(`^${sample.year}年`) }).click();
      await expect(page).toHaveURL(new RegExp(`/\\?year=${sample.year}#plans$|/#plans$`));
      const card = page.getByRole("link").filter({ has: page.getByRole("heading", { name: sample.title, exact: true }) });
      await expect(card).toHaveCount(1);
      await expect(card).toHaveAttribute("href", `/plans/${plan!.id}`);
      await expect(card).toContainText(`${sample.year}年 · ${sample.level}`);
      await expect(card).toContainText(`${sample.region} · 量化目标 ${plan!.goalCount} 项`);
    }

    // The count on the card is the number of goals on the plan's board.
    for (const sample of samples) {
      await page.goto(`/?year=${sample.year}`);
      const card = page.getByRole("link").filter({ has: page.getByRole("heading", { name: sample.title, exact: true }) });
      const count = Number(/量化目标 (\d+) 项/.exec(await card.innerText())?.[1]);
      await card.click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(sample.title);
      await expect(page.getByText(`量化目标 ${count} 项`)).toBeVisible();
      await expect(page.getByTestId("board-row").first()).toBeVisible();
      expect((await readBoard(page)).length).toBe(count);
    }
  });
});
