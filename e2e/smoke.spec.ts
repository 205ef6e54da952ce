import { expect, test } from "@playwright/test";

test("the app answers and renders a Chinese page", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.ok()).toBe(true);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});
