// The bar for bad input, swept over the whole surface: every /api/v1 route handler and every server action, both
// found on disk at test time (a new one fails here until it is described below). Each field is fed, one at a time,
// NUL, 1 MB, control characters, full-width digits, an id that names nothing (or another plan's), and — where
// JSON or a plain argument can carry it — a number, an array, an object and null. Every refusal must be a 4xx with
// the JSON error envelope and a Chinese message (API) or a state/result with a Chinese message (actions); no
// exception may escape and no table may change. At the end the untouched requests and calls are made once each,
// to show that it was the bad value, not something else, that was refused.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { exportRequest } from "@/lib/domain/jobs";
import { boardQuery, summaryQuery, explanationInput, departmentCreateInput, departmentInput, goalCreateInput, goalUpdateInput, planCreateInput, planSettingsInput, regionCreateInput, tokenCreateInput, userCreateInput, userUpdateInput } from "@/lib/domain/inputs";
import { entrySubmitInput, includePendingQuery, lockInput, returnInput } from "@/lib/domain/entries/inputs";
import { sharesInput } from "@/lib/domain/shares";
import { bulkOptions, templateQuery } from "@/lib/domain/bulk";
import { candidateAddInput, candidateUpdateInput, commitInput, importCreateInput, mappingInput, planUpdateInput, sectionBulkInput } from "@/lib/domain/import/inputs";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { loadActions, loadRoute, routeFiles as listRouteFiles, serverActionModules, type AnyAction, type Route } from "@/test/surface";
import { planListQuery } from "@/lib/server/plans";

