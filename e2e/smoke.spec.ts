import { expect, test } from "@playwright/test";

test("the app answers and renders a Chinese page", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.ok()).toBe(true);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

// proxy.ts runs for pages but not for /api/v1 (its config.matcher): through the real server, the API's answers
// still carry the security headers, a path no route serves too, and a path whose percent-encoding is broken or
// hides a control character is still the proxy's 404, not Next's 500.
test("the JSON API's headers and 404s through the real server", async ({ request }) => {
  const expectHeaders = (headers: Record<string, string>, what: string) => {
    expect(headers["content-security-policy"], what).toMatch(/^default-src 'none'/);
    expect(headers["x-content-type-options"], what).toBe("nosniff");
    expect(headers["x-frame-options"], what).toBe("DENY");
  };
  const anonymous = await request.get("/api/v1/plans");
  expect(anonymous.status()).toBe(401);
  expectHeaders(anonymous.headers(), "401");
  // No route answers it (Next's 404 page): next.config.js's headers cover it.
  const unknown = await request.get("/api/v1/no/such/route");
  expect(unknown.status()).toBe(404);
  expectHeaders(unknown.headers(), "unknown route");
  // A figure's submission and approval are served beside Next's pipeline (decision 0024), with the same answers and
  // headers (e2e/durability.spec.ts and bulk.spec.ts write through them with a token and with a session).
  for (const [path, data, status] of [
    ["/api/v1/goals/cnosuchgoal000000000000000/entries", "{}", 401],
    ["/api/v1/entries/cnosuchversion00000000000/approve", "", 401],
  ] as const) {
    const response = await request.post(path, { data, headers: { "content-type": "application/json" } });
    expect(response.status(), path).toBe(status);
    expect((await response.json()).error.code, path).toBe("unauthenticated");
    expect(response.headers()["www-authenticate"], path).toBe('Bearer realm="luoshi"');
    expectHeaders(response.headers(), path);
    // Served by the fast route, not Next: Next adds its router's Vary to every route's answer.
    expect(response.headers()["vary"], path).toBeUndefined();
  }
  for (const path of ["/api/v1/plans/ab%00cd/board", "/api/v1/goals/x%0Ay/entries", "/api/v1/plans/ab%ED%A0%80", "/api/v1/goals/%E0%A4%A/entries"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.json(), path).toEqual({ error: { code: "not_found", message: "找不到该记录" } });
    expectHeaders(response.headers(), path);
  }
  const page = await request.get("/login");
  expect(page.headers()["content-security-policy"]).toMatch(/'nonce-/);
});
