/**
 * The audit trail as people read it: an AuditEvent's before/after snapshots (JSON of the rows) turned into
 * "字段：旧值 → 新值" lines with Chinese field names and values, plus the reason given. Pure; names of referenced
 * records (departments, sections, users) come from the caller.
 */
import { COMPARATOR_LABELS, DIRECTION_LABELS, KIND_LABELS, percentText, trimZeros } from "../labels";
import { ENTRY_STATE_LABELS } from "../entries/versions";
import { frequencyLabel, FREQUENCIES, periodLabel, parsePeriod, type Frequency } from "../periods";

/** Every action the app records, with its Chinese name (the plan audit's action filter offers these). */
export const AUDIT_ACTION_LABELS = {
  "goal.create": "新增指标",
  "goal.update": "修改指标",
  "goal.archive": "归档指标",
  "goal.delete": "删除指标",
  "goal.import": "导入指标",
  "goal.reimport": "重新导入指标",
  "goal.share.create": "新增分解任务",
  "goal.share.update": "修改分解任务",
  "goal.share.restore": "恢复分解任务",
  "goal.share.archive": "撤销分解任务",
  "goal.explanation.create": "填写说明",
  "goal.explanation.update": "修改说明",
  "goal.explanation.clear": "清除说明",
  "entry.submit": "填报数据",
  "entry.approve": "审核通过",
  "entry.return": "退回",
  "entry.withdraw": "撤回",
  "period.lock": "关账",
  "period.unlock": "取消关账",
  "plan.create": "新建计划",
  "plan.import": "导入计划",
  "plan.reimport": "重新导入计划",
  "plan.update": "修改计划",
  "plan.settings": "修改计划设置",
  "plan.requiresReview": "修改审核设置",
  "plan.delete": "删除计划",
  "sample.history": "生成示例数据",
} as const;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export const auditActionLabel = (action: string): string => (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;

type Ref = "department" | "section" | "user";
/** How a field's value reads. */
type Format = "text" | "decimal" | "bool" | "comparator" | "kind" | "direction" | "frequency" | "state" | "period" | "date" | "dateTime" | "ratio" | Ref | "departments";

/** The fields shown, by entity, in display order; anything else (ids, timestamps of bookkeeping) is left out. */
const FIELDS: Record<string, [string, string, Format][]> = {
  Goal: [
    ["metric", "指标名称", "text"],
    ["targetValue", "目标值", "decimal"],
    ["targetValueHigh", "目标上限", "decimal"],
    ["unit", "单位", "text"],
    ["comparator", "目标要求", "comparator"],
    ["kind", "指标类型", "kind"],
    ["direction", "方向", "direction"],
    ["accumulates", "按序时进度考核", "bool"],
    ["frequency", "填报频次", "frequency"],
    ["sectionId", "所属章节", "section"],
    ["leadDepartmentId", "牵头单位", "department"],
    ["coDepartmentIds", "配合单位", "departments"],
    ["baselineValue", "上年基数", "decimal"],
    ["quote", "报告原文", "text"],
    ["description", "备注", "text"],
    ["archivedAt", "归档时间", "dateTime"],
  ],
  ProgressEntry: [
    ["period", "期间", "period"],
    ["version", "版本", "text"],
    ["value", "数值", "decimal"],
    ["rawInput", "录入内容", "text"],
    ["note", "填报说明", "text"],
    ["state", "状态", "state"],
    ["reportedAt", "填报日期", "date"],
    ["reviewedById", "审核人", "user"],
  ],
  GoalExplanation: [["text", "说明", "text"]],
  Plan: [
    ["title", "计划名称", "text"],
    ["graceDays", "报送宽限天数", "text"],
    ["marginBehind", "滞后阈值", "ratio"],
    ["marginFarBehind", "严重滞后阈值", "ratio"],
    ["requiresReview", "需要审核", "bool"],
    ["archivedAt", "归档时间", "dateTime"],
    ["period", "期间", "period"],
  ],
};

export interface AuditNames {
  department(id: string): string | undefined;
  section(id: string): string | undefined;
  user(id: string): string | undefined;
}

export interface FieldChange {
  field: string;
  label: string;
  /** null: empty (no value before, e.g. on creation). */
  before: string | null;
  after: string | null;
}

export interface DescribedAuditEvent {
  actionLabel: string;
  changes: FieldChange[];
  /** The reason or note given with the change (退回原因, 关账原因, an admin's reason for a locked period …). */
  reason: string | null;
  /** The reporting period the event is about, when there is one. */
  period: string | null;
}

const NEW_ROW_FIELDS = new Set(["version", "state", "reportedAt", "reviewedById"]);

type Snapshot = Record<string, unknown>;
const asSnapshot = (v: unknown): Snapshot | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Snapshot) : null);

const MAX_TEXT = 200;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** "2024-06-30T16:05:00.000Z" → "2024-07-01 00:05" (Asia/Shanghai, UTC+8 without daylight saving). */
export function shanghaiDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** The co-departments as a list of ids, whichever shape the snapshot has (coDepartmentIds, or coDepartments rows). */
function coDepartmentIds(s: Snapshot): string[] | undefined {
  if (Array.isArray(s.coDepartmentIds)) return s.coDepartmentIds.filter((x): x is string => typeof x === "string");
  if (Array.isArray(s.coDepartments))
    return s.coDepartments.map((c) => asSnapshot(c)?.departmentId).filter((x): x is string => typeof x === "string");
  return undefined;
}

