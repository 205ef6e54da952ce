import { isFinalPeriod } from "../periods";
import type { Light, StatusCode } from "./types";

/** In the order of DOMAIN.md's table. */
export const STATUS_CODES: readonly StatusCode[] = [
  "not_started",
  "overdue",
  "on_track",
  "behind",
  "far_behind",
  "met",
  "exceeded",
  "basically_met",
  "not_met",
];

export const LIGHTS: readonly Light[] = ["green", "yellow", "red", "grey", "none"];

const STATUS: Record<StatusCode, { label: string; light: Light }> = {
  not_started: { label: "未开始", light: "none" },
  overdue: { label: "未填报", light: "grey" },
  on_track: { label: "正常", light: "green" },
  behind: { label: "滞后", light: "yellow" },
  far_behind: { label: "严重滞后", light: "red" },
  met: { label: "已完成", light: "green" },
  exceeded: { label: "超额完成", light: "green" },
  basically_met: { label: "基本完成", light: "yellow" },
  not_met: { label: "未完成", light: "red" },
};

const LIGHT_LABELS: Record<Light, string> = {
  green: "绿灯",
  yellow: "黄灯",
  red: "红灯",
  grey: "灰灯",
  none: "未亮灯",
};

export function statusLight(code: StatusCode): Light {
  return STATUS[code].light;
}

export function statusLabel(code: StatusCode): string {
  return STATUS[code].label;
}

/**
 * The label of one goal's verdict: a `met` reached at the year end reads 完成 (DOMAIN.md), before it 已完成 (销号).
 */
export function judgementLabel(judgement: { code: StatusCode; latest: { period: string } | null }): string {
  if (isMetAtYearEnd(judgement)) return "完成";
  return statusLabel(judgement.code);
}

/** A `met` on the year's final figure — it reads 完成, yet is counted with 已完成 (one code, `met`). */
export function isMetAtYearEnd(judgement: { code: StatusCode; latest: { period: string } | null }): boolean {
  return judgement.code === "met" && judgement.latest !== null && isFinalPeriod(judgement.latest.period);
}

export function lightLabel(light: Light): string {
  return LIGHT_LABELS[light];
}

export function isStatusCode(s: string): s is StatusCode {
  return (STATUS_CODES as readonly string[]).includes(s);
}
