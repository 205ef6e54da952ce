// The authorisation bar: every /api/v1 route handler and every server action (both found on disk; one missing from
// the table below fails) × every role × the record's region as seen from the caller's (same, below, sibling, above)
// → allow, deny (403) or hide (404), as the table says. The table is written out from the rules in DOMAIN.md
// ("Governments and departments"), not computed by the code under test.
//
// Route handlers are called over real HTTP: a node:http server on loopback hands each request to the handler as a
// Web Request, with the caller's bearer token. Server actions are called directly, with `currentActor` mocked to the
// caller (as test/bad-input.int.test.ts does); their refusals are told apart by the catalogue's messages.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { FORBIDDEN, NOT_FOUND } from "@/lib/domain/messages";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";
import { loadActions, loadRoute, routeFiles, serverActionModules, type AnyAction, type Route } from "@/test/surface";

const mocked = vi.hoisted(() => {
  class Redirect extends Error {
    constructor(readonly url: string) {
      super(`redirect(${url})`);
    }
  }
  return { actor: null as Actor | null, Redirect };
});
vi.mock("@/lib/server/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth")>()),
  currentActor: async () => mocked.actor,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new mocked.Redirect(url);
  },
}));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));

// ---- the expectation, written out ----

type Role = "admin" | "leader" | "reporter";
type Relation = "same" | "below" | "sibling" | "above";
/** "invalid": refused as bad input (422) where the record is named in a form field — as hidden as a 404. */
type Outcome = "allow" | "deny" | "hide" | "invalid";
const ROLES: Role[] = ["admin", "leader", "reporter"];
const RELATIONS: Relation[] = ["same", "below", "sibling", "above"];
type RegionKey = "province" | "city" | "district" | "neighbour";
/** Where the caller sits and where the record is, for each relation: 上级省 ⊃ 本市 ⊃ {本区, 邻区}. */
const PLACES: Record<Relation, { home: RegionKey; target: RegionKey }> = {
  same: { home: "city", target: "city" },
  below: { home: "city", target: "district" },
  sibling: { home: "district", target: "neighbour" },
  above: { home: "city", target: "province" },
};

const A = "allow", D = "deny", H = "hide";
type Rule = Record<Role, [Outcome, Outcome, Outcome, Outcome]>; // same, below, sibling, above
const RULES = {
  /** Read a plan, goal or figure: admins and leaders their region and below; reporters theirs and the one above. */
  read: { admin: [A, A, H, H], leader: [A, A, H, H], reporter: [A, H, H, A] },
  /** Change a plan, goal, lock or review: admins of the region or above it; readable but not theirs: 403. */
  manage: { admin: [A, A, H, H], leader: [D, D, H, H], reporter: [D, H, H, D] },
  /** Enter a figure: the lead department's reporter (each region's goal here is led by its reporter's unit), admins. */
  enter: { admin: [A, A, H, H], leader: [D, D, H, H], reporter: [A, H, H, D] },
  /** Admin pages (departments, users, tokens, regions): non-admins are refused before any record is looked at. */
  adminScope: { admin: [A, A, H, H], leader: [D, D, D, D], reporter: [D, D, D, D] },
  /** Oversight reads (a plan's 变更记录): admins and leaders as `read`; a reporter who may read the plan: 403. */
  oversee: { admin: [A, A, H, H], leader: [A, A, H, H], reporter: [D, H, H, D] },
  /** 公开看板: no sign-in, the token is the key (the caller's token is not even read). */
  public: { admin: [A, A, A, A], leader: [A, A, A, A], reporter: [A, A, A, A] },
  /** A queued job (lib/server/jobs), here asked by the target region's reporter: its asker, and admins of the plan's government or above; anyone else: 404. */
  job: { admin: [A, A, H, H], leader: [H, H, H, H], reporter: [A, H, H, H] },
  /** Lists anyone signed in may ask for; what they hold is checked separately (`lists`). */
  signedIn: { admin: [A, A, A, A], leader: [A, A, A, A], reporter: [A, A, A, A] },
} satisfies Record<string, Rule>;

interface Case {
  rule: keyof typeof RULES;
  /** How "hide" shows here when the record is named in a form field. */
  hideAs?: "invalid";
  /** For a list: the record of the target region it holds exactly when `read` allows. */
  lists?: (f: Fixture) => string;
}
interface RouteCase extends Case {
  /** `form`: a multipart body (a file upload) instead of JSON. */
  request: (f: Fixture) => Promise<{ path: string; body?: unknown; form?: FormData }>;
}
interface ActionCase extends Case {
  args: (f: Fixture) => Promise<unknown[]>;
}