const mocked = vi.hoisted(() => {
  /** What `redirect()` throws here (in Next it throws too, and the action ends there). */
  class Redirect extends Error {
    constructor(readonly url: string) {
      super(`redirect(${url})`);
    }
  }
  return { actor: null as Actor | null, cookie: "", Redirect };
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
  headers: async () => new Headers({ cookie: mocked.cookie }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));

const CHINESE = /[\u4e00-\u9fff]/;

// ---- the bad values (one 1 MB string, reused) ----

const HUGE = "9".repeat(1 << 20);
const NUL = "a\u0000b";
const CONTROL = "\u0001\u001f\u007f";
/** Well-formed, names nothing. */
const MISSING_ID = "cmissing00000000000000000";

/**
 * What a field holds. Full-width digits are bad only where a shape is expected (ids, dates, periods, choices,
 * integers); decimals convert them on purpose and free text may hold them. A number is refused where text is
 * expected; where a number is welcome (`decimal`, `figure`, `int`) a bad number is sent instead.
 */
type Kind = "text" | "multiline" | "report" | "password" | "id" | "idList" | "enum" | "date" | "period" | "int" | "decimal" | "figure" | "bool" | "json" | "object";
interface FieldSpec {
  kind: Kind;
  /** null is a meaningful value (clears a reference, "no base version"): not sent as a bad one. */
  nullable?: boolean;
  /** The bad number for a field that takes numbers. */
  badNumber?: number;
  /** More bad values of this field (another plan's section, a nested field of an object argument …). */
  extra?: () => [string, unknown][];
  /** The bad values of this field instead of the generic ones. */
  only?: () => [string, unknown][];
  /** Why the field is sent but not swept (a checkbox reads any value but "on" as unchecked). */
  notSwept?: string;
  /** Other fields set alongside, so that the code path reading this field is reached. */
  with?: Record<string, unknown>;
}
type Channel = "json" | "form" | "query" | "path" | "arg";

const FULL_WIDTH: Partial<Record<Kind, string>> = {
  id: "２０２４", idList: "２０２４", enum: "２", date: "２０２４-０６-３０", period: "２０２４-０６", int: "２０２４", bool: "１",
};
const BAD_NUMBER: Partial<Record<Kind, number>> = { int: 1.5, decimal: 1e21, figure: 1e21 };

/** The bad values of one field on one channel, each with a label. */
function badValues(spec: FieldSpec, channel: Channel): [string, unknown][] {
  if (spec.notSwept) return [];
  if (spec.only) return spec.only();
  const typed = channel === "json" || channel === "arg";
  const strings: [string, string][] = [
    ["NUL", NUL],
    ["1 MB", spec.kind === "report" ? HUGE + HUGE : HUGE],
    ["control characters", CONTROL],
  ];
  const fullWidth = FULL_WIDTH[spec.kind];
  if (fullWidth) strings.push(["full-width digits", fullWidth]);
  // As a query filter, an id that names nothing is a filter that matches nothing: an empty answer, not bad input.
  if ((spec.kind === "id" || spec.kind === "idList") && channel !== "query") strings.push(["an id that names nothing", MISSING_ID]);
  const out: [string, unknown][] =
    spec.kind === "idList" ? strings.map(([label, s]) => [`[${label}]`, [s]]) : [...strings];
  if (typed) {
    out.push(["a number", spec.badNumber ?? BAD_NUMBER[spec.kind] ?? 12345]);
    out.push(spec.kind === "idList" ? ["an array of numbers", [1, 2]] : ["an array", ["x"]]);
    out.push(["an object", { x: 1 }]);
    if (!spec.nullable) out.push(["null", null]);
    if (spec.kind === "idList") out.push(["text instead of a list", NUL]);
  }
  return [...out, ...(spec.extra?.() ?? [])];
}

/** Each field of `fields` set, one at a time, to each of its bad values inside `base`. */
function nested(base: Record<string, unknown>, fields: Record<string, FieldSpec>): () => [string, unknown][] {
  return () =>
    Object.entries(fields).flatMap(([name, spec]) => badValues(spec, "json").map(([label, value]): [string, unknown] => [`.${name} = ${label}`, { ...base, [name]: value }]));
}

// ---- fixtures ----

let t: TestDatabase;
const tokens = { admin: "", reporter: "" };
const actors = {} as Record<"admin" | "reporter", Actor>;
type Role = keyof typeof actors;
/** Valid ids of every kind; the closing check swaps in fresh ones where a call uses its record up. */
const ids = {
  plan: "", otherPlan: "", section: "", otherSection: "", goal: "", otherGoal: "", version: "",
  department: "", otherDepartment: "", reporterUser: "", otherUser: "", token: "", adminUser: "", region: "",
  /** A period of the plan not yet locked. */
  lockable: "2024-06",
};
const LOCKED = "2024-03";
const REPORT = "新区2025年政府工作报告。今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业2万人以上，粮食产量稳定在100万吨以上。";

const TEXT: FieldSpec = { kind: "text" };
const MULTILINE: FieldSpec = { kind: "multiline" };

/** Fields of a goal in an API body (goalCreateInput / goalUpdateInput). */
const goalBodyFields: Record<string, FieldSpec> = {
  metric: TEXT,
  targetValue: { kind: "decimal" },
  targetValueHigh: { kind: "decimal" },
  unit: TEXT,
  comparator: { kind: "enum" },
  kind: { kind: "enum" },
  direction: { kind: "enum" },
  accumulates: { kind: "bool" },
  frequency: { kind: "enum" },
  sectionId: { kind: "id", nullable: true, extra: () => [["another plan's section", ids.otherSection]] },
  leadDepartmentId: { kind: "id", nullable: true },
  coDepartmentIds: { kind: "idList" },
  quote: MULTILINE,
  description: MULTILINE,
};

/** 公开看板: a share link of the plan to revoke, and the token of another (the public board's). */
const publicIds = { link: "", token: "", job: "" };
/** Import drafts (lib/server/imports.ts): a fresh draft with one candidate, and a plan without figures to delete. */
const importIds = { draft: "", candidate: "", deletablePlan: "", year: 2040 };
const candidateFields: Record<string, FieldSpec> = {
  metric: TEXT,
  value: { kind: "decimal", nullable: true },
  valueHigh: { kind: "decimal", nullable: true },
  unit: TEXT,
  comparator: { kind: "enum" },
  kind: { kind: "enum" },
  direction: { kind: "enum" },
  accumulates: { kind: "bool" },
  frequency: { kind: "enum" },
  leadDepartmentId: { kind: "id", nullable: true },
  coDepartmentIds: { kind: "idList" },
  // Section ids of a draft are the extraction's ("2.1"): an id that names nothing is not one.
  sectionId: { kind: "id", nullable: true },
  description: { kind: "multiline", nullable: true },
  decision: { kind: "enum" },
};

// ---- the route handlers ----

interface RouteSpec {
  /** Who calls (default: the admin, so that permission is never what refuses). */
  roles?: Role[];
  /** The query parameters the handler reads, and the valid query sent with every other case. */
  query?: { base?: Record<string, string>; fields: Record<string, FieldSpec> };
  /** A JSON body the handler reads: a valid one, and its fields. Body cases are sent without a query. */
  body?: { base: () => Record<string, unknown>; fields: Record<string, FieldSpec> };
  /** A multipart body (a file upload) sent with every case that has no JSON body. */
  form?: () => FormData;
  /** Valid route parameters of this route instead of PARAMS' (a record the call may use up, e.g. a plan to delete). */
  params?: Record<string, () => string>;
  /** No sign-in (公开看板): the Authorization header is not read, so bad ones are not swept. */
  public?: boolean;
}

const boardFilters: Record<string, FieldSpec> = {
  asOf: { kind: "date" },
  section: { kind: "id" },
  department: { kind: "id" },
  status: { kind: "enum" },
};
const entryFields: Record<string, FieldSpec> = {
  period: { kind: "period" },
  value: { kind: "figure" },
  note: MULTILINE,
  confirm: { kind: "bool" },
  reportedAt: { kind: "date" },
  baseVersion: { kind: "int", nullable: true, badNumber: -1 },
};
const lockFields: Record<string, FieldSpec> = { period: { kind: "period" }, reason: MULTILINE };

/** What each route reads, by "METHOD /api/v1/…" as found on disk. */
const ROUTE_SPECS: Record<string, RouteSpec> = {
  "GET /api/v1/plans": { query: { fields: { asOf: { kind: "date" }, year: { kind: "int", extra: () => [["three digits", "999"], ["five digits", "20245"], ["a year with 年", "2024年"], ["a negative year", "-2024"]] } } } },
  "POST /api/v1/plans": {
    body: {
      base: () => ({ region: "新区", level: "city", year: 2025, text: REPORT }),
      fields: { region: TEXT, regionId: { kind: "id" }, level: { kind: "enum" }, year: { kind: "int" }, title: TEXT, text: { kind: "report" } },
    },
  },
  "GET /api/v1/plans/[planId]": {},
  "PATCH /api/v1/plans/[planId]": { body: { base: () => ({ title: "测试市2024年目标任务" }), fields: { title: TEXT, archived: { kind: "bool" } } } },
  "DELETE /api/v1/plans/[planId]": { params: { planId: () => importIds.deletablePlan } },
  "POST /api/v1/imports": {
    body: {
      base: () => ({ regionId: ids.region, level: "city", year: importIds.year++, text: REPORT }),
      // null year / planId read as absent (the year is read from the text; no re-import).
      fields: { regionId: { kind: "id" }, level: { kind: "enum" }, year: { kind: "int", nullable: true }, title: TEXT, text: { kind: "report" }, planId: { kind: "id", nullable: true } },
    },
  },
  "GET /api/v1/imports/[importId]": {},
  "DELETE /api/v1/imports/[importId]": {},
  "POST /api/v1/imports/[importId]/candidates": {
    body: { base: () => ({ start: 0, end: 10, kind: "milestone" }), fields: { start: { kind: "int" }, end: { kind: "int" }, ...candidateFields } },
  },
  "PATCH /api/v1/imports/[importId]/candidates/[candidateId]": {
    body: { base: () => ({ version: 1, decision: "accepted" }), fields: { version: { kind: "int", badNumber: -1 }, ...candidateFields } },
  },
  "POST /api/v1/imports/[importId]/sections": {
    body: { base: () => ({ sectionId: "1", decision: "accepted" }), fields: { sectionId: { kind: "id" }, decision: { kind: "enum" }, leadDepartmentId: { kind: "id", nullable: true } } },
  },
  "POST /api/v1/imports/[importId]/commit": { body: { base: () => ({ acceptAll: true }), fields: { acceptAll: { kind: "bool" } } } },
  "GET /api/v1/regions/[regionId]/department-mapping": {},
  "PUT /api/v1/regions/[regionId]/department-mapping": {
    body: {
      base: () => ({ rows: [{ keyword: "旅游", departmentId: ids.department }] }),
      fields: {
        rows: {
          kind: "object",
          extra: () =>
            nested({ keyword: "旅游", departmentId: ids.department }, { keyword: TEXT, departmentId: { kind: "id", nullable: true } })().map(
              ([label, row]): [string, unknown] => [`[${label}]`, [row]],
            ),
        },
      },
    },
  },
  "GET /api/v1/plans/[planId]/board": {
    query: { fields: { ...boardFilters, includePending: { kind: "enum" } } },
  },
  "GET /api/v1/plans/[planId]/goals": { query: { fields: boardFilters } },
  "GET /api/v1/plans/[planId]/summary": { query: { fields: { asOf: { kind: "date" }, section: { kind: "id" }, department: { kind: "id" }, region: { kind: "id" } } } },
  "GET /api/v1/plans/[planId]/summary.docx": { query: { fields: { asOf: { kind: "date" }, section: { kind: "id" }, department: { kind: "id" }, region: { kind: "id" } } } },
  "GET /api/v1/plans/[planId]/summary.xlsx": { query: { fields: { asOf: { kind: "date" }, section: { kind: "id" }, department: { kind: "id" }, region: { kind: "id" } } } },
  "POST /api/v1/plans/[planId]/goals": {
    body: {
      base: () => ({ metric: "新增指标", targetValue: "10", unit: "个", comparator: "gte", kind: "increment", frequency: "monthly" }),
      fields: goalBodyFields,
    },
  },
  "GET /api/v1/plans/[planId]/locks": {},
  "POST /api/v1/plans/[planId]/locks": { body: { base: () => ({ period: ids.lockable, reason: "已审核完毕" }), fields: lockFields } },
  "DELETE /api/v1/plans/[planId]/locks": {
    query: { base: { period: LOCKED }, fields: lockFields },
    body: { base: () => ({ period: LOCKED }), fields: lockFields },
  },
  "GET /api/v1/plans/[planId]/overdue": { query: { fields: { asOf: { kind: "date" } } } },
  "GET /api/v1/plans/[planId]/public-links": {},
  "POST /api/v1/plans/[planId]/public-links": {},
  "DELETE /api/v1/plans/[planId]/public-links/[linkId]": {},
  // Reads nothing but the token (no query, no filters).
  "GET /api/v1/public/[token]": { public: true },
  "GET /api/v1/plans/[planId]/audit": {
    query: { fields: { user: { kind: "id" }, action: { kind: "enum" }, period: { kind: "period" }, from: { kind: "date" }, to: { kind: "date" }, cursor: TEXT } },
  },
  "GET /api/v1/goals/[goalId]": { query: { fields: { asOf: { kind: "date" } } } },
  "PATCH /api/v1/goals/[goalId]": { body: { base: () => ({}), fields: goalBodyFields } },
  "DELETE /api/v1/goals/[goalId]": {},
  "GET /api/v1/goals/[goalId]/entries": {},
  "PUT /api/v1/goals/[goalId]/explanation": { roles: ["admin", "reporter"], body: { base: () => ({ text: "受汛期影响，进度滞后" }), fields: { text: MULTILINE } } },
  "GET /api/v1/goals/[goalId]/shares": { query: { fields: { asOf: { kind: "date" } } } },
  "POST /api/v1/goals/[goalId]/shares": {
    body: {
      base: () => ({ shares: [{ departmentId: ids.department, target: "50" }] }),
      fields: {
        shares: {
          kind: "object",
          // Each field of one share, in a list of one.
          extra: () =>
            nested({ departmentId: ids.department, target: "50" }, { regionId: { kind: "id" }, departmentId: { kind: "id" }, target: { kind: "decimal" } })().map(
              ([label, share]): [string, unknown] => [`[${label}]`, [share]],
            ),
        },
      },
    },
  },
  "POST /api/v1/goals/[goalId]/entries": {
    roles: ["admin", "reporter"],
    query: { fields: { asOf: { kind: "date" } } },
    body: { base: () => ({ period: "2024-05", value: "12", note: "正常", confirm: true }), fields: entryFields },
  },
  "POST /api/v1/entries/[versionId]/approve": {},
  "POST /api/v1/entries/[versionId]/return": { body: { base: () => ({ reason: "数据有误，请核对" }), fields: { reason: MULTILINE } } },
  "POST /api/v1/entries/[versionId]/withdraw": { roles: ["admin", "reporter"] },
  "GET /api/v1/plans/[planId]/template.xlsx": {
    roles: ["admin", "reporter"],
    query: {
      get base() {
        return { department: ids.department, period: "2024-05" };
      },
      fields: { department: { kind: "id" }, period: { kind: "period" } },
    },
  },
  "POST /api/v1/plans/[planId]/entries/bulk": {
    roles: ["admin", "reporter"],
    query: { fields: { dryRun: { kind: "enum" }, confirm: { kind: "enum" }, reportedAt: { kind: "date" }, department: { kind: "id" }, period: { kind: "period" } } },
    form: () => {
      const data = new FormData();
      data.append("file", new Blob([bulkFile as Uint8Array<ArrayBuffer>]), "template.xlsx");
      return data;
    },
  },
  "GET /api/v1/me/inbox": {},
  "POST /api/v1/plans/[planId]/exports": {
    roles: ["admin", "reporter"],
    body: { base: () => ({ format: "docx" }), fields: { format: { kind: "enum" }, asOf: { kind: "date" }, section: { kind: "id" }, department: { kind: "id" }, region: { kind: "id" } } },
  },
  "POST /api/v1/plans/[planId]/reminders": {},
  "GET /api/v1/jobs/[jobId]": {},
  "GET /api/v1/jobs/[jobId]/file": {},
  "GET /api/v1/regions": {},
  "POST /api/v1/regions": {
    body: { base: () => ({ name: "新设区", level: "district", parentId: ids.region }), fields: { name: TEXT, level: { kind: "enum" }, parentId: { kind: "id" } } },
  },
};

/** The valid id for each route parameter, and one of another kind of record. */
const PARAMS: Record<string, { valid: () => string; otherKind: () => string }> = {
  planId: { valid: () => ids.plan, otherKind: () => ids.goal },
  goalId: { valid: () => ids.goal, otherKind: () => ids.plan },
  versionId: { valid: () => ids.version, otherKind: () => ids.goal },
  importId: { valid: () => importIds.draft, otherKind: () => ids.plan },
  candidateId: { valid: () => importIds.candidate, otherKind: () => ids.goal },
  regionId: { valid: () => ids.region, otherKind: () => ids.plan },
  linkId: { valid: () => publicIds.link, otherKind: () => ids.goal },
  token: { valid: () => publicIds.token, otherKind: () => ids.plan },
  jobId: { valid: () => publicIds.job, otherKind: () => ids.plan },
};

const routeFiles = listRouteFiles();

/** A filled template (lib/server/bulk) of the plan's department for 2024-05: the goal's figure, 12. */
let bulkFile: Uint8Array = new Uint8Array();
async function filledTemplate(actor: Actor): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const { getFillTemplate, templateWorkbook } = await import("@/lib/server/bulk/template");
  const made = await getFillTemplate(actor, ids.plan, { department: ids.department, period: "2024-05" });
  if (!made.ok) throw new Error(made.error.message);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateWorkbook(made.value)) as unknown as import("exceljs").Buffer);
  const ws = wb.worksheets[0]!;
  ws.eachRow((row) => {
    if (row.getCell(9).value === ids.goal) row.getCell(7).value = "12";
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}


// ---- the server actions ----

interface Slot extends FieldSpec {
  in: "form" | "arg";
  base: () => unknown;
}
interface ActionSpec {
  roles?: Role[];
  slots: Record<string, Slot>;
  /** Calls the action with the slots' values: `arg(name)`, and the form slots as one FormData. */
  invoke(action: AnyAction, arg: (name: string) => unknown, form: FormData): Promise<unknown>;
  /** The redirect a refusal may end in (sign-out always goes to the login page). */
  redirect?: string;
}

const PREV = { status: "idle", message: "", fields: {}, values: {}, at: 0 };
const CHECKBOX = "a checkbox: any value but \"on\" reads as unchecked";
const form = (kind: Kind | FieldSpec, base: () => unknown): Slot => ({ ...(typeof kind === "string" ? { kind } : kind), in: "form", base });
const arg = (kind: Kind | FieldSpec, base: () => unknown): Slot => ({ ...(typeof kind === "string" ? { kind } : kind), in: "arg", base });
const idArg = (base: () => string, otherKind: () => string): Slot =>
  arg({ kind: "id", extra: () => [["an id of another kind", otherKind()]] }, base);

const goalFormSlots = (values: () => Record<string, string>): Record<string, Slot> => ({
  metric: form("text", () => values().metric),
  targetValue: form("decimal", () => values().targetValue),
  targetValueHigh: form("decimal", () => ""),
  unit: form("text", () => values().unit),
  comparator: form("enum", () => "gte"),
  kind: form("enum", () => "increment"),
  direction: form("enum", () => ""),
  accumulates: form("bool", () => ""),
  frequency: form("enum", () => "monthly"),
  sectionId: form({ kind: "id", extra: () => [["another plan's section", ids.otherSection]] }, () => ids.section),
  leadDepartmentId: form("id", () => ids.department),
  coDepartmentIds: form("idList", () => []),
  description: form("multiline", () => ""),
});
const entryFormSlots: Record<string, Slot> = {
  period: form("period", () => "2024-05"),
  value: form("figure", () => "12"),
  note: form("multiline", () => "正常"),
  reportedAt: form("date", () => ""),
  baseVersion: form("int", () => ""),
  confirm: form({ kind: "bool", notSwept: CHECKBOX }, () => "on"),
  // Read only when a confirmation comes without its note: the warnings shown, sent back by the form.
  warnings: form({ kind: "json", with: { note: "" } }, () => "[]"),
};
const userFormSlots = (base: () => Record<string, string>): Record<string, Slot> => ({
  username: form("text", () => base().username),
  name: form("text", () => base().name),
  role: form("enum", () => base().role),
  departmentId: form("id", () => base().departmentId),
  regionId: form("id", () => ""),
  password: form("password", () => base().password),
});

/** Every exported server action, by "file#name". */
const ACTION_SPECS: Record<string, ActionSpec> = {
  "app/actions.ts#logout": {
    // Its only input is the session cookie; header values cannot hold NUL.
    slots: { cookie: arg({ kind: "text", only: () => [["1 MB", HUGE], ["control characters", CONTROL], ["a forged token", "x.y"]] }, () => "") },
    invoke: async (action, value) => {
      mocked.cookie = `better-auth.session_token=${String(value("cookie"))}`;
      return action();
    },
    redirect: "/login",
  },
  "app/admin/departments/actions.ts#createDepartmentAction": {
    slots: { name: form("text", () => "市新设单位"), regionId: form("id", () => ids.region) },
    invoke: (action, _arg, data) => action(PREV, data),
  },
  "app/admin/departments/actions.ts#renameDepartmentAction": {
    slots: { departmentId: idArg(() => ids.otherDepartment, () => ids.plan), name: form("text", () => "市商务局（更名）") },
    invoke: (action, value, data) => action(value("departmentId"), PREV, data),
  },
  "app/admin/regions/actions.ts#createRegionAction": {
    slots: { name: form("text", () => "新设县"), level: form("enum", () => "county"), parentId: form("id", () => ids.region) },
    invoke: (action, _arg, data) => action(PREV, data),
  },
  "app/admin/tokens/actions.ts#issueTokenAction": {
    slots: { username: form("text", () => "tianbao"), name: form("text", () => "数据对接") },
    invoke: (action, _arg, data) => action(PREV, data),
  },
  "app/admin/tokens/actions.ts#revokeTokenAction": {
    slots: { tokenId: idArg(() => ids.token, () => ids.plan) },
    invoke: (action, value) => action(value("tokenId")),
  },
  "app/admin/users/actions.ts#createUserAction": {
    // 停用 is a checkbox read as `=== "on"`: any other value is an unchecked box, not a bad one.
    slots: userFormSlots(() => ({ username: "xinyonghu", name: "新用户", role: "reporter", departmentId: ids.department, password: "Luoshi-xin-2024!" })),
    invoke: (action, _arg, data) => action(PREV, data),
  },
  "app/admin/users/actions.ts#updateUserAction": {
    // The edit form's user name is shown, never read (updateUser keeps it).
    slots: (() => {
      const { username: _shown, ...slots } = userFormSlots(() => ({ username: "", name: "改名的用户", role: "reporter", departmentId: ids.otherDepartment, password: "" }));
      return { userId: idArg(() => ids.otherUser, () => ids.plan), ...slots, disabled: form({ kind: "bool", notSwept: CHECKBOX }, () => "") };
    })(),
    invoke: (action, value, data) => action(value("userId"), PREV, data),
  },
  "app/plans/[planId]/goals/[goalId]/edit/actions.ts#updateGoalAction": {
    slots: { goalId: idArg(() => ids.goal, () => ids.plan), ...goalFormSlots(() => ({ metric: "新建高标准农田", targetValue: "50", unit: "万亩" })) },
    invoke: (action, value, data) => action(value("goalId"), PREV, data),
  },
  "app/plans/[planId]/goals/[goalId]/edit/actions.ts#archiveGoalAction": {
    slots: { goalId: idArg(() => ids.otherGoal, () => ids.plan) },
    invoke: (action, value) => action(value("goalId"), { message: "" }),
  },
  "app/plans/[planId]/goals/[goalId]/actions.ts#submitEntryAction": {
    roles: ["admin", "reporter"],
    slots: { goalId: idArg(() => ids.goal, () => ids.plan), ...entryFormSlots },
    invoke: (action, value, data) => action(value("goalId"), PREV, data),
  },
  "app/plans/[planId]/goals/[goalId]/actions.ts#withdrawEntryAction": {
    roles: ["admin", "reporter"],
    slots: { versionId: idArg(() => ids.version, () => ids.goal) },
    invoke: (action, value) => action(value("versionId")),
  },
  "app/plans/[planId]/goals/[goalId]/actions.ts#approveEntryAction": {
    slots: { versionId: idArg(() => ids.version, () => ids.goal) },
    invoke: (action, value) => action(value("versionId")),
  },
  "app/plans/[planId]/goals/[goalId]/actions.ts#returnEntryAction": {
    slots: { versionId: idArg(() => ids.version, () => ids.goal), reason: arg("multiline", () => "数据有误，请核对") },
    invoke: (action, value) => action(value("versionId"), value("reason")),
  },
  "app/plans/[planId]/goals/[goalId]/shares-actions.ts#splitGoalAction": {
    // Rows of the split form: holder "department:<id>" or "region:<id>", and its target.
    slots: { goalId: idArg(() => ids.goal, () => ids.plan), holder: form("idList", () => [`department:${ids.department}`]), target: form("decimal", () => "50") },
    invoke: (action, value, data) => action(value("goalId"), PREV, data),
  },
  "app/plans/[planId]/summary/actions.ts#saveExplanationAction": {
    roles: ["admin", "reporter"],
    slots: { goalId: idArg(() => ids.goal, () => ids.plan), text: form("multiline", () => "受汛期影响，进度滞后") },
    invoke: (action, value, data) => action(value("goalId"), PREV, data),
  },
  "app/plans/[planId]/review/actions.ts#approveReviewAction": {
    slots: { versionId: idArg(() => ids.version, () => ids.goal) },
    invoke: (action, value) => action(value("versionId")),
  },
  "app/plans/[planId]/review/actions.ts#returnReviewAction": {
    slots: { versionId: idArg(() => ids.version, () => ids.goal), reason: arg("multiline", () => "数据有误，请核对") },
    invoke: (action, value) => action(value("versionId"), value("reason")),
  },
  "app/plans/[planId]/review/actions.ts#batchReviewAction": {
    slots: {
      versionIds: arg({ kind: "idList", extra: () => [["[an id of another kind]", [ids.goal]]] }, () => [ids.version]),
      decision: arg(
        { kind: "object", extra: nested({ action: "return", reason: "数据有误" }, { action: { kind: "enum" }, reason: MULTILINE }) },
        () => ({ action: "return", reason: "数据有误" }),
      ),
    },
    invoke: (action, value) => action(value("versionIds"), value("decision")),
  },
  "app/plans/[planId]/settings/actions.ts#updatePlanSettingsAction": {
    slots: {
      planId: idArg(() => ids.plan, () => ids.goal),
      graceDays: form("int", () => "10"),
      marginBehind: form("decimal", () => "0.1"),
      marginFarBehind: form("decimal", () => "0.3"),
    },
    invoke: (action, value, data) => action(value("planId"), PREV, data),
  },
  "app/plans/[planId]/settings/actions.ts#createGoalAction": {
    slots: { planId: idArg(() => ids.plan, () => ids.goal), ...goalFormSlots(() => ({ metric: "新增指标", targetValue: "10", unit: "个" })) },
    invoke: (action, value, data) => action(value("planId"), PREV, data),
  },
  "app/plans/[planId]/settings/actions.ts#setRequiresReviewAction": {
    slots: { planId: idArg(() => ids.plan, () => ids.goal), requiresReview: arg("bool", () => false) },
    invoke: (action, value) => action(value("planId"), value("requiresReview")),
  },
  "app/plans/[planId]/settings/actions.ts#lockPeriodAction": {
    slots: { planId: idArg(() => ids.plan, () => ids.goal), period: form("period", () => ids.lockable), reason: form("multiline", () => "已审核完毕") },
    invoke: (action, value, data) => action(value("planId"), PREV, data),
  },
  "app/plans/[planId]/settings/actions.ts#unlockPeriodAction": {
    slots: { planId: idArg(() => ids.plan, () => ids.goal), period: arg("period", () => LOCKED) },
    invoke: (action, value) => action(value("planId"), value("period")),
  },
};

/**
 * The schema behind each swept body, query or form, by its ROUTE_SPECS / ACTION_SPECS key: each of its fields must be
 * swept, so a field added to a schema cannot be forgotten here. The third item: fields the caller never sends.
 */
const SCHEMAS: [string, "body" | "query" | "form", { shape: object }[], string[]][] = [
  ["POST /api/v1/plans", "body", [planCreateInput], []],
  ["PATCH /api/v1/plans/[planId]", "body", [planUpdateInput], []],
  ["POST /api/v1/imports", "body", [importCreateInput], []],
  ["POST /api/v1/imports/[importId]/candidates", "body", [candidateAddInput], []],
  ["PATCH /api/v1/imports/[importId]/candidates/[candidateId]", "body", [candidateUpdateInput], []],
  ["POST /api/v1/imports/[importId]/sections", "body", [sectionBulkInput], []],
  ["POST /api/v1/imports/[importId]/commit", "body", [commitInput], []],
  ["PUT /api/v1/regions/[regionId]/department-mapping", "body", [mappingInput], []],
  ["POST /api/v1/plans/[planId]/goals", "body", [goalCreateInput], []],
  ["POST /api/v1/regions", "body", [regionCreateInput], []],
  ["PATCH /api/v1/goals/[goalId]", "body", [goalUpdateInput], []],
  ["POST /api/v1/plans/[planId]/locks", "body", [lockInput], []],
  ["DELETE /api/v1/plans/[planId]/locks", "body", [lockInput], []],
  ["DELETE /api/v1/plans/[planId]/locks", "query", [lockInput], []],
  ["POST /api/v1/goals/[goalId]/entries", "body", [entrySubmitInput], []],
  ["POST /api/v1/goals/[goalId]/shares", "body", [sharesInput], []],
  ["PUT /api/v1/goals/[goalId]/explanation", "body", [explanationInput], []],
  ["app/plans/[planId]/summary/actions.ts#saveExplanationAction", "form", [explanationInput], []],
  ["POST /api/v1/entries/[versionId]/return", "body", [returnInput], []],
  ["GET /api/v1/plans/[planId]/board", "query", [boardQuery, includePendingQuery], []],
  ["GET /api/v1/plans/[planId]/goals", "query", [boardQuery], []],
  ["GET /api/v1/plans/[planId]/summary", "query", [summaryQuery], []],
  ["GET /api/v1/plans/[planId]/template.xlsx", "query", [templateQuery], []],
  ["POST /api/v1/plans/[planId]/entries/bulk", "query", [bulkOptions], []],
  ["GET /api/v1/plans/[planId]/summary.docx", "query", [summaryQuery], []],
  ["GET /api/v1/plans/[planId]/summary.xlsx", "query", [summaryQuery], []],
  ["GET /api/v1/plans", "query", [planListQuery], []],
  ["POST /api/v1/plans/[planId]/exports", "body", [exportRequest], []],
  ["app/admin/departments/actions.ts#createDepartmentAction", "form", [departmentCreateInput], []],
  ["app/admin/departments/actions.ts#renameDepartmentAction", "form", [departmentInput], []],
  ["app/admin/regions/actions.ts#createRegionAction", "form", [regionCreateInput], []],
  ["app/admin/tokens/actions.ts#issueTokenAction", "form", [tokenCreateInput], []],
  ["app/admin/users/actions.ts#createUserAction", "form", [userCreateInput], []],
  ["app/admin/users/actions.ts#updateUserAction", "form", [userUpdateInput], []],
  // The goal form has no 原文 field: the quote comes from the imported report.
  ["app/plans/[planId]/goals/[goalId]/edit/actions.ts#updateGoalAction", "form", [goalUpdateInput], ["quote"]],
  ["app/plans/[planId]/settings/actions.ts#createGoalAction", "form", [goalCreateInput], ["quote"]],
  ["app/plans/[planId]/goals/[goalId]/actions.ts#submitEntryAction", "form", [entrySubmitInput], []],
  ["app/plans/[planId]/settings/actions.ts#lockPeriodAction", "form", [lockInput], []],
  ["app/plans/[planId]/settings/actions.ts#updatePlanSettingsAction", "form", [planSettingsInput], []],
];


const actionModules = serverActionModules();

let routes: Route[] = [];
let actions: { key: string; action: AnyAction }[] = [];

// ---- what "nothing written" means: every table's rows, token use times aside ----

let fingerprintSql = "";

async function fingerprint(): Promise<Record<string, string>> {
  const rows = await t.db.$queryRawUnsafe<{ name: string; count: bigint; hash: string | null }[]>(fingerprintSql);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.count} rows ${r.hash ?? "-"}`]));
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((name) => before[name] !== after[name]);
}

/** A label that shows a value without printing a megabyte of it. */
function shown(value: unknown): string {
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 40)}…(${s.length} chars)` : s;
}

