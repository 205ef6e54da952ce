/**
 * What the Word and Excel exports of the summary share, pure: the title, the file name and its
 * Content-Disposition, the sheet names, and the numbers an Excel cell holds (the summary rows' own raw fields, so
 * the exports show exactly what the summary says).
 */
import type { SummaryRow } from "./compose";
import { Dec } from "../decimal";
import type { NarrativeKind } from "./narrative";

/** "2024年政府工作报告目标任务完成情况" (year over) or "…目标任务督办通报" (during the year). */
export function exportTitle(planTitle: string, kind: NarrativeKind): string {
  const subject = planTitle.replace(/目标任务$/, "") || planTitle;
  return `${subject}目标任务${kind === "year" ? "完成情况" : "督办通报"}`;
}

/** The download's name: "{title}（截至2025-01-31）.docx", without characters a file system refuses. */
export function exportFileName(title: string, asOf: string, extension: "docx" | "xlsx"): string {
  const clean = title.replace(/[\u0000-\u001f\u007f\\/:*?"<>|]/g, "").trim().slice(0, 120) || "目标任务";
  return `${clean}（截至${asOf}）.${extension}`;
}

/**
 * `attachment` with the Chinese name as RFC 5987 `filename*` and an ASCII fallback for old clients
 * ("summary-2024-2025-01-31.docx").
 */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** A decimal string ("50", "-3.5") as a number; null for none or text. */
export function decimalValue(text: string | null | undefined): number | null {
  if (text == null || !/^-?\d+(\.\d+)?$/.test(text.trim())) return null;
  return new Dec(text.trim()).toNumber();
}

const SHEET_NAME_LIMIT = 31;

/**
 * Excel sheet names for the given titles, in order: at most 31 characters, none of []:*?/\ , not blank, not
 * starting or ending with an apostrophe, unique (case-insensitively) among themselves and `taken`.
 */
export function sheetNames(titles: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  return titles.map((title) => {
    const base = title.replace(/[[\]:*?/\\\u0000-\u001f\u007f]/g, "").replace(/^'+|'+$/g, "").trim() || "章节";
    let name = base.slice(0, SHEET_NAME_LIMIT);
    for (let n = 2; used.has(name.toLowerCase()) || name.toLowerCase() === "history"; n++) {
      const suffix = `（${n}）`;
      name = `${base.slice(0, SHEET_NAME_LIMIT - suffix.length)}${suffix}`;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** "2025年1月31日" from "2025-01-31". */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** 上年 of a row, when the summary carries it (the previous year's actual, 完成率 and verdict). */
export type PreviousYearFacts = NonNullable<SummaryRow["previousYear"]>;

/** "2023年55个，完成率110.0%，超额完成"; "2023年未报送". */
export function previousYearText(prev: PreviousYearFacts): string {
  return `${prev.year}年${[prev.actual ?? "未报送", ...(prev.completion ? [`完成率${prev.completion}`] : []), ...(prev.actual ? [prev.statusLabel] : [])].join("，")}`;
}

/** What the download links on the summary page say while the file is made or when it fails. */
export const DOWNLOAD_MESSAGES = Object.freeze({
  busy: "正在生成…",
  failed: (status: number) => `文件生成失败（${status}），请稍后重试`,
  network: "网络中断，文件未能下载，请稍后重试",
});

/** The file name in a Content-Disposition header (the UTF-8 `filename*` first), or null. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = header.match(/filename\*=UTF-8''([^;]+)/i);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall through to the plain name
    }
  }
  return header.match(/filename="([^"]*)"/i)?.[1] ?? null;
}