/** What a case acts on, in the target region; writes get a fresh record each. */
interface Fixture {
  region: Region;
  plan: string;
}

const PREV = { status: "idle", message: "", fields: {}, values: {}, at: 0 };
const REPORT = "新区2025年政府工作报告。今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业2万人以上，粮食产量稳定在100万吨以上。";
let counter = 0;
const unique = () => ++counter;
/** Imported plans' years: one plan per region and year, 2000–2100; 2023 and 2024 hold the fixtures' plans. */
let year = 2025;
const nextYear = () => year++;
const form = (values: Record<string, string | string[]>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) data.append(key, v);
  return data;
};
const goalForm = (f: Fixture) =>
  form({ metric: `测试指标${unique()}`, targetValue: "10", targetValueHigh: "", unit: "个", comparator: "gte", kind: "increment", direction: "", accumulates: "", frequency: "monthly", sectionId: "", leadDepartmentId: f.region.department, description: "" });

const ROUTES: Record<string, RouteCase> = {
  "GET /api/v1/plans": { rule: "signedIn", lists: (f) => f.plan, request: async () => ({ path: "/api/v1/plans" }) },
  "POST /api/v1/plans": {
    rule: "adminScope",
    hideAs: "invalid",
    request: async (f) => ({ path: "/api/v1/plans", body: { region: f.region.name, regionId: f.region.id, level: "city", year: nextYear(), text: REPORT } }),
  },
  "GET /api/v1/plans/[planId]": { rule: "read", request: async (f) => ({ path: `/api/v1/plans/${f.plan}` }) },
  "PATCH /api/v1/plans/[planId]": { rule: "manage", request: async (f) => ({ path: `/api/v1/plans/${f.plan}`, body: { title: `${f.region.name}2024年目标任务` } }) },
  "DELETE /api/v1/plans/[planId]": { rule: "manage", request: async (f) => ({ path: `/api/v1/plans/${await freshPlan(f.region)}` }) },
  // Import drafts: the admin of the region (or above) works on them; a leader or reporter who may read the region: 403.
  "POST /api/v1/imports": {
    rule: "adminScope",
    request: async (f) => ({ path: "/api/v1/imports", body: { regionId: f.region.id, level: "city", year: importYear(f.region), text: REPORT } }),
  },
  "GET /api/v1/imports/[importId]": { rule: "manage", request: async (f) => ({ path: `/api/v1/imports/${(await freshDraft(f.region)).draft}` }) },
  "DELETE /api/v1/imports/[importId]": { rule: "manage", request: async (f) => ({ path: `/api/v1/imports/${(await freshDraft(f.region)).draft}` }) },
  "POST /api/v1/imports/[importId]/candidates": {
    rule: "manage",
    request: async (f) => ({ path: `/api/v1/imports/${(await freshDraft(f.region)).draft}/candidates`, body: { start: 0, end: 10, kind: "milestone" } }),
  },
  "PATCH /api/v1/imports/[importId]/candidates/[candidateId]": {
    rule: "manage",
    request: async (f) => {
      const { draft, candidate } = await freshDraft(f.region);
      return { path: `/api/v1/imports/${draft}/candidates/${candidate}`, body: { version: 1, decision: "accepted" } };
    },
  },
  "POST /api/v1/imports/[importId]/sections": {
    rule: "manage",
    request: async (f) => ({ path: `/api/v1/imports/${(await freshDraft(f.region)).draft}/sections`, body: { sectionId: "1", decision: "rejected" } }),
  },
  "POST /api/v1/imports/[importId]/commit": {
    rule: "manage",
    request: async (f) => ({ path: `/api/v1/imports/${(await freshDraft(f.region, importYear(f.region))).draft}/commit`, body: { acceptAll: true } }),
  },
  "GET /api/v1/regions/[regionId]/department-mapping": { rule: "manage", request: async (f) => ({ path: `/api/v1/regions/${f.region.id}/department-mapping` }) },
  "PUT /api/v1/regions/[regionId]/department-mapping": {
    rule: "manage",
    request: async (f) => ({ path: `/api/v1/regions/${f.region.id}/department-mapping`, body: { rows: [{ keyword: "旅游", departmentId: f.region.department }] } }),
  },
  "GET /api/v1/plans/[planId]/board": { rule: "read", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/board` }) },
  "GET /api/v1/plans/[planId]/goals": { rule: "read", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/goals` }) },
  "GET /api/v1/plans/[planId]/summary": { rule: "read", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/summary` }) },
  // The fill-in template of the region's department: as entering figures (leaders read the board, not the form).
  "GET /api/v1/plans/[planId]/template.xlsx": {
    rule: "enter",
    request: async (f) => ({ path: `/api/v1/plans/${f.plan}/template.xlsx?department=${f.region.department}&period=2024-05` }),
  },
  "POST /api/v1/plans/[planId]/entries/bulk": { rule: "enter", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/entries/bulk`, form: await filledTemplate(f.region) }) },
  "GET /api/v1/plans/[planId]/summary.docx": { rule: "read", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/summary.docx` }) },
  "GET /api/v1/plans/[planId]/summary.xlsx": { rule: "read", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/summary.xlsx` }) },
  "POST /api/v1/plans/[planId]/goals": {
    rule: "manage",
    request: async (f) => ({
      path: `/api/v1/plans/${f.plan}/goals`,
      body: { metric: `新增指标${unique()}`, targetValue: "10", unit: "个", comparator: "gte", kind: "increment", frequency: "monthly", leadDepartmentId: f.region.department },
    }),
  },
  "GET /api/v1/plans/[planId]/locks": { rule: "read", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/locks` }) },
  "POST /api/v1/plans/[planId]/locks": {
    rule: "manage",
    request: async (f) => ({ path: `/api/v1/plans/${f.region.lockPlan}/locks`, body: { period: nextPeriod(f.region), reason: "已审核完毕" } }),
  },
  "DELETE /api/v1/plans/[planId]/locks": {
    rule: "manage",
    request: async (f) => ({ path: `/api/v1/plans/${f.region.lockPlan}/locks?period=${await lockedPeriod(f.region)}` }),
  },
  "GET /api/v1/plans/[planId]/overdue": { rule: "read", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/overdue` }) },
  // 公开看板: share links are the plan's admins' business; the public board answers anyone holding a live link.
  "GET /api/v1/plans/[planId]/public-links": { rule: "manage", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/public-links` }) },
  "POST /api/v1/plans/[planId]/public-links": { rule: "manage", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/public-links`, body: {} }) },
  "DELETE /api/v1/plans/[planId]/public-links/[linkId]": {
    rule: "manage",
    request: async (f) => ({ path: `/api/v1/plans/${f.plan}/public-links/${(await freshPublicLink(f.region)).id}` }),
  },
  "GET /api/v1/public/[token]": { rule: "public", request: async (f) => ({ path: `/api/v1/public/${(await freshPublicLink(f.region)).token}` }) },
  "GET /api/v1/plans/[planId]/audit": { rule: "oversee", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/audit` }) },
  "GET /api/v1/goals/[goalId]": { rule: "read", request: async (f) => ({ path: `/api/v1/goals/${f.region.goal}` }) },
  "PATCH /api/v1/goals/[goalId]": { rule: "manage", request: async (f) => ({ path: `/api/v1/goals/${await freshGoal(f.region)}`, body: { metric: "改过的指标" } }) },
  "DELETE /api/v1/goals/[goalId]": { rule: "manage", request: async (f) => ({ path: `/api/v1/goals/${await freshGoal(f.region)}` }) },
  "GET /api/v1/goals/[goalId]/entries": { rule: "read", request: async (f) => ({ path: `/api/v1/goals/${f.region.goal}/entries` }) },
  "POST /api/v1/goals/[goalId]/entries": {
    rule: "enter",
    request: async (f) => ({ path: `/api/v1/goals/${await freshGoal(f.region)}/entries`, body: { period: "2024-05", value: "12", note: "正常", confirm: true } }),
  },
  "PUT /api/v1/goals/[goalId]/explanation": { rule: "enter", request: async (f) => ({ path: `/api/v1/goals/${await freshGoal(f.region)}/explanation`, body: { text: "受汛期影响，进度滞后" } }) },
  "GET /api/v1/goals/[goalId]/shares": { rule: "read", request: async (f) => ({ path: `/api/v1/goals/${f.region.goal}/shares` }) },
  "POST /api/v1/goals/[goalId]/shares": {
    rule: "manage",
    request: async (f) => ({ path: `/api/v1/goals/${await freshGoal(f.region)}/shares`, body: { shares: [{ departmentId: f.region.department, target: "50" }] } }),
  },
  "POST /api/v1/entries/[versionId]/approve": { rule: "manage", request: async (f) => ({ path: `/api/v1/entries/${await freshVersion(f.region)}/approve`, body: {} }) },
  "POST /api/v1/entries/[versionId]/return": {
    rule: "manage",
    request: async (f) => ({ path: `/api/v1/entries/${await freshVersion(f.region)}/return`, body: { reason: "数据有误，请核对" } }),
  },
  "POST /api/v1/entries/[versionId]/withdraw": { rule: "enter", request: async (f) => ({ path: `/api/v1/entries/${await freshVersion(f.region)}/withdraw`, body: {} }) },
  "GET /api/v1/me/inbox": { rule: "signedIn", request: async () => ({ path: "/api/v1/me/inbox" }) },
  "POST /api/v1/plans/[planId]/exports": { rule: "read", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/exports`, body: { format: "xlsx" } }) },
  "POST /api/v1/plans/[planId]/reminders": { rule: "manage", request: async (f) => ({ path: `/api/v1/plans/${f.plan}/reminders`, body: {} }) },
  "GET /api/v1/jobs/[jobId]": { rule: "job", request: async (f) => ({ path: `/api/v1/jobs/${await reporterJob(f.region)}` }) },
  "GET /api/v1/jobs/[jobId]/file": { rule: "job", request: async (f) => ({ path: `/api/v1/jobs/${await reporterJob(f.region)}/file` }) },
  "GET /api/v1/regions": { rule: "signedIn", lists: (f) => f.region.id, request: async () => ({ path: "/api/v1/regions" }) },
  "POST /api/v1/regions": { rule: "adminScope", request: async (f) => ({ path: "/api/v1/regions", body: { name: `新设区${unique()}`, level: "district", parentId: f.region.id } }) },
};