// ---- one sweep ----

interface Sweep {
  problems: string[];
  before: Record<string, string>;
  cases: number;
}

async function newSweep(): Promise<Sweep> {
  return { problems: [], before: await fingerprint(), cases: 0 };
}

async function checkWrites(sweep: Sweep, label: string): Promise<void> {
  const after = await fingerprint();
  const changed = changedTables(sweep.before, after);
  if (changed.length) sweep.problems.push(`${label}: wrote to ${changed.join(", ")}`);
  sweep.before = after;
}

interface RequestCase {
  label: string;
  role: Role;
  params: Record<string, string>;
  query: Record<string, string>;
  body?: string;
  contentType?: string;
  /** The Authorization header instead of the role's bearer token. */
  authorization?: string;
}

function requestFor(route: Route, method: string, c: RequestCase): Request {
  const pathname = route.pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => encodeURIComponent(c.params[name] ?? ""));
  const search = new URLSearchParams(c.query).toString();
  const headers = new Headers({ authorization: c.authorization ?? `Bearer ${tokens[c.role]}` });
  if (c.body !== undefined) headers.set("content-type", c.contentType ?? "application/json");
  // A file upload route gets its multipart body with every case that has no JSON one.
  const form = c.body === undefined ? ROUTE_SPECS[`${method} ${route.pattern}`]?.form?.() : undefined;
  return new Request(`http://localhost${pathname}${search ? `?${search}` : ""}`, { method, headers, body: form ?? c.body });
}