function fieldValue(s: Snapshot | null, field: string): unknown {
  if (!s) return undefined;
  return field === "coDepartmentIds" ? coDepartmentIds(s) : s[field];
}

/** One value as it reads; null for empty. */
export function formatAuditValue(value: unknown, format: Format, names: AuditNames): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (Array.isArray(value)) {
    const parts = value.map((v) => formatAuditValue(v, format === "departments" ? "department" : format, names)).filter((v): v is string => v !== null);
    return parts.length ? parts.join("、") : null;
  }
  if (typeof value === "object") return clip(JSON.stringify(value));
  const text = String(value);
  switch (format) {
    case "decimal":
      return /^-?\d+(\.\d+)?$/.test(text) ? trimZeros(text) : clip(text);
    case "bool":
      return value === true || text === "true" ? "是" : "否";
    case "comparator":
      return (COMPARATOR_LABELS as Record<string, string>)[text] ?? text;
    case "kind":
      return (KIND_LABELS as Record<string, string>)[text] ?? text;
    case "direction":
      return (DIRECTION_LABELS as Record<string, string>)[text] ?? text;
    case "frequency":
      return (FREQUENCIES as readonly string[]).includes(text) ? frequencyLabel(text as Frequency) : text;
    case "state":
      return (ENTRY_STATE_LABELS as Record<string, string>)[text] ?? text;
    case "period":
      return parsePeriod(text) ? periodLabel(text) : clip(text);
    case "date":
      return ISO_DATE_TIME.test(text) || /^\d{4}-\d{2}-\d{2}$/.test(text) ? text.slice(0, 10) : clip(text);
    case "dateTime":
      return ISO_DATE_TIME.test(text) ? shanghaiDateTime(text) : clip(text);
    case "ratio":
      return /^-?\d+(\.\d+)?$/.test(text) ? percentText(text, 0) : clip(text);
    case "department":
    case "departments":
      return names.department(text) ?? "（已删除的单位）";
    case "section":
      return names.section(text) ?? "（已删除的章节）";
    case "user":
      return names.user(text) ?? "（已删除的用户）";
    default:
      return clip(text);
  }
}

function reasonOf(action: string, before: Snapshot | null, after: Snapshot | null): string | null {
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? clip(v.trim()) : null);
  if (action.startsWith("entry.")) return text(after?.reviewNote) ?? null;
  if (action === "period.lock") return text(after?.reason);
  if (action === "sample.history") return text(after?.note);
  return text(after?.reason) ?? (action === "period.unlock" ? text(before?.reason) : null);
}

/**
 * An event as people read it. On a change, only the fields that differ; on a creation, every field that has a
 * value (before reads as empty); on a removal, what there was.
 */
export function describeAuditEvent(event: { action: string; entityType: string; before: unknown; after: unknown }, names: AuditNames): DescribedAuditEvent {
  const before = asSnapshot(event.before);
  const after = asSnapshot(event.after);
  const changes: FieldChange[] = [];
  for (const [field, label, format] of FIELDS[event.entityType] ?? []) {
    // A field absent from one side (a partial snapshot, such as period.unlock's reason) is not a change.
    const b = fieldValue(before, field);
    const a = fieldValue(after, field);
    if (before && after && (b === undefined || a === undefined)) continue;
    const from = before ? formatAuditValue(b, format, names) : null;
    const to = after ? formatAuditValue(a, format, names) : null;
    if (from === to) continue;
    // A new version is a new row: beside the previous one, only what the department said differs, not its bookkeeping.
    if (event.action === "entry.submit" && before && NEW_ROW_FIELDS.has(field)) continue;
    // What was typed is worth a line only where it reads otherwise than the figure ("1.2万" for 12000).
    if (field === "rawInput" && to !== null && to === formatAuditValue(after?.value, "decimal", names) && (!before || from === formatAuditValue(before.value, "decimal", names))) continue;
    changes.push({ field, label, before: from, after: to });
  }
  const period = [after?.period, before?.period].find((p): p is string => typeof p === "string" && parsePeriod(p) !== null) ?? null;
  return { actionLabel: auditActionLabel(event.action), changes, reason: reasonOf(event.action, before, after), period };
}

/** Ids of departments, sections and users an event names, so a caller can look their names up in one go. */
export function referencedIds(events: readonly { entityType: string; before: unknown; after: unknown }[]): Record<Ref, Set<string>> {
  const out: Record<Ref, Set<string>> = { department: new Set(), section: new Set(), user: new Set() };
  for (const e of events) {
    for (const [field, , format] of FIELDS[e.entityType] ?? []) {
      const ref: Ref | null = format === "departments" ? "department" : format === "department" || format === "section" || format === "user" ? format : null;
      if (!ref) continue;
      for (const side of [asSnapshot(e.before), asSnapshot(e.after)]) {
        const v = fieldValue(side, field);
        for (const id of [v].flat()) if (typeof id === "string" && id) out[ref].add(id);
      }
    }
  }
  return out;
}