const ACTIONS: Record<string, ActionCase> = {
  "app/actions.ts#logout": { rule: "signedIn", args: async () => [] },
  "app/plans/[planId]/settings/actions.ts#updatePlanSettingsAction": {
    rule: "manage",
    args: async (f) => [f.plan, PREV, form({ graceDays: "10", marginBehind: "0.10", marginFarBehind: "0.30" })],
  },
  "app/plans/[planId]/settings/actions.ts#createGoalAction": { rule: "manage", args: async (f) => [f.plan, PREV, goalForm(f)] },
  "app/plans/[planId]/settings/actions.ts#setRequiresReviewAction": { rule: "manage", args: async (f) => [f.plan, true] },
  "app/plans/[planId]/settings/actions.ts#lockPeriodAction": {
    rule: "manage",
    args: async (f) => [f.region.lockPlan, PREV, form({ period: nextPeriod(f.region), reason: "已审核完毕" })],
  },
  "app/plans/[planId]/settings/actions.ts#unlockPeriodAction": { rule: "manage", args: async (f) => [f.region.lockPlan, await lockedPeriod(f.region)] },
  "app/plans/[planId]/goals/[goalId]/edit/actions.ts#updateGoalAction": { rule: "manage", args: async (f) => [await freshGoal(f.region), PREV, goalForm(f)] },
  "app/plans/[planId]/goals/[goalId]/edit/actions.ts#archiveGoalAction": { rule: "manage", args: async (f) => [await freshGoal(f.region), { message: "" }] },
  "app/plans/[planId]/goals/[goalId]/shares-actions.ts#splitGoalAction": {
    rule: "manage",
    args: async (f) => [await freshGoal(f.region), PREV, form({ holder: `department:${f.region.department}`, target: "50" })],
  },
  "app/plans/[planId]/goals/[goalId]/actions.ts#submitEntryAction": {
    rule: "enter",
    args: async (f) => [await freshGoal(f.region), PREV, form({ period: "2024-05", value: "12", note: "正常", confirm: "on" })],
  },
  "app/plans/[planId]/goals/[goalId]/actions.ts#withdrawEntryAction": { rule: "enter", args: async (f) => [await freshVersion(f.region)] },
  "app/plans/[planId]/goals/[goalId]/actions.ts#approveEntryAction": { rule: "manage", args: async (f) => [await freshVersion(f.region)] },
  "app/plans/[planId]/goals/[goalId]/actions.ts#returnEntryAction": { rule: "manage", args: async (f) => [await freshVersion(f.region), "数据有误，请核对"] },
  "app/plans/[planId]/summary/actions.ts#saveExplanationAction": { rule: "enter", args: async (f) => [await freshGoal(f.region), PREV, form({ text: "受汛期影响，进度滞后" })] },
  "app/plans/[planId]/review/actions.ts#approveReviewAction": { rule: "manage", args: async (f) => [await freshVersion(f.region)] },
  "app/plans/[planId]/review/actions.ts#returnReviewAction": { rule: "manage", args: async (f) => [await freshVersion(f.region), "数据有误，请核对"] },
  // A batch: non-admins are refused as a whole; an admin's versions outside their scope are skipped as not found.
  "app/plans/[planId]/review/actions.ts#batchReviewAction": { rule: "adminScope", args: async (f) => [[await freshVersion(f.region)], { action: "approve" }] },
  "app/admin/departments/actions.ts#createDepartmentAction": { rule: "adminScope", args: async (f) => [PREV, form({ name: `新单位${unique()}`, regionId: f.region.id })] },
  "app/admin/departments/actions.ts#renameDepartmentAction": { rule: "adminScope", args: async (f) => [f.region.department, PREV, form({ name: `农业农村局${unique()}` })] },
  "app/admin/regions/actions.ts#createRegionAction": { rule: "adminScope", args: async (f) => [PREV, form({ name: `新设区${unique()}`, level: "district", parentId: f.region.id })] },
  "app/admin/users/actions.ts#createUserAction": {
    rule: "adminScope",
    hideAs: "invalid",
    args: async (f) => [PREV, form({ username: `u${unique()}x`, name: "新用户", role: "reporter", departmentId: f.region.department, password: "luoshi-new-user-9" })],
  },
  "app/admin/users/actions.ts#updateUserAction": {
    rule: "adminScope",
    args: async (f) => [f.region.users.reporter.id, PREV, form({ username: f.region.users.reporter.username, name: "改名", role: "reporter", departmentId: f.region.department, password: "" })],
  },
  "app/admin/tokens/actions.ts#issueTokenAction": { rule: "adminScope", hideAs: "invalid", args: async (f) => [PREV, form({ username: f.region.users.reporter.username, name: "对接" })] },
  "app/admin/tokens/actions.ts#revokeTokenAction": { rule: "adminScope", args: async (f) => [await freshToken(f.region)] },
};

