"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/server/auth";
import { setShares } from "@/lib/server/shares";

export interface SplitFormState {
  status: "idle" | "saved" | "error";
  message: string;
  fields: Record<string, string>;
  /** A sum that differs from the target: saved, with this said. */
  warnings: { code: string; message: string }[];
  at: number;
}

/** The split form's rows: `holder` ("region:<id>" or "department:<id>") and `target`, in order; blank rows are skipped. */
function sharesOfForm(formData: FormData): { shares: { regionId?: string; departmentId?: string; target: unknown }[] } | string {
  const holders = formData.getAll("holder");
  const targets = formData.getAll("target");
  if (holders.length !== targets.length) return "分解任务的承担方与目标数量不一致，请刷新后重试";
  const shares: { regionId?: string; departmentId?: string; target: unknown }[] = [];
  for (const [i, holder] of holders.entries()) {
    const target = targets[i];
    if (typeof holder !== "string" || typeof target !== "string") return "分解任务的内容无效";
    if (holder === "" && target.trim() === "") continue;
    const match = /^(region|department):(.+)$/.exec(holder);
    if (!match) return `第${i + 1}行：请选择承担地区或单位`;
    shares.push(match[1] === "region" ? { regionId: match[2]!, target } : { departmentId: match[2]!, target });
  }
  return { shares };
}

/** Splits the goal among the rows' holders (the whole list: rows removed are archived shares). */
export async function splitGoalAction(goalId: string, _prev: SplitFormState, formData: FormData): Promise<SplitFormState> {
  const body = sharesOfForm(formData);
  if (typeof body === "string") return { status: "error", message: body, fields: {}, warnings: [], at: Date.now() };
  const result = await setShares(await currentActor(), goalId, body);
  if (!result.ok) {
    const fields = result.error.fields ?? {};
    const detail = Object.entries(fields).map(([key, message]) => {
      const row = /^shares\.(\d+)\./.exec(key);
      return row ? `第${Number(row[1]) + 1}行：${message}` : message;
    });
    return { status: "error", message: detail.length ? detail.join("；") : result.error.message, fields, warnings: [], at: Date.now() };
  }
  revalidatePath("/", "layout");
  const n = result.value.shares.length;
  return {
    status: "saved",
    message: n ? `已分解为${n}项任务` : "已取消全部分解任务",
    fields: {},
    warnings: result.value.warnings,
    at: Date.now(),
  };
}