/** Every bad-input request for one route and method. */
function requestCases(route: Route, spec: RouteSpec): RequestCase[] {
  const cases: RequestCase[] = [];
  for (const role of spec.roles ?? ["admin"]) {
    const params = Object.fromEntries(route.params.map((name) => [name, (spec.params?.[name] ?? PARAMS[name]!.valid)()]));
    const query = spec.query?.base ?? {};
    const body = spec.body ? JSON.stringify(spec.body.base()) : undefined;
    const at = (label: string) => `${label} (as ${role})`;
    // The token is read by every handler, first. A header value cannot hold NUL or a line break.
    for (const [label, token] of spec.public ? [] : [["1 MB", HUGE], ["control characters", CONTROL], ["a forged token", "ls_forged"]]) {
      cases.push({ label: at(`Authorization: Bearer ${label}`), role, params, query, body, authorization: `Bearer ${token}` });
    }
    for (const name of route.params) {
      const values: [string, unknown][] = [...badValues({ kind: "id" }, "path"), ["an id of another kind", PARAMS[name]!.otherKind()]];
      for (const [label, value] of values) cases.push({ label: at(`[${name}] = ${label}`), role, params: { ...params, [name]: String(value) }, query, body });
    }
    for (const [name, field] of Object.entries(spec.query?.fields ?? {})) {
      for (const [label, value] of badValues(field, "query")) {
        cases.push({ label: at(`?${name} = ${label}`), role, params, query: { ...query, [name]: String(value) }, body });
      }
    }
    if (spec.body) {
      const base = spec.body.base();
      for (const [name, field] of Object.entries(spec.body.fields)) {
        for (const [label, value] of badValues(field, "json")) {
          cases.push({ label: at(`body.${name} = ${label}`), role, params, query: {}, body: JSON.stringify({ ...base, ...field.with, [name]: value }) });
        }
      }
      const whole: [string, string, string?][] = [
        ["1 MB of JSON (a string)", JSON.stringify(HUGE)],
        ["invalid JSON", `${JSON.stringify(base).slice(0, -1)},`],
        ["a JSON array", JSON.stringify([base])],
        ["text/plain content", "period=2024-06&reason=已审核", "text/plain;charset=UTF-8"],
      ];
      for (const [label, text, contentType] of whole) cases.push({ label: at(`body = ${label}`), role, params, query: {}, body: text, contentType });
    }
  }
  return cases;
}

