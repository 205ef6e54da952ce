import "server-only";
import { randomUUID } from "node:crypto";
import { fail, ok, type AppError, type Result } from "@/lib/domain/errors";
import { extractTargets, type Extraction } from "@/lib/domain/extract";
import { suggestFrequency } from "@/lib/domain/import/frequency";
import {
  candidateAddInput,
  candidateUpdateInput,
  commitInput,
  importCreateInput,
  reportText,
  sectionBulkInput,
  type CandidateUpdateInput,
} from "@/lib/domain/import/inputs";
import { leadReason, suggestFromMapping } from "@/lib/domain/import/mapping";
import { diffAgainstGoals, findSameMetric } from "@/lib/domain/import/matching";
import { findMilestoneHints } from "@/lib/domain/import/milestones";
import { sectionAt, spanProblem, trimSpan } from "@/lib/domain/import/spans";
import { fieldErrors } from "@/lib/domain/inputs";
import { isPlausibleId } from "@/lib/domain/ids";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { inferAccumulates, inferDirection } from "@/lib/domain/status";
import { Prisma } from "./generated/prisma/client";
import { db, isUniqueViolation } from "./db";
import { recordAudit } from "./audit";
import { loadMappingForSuggestions } from "./department-mapping";
import { readReportFile } from "./import/read";

// Import drafts: a report read once, stored with its candidates and the engine's suggestions, reviewed candidate by
// candidate (edit, accept, reject, add from a span), then committed as a plan in one transaction. Contract:
// docs in README (API) and the types below. Pure rules live in lib/domain/import/.

export type ImportStatus = "draft" | "committed" | "discarded";
export type ImportFormat = "text" | "txt" | "docx" | "pdf";
export type CandidateOrigin = "extracted" | "added" | "milestone_hint";
export type CandidateDecision = "undecided" | "accepted" | "rejected";
export type ImportDiffStatus = "new" | "changed" | "removed" | "unchanged";
export type ReportPart = "review" | "plan" | "other";
type Kind = "growth" | "decrease" | "level" | "increment" | "ratio" | "milestone";
type Comparator = "gte" | "lte" | "approx" | "eq";
type Frequency = "monthly" | "quarterly" | "half_yearly" | "annual";

/** A section as the extraction read it; `id` is hierarchical ("3.2") and candidates refer to it. */
export interface ImportSection {
  id: string;
  number: string;
  title: string;
  level: number;
  part: ReportPart;
  start: number;
  end: number;
  parentId: string | null;
}

export interface DepartmentRef {
  id: string;
  name: string;
}

/** A goal's values before a re-import (the matched goal), to show beside the candidate's. */
export interface GoalBefore {
  metric: string;
  value: string | null;
  valueHigh: string | null;
  unit: string;
  comparator: string;
  kind: string;
  frequency: string;
  leadDepartmentId: string | null;
  quote: string;
  /** The goal holds reported figures: it is never deleted, only archived when the reviewer accepts its removal. */
  hasFigures: boolean;
}

export interface CandidateView {
  id: string;
  position: number;
  origin: CandidateOrigin;
  decision: CandidateDecision;
  /** Send it back with every change: a stale one is refused with 409. */
  version: number;
  metric: string;
  /** Decimal strings ("6.5"); null for a milestone. */
  value: string | null;
  valueHigh: string | null;
  unit: string;
  comparator: Comparator;
  kind: Kind;
  direction: "higher" | "lower";
  accumulates: boolean;
  frequency: Frequency;
  leadDepartment: DepartmentRef | null;
  coDepartments: DepartmentRef[];
  sectionId: string | null;
  /** "review": the candidate lies in the review of last year (greyed). */
  part: ReportPart;
  /** Offsets into the draft's text (end exclusive); quote === text.slice(start, end). -1 for a removed goal. */
  start: number;
  end: number;
  quote: string;
  description: string | null;
  baseline: { value: string; unit: string | null; year: number | null; quote: string | null } | null;
  previousGoal: { id: string; planId: string; year: number; metric: string; value: string | null; unit: string } | null;
  /** What the engine suggested at import, and why (Chinese), whatever the reviewer then chose. */
  suggestion: {
    leadDepartment: DepartmentRef | null;
    /** e.g. "指标含“就业” → 市人力资源和社会保障局"; starts with "未匹配" when no unit was found. */
    leadReason: string;
    frequency: Frequency;
    frequencyReason: string;
  };
  /** Re-import only (null otherwise). */
  diff: ImportDiffStatus | null;
  matchedGoalId: string | null;
  before: GoalBefore | null;
}

export interface ImportCounts {
  total: number;
  undecided: number;
  accepted: number;
  rejected: number;
  milestoneHints: number;
  /** Candidates not rejected that have no lead department (未匹配). */
  withoutDepartment: number;
  /** Re-import only: per diff status; null otherwise. */
  diff: Record<ImportDiffStatus, number> | null;
}

export interface ImportView {
  id: string;
  status: ImportStatus;
  regionId: string;
  region: string;
  level: "national" | "province" | "city" | "county" | "district";
  year: number;
  title: string;
  text: string;
  format: ImportFormat;
  fileName: string | null;
  warnings: string[];
  sections: ImportSection[];
  candidates: CandidateView[];
  counts: ImportCounts;
  /** The region's departments, for the pickers (in their customary order). */
  departments: DepartmentRef[];
  /** Set once committed. */
  planId: string | null;
  /** A re-import: the plan compared with. */
  targetPlanId: string | null;
  createdAt: string;
  updatedAt: string;
  committedAt: string | null;
}

export interface ImportSummary {
  id: string;
  status: ImportStatus;
  regionId: string;
  region: string;
  year: number;
  title: string;
  format: ImportFormat;
  fileName: string | null;
  planId: string | null;
  targetPlanId: string | null;
  counts: ImportCounts;
  createdAt: string;
  updatedAt: string;
}

/** An uploaded file, as bytes and its name; read by readReportFile. */
export interface UploadedReport {
  bytes: Uint8Array;
  filename: string;
}

export interface CommitResult {
  planId: string;
  /** Goals created or changed by the commit, in candidate order. */
  goalIds: string[];
  created: number;
  updated: number;
  archived: number;
  deleted: number;
}

