// The vocabulary of queued work (lib/server/jobs) as the API shows it, and the one schema of an export request.
import { z } from "zod";
import { summaryQuery } from "./inputs";

export const EXPORT_FORMATS = ["docx", "xlsx"] as const;

/** POST /api/v1/plans/:planId/exports: the format and the summary's filters (as for GET …/summary). */
export const exportRequest = summaryQuery.extend({
  format: z.enum(EXPORT_FORMATS, { message: "格式应为 docx 或 xlsx" }),
});
export type ExportRequest = z.infer<typeof exportRequest>;

export const JOB_STATES = ["queued", "active", "completed", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

type BossState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

/**
 * A pg-boss state as the API says it: waiting (first time or for a retry) is "queued"; a job that ran and met an
 * expected refusal (its output says `ok: false`) has "failed" as far as its asker is concerned.
 */
export function jobState(state: BossState, answeredOk: boolean | null): JobState {
  switch (state) {
    case "created":
    case "retry":
      return "queued";
    case "active":
      return "active";
    case "completed":
      return answeredOk === false ? "failed" : "completed";
    case "cancelled":
    case "failed":
      return "failed";
  }
}

export const JOB_MESSAGES = {
  notFound: "找不到该任务",
  noFile: "该任务没有可下载的文件（尚未完成、已失败或文件已过期）",
  crashed: "任务执行出错，已重试仍未成功，请稍后重新提交或联系管理员",
  userGone: "提交任务的账号已停用或不存在，任务未执行",
  inputGone: "上传的文件已过期或不存在，请重新上传",
  noSection: "本计划中找不到该章节",
  noDepartment: "本计划所属政府中找不到该单位",
} as const;