async function checkResponse(sweep: Sweep, label: string, response: Response): Promise<void> {
  const text = await response.text();
  const problem = (what: string): void => void sweep.problems.push(`${label}: ${response.status} ${what} ${shown(text)}`);
  if (response.status < 400 || response.status >= 500) return problem("is not a 4xx");
  if (!/^application\/json/.test(response.headers.get("content-type") ?? "")) return problem("is not JSON");
  let body: { error?: { code?: unknown; message?: unknown } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return problem("is not JSON");
  }
  if (typeof body.error?.code !== "string" || typeof body.error.message !== "string") return problem("is not the error envelope");
  if (!CHINESE.test(body.error.message)) problem("has no Chinese message");
}

/** A refused call's result: a state or result with a Chinese message, not "saved", not ok. */
function refusalProblem(result: unknown): string | null {
  if (typeof result !== "object" || result === null) return `returned ${shown(result)}`;
  const r = result as { message?: unknown; status?: unknown; ok?: unknown; warnings?: unknown };
  if (typeof r.message !== "string" || !CHINESE.test(r.message)) return `returned no Chinese message: ${shown(r.message)}`;
  if (r.status === "saved" || r.ok === true) return `was accepted: ${shown(r.message)}`;
  if (r.warnings !== undefined && !(Array.isArray(r.warnings) && r.warnings.every((w) => typeof w?.code === "string" && typeof w?.message === "string"))) {
    return `returned malformed warnings: ${shown(r.warnings)}`;
  }
  return null;
}

