import "server-only";
import { fail, type Result } from "@/lib/domain/errors";
import type { Actor } from "@/lib/domain/permissions";

// Import drafts: a report read once, stored with its candidates and the engine's suggestions, reviewed candidate by
// candidate (edit, accept, reject, add from a span), then committed as a plan in one transaction. Contract:
// /tmp/briefs/imports-contract.md. Pure rules live in lib/domain/import/.

export type ImportStatus = "draft" | "committed" | "discarded";
export type ImportFormat = "text" | "txt" | "docx" | "pdf";
export type CandidateOrigin = "extracted" | "added" | "milestone_hint";
export type CandidateDecision = "undecided" | "accepted" | "rejected";
export type ImportDiffStatus = "new" | "changed" | "removed" | "unchanged";
export type ReportPart = "review" | "plan" | "other";

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
  comparator: "gte" | "lte" | "approx" | "eq";
  kind: "growth" | "decrease" | "level" | "increment" | "ratio" | "milestone";
  direction: "higher" | "lower";
  accumulates: boolean;
  frequency: "monthly" | "quarterly" | "half_yearly" | "annual";
  leadDepartment: DepartmentRef | null;
  coDepartments: DepartmentRef[];
  sectionId: string | null;
  /** "review": the candidate lies in the review of last year (greyed). */
  part: ReportPart;
  /** Offsets into the draft's text (end exclusive); quote === text.slice(start, end). */
  start: number;
  end: number;
  quote: string;
  description: string | null;
  baseline: { value: string; unit: string | null; year: number | null; quote: string | null } | null;
  previousGoal: { id: string; planId: string; year: number; metric: string; value: string | null; unit: string } | null;
  /** What the engine suggested at import, and why (Chinese), whatever the reviewer then chose. */
  suggestion: {
    leadDepartment: DepartmentRef | null;
    /** e.g. "指标含“就业” → 市人力资源和社会保障局"; "未匹配" when no mapping row matched. */
    leadReason: string;
    frequency: "monthly" | "quarterly" | "half_yearly" | "annual";
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
}

const NOT_YET = "尚未实现";

/**
 * A new draft: `raw` is {regionId, level, year?, title?, text?, planId?}; the text comes from `file` when given.
 * Admin of the region (404 outside what one may read, 403 otherwise).
 */
export async function createImport(actor: Actor | null, raw: unknown, file?: UploadedReport): Promise<Result<ImportView>> {
  void actor, raw, file;
  return fail("bad_request", NOT_YET);
}

/** The drafts of the regions the admin manages, newest first; `status` filters. */
export async function listImports(actor: Actor | null, query: { status?: ImportStatus } = {}): Promise<Result<ImportSummary[]>> {
  void actor, query;
  return fail("bad_request", NOT_YET);
}

export async function getImport(actor: Actor | null, importId: string): Promise<Result<ImportView>> {
  void actor, importId;
  return fail("bad_request", NOT_YET);
}

/** Edit fields, accept or reject one candidate: `raw` is {version, decision?, metric?, value?, …}. */
export async function updateCandidate(actor: Actor | null, importId: string, candidateId: string, raw: unknown): Promise<Result<CandidateView>> {
  void actor, importId, candidateId, raw;
  return fail("bad_request", NOT_YET);
}

/** A candidate from a span the reviewer selected: {start, end, metric?, value?, unit?, kind?, …}. */
export async function addCandidate(actor: Actor | null, importId: string, raw: unknown): Promise<Result<CandidateView>> {
  void actor, importId, raw;
  return fail("bad_request", NOT_YET);
}

/** A section's candidates (and its subsections'): {sectionId, decision?, leadDepartmentId?}. */
export async function updateSection(actor: Actor | null, importId: string, raw: unknown): Promise<Result<{ updated: number }>> {
  void actor, importId, raw;
  return fail("bad_request", NOT_YET);
}

export async function discardImport(actor: Actor | null, importId: string): Promise<Result<{ id: string; status: ImportStatus }>> {
  void actor, importId;
  return fail("bad_request", NOT_YET);
}

/** Creates the plan (or applies a re-import) from the accepted candidates: {acceptAll?}. */
export async function commitImport(actor: Actor | null, importId: string, raw: unknown): Promise<Result<CommitResult>> {
  void actor, importId, raw;
  return fail("bad_request", NOT_YET);
}