// ---- the world: four governments, each with a unit, a user of each role, plans, goals and versions ----

interface Region {
  key: RegionKey;
  id: string;
  name: string;
  department: string;
  plan: string;
  lockPlan: string;
  goal: string;
  users: Record<Role, { id: string; username: string; token: string; actor: Actor }>;
  periods: string[];
}
let t: TestDatabase;
const regions = {} as Record<RegionKey, Region>;
let routes: Route[] = [];
let actions: { key: string; action: AnyAction }[] = [];
let server: Server;
let base = "";

const NAMES: Record<RegionKey, [string, "province" | "city" | "district", RegionKey | null]> = {
  province: ["上级省", "province", null],
  city: ["本市", "city", "province"],
  district: ["本区", "district", "city"],
  neighbour: ["邻区", "district", "city"],
};

async function freshGoal(region: Region): Promise<string> {
  const goal = await t.db.goal.create({
    data: {
      planId: region.plan, position: unique(), metric: `指标${counter}`, targetValue: "100", unit: "个", comparator: "gte", kind: "increment",
      direction: "higher", accumulates: true, frequency: "monthly", quote: "测试", leadDepartmentId: region.department,
    },
  });
  return goal.id;
}

/** Years for plans made by the import cases, per region, from 2000 (the shared 2025– years are few). */
const importYears = new Map<string, number>();
const importYear = (region: Region) => {
  const year = (importYears.get(region.id) ?? 1999) + 1;
  importYears.set(region.id, year);
  return year;
};