interface ActionCase {
  label: string;
  role: Role;
  values: Record<string, unknown>;
}

function actionCases(spec: ActionSpec): ActionCase[] {
  const cases: ActionCase[] = [];
  const base = Object.fromEntries(Object.entries(spec.slots).map(([name, slot]) => [name, slot.base()]));
  for (const role of spec.roles ?? ["admin"]) {
    for (const [name, slot] of Object.entries(spec.slots)) {
      for (const [label, value] of badValues(slot, slot.in)) cases.push({ label: `${name} = ${label} (as ${role})`, role, values: { ...base, ...slot.with, [name]: value } });
    }
  }
  return cases;
}

function formData(spec: ActionSpec, values: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [name, slot] of Object.entries(spec.slots)) {
    if (slot.in !== "form") continue;
    const value = values[name];
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, String(v));
  }
  return data;
}

async function callAction(spec: ActionSpec, action: AnyAction, c: ActionCase): Promise<{ result?: unknown; thrown?: unknown }> {
  mocked.actor = actors[c.role];
  mocked.cookie = "";
  try {
    return { result: await spec.invoke(action, (name) => c.values[name], formData(spec, c.values)) };
  } catch (thrown) {
    return { thrown };
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  const tables = await t.db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;
  fingerprintSql = tables
    .map(
      ({ tablename }) =>
        `SELECT '${tablename}' AS name, count(*) AS count, md5(string_agg(j, '|' ORDER BY j)) AS hash ` +
        `FROM (SELECT (to_jsonb(x) - 'lastUsedAt')::text AS j FROM ${quoted(tablename)} x) rows`,
    )
    .join(" UNION ALL ");

  const { insertUser } = await import("@/lib/server/users");
  const { generateToken, insertApiToken } = await import("@/lib/server/tokens");
  const regionId = (await t.db.region.create({ data: { name: "测试市", level: "city" } })).id;
  const otherRegionId = (await t.db.region.create({ data: { name: "另一市", level: "city" } })).id;
  const scope = { regionId, below: [regionId], parentId: null };
  ids.region = regionId;
  const nongye = await t.db.department.create({ data: { regionId, name: "市农业农村局", position: 1 } });
  const shangwu = await t.db.department.create({ data: { regionId, name: "市商务局", position: 2 } });
  ids.department = nongye.id;
  ids.otherDepartment = shangwu.id;
  const users = await t.db.$transaction(async (tx) => ({
    admin: await insertUser(tx, { username: "admin", name: "管理员", password: "luoshi-admin-2024", role: "admin", departmentId: null, regionId }),
    reporter: await insertUser(tx, { username: "tianbao", name: "农业局填报员", password: "luoshi-nongye-2024", role: "reporter", departmentId: nongye.id }),
    other: await insertUser(tx, { username: "shangwu", name: "商务局填报员", password: "luoshi-shangwu-2024", role: "reporter", departmentId: shangwu.id }),
    leader: await insertUser(tx, { username: "leader", name: "市领导", password: "luoshi-leader-2024", role: "leader", departmentId: null, regionId }),
  }));
  ids.reporterUser = users.reporter.id;
  ids.adminUser = users.admin.id;
  ids.otherUser = users.other.id;
  actors.admin = { userId: users.admin.id, username: "admin", name: "管理员", role: "admin", departmentId: null, departmentName: null, scope };
  actors.reporter = { userId: users.reporter.id, username: "tianbao", name: "农业局填报员", role: "reporter", departmentId: nongye.id, departmentName: nongye.name, scope };
  for (const role of ["admin", "reporter"] as const) {
    tokens[role] = generateToken();
    await t.db.$transaction((tx) => insertApiToken(tx, { userId: users[role].id, name: "测试", token: tokens[role], createdById: users.admin.id }));
  }
  ids.token = (await t.db.$transaction((tx) => insertApiToken(tx, { userId: users.other.id, name: "备用", token: generateToken(), createdById: users.admin.id }))).id;

  const plan = await t.db.plan.create({ data: { regionId, region: "测试市", level: "city", year: 2024, title: "测试市2024年目标任务", sourceText: "（测试）" } });
  const other = await t.db.plan.create({ data: { regionId: otherRegionId, region: "另一市", level: "city", year: 2024, title: "另一市2024年目标任务", sourceText: "（测试）" } });
  ids.plan = plan.id;
  ids.otherPlan = other.id;
  ids.section = (await t.db.section.create({ data: { planId: plan.id, position: 0, number: "（一）", title: "推进乡村振兴", start: 0, end: 4 } })).id;
  ids.otherSection = (await t.db.section.create({ data: { planId: other.id, position: 0, number: "（一）", title: "扩大开放", start: 0, end: 4 } })).id;
  const goal = (planId: string, position: number, metric: string) =>
    t.db.goal.create({
      data: {
        planId, position, metric, quote: "（测试）", frequency: "monthly", targetValue: "50", unit: "万亩", comparator: "gte", kind: "increment",
        direction: "higher", accumulates: true, leadDepartmentId: nongye.id, ...(planId === plan.id && { sectionId: ids.section }),
      },
    });
  ids.goal = (await goal(plan.id, 0, "新建高标准农田")).id;
  ids.otherGoal = (await goal(plan.id, 1, "改造提升农田")).id;
  await goal(other.id, 0, "新建高标准农田");
  ids.version = await pendingVersion("2024-04");
  await t.db.periodLock.create({ data: { planId: plan.id, period: LOCKED, reason: "3月已关账", lockedById: users.admin.id } });
  bulkFile = await filledTemplate(actors.admin);
  await freshImport();
  const { generatePublicToken, hashPublicToken } = await import("@/lib/domain/public-board");
  publicIds.link = (await t.db.publicLink.create({ data: { planId: plan.id, tokenHash: hashPublicToken(generatePublicToken()) } })).id;
  publicIds.token = generatePublicToken();
  // A summary export (lib/server/jobs) the admin asked for: GET /jobs/:jobId and its file.
  const { awaitJob, enqueueExport } = await import("@/lib/server/jobs");
  const exported = await enqueueExport(actors.admin, ids.plan, { format: "xlsx" });
  if (!exported.ok) throw new Error(exported.error.message);
  publicIds.job = exported.value.id;
  await awaitJob(publicIds.job); // its file written before the sweeps start counting rows
  await t.db.publicLink.create({ data: { planId: plan.id, tokenHash: hashPublicToken(publicIds.token) } });

  const restore = quietly(); // better-auth warns at import that no base URL is set: requests here carry their own
  try {
    routes = await Promise.all(routeFiles.map(loadRoute));
    actions = (await Promise.all(actionModules.modules.map(loadActions))).flat();
  } finally {
    restore();
  }
});

