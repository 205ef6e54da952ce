// The queues of lib/server/jobs and what their jobs carry. Names are pg-boss queue names (one partition each).
import type { AppError } from "@/lib/domain/errors";
import type { Actor } from "@/lib/domain/permissions";
import type { SummaryFilters } from "../summary";
import type { ExportFormat } from "../exports/summary-export";

export const QUEUES = {
  /** A summary .docx/.xlsx, made as the user who asked, stored as the job's result file. */
  export: "summary-export",
  /** The confirmed write of a bulk upload, from the template stored as the job's input file. */
  bulk: "bulk-upload",
  /** 催报 for one plan now (an admin's request). */
  planReminders: "plan-reminders",
  /** 催报 for every plan of the year, scheduled daily. */
  dailyReminders: "daily-reminders",
  /** Judges every live plan's goals for the new day (kept verdicts, decision 0018), scheduled just after midnight. */
  dailyVerdicts: "daily-verdicts",
  /** Deletes job files past their expiry, scheduled hourly. */
  cleanup: "job-files-cleanup",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** What the API calls each kind of job a user may ask for and read. */
export const JOB_KINDS = { [QUEUES.export]: "export", [QUEUES.bulk]: "bulk-upload", [QUEUES.planReminders]: "reminders" } as const;
export type UserQueue = keyof typeof JOB_KINDS;
export type JobKind = (typeof JOB_KINDS)[UserQueue];
export const USER_QUEUES = Object.keys(JOB_KINDS) as UserQueue[];

/**
 * Every job a user asks for names them and the plan: reads of the job check against both, and the worker acts as
 * the asker as the request saw them (their role and government), every permission checked again when it runs.
 */
export interface UserJobData {
  userId: string;
  planId: string;
  actor: Actor;
}

export interface ExportJobData extends UserJobData {
  format: ExportFormat;
  filters: SummaryFilters;
}

export interface BulkJobData extends UserJobData {
  /** The upload's options (confirm, reportedAt, department, period) as the route received them. */
  options: Record<string, string>;
}

export type PlanRemindersJobData = UserJobData;

/** A job's answer (pg-boss `output`): what it made, or the expected failure (permission, validation) it met. */
export type JobOutput =
  | { ok: true; fileId?: string; value?: unknown }
  | { ok: false; error: AppError };