/** A plan of the region without figures (one that may be deleted), for a year of its own. */
async function freshPlan(region: Region): Promise<string> {
  const plan = await t.db.plan.create({ data: { regionId: region.id, region: region.name, level: "city", year: importYear(region), title: `可删除${counter}`, sourceText: "（测试）" } });
  return plan.id;
}

/** An import draft of the region with one candidate in section "1"; `year` one of its own when it is to be committed. */
/** A finished summary export of the region's plan, asked by its reporter (one per region, made once). */
const reporterJobs = new Map<string, Promise<string>>();
function reporterJob(region: Region): Promise<string> {
  let job = reporterJobs.get(region.id);
  if (!job) {
    job = (async () => {
      const { awaitJob, enqueueExport } = await import("@/lib/server/jobs");
      const queued = await enqueueExport(region.users.reporter.actor, region.plan, { format: "xlsx" });
      if (!queued.ok) throw new Error(queued.error.message);
      await awaitJob(queued.value.id);
      return queued.value.id;
    })();
    reporterJobs.set(region.id, job);
  }
  return job;
}

async function freshDraft(region: Region, year = 2100): Promise<{ draft: string; candidate: string }> {
  const quote = "地区生产总值增长6%左右";
  const start = REPORT.indexOf(quote);
  const draft = await t.db.importDraft.create({
    data: {
      regionId: region.id, level: "city", year, title: "测试导入", sourceText: REPORT,
      sections: [{ id: "1", number: "一、", title: "主要预期目标", level: 1, part: "plan", start: 0, end: REPORT.length, parentId: null }],
      candidates: {
        create: [{
          position: 0, origin: "extracted", metric: "地区生产总值", value: "6", unit: "%", comparator: "approx", kind: "growth", direction: "higher", accumulates: false,
          frequency: "quarterly", sectionId: "1", start, end: start + quote.length, quote, suggestedFrequency: "quarterly", frequencyReason: "测试",
        }],
      },
    },
    include: { candidates: true },
  });
  return { draft: draft.id, candidate: draft.candidates[0]!.id };
}

