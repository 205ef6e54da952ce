// Shared pieces of the e2e specs: logging in, cached sessions, reading the board, API calls, cleanup.
import { expect as baseExpect, test as base, type APIRequestContext, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { SAMPLE_LOGINS } from "../prisma/seed";

/** The app shares a two-core box with builds and benchmarks: give a server round trip up to 10 s. */
export const expect = baseExpect.configure({ timeout: 10_000 });

/** The as-of date the specs judge the 2024 plan at: July 2024, so 2024-06 is the latest period due (f = 0.5). */
export const AS_OF = "2024-07-15";
export const PERIOD = "2024-06";
export const PERIOD_LABEL = "2024年6月";
export const CITY_PLAN_TITLE = "牡丹江市2024年政府工作报告目标任务";
export const DISTRICT_PLAN_TITLE = "爱民区2022年政府工作报告目标任务";

export const STATUS_CODES = ["not_started", "overdue", "on_track", "behind", "far_behind", "met", "exceeded", "basically_met", "not_met"] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export function sampleLogin(username: string) {
  const login = SAMPLE_LOGINS.find((l) => l.username === username);
  if (!login) throw new Error(`no sample login ${username}`);
  return login;
}

/** Logs in through the login form and waits for the signed-in header. */
export async function logIn(page: Page, username: string, password = sampleLogin(username).password): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("用户名", { exact: true }).fill(username);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByTestId("current-user")).toContainText(sampleLogin(username).name);
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Sessions of the sample users for this run, kept as storage-state files in the run's output folder (emptied at
 * every start), so a worker that replaces a failed one need not log in again: the app allows 10 sign-ins in a row
 * from one address unless a minute passes between two, and a run must stay below that.
 */
class SessionStore {
  constructor(private readonly dir: string) {}

  file(username: string): string {
    return path.join(this.dir, `${username}.json`);
  }

  has(username: string): boolean {
    return existsSync(this.file(username));
  }

  async save(username: string, context: BrowserContext): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await context.storageState({ path: this.file(username) });
  }
}

/**
 * `as(username)` opens a page signed in as that sample user, on the home page. The login (through the form)
 * happens once per run and its session is reused.
 */
