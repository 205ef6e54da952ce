// Accessibility: every page of the app (found on disk, app/**/page.tsx), as the admin, a leader and a reporter, passes
// axe-core's WCAG 2.1 AA rules with no serious or critical violation. A new page is visited automatically; a new
// dynamic segment needs its sample value in PARAM_VALUES (the test says so). One browser context per role, axe once
// per page. The board, the goal page and the pages the SHOWCASE list names are also photographed at desktop and
// phone size into test-results/screenshots/ (kept with the run's results; see saveScreenshots).
import AxeBuilder from "@axe-core/playwright";
import { readdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { Api, CITY_PLAN_TITLE, expect, expectJson, test } from "./support";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const ROLES = ["admin", "leader", "nongye"] as const; // nongye: reporter of 市农业农村局
export const SCREENSHOT_DIR = path.join(ROOT, "test-results", "screenshots");

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

async function saveScreenshots(page: Page, name: string, role: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const viewport = page.viewportSize();
  for (const size of [{ width: 1400, height: 900 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${role}-${size.width}.png`), fullPage: true });
  }
  if (viewport) await page.setViewportSize(viewport);
}

test("every page passes axe (WCAG 2.1 AA, no serious or critical violation) as the admin, a leader and a reporter", async ({ as }) => {
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
  try {
    for (const role of ROLES) {
      const page = await as(role);
      for (const pattern of patterns) {
        const url = fillPattern(pattern, data);
        const response = await page.goto(url);
        expect(response?.status() ?? 0, `${role} ${url}`).toBeLessThan(500);
        await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
        violations.push(...(await axeViolations(page, role, url)));
        visited.push(`${role} ${pattern} → ${page.url().replace(/^https?:\/\/[^/]+/, "")}`);
        const showcase = SHOWCASE.find((s) => s.pattern.test(pattern));
        if (showcase && role !== "leader") await saveScreenshots(page, showcase.name, role);
      }
    }
  } finally {
    await expectJson(await api.delete(`/api/v1/imports/${data.importId}`), 200);
    if (publicLink) await expectJson(await api.delete(`/api/v1/plans/${plan.id}/public-links/${publicLink.id}`), 200);
  }
  test.info().annotations.push({ type: "pages", description: `${visited.length} page visits in ${((Date.now() - started) / 1000).toFixed(1)} s` });
  const listing = violations.map((v) => `${v.role} ${v.path}: [${v.impact}] ${v.rule} — ${v.help}\n    ${v.targets.join("\n    ")}`).join("\n");
  expect(violations, `axe violations:\n${listing}\n\nvisited:\n${visited.join("\n")}`).toEqual([]);
});