export const IMPORT_MESSAGES = {
  notFound: "找不到该导入草稿",
  candidateNotFound: "找不到该候选指标",
  committed: "该导入已生成计划，不能再修改",
  discarded: "该导入已放弃，不能再修改",
  stale: "该候选指标已被他人修改，请刷新后查看最新内容再修改",
  planExists: (region: string, year: number) => `${region}${year}年的计划已存在：如需按新文本更新，请选择该计划重新导入；或先删除该计划`,
  removedOnlyDecision: "该指标在新文本中已删除，只能接受或拒绝删除",
  noText: "请粘贴报告全文或上传文件",
  noYear: "无法从报告中识别计划年度，请填写年份",
  needsValue: "请填写目标值（或将类型设为里程碑）",
  needsUnit: "请填写单位",
  valueHigh: "区间上限应大于目标值",
  valueHighWithoutValue: "填写区间上限前请先填写目标值",
  foreignDepartment: "所选单位不属于本地区",
  unknownDepartment: "所选单位不存在",
  unknownSection: "所选章节不存在",
  incomplete: (n: number) => `有${n}项已接受的候选指标不完整，请补全后再生成计划`,
} as const;

const M = IMPORT_MESSAGES;

// ---------- reading and presenting ----------

const dec = (d: { toString(): string } | null | undefined): string | null => (d === null || d === undefined ? null : d.toString());

const candidateInclude = {
  leadDepartment: { select: { id: true, name: true } },
  previousGoal: { select: { id: true, planId: true, metric: true, targetValue: true, unit: true, plan: { select: { year: true } } } },
} satisfies Prisma.ImportCandidateInclude;

type CandidateRow = Prisma.ImportCandidateGetPayload<{ include: typeof candidateInclude }>;

function candidateView(row: CandidateRow, departments: Map<string, string>): CandidateView {
  const ref = (id: string | null): DepartmentRef | null => (id && departments.has(id) ? { id, name: departments.get(id)! } : null);
  return {
    id: row.id,
    position: row.position,
    origin: row.origin,
    decision: row.decision,
    version: row.version,
    metric: row.metric,
    value: dec(row.value),
    valueHigh: dec(row.valueHigh),
    unit: row.unit,
    comparator: row.comparator,
    kind: row.kind,
    direction: row.direction,
    accumulates: row.accumulates,
    frequency: row.frequency,
    leadDepartment: row.leadDepartment ? { id: row.leadDepartment.id, name: row.leadDepartment.name } : null,
    coDepartments: row.coDepartmentIds.map(ref).filter((d): d is DepartmentRef => d !== null),
    sectionId: row.sectionId,
    part: row.part as ReportPart,
    start: row.start,
    end: row.end,
    quote: row.quote,
    description: row.description,
    baseline:
      row.baselineValue !== null
        ? { value: row.baselineValue.toString(), unit: row.baselineUnit, year: row.baselineYear, quote: row.baselineQuote }
        : null,
    previousGoal: row.previousGoal
      ? {
          id: row.previousGoal.id,
          planId: row.previousGoal.planId,
          year: row.previousGoal.plan.year,
          metric: row.previousGoal.metric,
          value: dec(row.previousGoal.targetValue),
          unit: row.previousGoal.unit,
        }
      : null,
    suggestion: {
      leadDepartment: ref(row.suggestedLeadDepartmentId),
      leadReason: row.leadReason ?? "未匹配",
      frequency: row.suggestedFrequency,
      frequencyReason: row.frequencyReason,
    },
    diff: row.diff,
    matchedGoalId: row.matchedGoalId,
    before: (row.before as GoalBefore | null) ?? null,
  };
}

/** Review order: by place in the text; goals removed from it (re-import) at the end. */
function byPlace(a: { start: number; position: number }, b: { start: number; position: number }): number {
  const sa = a.start < 0 ? Number.MAX_SAFE_INTEGER : a.start;
  const sb = b.start < 0 ? Number.MAX_SAFE_INTEGER : b.start;
  return sa - sb || a.position - b.position;
}

function countsOf(candidates: readonly { decision: CandidateDecision; origin: CandidateOrigin; leadDepartmentId: string | null; diff: ImportDiffStatus | null }[]): ImportCounts {
  const counts: ImportCounts = { total: candidates.length, undecided: 0, accepted: 0, rejected: 0, milestoneHints: 0, withoutDepartment: 0, diff: null };
  for (const c of candidates) {
    counts[c.decision] += 1;
    if (c.origin === "milestone_hint") counts.milestoneHints += 1;
    if (c.decision !== "rejected" && c.diff !== "removed" && c.leadDepartmentId === null) counts.withoutDepartment += 1;
    if (c.diff) {
      counts.diff ??= { new: 0, changed: 0, removed: 0, unchanged: 0 };
      counts.diff[c.diff] += 1;
    }
  }
  return counts;
}

async function regionDepartments(regionId: string): Promise<DepartmentRef[]> {
  return db.department.findMany({ where: { regionId }, orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true, name: true } });
}

async function loadView(importId: string): Promise<ImportView | null> {
  const draft = await db.importDraft.findUnique({
    where: { id: importId },
    include: { region: { select: { name: true } }, candidates: { include: candidateInclude } },
  });
  if (!draft) return null;
  const departments = await regionDepartments(draft.regionId);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const candidates = [...draft.candidates].sort(byPlace);
  return {
    id: draft.id,
    status: draft.status,
    regionId: draft.regionId,
    region: draft.region.name,
    level: draft.level,
    year: draft.year,
    title: draft.title,
    text: draft.sourceText,
    format: draft.fileFormat as ImportFormat,
    fileName: draft.fileName,
    warnings: Array.isArray(draft.warnings) ? (draft.warnings as string[]) : [],
    sections: draft.sections as unknown as ImportSection[],
    candidates: candidates.map((c) => candidateView(c, names)),
    counts: countsOf(candidates),
    departments,
    planId: draft.planId,
    targetPlanId: draft.targetPlanId,
    createdAt: draft.createdAt.toISOString(),
    updatedAt: draft.updatedAt.toISOString(),
    committedAt: draft.committedAt?.toISOString() ?? null,
  };
}

/**
 * The draft's region checked against the one set of rules (lib/domain/permissions.ts): outside what the actor may
 * read → 404, readable but not theirs to manage → 403. Drafts are the office's work, so reading one is managing.
 */
async function authorizeDraft(actor: Actor | null, importId: string): Promise<Result<{ actor: Actor; regionId: string; status: ImportStatus }>> {
  if (!actor) return fail("unauthenticated");
  const draft = isPlausibleId(importId) ? await db.importDraft.findUnique({ where: { id: importId }, select: { regionId: true, status: true } }) : null;
  if (!draft) return fail("not_found", M.notFound);
  const allowed = authorize(actor, { action: "manageRegion", regionId: draft.regionId }, M.notFound);
  return allowed.ok ? ok({ actor: allowed.value, regionId: draft.regionId, status: draft.status }) : allowed;
}