/** The region's department's template for 2024-05 (made by the region's admin) with a fresh goal's figure filled in. */
async function filledTemplate(region: Region): Promise<FormData> {
  const goalId = await freshGoal(region);
  const ExcelJS = (await import("exceljs")).default;
  const { getFillTemplate, templateWorkbook } = await import("@/lib/server/bulk/template");
  const made = await getFillTemplate(region.users.admin.actor, region.plan, { department: region.department, period: "2024-05" });
  if (!made.ok) throw new Error(made.error.message);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateWorkbook(made.value)) as unknown as import("exceljs").Buffer);
  wb.worksheets[0]!.eachRow((row) => {
    if (row.getCell(9).value === goalId) row.getCell(7).value = "12";
  });
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(await wb.xlsx.writeBuffer())]), "template.xlsx");
  return form;
}

/** A pending version of a fresh goal, submitted by the region's reporter. */
async function freshVersion(region: Region): Promise<string> {
  const goalId = await freshGoal(region);
  const version = await t.db.progressEntry.create({
    data: { goalId, period: "2024-04", periodEnd: new Date("2024-04-30T00:00:00Z"), version: 1, value: "10", rawInput: "10", state: "pending", submittedById: region.users.reporter.id, reportedAt: new Date("2024-05-02T00:00:00Z") },
  });
  return version.id;
}

/** A period of the lock plan's year not locked yet (each case takes its own). */
function nextPeriod(region: Region): string {
  const period = region.periods.shift();
  if (!period) throw new Error(`no periods left to lock in ${region.name}`);
  return period;
}
async function lockedPeriod(region: Region): Promise<string> {
  const period = nextPeriod(region);
  await t.db.periodLock.create({ data: { planId: region.lockPlan, period, reason: "已关账", lockedById: region.users.admin.id } });
  return period;
}
/** A live share link of the region's plan (公开看板), and its token. */
async function freshPublicLink(region: Region): Promise<{ id: string; token: string }> {
  const { generatePublicToken, hashPublicToken } = await import("@/lib/domain/public-board");
  const token = generatePublicToken();
  const row = await t.db.publicLink.create({ data: { planId: region.plan, tokenHash: hashPublicToken(token) } });
  return { id: row.id, token };
}
async function freshToken(region: Region): Promise<string> {
  const { generateToken, insertApiToken } = await import("@/lib/server/tokens");
  const row = await t.db.$transaction((tx) => insertApiToken(tx, { userId: region.users.reporter.id, name: "备用", token: generateToken(), createdById: null }));
  return row.id;
}

