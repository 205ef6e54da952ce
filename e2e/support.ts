// Shared pieces of the e2e specs: logging in, cached sessions, a fresh plan per test (made through the API),
// the reporting calendar of today, reading the board and the goal page, entering and reviewing figures.
import {
  expect as baseExpect,
  test as base,
  type APIRequestContext,
  type APIResponse,
  type BrowserContext,
  type Locator,
  type Page,
} from "@playwright/test";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SAMPLE_LOGINS } from "../prisma/seed";

/** The app shares a two-core box with builds and benchmarks: give a server round trip up to 10 s. */
export const expect = baseExpect.configure({ timeout: 10_000 });

export const CITY_PLAN_TITLE = "牡丹江市2024年政府工作报告目标任务";
export const DISTRICT_PLAN_TITLE = "爱民区2022年政府工作报告目标任务";

/**
 * The department (of the test's own region) that leads the specs' goals, whose reporter — a user the test makes
 * (see reporterOf) — enters their figures; and the other department of that region given the goals asked for.
 */
export const REPORTER_DEPARTMENT = "市农业农村局";
export const OTHER_DEPARTMENT = "市人力资源和社会保障局";

export const STATUS_CODES = ["not_started", "overdue", "on_track", "behind", "far_behind", "met", "exceeded", "basically_met", "not_met"] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** Someone the specs sign in as: a sample login, or a user a test made through the admin users page. */
export interface Login {
  username: string;
  password: string;
  name: string;
}

/** Users made by this worker's tests (see createReporter), by user name. */
const createdLogins = new Map<string, Login>();

export function sampleLogin(username: string): Login {
  const login = SAMPLE_LOGINS.find((l) => l.username === username) ?? createdLogins.get(username);
  if (!login) throw new Error(`no sample login ${username}`);
  return login;
}

function loginOf(user: string | Login): Login {
  return typeof user === "string" ? sampleLogin(user) : user;
}

// ---- the reporting calendar ----------------------------------------------------------------------------------

/** A plan's default grace days: a month's figure is due on the 10th of the next month. */
export const GRACE_DAYS = 10;

const DAY_MS = 86_400_000;

/** Today in Asia/Shanghai (UTC+8, no daylight saving), "YYYY-MM-DD". */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function monthPeriod(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The last day of a month period ("2026-10" → "2026-10-31"). */
export function monthEnd(period: string): string {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** "2026-10" → "2026年10月", as the UI writes a month. */
export function monthLabel(period: string): string {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return `${year}年${month}月`;
}

export interface ReportingCalendar {
  today: string;
  yesterday: string;
  /** The plan year of the specs' plans: the year of `period` (the current year, except in its first ~40 days). */
  year: number;
  /**
   * The latest month whose figure is already overdue today (its end plus GRACE_DAYS is before today): a figure
   * can be entered for it, and a goal without one is 未填报. Usually the month before last or last month.
   */
  period: string;
  periodLabel: string;
  /** The month's due date (period end + grace days). */
  due: string;
  /** 序时进度 at the end of `period`: month / 12. */
  expectedShare: number;
  /**
   * How a goal stands once an on-track figure (onTrackFigure) for `period` counts: 正常, or — when `period` is
   * December (from mid-January to mid-February, the plan year has ended) — final, 完成.
   */
  onTrack: { code: "on_track" | "met"; label: string };
}

/** Today's reporting calendar (Asia/Shanghai). */
export function reportingCalendar(now = new Date()): ReportingCalendar {
  const today = shanghaiToday(now);
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7)) - 1;
  for (;;) {
    if (month === 0) {
      year -= 1;
      month = 12;
    }
    const period = monthPeriod(year, month);
    const due = addDays(monthEnd(period), GRACE_DAYS);
    if (due < today) {
      const onTrack = month === 12 ? ({ code: "met", label: "完成" } as const) : ({ code: "on_track", label: "正常" } as const);
      return { today, yesterday: addDays(today, -1), year, period, periodLabel: monthLabel(period), due, expectedShare: month / 12, onTrack };
    }
    month -= 1;
  }
}

// ---- logging in and sessions ---------------------------------------------------------------------------------