function editable(status: ImportStatus): Result<null> {
  if (status === "committed") return fail("conflict", M.committed);
  if (status === "discarded") return fail("conflict", M.discarded);
  return ok(null);
}

/** An expected refusal raised inside a transaction (rolls it back), answered as its result. */
class Refusal extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/**
 * Inside a review change's transaction: the draft still open, held so a commit cannot slip in between the check and
 * the write (the commit takes the row FOR UPDATE).
 */
async function holdOpenDraft(tx: Prisma.TransactionClient, importId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ status: ImportStatus }[]>`SELECT status::text AS status FROM "ImportDraft" WHERE id = ${importId} FOR SHARE`;
  const state = rows[0] ? editable(rows[0].status) : fail("not_found", M.notFound);
  if (!state.ok) throw new Refusal(state.error);
}

/** Runs a review change; a Refusal thrown inside becomes its result. */
async function refusing<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error };
    throw error;
  }
}

export async function getImport(actor: Actor | null, importId: string): Promise<Result<ImportView>> {
  const allowed = await authorizeDraft(actor, importId);
  if (!allowed.ok) return allowed;
  const view = await loadView(importId);
  return view ? ok(view) : fail("not_found", M.notFound);
}

/** The drafts of the regions the admin manages, newest first; `status` filters. */
export async function listImports(actor: Actor | null, query: { status?: ImportStatus } = {}): Promise<Result<ImportSummary[]>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const drafts = await db.importDraft.findMany({
    where: { regionId: { in: [...allowed.value.scope.below] }, ...(query.status && { status: query.status }) },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true, status: true, regionId: true, year: true, title: true, fileFormat: true, fileName: true, planId: true, targetPlanId: true,
      createdAt: true, updatedAt: true, region: { select: { name: true } },
      candidates: { select: { decision: true, origin: true, leadDepartmentId: true, diff: true } },
    },
  });
  return ok(
    drafts.map((d) => ({
      id: d.id,
      status: d.status,
      regionId: d.regionId,
      region: d.region.name,
      year: d.year,
      title: d.title,
      format: d.fileFormat as ImportFormat,
      fileName: d.fileName,
      planId: d.planId,
      targetPlanId: d.targetPlanId,
      counts: countsOf(d.candidates),
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    })),
  );
}

// ---------- creating a draft ----------

/** The report text: the uploaded file read by readReportFile, else the pasted text; checked like pasted text. */
async function reportTextOf(text: string | undefined, file: UploadedReport | undefined): Promise<Result<{ text: string; format: ImportFormat; fileName: string | null; warnings: string[] }>> {
  if (file) {
    const read = await readReportFile(file.bytes, file.filename);
    if (!read.ok) return fail(read.error.code, read.error.message, { file: read.error.message });
    const checked = reportText.safeParse(read.value.text);
    if (!checked.success) {
      const message = checked.error.issues[0]?.message ?? M.noText;
      return fail("validation", message, { file: message });
    }
    return ok({ text: checked.data, format: read.value.format, fileName: file.filename.slice(0, 255), warnings: read.value.warnings });
  }
  if (text === undefined) return fail("validation", undefined, { text: M.noText });
  return ok({ text, format: "text", fileName: null, warnings: [] });
}

interface GoalForMatch {
  id: string;
  planId: string;
  metric: string;
  unit: string;
  targetValue: Prisma.Decimal | null;
  targetValueHigh: Prisma.Decimal | null;
  comparator: string;
  kind: string;
  frequency: string;
  direction: string;
  accumulates: boolean;
  leadDepartmentId: string | null;
  quote: string;
  _count: { entries: number };
}

const goalForMatchSelect = {
  id: true, planId: true, metric: true, unit: true, targetValue: true, targetValueHigh: true, comparator: true, kind: true, frequency: true,
  direction: true, accumulates: true,
  leadDepartmentId: true, quote: true, _count: { select: { entries: true } },
} as const;

function goalBefore(g: GoalForMatch): GoalBefore {
  return {
    metric: g.metric,
    value: dec(g.targetValue),
    valueHigh: dec(g.targetValueHigh),
    unit: g.unit,
    comparator: g.comparator,
    kind: g.kind,
    frequency: g.frequency,
    leadDepartmentId: g.leadDepartmentId,
    quote: g.quote,
    hasFigures: g._count.entries > 0,
  };
}

type NewCandidate = Omit<Prisma.ImportCandidateCreateManyInput, "importId" | "position">;

/** Suggestions for one candidate: lead department from the region's table, frequency by rule, last year's goal. */
interface Suggester {
  suggest(c: { metric: string; kind: Kind; unit: string; sectionTitle: string | null }): {
    suggestedLeadDepartmentId: string | null;
    leadReason: string;
    suggestedFrequency: Frequency;
    frequencyReason: string;
    previousGoalId: string | null;
  };
}

async function suggesterFor(regionId: string, level: ImportView["level"], year: number): Promise<Suggester> {
  const mapping = await loadMappingForSuggestions(regionId, level);
  const names = new Map(mapping.departments.map((d) => [d.id, d.name]));
  const previousPlan = await db.plan.findUnique({ where: { regionId_year: { regionId, year: year - 1 } }, select: { id: true } });
  const previousGoals = previousPlan
    ? await db.goal.findMany({ where: { planId: previousPlan.id, archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, metric: true, unit: true } })
    : [];
  return {
    suggest(c) {
      const match = suggestFromMapping(c.metric, c.sectionTitle, mapping.entries, mapping.resolveStandard);
      const departmentId = match?.departmentId && names.has(match.departmentId) ? match.departmentId : null;
      const frequency = suggestFrequency({ metric: c.metric, kind: c.kind, unit: c.unit });
      return {
        suggestedLeadDepartmentId: departmentId,
        leadReason: leadReason(match, departmentId ? names.get(departmentId)! : null),
        suggestedFrequency: frequency.frequency,
        frequencyReason: frequency.reason,
        previousGoalId: c.kind === "milestone" ? null : (findSameMetric(c, previousGoals)?.id ?? null),
      };
    },
  };
}