export const test = base.extend<{ as: (username: string) => Promise<Page> }, { sessions: SessionStore }>({
  sessions: [
    async ({}, use, workerInfo) => {
      await use(new SessionStore(path.join(workerInfo.project.outputDir, ".sessions")));
    },
    { scope: "worker" },
  ],
  as: async ({ browser, sessions, baseURL, locale, timezoneId }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (username) => {
      const cached = sessions.has(username);
      const context = await browser.newContext({ baseURL, locale, timezoneId, ...(cached ? { storageState: sessions.file(username) } : {}) });
      contexts.push(context);
      const page = await context.newPage();
      if (cached) {
        await page.goto("/");
        await expect(page.getByTestId("current-user")).toContainText(sampleLogin(username).name);
      } else {
        await logIn(page, username);
        await sessions.save(username, context);
      }
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

/** The signed-in user's department, as the header shows it ("市农业农村局填报员 填报员 · 市农业农村局"). */
export async function ownDepartment(page: Page): Promise<string> {
  const text = (await page.getByTestId("current-user").innerText()).trim();
  const department = text.split("·").pop()?.trim();
  if (!department || !text.includes("·")) throw new Error(`no department in the header: ${text}`);
  return department;
}

/** Opens a plan from the home page by its title; returns the board's path (/plans/<id>). */
export async function openPlan(page: Page, title: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("link").filter({ hasText: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  return new URL(page.url()).pathname;
}

export async function openBoard(page: Page, boardPath: string, asOf = AS_OF): Promise<void> {
  await page.goto(`${boardPath}?asOf=${asOf}`);
  await expect(page.getByText(`截至 ${asOf}`)).toBeVisible();
  await expect(page.getByTestId("board-row").first()).toBeVisible();
}

export interface BoardRow {
  goalId: string;
  status: string;
  metric: string;
  target: string;
  latest: string;
  completion: string;
  expectedShare: string;
  statusText: string;
  lead: string;
  href: string;
}

/** Every row of the board on screen, cells read by their column headings. */
export async function readBoard(page: Page): Promise<BoardRow[]> {
  const headings = (await page.locator("table thead th").allInnerTexts()).map((h) => h.trim());
  const column = (name: string) => {
    const index = headings.indexOf(name);
    if (index < 0) throw new Error(`no board column ${name} in ${headings.join(" | ")}`);
    return index;
  };
  const at = {
    metric: column("指标"),
    target: column("目标值"),
    latest: column("最新实际"),
    completion: column("完成率"),
    expectedShare: column("序时进度"),
    statusText: column("状态"),
    lead: column("牵头单位"),
  };
  return page.getByTestId("board-row").evaluateAll(
    (rows, at) =>
      rows.map((row) => {
        const cells = Array.from(row.querySelectorAll("td")).map((td) => (td as HTMLElement).innerText.trim());
        const cell = (i: number) => cells[i] ?? "";
        return {
          goalId: row.getAttribute("data-goal-id") ?? "",
          status: row.getAttribute("data-status") ?? "",
          metric: cell(at.metric),
          target: cell(at.target),
          latest: cell(at.latest),
          completion: cell(at.completion),
          expectedShare: cell(at.expectedShare),
          statusText: cell(at.statusText),
          lead: cell(at.lead),
          href: row.querySelector("a")?.getAttribute("href") ?? "",
        };
      }),
    at,
  );
}

export function boardRow(page: Page, goalId: string): Locator {
  return page.locator(`[data-testid="board-row"][data-goal-id="${goalId}"]`);
}

/** The number on a totals card. */
export function totalNumber(page: Page, code: StatusCode): Locator {
  return page.getByTestId(`total-${code}`).locator(":scope > span").last();
}

export async function readTotals(page: Page): Promise<Record<StatusCode, number>> {
  const totals = {} as Record<StatusCode, number>;
  for (const code of STATUS_CODES) {
    const text = (await totalNumber(page, code).innerText()).trim();
    expect(text, `total-${code}`).toMatch(/^\d+$/);
    totals[code] = Number(text);
  }
  return totals;
}

/** A target as shown ("50万亩以上", "2.4万人", "75%以上", "增长6%"): its number and unit. */
export function parseTarget(text: string): { value: number; unit: string; comparator: "gte" | "lte" | "approx" | "plain" } {
  const m = /^(?:增长|下降)?(\d+(?:\.\d+)?)(.*?)(以上|以内|左右)?$/.exec(text.trim());
  if (!m) throw new Error(`not a single-value target: ${text}`);
  const comparator = m[3] === "以上" ? "gte" : m[3] === "以内" ? "lte" : m[3] === "左右" ? "approx" : "plain";
  return { value: Number(m[1]), unit: m[2] ?? "", comparator };
}

/** A figure as staff would type it: at most 6 decimals, no trailing zeros. */
export function figure(value: number): string {
  return value.toFixed(6).replace(/\.?0+$/, "");
}

export function goalPath(boardPath: string, goalId: string, asOf = AS_OF): string {
  return `${boardPath}/goals/${goalId}?asOf=${asOf}`;
}

/** The goal page's facts list (最新实际, 完成率, 牵头单位, 指标类型 …) as label → text. */
export async function goalFacts(page: Page): Promise<Record<string, string>> {
  await expect(page.getByTestId("goal-status")).toBeVisible();
  return page.locator("dl > div").evaluateAll((items) =>
    Object.fromEntries(items.map((item) => [item.querySelector("dt")?.textContent?.trim() ?? "", item.querySelector("dd")?.textContent?.trim() ?? ""])),
  );
}

export type Target = ReturnType<typeof parseTarget>;

/**
 * A goal on the board that the department leads and nobody has reported on yet (no latest figure), with a
 * single-value positive target, for which `accept` holds (it sees the target and the goal page's facts).
 * Leaves the page on that goal's page.
 */
export async function findFreshGoal(
  page: Page,
  boardPath: string,
  department: string,
  accept: (goal: { row: BoardRow; target: Target; facts: Record<string, string> }) => boolean,
): Promise<BoardRow & { targetValue: number; unit: string }> {
  await openBoard(page, boardPath);
  const candidates = (await readBoard(page)).filter((row) => row.lead === department && row.latest === "—");
  for (const row of candidates) {
    let target: Target;
    try {
      target = parseTarget(row.target);
    } catch {
      continue;
    }
    if (target.value <= 0) continue;
    await page.goto(goalPath(boardPath, row.goalId));
    if (accept({ row, target, facts: await goalFacts(page) })) return { ...row, targetValue: target.value, unit: target.unit };
  }
  throw new Error(`no goal without figures led by ${department} fits`);
}

/** The goal page asks for 年初至今累计 (accumulating) and says 越高越好. */
export function isAccumulatingHigherIsBetter(facts: Record<string, string>): boolean {
  return Boolean(facts["填报频次"]?.includes("填年初至今累计") && facts["指标类型"]?.includes("越高越好"));
}

/** The goal page's entry form. */
export function entryForm(page: Page): Locator {
  return page.locator("form").filter({ has: page.locator('input[name="value"]') });
}

/**
 * Fills the entry form (period 2024-06 unless given), submits it and waits for the server's answer: the form is
 * rendered anew with every answer (keyed by it), so the marked form disappearing means the answer is on screen.
 * Without this, two refusals with the same message could not be told apart, and a late answer could overwrite
 * what the next step types.
 */
export async function submitFigure(page: Page, value: string, note = "", period = PERIOD): Promise<void> {
  const form = entryForm(page);
  await form.locator('select[name="period"]').selectOption(period);
  await form.locator('input[name="value"]').fill(value);
  await form.locator('textarea[name="note"]').fill(note);
  await form.evaluate((element) => element.setAttribute("data-e2e-submitted", ""));
  await form.getByRole("button", { name: "提交" }).click();
  await expect(page.locator("form[data-e2e-submitted]")).toHaveCount(0);
  await expect(entryForm(page)).toHaveCount(1);
}

/** History rows of the goal page for one period (matched on the whole period cell: 2024年1月 ≠ 2024年12月). */
export function entryRowsFor(page: Page, periodLabel: string): Locator {
  return page.getByTestId("entry-row").filter({ has: page.getByRole("cell", { name: periodLabel, exact: true }) });
}

/** Deletes one period's figure with the goal page's 删除 button (confirm dialog accepted). Used for cleanup. */
export async function deleteEntryThroughUi(page: Page, path: string, periodLabel: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId("goal-status")).toBeVisible();
  const rows = entryRowsFor(page, periodLabel);
  if ((await rows.count()) === 0) return;
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain(`确定删除${periodLabel}的填报数据吗`);
    void dialog.accept();
  });
  await rows.getByRole("button", { name: "删除" }).click();
  await expect(rows).toHaveCount(0);
}

export interface ApiEntry {
  id: string;
  period: string;
  value: string;
  rawInput: string;
  note: string | null;
}

/** GET /api/v1/goals/:id/entries (cookie session of `request`, or the given headers). */
export async function apiEntries(request: APIRequestContext, goalId: string, headers: Record<string, string> = {}): Promise<ApiEntry[]> {
  const response = await request.get(`/api/v1/goals/${goalId}/entries`, { headers });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { goalId: string; entries: ApiEntry[] };
  expect(body.goalId).toBe(goalId);
  return body.entries;
}