// The app allows 10 sign-in attempts from one address until a minute passes without one (better-auth's limiter
// counts on while attempts come less than a minute apart). Every attempt of the run (its worker restarts included)
// is written down in the run's output folder; before one that would be the 10th of such a chain, the test waits
// for the minute to pass — the limit stays on.
const SIGN_IN_WINDOW_MS = 60_000;
const SIGN_INS_PER_CHAIN = 9; // one below the app's 10: an attempt this log does not know of cannot tip it over

function signInLog(): string {
  return path.join(base.info().project.outputDir, ".sessions", "sign-ins.json");
}

/** Waits, when needed, until a sign-in attempt is within the app's limit; then records it. Call right before one. */
export async function beforeSignIn(): Promise<void> {
  const file = signInLog();
  const attempts: number[] = existsSync(file) ? (JSON.parse(await readFile(file, "utf8")) as number[]) : [];
  let chain = 0;
  let last = -Infinity;
  for (const at of attempts) {
    chain = at - last >= SIGN_IN_WINDOW_MS ? 1 : chain + 1;
    last = at;
  }
  const wait = last + SIGN_IN_WINDOW_MS + 1_000 - Date.now();
  if (chain >= SIGN_INS_PER_CHAIN && wait > 0) {
    const info = base.info();
    info.setTimeout(info.timeout + wait);
    info.annotations.push({ type: "sign-in pause", description: `${Math.ceil(wait / 1000)} s for the app's sign-in limit` });
    await sleep(wait);
  }
  attempts.push(Date.now());
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(attempts));
}

/** Logs in through the login form and waits for the signed-in header. */
export async function logIn(page: Page, user: string | Login, password?: string): Promise<void> {
  const login = loginOf(user);
  await page.goto("/login");
  await page.getByLabel("用户名", { exact: true }).fill(login.username);
  await page.getByLabel("密码", { exact: true }).fill(password ?? login.password);
  await beforeSignIn();
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByTestId("current-user")).toContainText(login.name);
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * Sessions of the sample users for this run, kept as storage-state files in the run's output folder (emptied at
 * every start), so a worker that replaces a failed one need not log in again: the app allows 10 sign-ins a minute
 * from one address, and a run must stay below that.
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

// ---- the JSON API with the browser's session ----------------------------------------------------------------

/**
 * The JSON API as the signed-in page's user, through the page's own cookies. A cookie-authenticated write must
 * come from the app's pages, as JSON: it carries the page's Origin and Content-Type: application/json.
 */
export class Api {
  constructor(private readonly page: Page) {}

  get request(): APIRequestContext {
    return this.page.request;
  }

  private origin(): string {
    const origin = new URL(this.page.url()).origin;
    if (!origin.startsWith("http")) throw new Error(`the page has no origin yet (${this.page.url()})`);
    return origin;
  }

  private headers(): Record<string, string> {
    return { origin: this.origin(), "content-type": "application/json" };
  }

  get(url: string): Promise<APIResponse> {
    return this.request.get(url);
  }

  post(url: string, data: unknown): Promise<APIResponse> {
    return this.request.post(url, { headers: this.headers(), data: JSON.stringify(data) });
  }

  patch(url: string, data: unknown): Promise<APIResponse> {
    return this.request.patch(url, { headers: this.headers(), data: JSON.stringify(data) });
  }

  delete(url: string): Promise<APIResponse> {
    return this.request.delete(url, { headers: { origin: this.origin() } });
  }
}