function candidatesFromExtraction(text: string, extraction: Extraction, suggester: Suggester): NewCandidate[] {
  const sections = new Map(extraction.sections.map((s) => [s.id, s]));
  const out: NewCandidate[] = [];
  for (const t of extraction.targets) {
    const section = t.sectionId ? sections.get(t.sectionId) : undefined;
    const s = suggester.suggest({ metric: t.metric, kind: t.kind, unit: t.unit, sectionTitle: section?.title ?? null });
    out.push({
      origin: "extracted",
      metric: t.metric.slice(0, 200),
      value: new Prisma.Decimal(t.value),
      valueHigh: t.valueHigh !== undefined && t.valueHigh !== null ? new Prisma.Decimal(t.valueHigh) : null,
      unit: t.unit.slice(0, 20),
      comparator: t.comparator,
      kind: t.kind,
      direction: t.direction,
      accumulates: t.accumulates,
      frequency: s.suggestedFrequency,
      leadDepartmentId: s.suggestedLeadDepartmentId,
      sectionId: t.sectionId,
      part: section?.part ?? "plan",
      start: t.start,
      end: t.end,
      quote: t.quote,
      baselineValue: t.baseline ? new Prisma.Decimal(t.baseline.value) : null,
      baselineUnit: t.baseline?.unit ?? null,
      baselineYear: t.baseline?.year ?? null,
      baselineQuote: t.baseline?.quote ?? null,
      ...s,
    });
  }
  // The extractor's qualitative mode (clauses with a target cue and no figure); the cue list here if it gave none.
  const hints = extraction.milestones
    ? extraction.milestones.map((m) => ({ start: m.start, end: m.end, quote: m.quote, metric: m.metric }))
    : findMilestoneHints(text, extraction.sections, extraction.targets).map((h) => ({ ...h, metric: h.quote }));
  for (const hint of hints) {
    const section = sectionAt(extraction.sections, hint.start, hint.end);
    const s = suggester.suggest({ metric: hint.metric, kind: "milestone", unit: "", sectionTitle: section?.title ?? null });
    out.push({
      origin: "milestone_hint",
      metric: hint.metric.slice(0, 200),
      value: null,
      valueHigh: null,
      unit: "",
      comparator: "eq",
      kind: "milestone",
      direction: "higher",
      accumulates: false,
      frequency: s.suggestedFrequency,
      leadDepartmentId: s.suggestedLeadDepartmentId,
      sectionId: section?.id ?? null,
      part: section?.part ?? "plan",
      start: hint.start,
      end: hint.end,
      quote: hint.quote,
      ...s,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * A new draft: `raw` is {regionId, level, year?, title?, text?, planId?}; the text comes from `file` when given.
 * Admin of the region (404 outside what one may read, 403 otherwise). The extraction runs once, here.
 */
export async function createImport(actor: Actor | null, raw: unknown, file?: UploadedReport): Promise<Result<ImportView>> {
  const manager = authorize(actor, { action: "manage" });
  if (!manager.ok) return manager;
  const parsed = importCreateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const input = parsed.data;
  const region = await db.region.findUnique({ where: { id: input.regionId }, select: { id: true, name: true } });
  if (!region) return fail("not_found", NOT_FOUND.region);
  const allowed = authorize(manager.value, { action: "manageRegion", regionId: region.id }, NOT_FOUND.region);
  if (!allowed.ok) return allowed;
  const admin = allowed.value;

  let target: { id: string; year: number } | null = null;
  if (input.planId) {
    const plan = await db.plan.findUnique({ where: { id: input.planId }, select: { id: true, regionId: true, year: true } });
    if (!plan || plan.regionId !== region.id) return fail("validation", undefined, { planId: "所选计划不属于该地区" });
    if (input.year !== undefined && input.year !== plan.year) return fail("validation", undefined, { year: `重新导入的年份应与所选计划一致（${plan.year}年）` });
    target = { id: plan.id, year: plan.year };
  }

  const source = await reportTextOf(input.text, file);
  if (!source.ok) return source;
  const { text } = source.value;
  const extraction = extractTargets(text, { milestones: true });
  const year = target?.year ?? input.year ?? extraction.planYear ?? undefined;
  if (!year) return fail("validation", undefined, { year: M.noYear });
  if (!target) {
    const existing = await db.plan.findUnique({ where: { regionId_year: { regionId: region.id, year } }, select: { id: true } });
    if (existing) return fail("conflict", M.planExists(region.name, year), { planId: M.planExists(region.name, year) });
  }

  const suggester = await suggesterFor(region.id, input.level, year);
  const candidates = candidatesFromExtraction(text, extraction, suggester);
  if (target) {
    const goals: GoalForMatch[] = await db.goal.findMany({
      where: { planId: target.id, archivedAt: null },
      orderBy: { position: "asc" },
      select: goalForMatchSelect,
    });
    const comparable = (c: NewCandidate) => ({
      id: "",
      metric: c.metric,
      unit: c.unit,
      value: c.value === null || c.value === undefined ? null : c.value.toString(),
      valueHigh: c.valueHigh === null || c.valueHigh === undefined ? null : c.valueHigh.toString(),
      comparator: c.comparator,
      kind: c.kind,
      quote: c.quote,
      start: c.start,
      end: c.end,
    });
    const diff = diffAgainstGoals(
      text,
      candidates.map(comparable),
      goals.map((g) => ({ id: g.id, metric: g.metric, unit: g.unit, value: dec(g.targetValue), valueHigh: dec(g.targetValueHigh), comparator: g.comparator, kind: g.kind, quote: g.quote })),
    );
    const byId = new Map(goals.map((g) => [g.id, g]));
    candidates.forEach((c, i) => {
      const match = diff.matches[i]!;
      const goal = match.goalId ? byId.get(match.goalId) : undefined;
      // A hint that matches nothing is still just a hint; one that matches a goal is compared like the rest.
      if (!goal && c.origin === "milestone_hint") return;
      c.diff = match.status;
      c.matchedGoalId = goal?.id ?? null;
      c.before = goal ? (goalBefore(goal) as unknown as Prisma.InputJsonValue) : Prisma.DbNull;
      if (match.status === "unchanged") c.decision = "accepted";
    });
    for (const id of diff.removedGoalIds) {
      const g = byId.get(id)!;
      candidates.push({
        origin: "extracted",
        metric: g.metric,
        value: g.targetValue,
        valueHigh: g.targetValueHigh,
        unit: g.unit,
        comparator: g.comparator as Comparator,
        kind: g.kind as Kind,
        direction: g.direction as "higher" | "lower",
        accumulates: g.accumulates,
        frequency: g.frequency as Frequency,
        leadDepartmentId: g.leadDepartmentId,
        part: "plan",
        start: -1,
        end: -1,
        quote: g.quote,
        suggestedLeadDepartmentId: g.leadDepartmentId,
        leadReason: "沿用原计划",
        suggestedFrequency: g.frequency as Frequency,
        frequencyReason: "沿用原计划",
        diff: "removed",
        matchedGoalId: g.id,
        before: goalBefore(g) as unknown as Prisma.InputJsonValue,
      });
    }
  }

  const title = input.title ?? `${region.name}${year}年政府工作报告目标任务`;
  const draft = await db.$transaction(
    async (tx) => {
      const created = await tx.importDraft.create({
        data: {
          regionId: region.id,
          level: input.level,
          year,
          title,
          sourceText: text,
          fileFormat: source.value.format,
          fileName: source.value.fileName,
          warnings: source.value.warnings,
          sections: extraction.sections as unknown as Prisma.InputJsonValue,
          createdById: admin.userId,
          targetPlanId: target?.id ?? null,
        },
        select: { id: true },
      });
      await tx.importCandidate.createMany({ data: candidates.map((c, position) => ({ ...c, importId: created.id, position })) });
      await recordAudit(tx, {
        actorId: admin.userId,
        action: target ? "import.reimport" : "import.create",
        entityType: "ImportDraft",
        entityId: created.id,
        after: { regionId: region.id, year, title, format: source.value.format, fileName: source.value.fileName, candidates: candidates.length, targetPlanId: target?.id ?? null },
      });
      return created;
    },
    { timeout: 60_000 },
  );
  const view = await loadView(draft.id);
  return view ? ok(view) : fail("not_found", M.notFound);
}

// ---------- reviewing ----------

type CandidateFields = Omit<CandidateUpdateInput, "version" | "decision">;

/** Departments named must be the draft region's own. */
async function checkDepartments(regionId: string, ids: readonly string[]): Promise<Record<string, string> | null> {
  const unique = [...new Set(ids)];
  if (!unique.length) return null;
  const found = await db.department.findMany({ where: { id: { in: unique } }, select: { regionId: true } });
  if (found.length !== unique.length) return { leadDepartmentId: M.unknownDepartment };
  if (found.some((d) => d.regionId !== regionId)) return { leadDepartmentId: M.foreignDepartment };
  return null;
}

interface MergedCandidate {
  metric: string;
  value: string | null;
  valueHigh: string | null;
  unit: string;
  kind: Kind;
  decision: CandidateDecision;
}

/** What an accepted candidate needs to become a goal (the goal form's rules; a milestone has no figure). */
function completenessProblems(c: MergedCandidate): Record<string, string> | null {
  if (c.decision !== "accepted") return null;
  const errors: Record<string, string> = {};
  if (c.kind !== "milestone") {
    if (c.value === null) errors.value = M.needsValue;
    if (!c.unit.trim()) errors.unit = M.needsUnit;
  }
  if (!c.metric.trim()) errors.metric = "请填写指标名称";
  return Object.keys(errors).length ? errors : null;
}

function rangeProblems(value: string | null, valueHigh: string | null): Record<string, string> | null {
  if (valueHigh === null) return null;
  if (value === null) return { valueHigh: M.valueHighWithoutValue };
  return new Prisma.Decimal(valueHigh).gt(new Prisma.Decimal(value)) ? null : { valueHigh: M.valueHigh };
}

/** The data for a candidate's edited fields; direction and accumulates follow a new kind unless given. */
function candidateData(input: CandidateFields, current: { metric: string; comparator: Comparator; kind: Kind }) {
  const kind = input.kind ?? current.kind;
  const comparator = input.comparator ?? current.comparator;
  const metric = input.metric ?? current.metric;
  const reclassified = input.kind !== undefined || input.comparator !== undefined || input.metric !== undefined;
  return {
    ...(input.metric !== undefined && { metric: input.metric }),
    ...(input.value !== undefined && { value: input.value === null ? null : new Prisma.Decimal(input.value) }),
    ...(input.valueHigh !== undefined && { valueHigh: input.valueHigh === null ? null : new Prisma.Decimal(input.valueHigh) }),
    ...(kind === "milestone" && input.kind !== undefined && input.value === undefined && { value: null, valueHigh: null }),
    ...(input.unit !== undefined && { unit: input.unit }),
    ...(input.comparator !== undefined && { comparator: input.comparator }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.direction !== undefined ? { direction: input.direction } : reclassified ? { direction: inferDirection(metric, comparator, kind) } : {}),
    ...(input.accumulates !== undefined ? { accumulates: input.accumulates } : input.kind !== undefined ? { accumulates: inferAccumulates(kind) } : {}),
    ...(input.frequency !== undefined && { frequency: input.frequency }),
    ...(input.leadDepartmentId !== undefined && { leadDepartmentId: input.leadDepartmentId }),
    ...(input.coDepartmentIds !== undefined && { coDepartmentIds: [...new Set(input.coDepartmentIds)] }),
    ...(input.sectionId !== undefined && { sectionId: input.sectionId }),
    ...(input.description !== undefined && { description: input.description ?? null }),
  };
}

function hasSection(sections: unknown, sectionId: string): boolean {
  return Array.isArray(sections) && sections.some((s) => (s as ImportSection).id === sectionId);
}

function sectionPart(sections: unknown, sectionId: string | null): ReportPart | null {
  if (!sectionId || !Array.isArray(sections)) return null;
  return ((sections as ImportSection[]).find((s) => s.id === sectionId)?.part as ReportPart | undefined) ?? null;
}

async function candidateResult(candidateId: string): Promise<Result<CandidateView>> {
  const row = await db.importCandidate.findUnique({ where: { id: candidateId }, include: { ...candidateInclude, draft: { select: { regionId: true } } } });
  if (!row) return fail("not_found", M.candidateNotFound);
  const departments = await regionDepartments(row.draft.regionId);
  return ok(candidateView(row, new Map(departments.map((d) => [d.id, d.name]))));
}

/** Edit fields, accept or reject one candidate: `raw` is {version, decision?, metric?, value?, …}. */
export async function updateCandidate(actor: Actor | null, importId: string, candidateId: string, raw: unknown): Promise<Result<CandidateView>> {
  const allowed = await authorizeDraft(actor, importId);
  if (!allowed.ok) return allowed;
  const open = editable(allowed.value.status);
  if (!open.ok) return open;
  const parsed = candidateUpdateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const { version, decision, ...fields } = parsed.data;
  const current = isPlausibleId(candidateId)
    ? await db.importCandidate.findFirst({ where: { id: candidateId, importId }, include: { draft: { select: { sections: true } } } })
    : null;
  if (!current) return fail("not_found", M.candidateNotFound);
  if (current.version !== version) return fail("conflict", M.stale);
  const changesFields = Object.values(fields).some((v) => v !== undefined);
  if (current.diff === "removed" && changesFields) return fail("validation", M.removedOnlyDecision, { decision: M.removedOnlyDecision });

  const errors: Record<string, string> = {};
  if (fields.sectionId && !hasSection(current.draft.sections, fields.sectionId)) errors.sectionId = M.unknownSection;
  const departmentErrors = await checkDepartments(allowed.value.regionId, [
    ...(fields.leadDepartmentId ? [fields.leadDepartmentId] : []),
    ...(fields.coDepartmentIds ?? []),
  ]);
  Object.assign(errors, departmentErrors);
  const data = candidateData(fields, current);
  const merged: MergedCandidate = {
    metric: data.metric ?? current.metric,
    value: "value" in data ? dec(data.value) : dec(current.value),
    valueHigh: "valueHigh" in data ? dec(data.valueHigh) : dec(current.valueHigh),
    unit: data.unit ?? current.unit,
    kind: data.kind ?? current.kind,
    decision: decision ?? current.decision,
  };
  Object.assign(errors, rangeProblems(merged.value, merged.valueHigh));
  if (current.diff !== "removed") Object.assign(errors, completenessProblems(merged));
  if (Object.keys(errors).length) return fail("validation", undefined, errors);

  const part = fields.sectionId !== undefined ? (sectionPart(current.draft.sections, fields.sectionId) ?? current.part) : current.part;
  const outcome = await refusing(() => db.$transaction(async (tx) => {
    await holdOpenDraft(tx, importId);
    // The version in the WHERE makes the check and the write one step: a concurrent change wins once.
    const result = await tx.importCandidate.updateMany({
      where: { id: candidateId, version },
      data: { ...data, part, ...(decision !== undefined && { decision }), version: { increment: 1 } },
    });
    if (result.count === 0) return false;
    const after = await tx.importCandidate.findUnique({ where: { id: candidateId } });
    const { draft: _draft, ...before } = current;
    void _draft;
    await recordAudit(tx, { actorId: allowed.value.actor.userId, action: "import.candidate.update", entityType: "ImportCandidate", entityId: candidateId, before, after });
    await tx.importDraft.update({ where: { id: importId }, data: { updatedAt: new Date() } });
    return true;
  }));
  if (!outcome.ok) return outcome;
  if (!outcome.value) return fail("conflict", M.stale);
  return candidateResult(candidateId);
}

/** A candidate from a span the reviewer selected: {start, end, metric?, value?, unit?, kind?, …}. */
export async function addCandidate(actor: Actor | null, importId: string, raw: unknown): Promise<Result<CandidateView>> {
  const allowed = await authorizeDraft(actor, importId);
  if (!allowed.ok) return allowed;
  const open = editable(allowed.value.status);
  if (!open.ok) return open;
  const parsed = candidateAddInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const { start: rawStart, end: rawEnd, decision = "accepted", ...fields } = parsed.data;
  const draft = await db.importDraft.findUnique({ where: { id: importId }, select: { sourceText: true, sections: true, regionId: true, level: true, year: true } });
  if (!draft) return fail("not_found", M.notFound);
  const text = draft.sourceText;
  const problem = spanProblem(text, rawStart, rawEnd);
  if (problem) return fail("validation", undefined, { [problem.field]: problem.message });
  const { start, end } = trimSpan(text, rawStart, rawEnd);
  const quote = text.slice(start, end);
  const sections = (Array.isArray(draft.sections) ? draft.sections : []) as unknown as ImportSection[];

  // What the engine reads in the span alone fills what the reviewer left blank.
  const read = extractTargets(quote).targets[0];
  const kind: Kind = fields.kind ?? read?.kind ?? (fields.value ? "level" : "milestone");
  const metric = fields.metric ?? read?.metric ?? quote.replace(/\s+/g, "").slice(0, 200);
  const value = fields.value !== undefined ? fields.value : kind === "milestone" ? null : read ? String(read.value) : null;
  const valueHigh = fields.valueHigh !== undefined ? fields.valueHigh : kind !== "milestone" && read?.valueHigh !== undefined ? String(read.valueHigh) : null;
  const unit = fields.unit ?? (kind === "milestone" ? "" : (read?.unit ?? ""));
  const comparator: Comparator = fields.comparator ?? (kind === "milestone" ? "eq" : (read?.comparator ?? "eq"));
  const section = fields.sectionId !== undefined ? (fields.sectionId ? sections.find((s) => s.id === fields.sectionId) ?? null : null) : sectionAt(sections, start, end);

  const errors: Record<string, string> = {};
  if (fields.sectionId && !section) errors.sectionId = M.unknownSection;
  Object.assign(errors, await checkDepartments(draft.regionId, [...(fields.leadDepartmentId ? [fields.leadDepartmentId] : []), ...(fields.coDepartmentIds ?? [])]));
  Object.assign(errors, rangeProblems(value, valueHigh));
  Object.assign(errors, completenessProblems({ metric, value, valueHigh, unit, kind, decision }));
  if (Object.keys(errors).length) return fail("validation", undefined, errors);

  const suggester = await suggesterFor(draft.regionId, draft.level, draft.year);
  const s = suggester.suggest({ metric, kind, unit, sectionTitle: section?.title ?? null });
  const created = await refusing(() => db.$transaction(async (tx) => {
    await holdOpenDraft(tx, importId);
    const last = await tx.importCandidate.aggregate({ where: { importId }, _max: { position: true } });
    const row = await tx.importCandidate.create({
      data: {
        importId,
        position: (last._max.position ?? -1) + 1,
        origin: "added",
        decision,
        metric,
        value: value === null ? null : new Prisma.Decimal(value),
        valueHigh: valueHigh === null ? null : new Prisma.Decimal(valueHigh),
        unit,
        comparator,
        kind,
        direction: fields.direction ?? (read && !fields.kind && !fields.metric ? read.direction : inferDirection(metric, comparator, kind)),
        accumulates: fields.accumulates ?? inferAccumulates(kind),
        frequency: fields.frequency ?? s.suggestedFrequency,
        leadDepartmentId: fields.leadDepartmentId !== undefined ? fields.leadDepartmentId : s.suggestedLeadDepartmentId,
        coDepartmentIds: [...new Set(fields.coDepartmentIds ?? [])],
        sectionId: section?.id ?? null,
        part: section?.part ?? "plan",
        start,
        end,
        quote,
        description: fields.description ?? null,
        ...s,
      },
    });
    await recordAudit(tx, { actorId: allowed.value.actor.userId, action: "import.candidate.add", entityType: "ImportCandidate", entityId: row.id, after: row });
    await tx.importDraft.update({ where: { id: importId }, data: { updatedAt: new Date() } });
    return row;
  }));
  return created.ok ? candidateResult(created.value.id) : created;
}

/** A section's candidates (and its subsections'): {sectionId, decision?, leadDepartmentId?}. */
export async function updateSection(actor: Actor | null, importId: string, raw: unknown): Promise<Result<{ updated: number }>> {
  const allowed = await authorizeDraft(actor, importId);
  if (!allowed.ok) return allowed;
  const open = editable(allowed.value.status);
  if (!open.ok) return open;
  const parsed = sectionBulkInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const { sectionId, decision, leadDepartmentId } = parsed.data;
  const draft = await db.importDraft.findUnique({ where: { id: importId }, select: { sections: true } });
  if (!draft || !hasSection(draft.sections, sectionId)) return fail("validation", undefined, { sectionId: M.unknownSection });
  const departmentErrors = leadDepartmentId ? await checkDepartments(allowed.value.regionId, [leadDepartmentId]) : null;
  if (departmentErrors) return fail("validation", undefined, departmentErrors);

  // NULL-safe: a candidate without a diff (not a re-import) is not "removed".
  const sectionClauses: Prisma.ImportCandidateWhereInput[] = [
    { OR: [{ sectionId }, { sectionId: { startsWith: `${sectionId}.` } }] },
    { OR: [{ diff: null }, { diff: { not: "removed" } }] },
  ];
  const inSection: Prisma.ImportCandidateWhereInput = { importId, AND: sectionClauses };
  return refusing(() => db.$transaction(async (tx) => {
    await holdOpenDraft(tx, importId);
    let count = 0;
    if (decision === "accepted") {
      // Complete candidates only (a figure unless a milestone), and never the unconfirmed milestone hints.
      const rows = await tx.importCandidate.findMany({
        where: {
          importId,
          origin: { not: "milestone_hint" },
          decision: { not: "accepted" },
          AND: [...sectionClauses, { OR: [{ kind: "milestone" }, { value: { not: null }, unit: { not: "" } }] }],
        },
        select: { id: true },
      });
      const ids = rows.map((r) => r.id);
      count = (await tx.importCandidate.updateMany({ where: { id: { in: ids } }, data: { decision, version: { increment: 1 } } })).count;
    } else if (decision === "rejected") {
      count = (await tx.importCandidate.updateMany({ where: { ...inSection, decision: { not: "rejected" } }, data: { decision, version: { increment: 1 } } })).count;
    }
    if (leadDepartmentId !== undefined) {
      // NULL-safe "another unit or none".
      const other: Prisma.ImportCandidateWhereInput =
        leadDepartmentId === null ? { leadDepartmentId: { not: null } } : { OR: [{ leadDepartmentId: null }, { leadDepartmentId: { not: leadDepartmentId } }] };
      const changed = await tx.importCandidate.updateMany({ where: { importId, AND: [...sectionClauses, other] }, data: { leadDepartmentId, version: { increment: 1 } } });
      count = Math.max(count, changed.count);
    }
    await recordAudit(tx, { actorId: allowed.value.actor.userId, action: "import.section", entityType: "ImportDraft", entityId: importId, after: { sectionId, decision, leadDepartmentId, updated: count } });
    await tx.importDraft.update({ where: { id: importId }, data: { updatedAt: new Date() } });
    return { updated: count };
  }));
}

export async function discardImport(actor: Actor | null, importId: string): Promise<Result<{ id: string; status: ImportStatus }>> {
  const allowed = await authorizeDraft(actor, importId);
  if (!allowed.ok) return allowed;
  const open = editable(allowed.value.status);
  if (!open.ok) return open;
  const changed = await db.$transaction(async (tx) => {
    const result = await tx.importDraft.updateMany({ where: { id: importId, status: "draft" }, data: { status: "discarded" } });
    if (result.count) await recordAudit(tx, { actorId: allowed.value.actor.userId, action: "import.discard", entityType: "ImportDraft", entityId: importId, before: { status: "draft" }, after: { status: "discarded" } });
    return result.count > 0;
  });
  return changed ? ok({ id: importId, status: "discarded" }) : fail("conflict", M.committed);
}

// ---------- committing ----------

type Tx = Prisma.TransactionClient;

function goalFieldsOf(c: Prisma.ImportCandidateGetPayload<object>, sectionIds: Map<string, string>) {
  return {
    sectionId: c.sectionId ? (sectionIds.get(c.sectionId) ?? null) : null,
    metric: c.metric,
    targetValue: c.kind === "milestone" ? null : c.value,
    targetValueHigh: c.kind === "milestone" ? null : c.valueHigh,
    unit: c.unit,
    comparator: c.comparator,
    kind: c.kind,
    direction: c.direction,
    accumulates: c.accumulates,
    frequency: c.frequency,
    quote: c.quote,
    sourceStart: c.start >= 0 ? c.start : null,
    sourceEnd: c.end >= 0 ? c.end : null,
    baselineValue: c.baselineValue,
    baselineUnit: c.baselineUnit,
    baselineYear: c.baselineYear,
    baselineQuote: c.baselineQuote,
    previousGoalId: c.previousGoalId,
    leadDepartmentId: c.leadDepartmentId,
    description: c.description,
  };
}

/** The draft's sections as the plan's: re-import keeps a section of the same part, number and title (new offsets). */
async function writeSections(tx: Tx, planId: string, sections: ImportSection[], reuse: boolean): Promise<Map<string, string>> {
  const existing = reuse ? await tx.section.findMany({ where: { planId }, select: { id: true, part: true, number: true, title: true } }) : [];
  const taken = new Set<string>();
  const ids = new Map<string, string>();
  for (const s of sections) {
    const same = existing.find((e) => !taken.has(e.id) && e.part === s.part && (e.number ?? "") === (s.number ?? "") && e.title === s.title);
    if (same) taken.add(same.id);
    ids.set(s.id, same?.id ?? randomUUID());
  }
  const reused = sections.filter((s) => taken.has(ids.get(s.id)!));
  const created = sections.filter((s) => !taken.has(ids.get(s.id)!));
  const rowOf = (s: ImportSection) => ({
    planId,
    position: sections.indexOf(s),
    part: s.part,
    number: s.number ?? null,
    title: s.title,
    start: s.start,
    end: s.end,
  });
  // Parents first, so the tree's foreign keys hold as rows are written.
  await tx.section.createMany({ data: created.map((s) => ({ id: ids.get(s.id)!, ...rowOf(s), parentId: null })) });
  for (const s of [...reused, ...created]) {
    await tx.section.update({ where: { id: ids.get(s.id)! }, data: { ...rowOf(s), parentId: s.parentId ? (ids.get(s.parentId) ?? null) : null } });
  }
  return ids;
}

/** Creates the plan (or applies a re-import) from the accepted candidates: {acceptAll?}. */
export async function commitImport(actor: Actor | null, importId: string, raw: unknown): Promise<Result<CommitResult>> {
  const allowed = await authorizeDraft(actor, importId);
  if (!allowed.ok) return allowed;
  const open = editable(allowed.value.status);
  if (!open.ok) return open;
  const parsed = commitInput.safeParse(raw ?? {});
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const acceptAll = parsed.data.acceptAll ?? false;
  const actorId = allowed.value.actor.userId;

  try {
    const result = await db.$transaction(
      async (tx) => {
        // One commit at a time per draft: the row lock makes a second one wait and then see "committed".
        await tx.$queryRaw`SELECT id FROM "ImportDraft" WHERE id = ${importId} FOR UPDATE`;
        const draft = await tx.importDraft.findUnique({ where: { id: importId }, include: { region: { select: { name: true } } } });
        if (!draft) throw new Refusal(fail("not_found", M.notFound).error);
        const state = editable(draft.status);
        if (!state.ok) throw new Refusal(state.error);
        if (acceptAll) {
          // Every undecided target; not the unconfirmed milestone hints, and not a goal's removal (those need a decision).
          await tx.importCandidate.updateMany({
            where: { importId, decision: "undecided", origin: { not: "milestone_hint" }, OR: [{ diff: null }, { diff: { not: "removed" } }] },
            data: { decision: "accepted", version: { increment: 1 } },
          });
        }
        const accepted = (await tx.importCandidate.findMany({ where: { importId, decision: "accepted" } })).sort(byPlace);
        const incomplete: Record<string, string> = {};
        for (const c of accepted) {
          if (c.diff === "removed") continue;
          const problems = completenessProblems({ metric: c.metric, value: dec(c.value), valueHigh: dec(c.valueHigh), unit: c.unit, kind: c.kind, decision: "accepted" });
          if (problems) incomplete[`candidates.${c.id}`] = `${c.metric}：${Object.values(problems).join("；")}`;
        }
        if (Object.keys(incomplete).length) throw new Refusal(fail("validation", M.incomplete(Object.keys(incomplete).length), incomplete).error);

        const sections = draft.sections as unknown as ImportSection[];
        const reimport = draft.targetPlanId !== null;
        let planId: string;
        if (draft.targetPlanId) {
          planId = draft.targetPlanId;
          const plan = await tx.plan.findUnique({ where: { id: planId }, select: { id: true, sourceText: true } });
          if (!plan) throw new Refusal(fail("conflict", "原计划已被删除，请重新导入").error);
          await tx.plan.update({ where: { id: planId }, data: { sourceText: draft.sourceText } });
        } else {
          const plan = await tx.plan.create({
            data: { regionId: draft.regionId, region: draft.region.name, level: draft.level, year: draft.year, title: draft.title, sourceText: draft.sourceText },
            select: { id: true },
          });
          planId = plan.id;
        }
        const sectionIds = await writeSections(tx, planId, sections, reimport);
        const last = await tx.goal.aggregate({ where: { planId }, _max: { position: true } });
        let position = (last._max.position ?? -1) + 1;
        const goalIds: string[] = [];
        const touched = new Set<string>();
        let created = 0;
        let updated = 0;
        let archived = 0;
        let deleted = 0;
        for (const c of accepted) {
          if (c.matchedGoalId && c.diff === "removed") {
            const goal = await tx.goal.findUnique({ where: { id: c.matchedGoalId }, include: { _count: { select: { entries: true, shares: true, explanations: true } } } });
            if (!goal || goal.archivedAt) continue;
            touched.add(goal.id);
            const { _count: held, ...before } = goal;
            if (held.entries + held.shares + held.explanations === 0) {
              await tx.goal.delete({ where: { id: goal.id } });
              await recordAudit(tx, { actorId, action: "goal.delete", entityType: "Goal", entityId: goal.id, before, after: { importId } });
              deleted += 1;
            } else {
              // Figures are never deleted by an import: the goal is archived with them.
              const after = await tx.goal.update({ where: { id: goal.id }, data: { archivedAt: new Date() } });
              await recordAudit(tx, { actorId, action: "goal.archive", entityType: "Goal", entityId: goal.id, before, after: { ...after, importId } });
              archived += 1;
            }
            continue;
          }
          const fields = goalFieldsOf(c, sectionIds);
          if (c.matchedGoalId) {
            const before = await tx.goal.findUnique({ where: { id: c.matchedGoalId }, include: { coDepartments: { select: { departmentId: true } } } });
            if (before && !before.archivedAt) {
              touched.add(before.id);
              const after = await tx.goal.update({
                where: { id: before.id },
                data: { ...fields, previousGoalId: fields.previousGoalId ?? before.previousGoalId, coDepartments: { deleteMany: {}, create: c.coDepartmentIds.map((departmentId) => ({ departmentId })) } },
              });
              await recordAudit(tx, { actorId, action: "goal.reimport", entityType: "Goal", entityId: before.id, before, after: { ...after, coDepartmentIds: c.coDepartmentIds, importId, candidateId: c.id } });
              goalIds.push(before.id);
              updated += 1;
              continue;
            }
          }
          const goal = await tx.goal.create({
            data: { ...fields, planId, position: position++, coDepartments: { create: c.coDepartmentIds.map((departmentId) => ({ departmentId })) } },
          });
          await recordAudit(tx, { actorId, action: "goal.import", entityType: "Goal", entityId: goal.id, after: { ...goal, coDepartmentIds: c.coDepartmentIds, importId, candidateId: c.id } });
          goalIds.push(goal.id);
          created += 1;
        }
        if (reimport) {
          // Goals the re-import left alone keep their quote; their offsets follow it into the new text, or are cleared.
          const others = await tx.goal.findMany({ where: { planId, id: { notIn: [...touched, ...goalIds] } }, select: { id: true, quote: true, sourceStart: true } });
          for (const g of others) {
            const at = g.quote ? draft.sourceText.indexOf(g.quote) : -1;
            const next = at >= 0 ? { sourceStart: at, sourceEnd: at + g.quote.length } : { sourceStart: null, sourceEnd: null };
            if (g.sourceStart !== next.sourceStart) await tx.goal.update({ where: { id: g.id }, data: next });
          }
        }
        await tx.importDraft.update({ where: { id: importId }, data: { status: "committed", planId, committedAt: new Date() } });
        await recordAudit(tx, {
          actorId,
          action: reimport ? "plan.reimport" : "plan.import",
          entityType: "Plan",
          entityId: planId,
          after: { importId, region: draft.region.name, level: draft.level, year: draft.year, title: draft.title, created, updated, archived, deleted, sections: sections.length, acceptAll },
        });
        return { planId, goalIds, created, updated, archived, deleted };
      },
      { timeout: 120_000 },
    );
    return ok(result);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.error };
    if (isUniqueViolation(error)) return fail("conflict", "该地区该年度的计划已存在（可能刚由他人生成），请刷新后查看");
    throw error;
  }
}