/** A pending version of the goal's figure for `period` (the newest of its period), submitted by the reporter. */
async function pendingVersion(period: string): Promise<string> {
  const newest = await t.db.progressEntry.aggregate({ where: { goalId: ids.goal, period }, _max: { version: true } });
  const version = await t.db.progressEntry.create({
    data: {
      goalId: ids.goal, period, periodEnd: new Date(`${period}-28T00:00:00Z`), version: (newest._max.version ?? 0) + 1, value: "10", rawInput: "10", state: "pending",
      submittedById: ids.reporterUser, reportedAt: new Date("2024-12-01T00:00:00Z"),
    },
  });
  return version.id;
}

afterAll(async () => {
  await (await import("@/lib/server/jobs")).stopJobs();
  await t?.drop();
});

// Handlers log a 500's exception; the sweep reports it itself.
function quietly(): () => void {
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  return () => {
    error.mockRestore();
    warn.mockRestore();
  };
}

describe("the sweep covers everything on disk", () => {
  it("every route handler method is described, and every description names one", () => {
    const found = routes.flatMap((r) => Object.keys(r.handlers).map((m) => `${m} ${r.pattern}`));
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((key) => !(key in ROUTE_SPECS)), "routes without a description in ROUTE_SPECS").toEqual([]);
    expect(Object.keys(ROUTE_SPECS).filter((key) => !found.includes(key)), "ROUTE_SPECS entries without a route").toEqual([]);
    const params = routes.flatMap((r) => r.params);
    expect(params.filter((p) => !(p in PARAMS)), "route parameters without a valid id in PARAMS").toEqual([]);
  });

  it("every server action is described, and every description names one", () => {
    expect(actionModules.inline, "inline \"use server\" functions (move them to an actions module)").toEqual([]);
    const found = actions.map((a) => a.key);
    expect(found.filter((key) => !(key in ACTION_SPECS)), "server actions without a description in ACTION_SPECS").toEqual([]);
    expect(Object.keys(ACTION_SPECS).filter((key) => !found.includes(key)), "ACTION_SPECS entries without an action").toEqual([]);
  });

  it("every field of the schemas behind the bodies, queries and forms is swept", () => {
    const forgotten: string[] = [];
    for (const [key, where, schemas, neverSent] of SCHEMAS) {
      const route = ROUTE_SPECS[key];
      const swept = Object.keys((where === "form" ? ACTION_SPECS[key]?.slots : where === "body" ? route?.body?.fields : route?.query?.fields) ?? {});
      for (const field of schemas.flatMap((schema) => Object.keys(schema.shape))) {
        if (!swept.includes(field) && !neverSent.includes(field)) forgotten.push(`${key} ${where}.${field}`);
      }
    }
    expect(forgotten).toEqual([]);
  });
});