/** The response's JSON body, after checking its status (the body is the failure message). */
export async function expectJson<T>(response: APIResponse, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status(), `${response.url()}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
}

export interface Department {
  id: string;
  name: string;
}

interface BoardGoalJson {
  id: string;
  metric: string;
  target: string;
  unit: string;
  comparator: string;
  kind: string;
  accumulates: boolean;
  frequency: string;
  leadDepartment: Department | null;
  latest: { period: string; value: string } | null;
  latestState?: string | null;
  status: StatusCode;
  statusLabel: string;
  completion: string | null;
}

export interface BoardJson {
  asOf: string;
  includePending: boolean;
  totals: Record<StatusCode, number>;
  goals: BoardGoalJson[];
}

/** GET /api/v1/plans/:id/board as of `asOf`, optionally with pending versions (含待审核). */
export async function apiBoard(api: Api, planId: string, asOf: string, includePending = false): Promise<BoardJson> {
  const query = new URLSearchParams({ asOf, ...(includePending ? { includePending: "1" } : {}) });
  return expectJson<BoardJson>(await api.get(`/api/v1/plans/${planId}/board?${query}`), 200);
}

// ---- a fresh plan per test -----------------------------------------------------------------------------------

/** The report the specs' plans are made from: each line one target the extraction finds (see below). */
function reportText(region: string, year: number): string {
  return [
    `${region}${year}年政府工作报告`,
    "",
    `一、${year - 1}年工作回顾`,
    "过去一年，全市经济运行稳中有进。",
    "",
    `二、${year}年工作安排`,
    "（一）抓好粮食生产。新建高标准农田50万亩以上，粮食产量稳定在300万吨以上。",
    "（二）稳定扩大就业。全年新增城镇就业2.4万人，城镇调查失业率控制在5.5%以内。",
    "（三）改善生态环境。森林覆盖率达到75%以上，空气质量优良天数保持在342天以上。",
    "",
  ].join("\n");
}

/** The targets the report states, by metric: what the specs use. */
export const GOALS = {
  farmland: { metric: "新建高标准农田", target: 50, unit: "万亩" },
  grain: { metric: "粮食产量", target: 300, unit: "万吨" },
  jobs: { metric: "新增城镇就业", target: 2.4, unit: "万人" },
  unemployment: { metric: "城镇调查失业率", target: 5.5, unit: "%" },
  forest: { metric: "森林覆盖率", target: 75, unit: "%" },
  airQuality: { metric: "空气质量优良天数", target: 342, unit: "天" },
} as const;
export type GoalKey = keyof typeof GOALS;

export interface PlanGoal {
  id: string;
  metric: string;
  target: number;
  unit: string;
  /** The goal page, as of the given day (default: no asOf, i.e. today). */
  path: (asOf?: string) => string;
}

export interface TestPlan {
  id: string;
  title: string;
  /** The plan's government: a new region under the sample admin's 牡丹江市, made by the import. */
  region: string;
  regionId: string;
  year: number;
  boardPath: string;
  calendar: ReportingCalendar;
  /** The region's department that leads the goals (REPORTER_DEPARTMENT), whose reporter is reporterOf(plan). */
  department: Department;
  /** Another department of the same region (OTHER_DEPARTMENT), given the goals of PlanOptions.otherLead. */
  otherDepartment: Department;
  goals: Record<GoalKey, PlanGoal>;
}

export interface PlanOptions {
  /** Goals led by the region's other department (not the reporter's); every other goal is led by the reporter's. */
  otherLead?: GoalKey[];
}

/**
 * Creates a plan for this year (see ReportingCalendar.year) through POST /api/v1/plans as the admin, from a short
 * report of our own with a unique region name: the import makes that region (under the admin's 牡丹江市) and its
 * own departments. Its goals go to the region's REPORTER_DEPARTMENT (or, as asked, OTHER_DEPARTMENT) with PATCH
 * /api/v1/goals/:id. Each goal is monthly (the extraction's default).
 */
async function createPlan(admin: Page, options: PlanOptions): Promise<TestPlan> {
  const api = new Api(admin);
  const calendar = reportingCalendar();
  const region = `测试市${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const created = await expectJson<{ plan: { id: string; title: string; year: number; regionId: string }; goals: BoardGoalJson[] }>(
    await api.post("/api/v1/plans", { region, level: "city", year: calendar.year, text: reportText(region, calendar.year) }),
    201,
  );
  expect(created.plan.year).toBe(calendar.year);
  // The departments the import made for the new region, as the goals' suggested leads name them.
  const leads = new Map(created.goals.flatMap((g) => (g.leadDepartment ? [[g.leadDepartment.name, g.leadDepartment] as const] : [])));
  const department = leads.get(REPORTER_DEPARTMENT);
  const otherDepartment = leads.get(OTHER_DEPARTMENT);
  if (!department || !otherDepartment) throw new Error(`the import made no ${REPORTER_DEPARTMENT} or ${OTHER_DEPARTMENT}: ${[...leads.keys()].join("、")}`);
  const goals = {} as Record<GoalKey, PlanGoal>;
  for (const [key, expected] of Object.entries(GOALS) as [GoalKey, (typeof GOALS)[GoalKey]][]) {
    const goal = created.goals.find((g) => g.metric === expected.metric);
    if (!goal) throw new Error(`the extraction found no ${expected.metric} in the specs' report: ${created.goals.map((g) => g.metric).join("、")}`);
    expect(`${Number(goal.target)}${goal.unit}`, expected.metric).toBe(`${expected.target}${expected.unit}`);
    expect(goal.frequency, expected.metric).toBe("monthly");
    const lead = options.otherLead?.includes(key) ? otherDepartment : department;
    const patched = await expectJson<{ goal: { leadDepartment: (Department & { regionId: string }) | null } }>(
      await api.patch(`/api/v1/goals/${goal.id}`, { leadDepartmentId: lead.id, coDepartmentIds: [] }),
      200,
    );
    // The new region's own department, not 牡丹江市's of the same name.
    expect(patched.goal.leadDepartment).toMatchObject({ id: lead.id, name: lead.name, regionId: created.plan.regionId });
    const base = `/plans/${created.plan.id}/goals/${goal.id}`;
    goals[key] = { id: goal.id, metric: goal.metric, target: expected.target, unit: expected.unit, path: (asOf) => (asOf ? `${base}?asOf=${asOf}` : base) };
  }
  return {
    id: created.plan.id,
    title: created.plan.title,
    region,
    regionId: created.plan.regionId,
    year: calendar.year,
    boardPath: `/plans/${created.plan.id}`,
    calendar,
    department: { id: department.id, name: department.name },
    otherDepartment: { id: otherDepartment.id, name: otherDepartment.name },
    goals,
  };
}

/** A user name of 3–30 lowercase letters, digits or underscores, new to this run. */
function newUsername(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.slice(0, 30);
}

/**
 * Makes a reporter of `department` through the admin users page (管理 → 用户) as the signed-in admin; returns the
 * login. The password passes the policy: 10+ characters, not containing the user name, not a common one.
 */
export async function createReporter(admin: Page, department: Department, prefix = "e2e"): Promise<Login> {
  const username = newUsername(prefix);
  const login: Login = {
    username,
    name: `${department.name}填报员${username.slice(-4)}`,
    password: `Lz-${Math.random().toString(36).slice(2, 10)}-${Date.now().toString(36).slice(-4)}`,
  };
  await admin.goto("/admin/users");
  const form = admin.getByTestId("create-user-form");
  await form.getByLabel("用户名", { exact: true }).fill(login.username);
  await form.getByLabel("姓名", { exact: true }).fill(login.name);
  await form.getByLabel("初始密码", { exact: true }).fill(login.password);
  await form.getByLabel("角色", { exact: true }).selectOption("reporter");
  await form.getByLabel("所属单位", { exact: true }).selectOption(department.id);
  await form.getByRole("button", { name: "创建用户", exact: true }).click();
  await expect(admin.getByTestId("create-user-message")).toHaveText(`已创建用户 ${login.username}，请将初始密码告知本人`);
  createdLogins.set(login.username, login);
  return login;
}

interface Fixtures {
  /**
   * A page signed in as that user (a sample user's name, or a login made by createReporter), on the home page; the
   * same page for the same user within a test.
   */
  as: (user: string | Login) => Promise<Page>;
  /** A fresh plan of this year in a region of its own, made as the admin (see createPlan); its goals are archived after the test. */
  newPlan: (options?: PlanOptions) => Promise<TestPlan>;
  /**
   * A new reporter of the department (default: the plan's REPORTER_DEPARTMENT), made by the sample admin on the
   * admin users page; the same login for the same department within a test. Not signed in.
   */
  reporterLogin: (plan: TestPlan, department?: Department) => Promise<Login>;
  /** reporterLogin's user, signed in (one sign-in through the form; see beforeSignIn). */
  reporterOf: (plan: TestPlan, department?: Department) => Promise<Page>;
}

/**
 * `as(user)` opens a page signed in as that user; the login (through the form) happens once per run and its session
 * is reused. `newPlan()` makes the test's own plan, and `reporterOf(plan)` its own reporter.
 */
export const test = base.extend<Fixtures, { sessions: SessionStore }>({
  sessions: [
    async ({}, use, workerInfo) => {
      await use(new SessionStore(path.join(workerInfo.project.outputDir, ".sessions")));
    },
    { scope: "worker" },
  ],
  as: async ({ browser, sessions, baseURL, locale, timezoneId }, use) => {
    const contexts: BrowserContext[] = [];
    const pages = new Map<string, Promise<Page>>();
    const open = async (login: Login): Promise<Page> => {
      const cached = sessions.has(login.username);
      const context = await browser.newContext({ baseURL, locale, timezoneId, ...(cached ? { storageState: sessions.file(login.username) } : {}) });
      contexts.push(context);
      const page = await context.newPage();
      if (cached) {
        await page.goto("/");
        await expect(page.getByTestId("current-user")).toContainText(login.name);
      } else {
        await logIn(page, login);
        await sessions.save(login.username, context);
      }
      return page;
    };
    await use((user) => {
      const login = loginOf(user);
      let page = pages.get(login.username);
      if (!page) {
        page = open(login);
        pages.set(login.username, page);
      }
      return page;
    });
    for (const context of contexts) await context.close();
  },
  newPlan: async ({ as }, use) => {
    const plans: TestPlan[] = [];
    await use(async (options = {}) => {
      const plan = await createPlan(await as("admin"), options);
      plans.push(plan);
      return plan;
    });
    // Plans cannot be deleted (the e2e database is emptied at every run); their goals are archived, so a server
    // reused across runs does not pile up duties.
    if (plans.length) {
      const api = new Api(await as("admin"));
      for (const plan of plans) {
        for (const goal of Object.values(plan.goals)) await expectJson(await api.delete(`/api/v1/goals/${goal.id}`), 200);
      }
    }
  },
  reporterLogin: async ({ as }, use) => {
    const made = new Map<string, Promise<Login>>();
    await use(async (plan, department = plan.department) => {
      let login = made.get(department.id);
      if (!login) {
        login = as("admin").then((admin) => createReporter(admin, department));
        made.set(department.id, login);
      }
      return login;
    });
  },
  reporterOf: async ({ as, reporterLogin }, use) => {
    await use(async (plan, department) => as(await reporterLogin(plan, department)));
  },
});

// ---- the board -----------------------------------------------------------------------------------------------

/** Opens the plan's board as of `asOf` and waits for its rows. */
export async function openBoard(page: Page, boardPath: string, asOf: string): Promise<void> {
  await page.goto(`${boardPath}?asOf=${asOf}`);
  await expect(page.getByText(`截至 ${asOf}`).first()).toBeVisible();
  await expect(page.getByTestId("board-row").first()).toBeVisible();
}

/** The signed-in user's department, as the header shows it ("市农业农村局填报员 填报员 · 市农业农村局"). */
export async function ownDepartment(page: Page): Promise<string> {
  const text = (await page.getByTestId("current-user").innerText()).trim();
  const department = text.split("·").pop()?.trim();
  if (!department || !text.includes("·")) throw new Error(`no department in the header: ${text}`);
  return department;
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
  // The board table only: the charts above it carry tables (数据表) of their own.
  const headings = (await page.locator("table.board-table thead th").allInnerTexts()).map((h) => h.trim());
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

/** One goal's row of the board on screen. */
export async function readBoardRow(page: Page, goalId: string): Promise<BoardRow> {
  await expect(boardRow(page, goalId)).toHaveCount(1);
  const row = (await readBoard(page)).find((r) => r.goalId === goalId);
  if (!row) throw new Error(`no board row for ${goalId}`);
  return row;
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

/** Every totals card is as before except `from` (one fewer) and `to` (one more). */
export async function expectTotalsMoved(page: Page, before: Record<StatusCode, number>, from: StatusCode, to: StatusCode): Promise<void> {
  for (const code of STATUS_CODES) {
    const expected = before[code] + (code === to ? 1 : 0) - (code === from ? 1 : 0);
    await expect(totalNumber(page, code), `total-${code}`).toHaveText(String(expected));
  }
}

/** A figure as staff would type it: at most 6 decimals, no trailing zeros. */
export function figure(value: number): string {
  return value.toFixed(6).replace(/\.?0+$/, "");
}

/** A ratio as the UI shows it (percentText): "83.4%". */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/**
 * A year-to-date figure for an accumulating goal that is on track (正常) at the end of the calendar's period and
 * far enough from the target to raise no plausibility warning: T · max(f, 0.2), to one decimal.
 */
export function onTrackFigure(target: number, calendar: ReportingCalendar): string {
  return figure(Math.round(target * Math.max(calendar.expectedShare, 0.2) * 10) / 10);
}

// ---- the goal page -------------------------------------------------------------------------------------------

/** The goal page's facts list (最新实际, 完成率, 牵头单位, 指标类型 …) as label → text. */
export async function goalFacts(page: Page): Promise<Record<string, string>> {
  await expect(page.getByTestId("goal-status")).toBeVisible();
  return page.locator("dl > div").evaluateAll((items) =>
    Object.fromEntries(items.map((item) => [item.querySelector("dt")?.textContent?.trim() ?? "", item.querySelector("dd")?.textContent?.trim() ?? ""])),
  );
}

/** The goal page's entry form. */
export function entryForm(page: Page): Locator {
  return page.locator("form").filter({ has: page.locator('input[name="value"]') });
}

/**
 * Clicks the entry form's submit button and waits for the server's answer: the form is rendered anew with every
 * answer (keyed by it), so the marked form disappearing means the answer is on screen. Without this, two refusals
 * with the same message could not be told apart, and a late answer could overwrite what the next step types.
 */
async function sendEntryForm(page: Page, button: string): Promise<void> {
  const form = entryForm(page);
  await form.evaluate((element) => element.setAttribute("data-e2e-submitted", ""));
  await form.getByRole("button", { name: button, exact: true }).click();
  await expect(page.locator("form[data-e2e-submitted]")).toHaveCount(0);
  await expect(entryForm(page)).toHaveCount(1);
}

/** Fills the entry form for `period`, submits it and waits for the answer. */
export async function submitFigure(page: Page, period: string, value: string, note = ""): Promise<void> {
  const form = entryForm(page);
  await form.locator('select[name="period"]').selectOption(period);
  await form.locator('input[name="value"]').fill(value);
  await form.locator('textarea[name="note"]').fill(note);
  await sendEntryForm(page, "提交");
}

/** After a plausibility warning: writes the note, ticks 我已核对 and sends 确认提交. */
export async function confirmFigure(page: Page, note: string): Promise<void> {
  const form = entryForm(page);
  await expect(page.getByTestId("entry-warnings")).toBeVisible();
  await form.locator('textarea[name="note"]').fill(note);
  await page.getByTestId("entry-confirm").check();
  await sendEntryForm(page, "确认提交");
}

/** The message a saved figure gets: "已提交2026年10月的数据：41.7（待审核，督查室审核后计入）". */
export function savedMessage(periodLabel: string, typed: string, state: "pending" | "approved"): string {
  return `已提交${periodLabel}的数据：${typed}（${state === "pending" ? "待审核，督查室审核后计入" : "已审核，已计入"}）`;
}

/**
 * Approves (or returns, with a reason) the pending version with the goal page's own review buttons, and waits
 * until the history shows it approved (returned).
 */
export async function reviewOnGoalPage(admin: Page, goalPath: string, decision: { approve: true } | { returnReason: string }): Promise<void> {
  await admin.goto(goalPath);
  const buttons = admin.getByTestId("review-buttons");
  await expect(buttons).toHaveCount(1);
  const row = admin.getByTestId("entry-row").filter({ has: buttons });
  const versionId = await row.getAttribute("data-version-id");
  if ("approve" in decision) {
    await buttons.getByRole("button", { name: "通过", exact: true }).click();
  } else {
    await buttons.getByRole("button", { name: "退回", exact: true }).click();
    await buttons.getByLabel("退回原因").fill(decision.returnReason);
    await buttons.getByRole("button", { name: "确认退回", exact: true }).click();
  }
  const reviewed = admin.locator(`[data-testid="entry-row"][data-version-id="${versionId}"]`);
  await expect(reviewed).toHaveAttribute("data-state", "approve" in decision ? "approved" : "returned");
}

export interface ApiEntry {
  id: string;
  period: string;
  version: number;
  value: string;
  rawInput: string;
  note: string | null;
  state: "pending" | "approved" | "returned" | "withdrawn";
  reason: string | null;
  warnings: { code: string; message: string }[];
}

/** GET /api/v1/goals/:id/entries (cookie session of `request`, or the given headers): every version, newest first. */
export async function apiEntries(request: APIRequestContext, goalId: string, headers: Record<string, string> = {}): Promise<ApiEntry[]> {
  const response = await request.get(`/api/v1/goals/${goalId}/entries`, { headers });
  const body = await expectJson<{ goalId: string; entries: ApiEntry[] }>(response, 200);
  expect(body.goalId).toBe(goalId);
  return body.entries;
}