beforeAll(async () => {
  t = await createTestDatabase();
  const { insertUser } = await import("@/lib/server/users");
  const { generateToken, insertApiToken } = await import("@/lib/server/tokens");
  for (const key of ["province", "city", "district", "neighbour"] as RegionKey[]) {
    const [name, level, parent] = NAMES[key];
    const region = await t.db.region.create({ data: { name, level, parentId: parent ? regions[parent].id : null } });
    const department = await t.db.department.create({ data: { regionId: region.id, name: "农业农村局", position: 1 } });
    const plan = await t.db.plan.create({ data: { regionId: region.id, region: name, level, year: 2024, title: `${name}2024年目标任务`, sourceText: "（测试）", requiresReview: true } });
    const lockPlan = await t.db.plan.create({ data: { regionId: region.id, region: name, level, year: 2023, title: `${name}2023年目标任务`, sourceText: "（测试）" } });
    const users = {} as Region["users"];
    for (const role of ROLES) {
      const username = `${key}_${role}`;
      const row = await t.db.$transaction((tx) =>
        insertUser(tx, { username, name: `${name}${role}`, password: "luoshi-test-pass-1", role, departmentId: role === "reporter" ? department.id : null, regionId: region.id }),
      );
      const token = generateToken();
      await t.db.$transaction((tx) => insertApiToken(tx, { userId: row.id, name: "测试", token, createdById: null }));
      users[role] = { id: row.id, username, token, actor: undefined as unknown as Actor };
    }
    const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, "0")}`);
    regions[key] = { key, id: region.id, name, department: department.id, plan: plan.id, lockPlan: lockPlan.id, goal: "", users, periods: [...months, "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"] };
    regions[key].goal = await freshGoal(regions[key]);
  }
  // Actors once the whole tree exists (a scope is the region and everything below it).
  for (const region of Object.values(regions)) {
    for (const role of ROLES) {
      const user = await t.db.user.findUniqueOrThrow({ where: { id: region.users[role].id } });
      region.users[role].actor = await actorOf(t.db, user);
    }
  }

  const restore = quietly();
  try {
    routes = await Promise.all(routeFiles().map(loadRoute));
    actions = (await Promise.all(serverActionModules().modules.map(loadActions))).flat();
  } finally {
    restore();
  }
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", base);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(url, { method: req.method, headers, ...(chunks.length && { body: Buffer.concat(chunks) }) });
    const found = match(url.pathname, req.method ?? "GET");
    const response = found ? await found.handler(request, { params: Promise.resolve(found.params) }) : new Response("{}", { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await (await import("@/lib/server/jobs")).stopJobs();
  await t?.drop();
});

function quietly(): () => void {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  return () => {
    error.mockRestore();
    warn.mockRestore();
  };
}

function match(pathname: string, method: string) {
  for (const route of routes) {
    const pattern = new RegExp(`^${route.pattern.replace(/\[[^\]]+\]/g, "([^/]+)")}$`);
    const m = pattern.exec(pathname);
    const handler = route.handlers[method as keyof Route["handlers"]];
    if (m && handler) return { handler, params: Object.fromEntries(route.params.map((p, i) => [p, decodeURIComponent(m[i + 1]!)])) };
  }
  return null;
}

const STATUS: Record<Outcome, (status: number) => boolean> = {
  allow: (s) => s >= 200 && s < 300,
  deny: (s) => s === 403,
  hide: (s) => s === 404,
  invalid: (s) => s === 422,
};
const expected = (c: Case, role: Role, relation: Relation): Outcome => {
  const outcome = RULES[c.rule][role][RELATIONS.indexOf(relation)]!;
  return outcome === "hide" && c.hideAs ? c.hideAs : outcome;
};
const fixtureFor = (relation: Relation): Fixture => {
  const region = regions[PLACES[relation].target];
  return { region, plan: region.plan };
};

const HIDDEN = new Set<string>(Object.values(NOT_FOUND));
const DENIED = new Set<string>([...Object.values(FORBIDDEN), "没有权限执行此操作"]);
/** An action's answer as an outcome: saved/ok/redirected, a not-found or forbidden message, or field errors. */
function actionOutcome(result: unknown, thrown: unknown): string {
  if (thrown instanceof mocked.Redirect) return "allow";
  if (thrown) return `threw ${String(thrown)}`;
  if (result === undefined) return "allow";
  const r = result as { ok?: boolean; status?: string; message?: string; fields?: Record<string, string>; done?: string[]; skipped?: Record<string, string> };
  const skipped = r.skipped && Object.values(r.skipped)[0];
  if (skipped) return HIDDEN.has(skipped) ? "hide" : DENIED.has(skipped) ? "deny" : `skipped: ${skipped}`;
  if (r.ok === true || r.status === "saved") return "allow";
  if (r.message && HIDDEN.has(r.message)) return "hide";
  if (r.message && DENIED.has(r.message)) return "deny";
  if (r.fields && Object.keys(r.fields).length) return "invalid";
  return `other: ${r.message}`;
}

describe("the table covers everything on disk", () => {
  it("every route handler method and every server action is in the table, and every entry names one", () => {
    const foundRoutes = routes.flatMap((r) => Object.keys(r.handlers).map((m) => `${m} ${r.pattern}`));
    expect(foundRoutes.filter((key) => !(key in ROUTES)), "routes missing from ROUTES").toEqual([]);
    expect(Object.keys(ROUTES).filter((key) => !foundRoutes.includes(key)), "ROUTES entries without a route").toEqual([]);
    const foundActions = actions.map((a) => a.key);
    expect(foundActions.filter((key) => !(key in ACTIONS)), "server actions missing from ACTIONS").toEqual([]);
    expect(Object.keys(ACTIONS).filter((key) => !foundActions.includes(key)), "ACTIONS entries without an action").toEqual([]);
  });
});

describe("route handlers over HTTP: role × relation → allow, 403 or 404", () => {
  for (const role of ROLES) {
    it(role, async () => {
      const problems: string[] = [];
      let cases = 0;
      const restore = quietly();
      try {
        for (const [key, c] of Object.entries(ROUTES)) {
          const method = key.split(" ")[0]!;
          if (!routes.some((r) => `${method} ${r.pattern}` === key)) continue; // reported above
          for (const relation of RELATIONS) {
            const f = fixtureFor(relation);
            const caller = regions[PLACES[relation].home].users[role];
            const { path, body, form } = await c.request(f);
            const response = await fetch(`${base}${path}`, {
              method,
              headers: { authorization: `Bearer ${caller.token}`, ...(body !== undefined && { "content-type": "application/json" }) },
              ...(body !== undefined && { body: JSON.stringify(body) }),
              ...(form && { body: form }),
            });
            const text = await response.text();
            const want = expected(c, role, relation);
            cases++;
            if (!STATUS[want](response.status)) problems.push(`${key} as ${role} (${relation}): want ${want}, got ${response.status} ${text.slice(0, 160)}`);
            else if (c.lists && want === "allow") {
              const holds = text.includes(`"id":"${c.lists(f)}"`);
              const shouldHold = RULES.read[role][RELATIONS.indexOf(relation)] === "allow";
              if (holds !== shouldHold) problems.push(`${key} as ${role} (${relation}): the list ${holds ? "shows" : "lacks"} the ${f.region.name} record`);
            }
          }
        }
      } finally {
        restore();
      }
      expect(problems, `${cases} requests`).toEqual([]);
    }, 120_000);
  }
});

describe("server actions (currentActor mocked): role × relation → allow, forbidden or not found", () => {
  for (const role of ROLES) {
    it(role, async () => {
      const problems: string[] = [];
      let cases = 0;
      const restore = quietly();
      try {
        for (const [key, c] of Object.entries(ACTIONS)) {
          const action = actions.find((a) => a.key === key)?.action;
          if (!action) continue; // reported above
          for (const relation of RELATIONS) {
            const f = fixtureFor(relation);
            mocked.actor = regions[PLACES[relation].home].users[role].actor;
            const args = await c.args(f);
            let result: unknown;
            let thrown: unknown;
            try {
              result = await action(...args);
            } catch (error) {
              thrown = error;
            }
            const want = expected(c, role, relation);
            const got = actionOutcome(result, thrown);
            cases++;
            if (got !== want) problems.push(`${key.split("#")[1]} as ${role} (${relation}): want ${want}, got ${got}`);
          }
        }
      } finally {
        mocked.actor = null;
        restore();
      }
      expect(problems, `${cases} calls`).toEqual([]);
    }, 120_000);
  }
});