describe("route handlers: bad input is a 4xx with a Chinese message, and writes nothing", () => {
  for (const [index, file] of routeFiles.entries()) {
    it(file, async () => {
      const route = routes[index]!;
      const sweep = await newSweep();
      let count = 0;
      const restore = quietly();
      try {
        for (const [method, handler] of Object.entries(route.handlers)) {
          const spec = ROUTE_SPECS[`${method} ${route.pattern}`];
          if (!spec) continue; // reported by the coverage check above
          for (const c of requestCases(route, spec)) {
            const label = `${method} ${route.pattern} ${c.label}`;
            await checkResponse(sweep, label, await handler(requestFor(route, method, c), { params: Promise.resolve(c.params) }));
            await checkWrites(sweep, label);
            count++;
          }
        }
      } finally {
        restore();
      }
      expect(sweep.problems, `${count} cases`).toEqual([]);
    });
  }
});

describe("server actions: bad input comes back as a Chinese message, throws nothing and writes nothing", () => {
  for (const file of actionModules.modules) {
    it(file, async () => {
      const sweep = await newSweep();
      let count = 0;
      const restore = quietly();
      try {
        for (const { key, action } of actions.filter((a) => a.key.startsWith(`${file}#`))) {
          const spec = ACTION_SPECS[key];
          if (!spec) continue; // reported by the coverage check above
          for (const c of actionCases(spec)) {
            const label = `${key.split("#")[1]} ${c.label}`;
            const { result, thrown } = await callAction(spec, action, c);
            if (thrown instanceof mocked.Redirect) {
              if (thrown.url !== spec.redirect) sweep.problems.push(`${label}: redirected to ${shown(thrown.url)}`);
            } else if (thrown !== undefined) {
              sweep.problems.push(`${label}: threw ${shown(thrown instanceof Error ? thrown.message : thrown)}`);
            } else if (!spec.redirect) {
              const problem = refusalProblem(result);
              if (problem) sweep.problems.push(`${label}: ${problem}`);
            }
            await checkWrites(sweep, label);
            count++;
          }
        }
      } finally {
        restore();
      }
      expect(sweep.problems, `${count} cases`).toEqual([]);
    });
  }
});

// ---- the same requests and calls with nothing bad in them are accepted ----

/** Fresh records for a call that uses its own up (a version reviewed, a goal archived, a period locked, a plan imported). */
async function refresh(): Promise<void> {
  await t.db.goal.update({ where: { id: ids.goal }, data: { archivedAt: null } }); // DELETE /goals/:goalId archives it
  ids.version = await pendingVersion("2024-07");
  await t.db.periodLock.deleteMany({ where: { planId: ids.plan, period: ids.lockable } });
  ids.otherGoal = (
    await t.db.goal.create({
      data: {
        planId: ids.plan, position: 99, metric: "备用指标", quote: "（测试）", frequency: "monthly", targetValue: "5", unit: "个",
        comparator: "gte", kind: "increment", direction: "higher", accumulates: true,
      },
    })
  ).id;
  await t.db.periodLock.upsert({
    where: { planId_period: { planId: ids.plan, period: LOCKED } },
    create: { planId: ids.plan, period: LOCKED, reason: "3月已关账", lockedById: ids.adminUser },
    update: {},
  });
  await t.db.plan.deleteMany({ where: { region: "新区" } });
  await freshImport();
}

/** A draft of the test region with one candidate in section "1", and a plan without figures (DELETE /plans/:id). */
async function freshImport(): Promise<void> {
  const quote = "地区生产总值增长6%左右";
  const start = REPORT.indexOf(quote);
  const draft = await t.db.importDraft.create({
    data: {
      regionId: ids.region, level: "city", year: importIds.year++, title: "测试导入", sourceText: REPORT,
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
  importIds.draft = draft.id;
  importIds.candidate = draft.candidates[0]!.id;
  importIds.deletablePlan = (await t.db.plan.create({ data: { regionId: ids.region, region: "测试市", level: "city", year: importIds.year++, title: "可删除的计划", sourceText: "（测试）" } })).id;
}

describe("without the bad value, the same request or call is accepted", () => {
  it("every route handler method", async () => {
    const refused: string[] = [];
    for (const route of routes) {
      for (const [method, handler] of Object.entries(route.handlers)) {
        const spec = ROUTE_SPECS[`${method} ${route.pattern}`];
        if (!spec) continue;
        for (const role of spec.roles ?? ["admin"]) {
          await refresh();
          const c: RequestCase = {
            label: "",
            role,
            params: Object.fromEntries(route.params.map((name) => [name, (spec.params?.[name] ?? PARAMS[name]!.valid)()])),
            query: spec.query?.base ?? {},
            body: spec.body ? JSON.stringify(spec.body.base()) : undefined,
          };
          const response = await handler(requestFor(route, method, c), { params: Promise.resolve(c.params) });
          if (response.status >= 300) refused.push(`${method} ${route.pattern} (as ${role}): ${response.status} ${shown(await response.text())}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });

  it("every server action", async () => {
    const refused: string[] = [];
    for (const { key, action } of actions) {
      const spec = ACTION_SPECS[key];
      if (!spec) continue;
      for (const role of spec.roles ?? ["admin"]) {
        await refresh();
        const values = Object.fromEntries(Object.entries(spec.slots).map(([name, slot]) => [name, slot.base()]));
        const { result, thrown } = await callAction(spec, action, { label: "", role, values });
        // Success is a saved state, an ok result, or the redirect to what was made or changed.
        const accepted = thrown instanceof mocked.Redirect || (thrown === undefined && refusalProblem(result) !== null && !/no Chinese/.test(refusalProblem(result)!));
        if (!accepted) refused.push(`${key} (as ${role}): ${shown(thrown instanceof Error ? thrown.message : (result as { message?: unknown })?.message)}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
