// Accessibility: every page of the app (found on disk, app/**/page.tsx), signed out and as the admin, a leader and a
// reporter, passes axe-core's WCAG 2.1 AA rules with no serious or critical violation. A new page is visited
// automatically; a new dynamic segment needs its sample value in PARAM_VALUES (the test says so). One browser context
// per role, axe once per page it lands on. The board, the goal page, the one-pager and the public board (SHOWCASE) are
// also photographed at 1400×900 and 390×844 into test-results/screenshots/ (see saveScreenshots).
import AxeBuilder from "@axe-core/playwright";
import { readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { Api, CITY_PLAN_TITLE, expect, expectJson, test } from "./support";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Signed out (the login page, the public board), then the sample users; nongye is the reporter of 市农业农村局.
const ROLES = ["anonymous", "admin", "leader", "nongye"] as const;

/** "/plans/[planId]/goals/[goalId]" for every app/**\/page.tsx (route groups dropped). */
export function pagePatterns(): string[] {
  return (readdirSync(path.join(ROOT, "app"), { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => f === "page.tsx" || f.endsWith("/page.tsx"))
    .map((f) => `/${f.slice(0, -"page.tsx".length)}`.replace(/\/\([^)/]+\)/g, "").replace(/(.)\/$/, "$1"))
    .sort();
}

interface SampleData {
  planId: string;
  goalId: string;
  importId: string;
  /** A share link's token for the public board, made when a page needs one. */
  token?: string;
}

/** A sample value for each dynamic segment; a page with a segment not listed here fails the test, naming it. */
const PARAM_VALUES: Record<string, (data: SampleData) => string> = {
  planId: (d) => d.planId,
  goalId: (d) => d.goalId,
  importId: (d) => d.importId,
  token: (d) => d.token ?? "",
};

function fillPattern(pattern: string, data: SampleData): string {
  return pattern.replace(/\[\[?\.{0,3}([^\]]+)\]\]?/g, (_, name: string) => {
    const value = PARAM_VALUES[name];
    if (!value) throw new Error(`e2e/a11y.spec.ts has no sample value for [${name}] of ${pattern}: add it to PARAM_VALUES`);
    return value(data);
  });
}

/** Pages photographed at both sizes, by pattern: the board, the goal page, and the one-pager/public board when they exist. */
const SHOWCASE: { pattern: RegExp; name: string }[] = [
  { pattern: /^\/plans\/\[planId\]$/, name: "board" },
  { pattern: /^\/plans\/\[planId\]\/goals\/\[goalId\]$/, name: "goal" },
  { pattern: /one-?pager|cockpit|overview$/, name: "one-pager" },
  { pattern: /^\/public\//, name: "public-board" },
];

interface Violation {
  role: string;
  path: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

async function axeViolations(page: Page, role: string, url: string): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ role, path: url, rule: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

/** Photographs the page at desktop and phone size; `atPhoneSize` runs while the page is 390 px wide. */
async function saveScreenshots(page: Page, name: string, role: string, atPhoneSize: () => Promise<void>): Promise<void> {
  // Beside the tests' own folders in the run's output folder (test-results/ by default): Playwright empties each
  // test's folder as the test starts, the whole output folder only when the next run starts.
  const dir = path.join(test.info().project.outputDir, "screenshots");
  await mkdir(dir, { recursive: true });
  const viewport = page.viewportSize();
  for (const size of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(dir, `${name}-${role}-${size.width}.png`), fullPage: true });
  }
  await atPhoneSize();
  if (viewport) await page.setViewportSize(viewport);
}

test("every page passes axe (WCAG 2.1 AA, no serious or critical violation) signed out and as the admin, a leader and a reporter", async ({ as, browser, baseURL, locale, timezoneId }) => {
  test.setTimeout(240_000);
  const admin = await as("admin");
  const api = new Api(admin);

  // The sample plan, a goal of 市农业农村局 (the reporter's) with figures if any, and an import draft to review.
  const { plans } = await expectJson<{ plans: { id: string; title: string; regionId: string; level: string }[] }>(await api.get("/api/v1/plans"), 200);
  const plan = plans.find((p) => p.title === CITY_PLAN_TITLE);
  if (!plan) throw new Error(`no sample plan ${CITY_PLAN_TITLE}`);
  const { goals } = await expectJson<{ goals: { id: string; leadDepartment: { name: string } | null; latest?: unknown }[] }>(
    await api.get(`/api/v1/plans/${plan.id}/goals`),
    200,
  );
  const own = goals.filter((g) => g.leadDepartment?.name === "市农业农村局");
  const goal = own.find((g) => g.latest) ?? own[0];
  if (!goal) throw new Error("no sample goal of 市农业农村局");
  const draft = await expectJson<{ import: { id: string } }>(
    await api.post("/api/v1/imports", {
      regionId: plan.regionId,
      level: plan.level,
      year: 2031,
      text: "2031年政府工作报告\n\n一、2031年主要目标\n新建高标准农田50万亩以上，全年新增城镇就业2.4万人。\n",
    }),
    201,
  );
  const data: SampleData = { planId: plan.id, goalId: goal.id, importId: draft.import.id };
  const patterns = pagePatterns();
  let publicLink: { id: string; token: string } | undefined;
  if (patterns.some((p) => p.includes("[token]"))) {
    publicLink = await expectJson<{ id: string; token: string }>(await api.post(`/api/v1/plans/${plan.id}/public-links`, {}), 201);
    data.token = publicLink.token;
  }

  expect(patterns).toContain("/plans/[planId]");
  const violations: Violation[] = [];
  const visited: string[] = [];
  const started = Date.now();
  const anonymous = await browser.newContext({ baseURL, locale, timezoneId });
  try {
    for (const role of ROLES) {
      const page = role === "anonymous" ? await anonymous.newPage() : await as(role);
      // A page that sends this role elsewhere (to /login, to /) is checked where it lands, once per role.
      const checked = new Set<string>();
      for (const pattern of patterns) {
        const url = fillPattern(pattern, data);
        const response = await page.goto(url);
        expect(response?.status() ?? 0, `${role} ${url}`).toBeLessThan(500);
        const landed = page.url().replace(/^https?:\/\/[^/]+/, "");
        visited.push(`${role} ${pattern} → ${landed}`);
        if (checked.has(landed)) continue;
        checked.add(landed);
        await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
        violations.push(...(await axeViolations(page, role, landed)));
        // Photographed as their readers see them: the public board signed out, the others as admin and reporter;
        // the phone layout (cards instead of table rows) of these pages is checked too.
        const showcase = SHOWCASE.find((s) => s.pattern.test(pattern));
        const reader = showcase?.name === "public-board" ? role === "anonymous" : role === "admin" || role === "nongye";
        if (showcase && reader && landed === url) {
          await saveScreenshots(page, showcase.name, role, async () => {
            violations.push(...(await axeViolations(page, role, `${url} (390 px)`)));
          });
        }
      }
    }
  } finally {
    await anonymous.close();
    await expectJson(await api.delete(`/api/v1/imports/${data.importId}`), 200);
    if (publicLink) await expectJson(await api.delete(`/api/v1/plans/${plan.id}/public-links/${publicLink.id}`), 200);
  }
  test.info().annotations.push({ type: "pages", description: `${visited.length} page visits in ${((Date.now() - started) / 1000).toFixed(1)} s` });
  const listing = violations.map((v) => `${v.role} ${v.path}: [${v.impact}] ${v.rule} — ${v.help}\n    ${v.targets.join("\n    ")}`).join("\n");
  expect(violations, `axe violations:\n${listing}\n\nvisited:\n${visited.join("\n")}`).toEqual([]);
});
