import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditActionLabel, describeAuditEvent, formatAuditValue, referencedIds, shanghaiDateTime } from "./format";

const names = {
  department: (id: string) => ({ d1: "农业农村局", d2: "发展改革委", d3: "财政局" })[id],
  section: (id: string) => ({ s1: "一、主要预期目标" })[id],
  user: (id: string) => ({ u1: "张三" })[id],
};

describe("describeAuditEvent", () => {
  it("lists only the fields a goal update changed, with Chinese names and values", () => {
    const before = { id: "g1", metric: "新建高标准农田", targetValue: "50.000000", unit: "万亩", comparator: "gte", kind: "increment", accumulates: true, leadDepartmentId: "d1", coDepartments: [{ departmentId: "d2" }], updatedAt: "2024-01-01T00:00:00.000Z" };
    const after = { ...before, targetValue: "55.000000", comparator: "approx", leadDepartmentId: "d2", coDepartments: [{ departmentId: "d2" }, { departmentId: "d3" }], updatedAt: "2024-02-01T00:00:00.000Z" };
    const d = describeAuditEvent({ action: "goal.update", entityType: "Goal", before, after }, names);
    expect(d.actionLabel).toBe("修改指标");
    expect(d.changes).toEqual([
      { field: "targetValue", label: "目标值", before: "50", after: "55" },
      { field: "comparator", label: "目标要求", before: "不低于", after: "左右" },
      { field: "leadDepartmentId", label: "牵头单位", before: "农业农村局", after: "发展改革委" },
      { field: "coDepartmentIds", label: "配合单位", before: "发展改革委", after: "发展改革委、财政局" },
    ]);
    expect(d.reason).toBeNull();
  });

  it("on creation shows every field with a value, from empty", () => {
    const d = describeAuditEvent({ action: "goal.create", entityType: "Goal", before: null, after: { metric: "新增就业", targetValue: "2", unit: "万人", sectionId: "s1", coDepartmentIds: [], accumulates: false, description: null } }, names);
    expect(d.changes.map((c) => [c.label, c.before, c.after])).toEqual([
      ["指标名称", null, "新增就业"],
      ["目标值", null, "2"],
      ["单位", null, "万人"],
      ["按序时进度考核", null, "否"],
      ["所属章节", null, "一、主要预期目标"],
    ]);
  });

  it("a first figure shows its period, value and state; what was typed only when it differs", () => {
    const after = { period: "2024-06", version: 1, value: "12000.000000", rawInput: "1.2万", note: "含补录", state: "pending", reportedAt: "2024-07-02T00:00:00.000Z" };
    const d = describeAuditEvent({ action: "entry.submit", entityType: "ProgressEntry", before: null, after }, names);
    expect(d.period).toBe("2024-06");
    expect(d.changes.map((c) => [c.label, c.after])).toEqual([
      ["期间", "2024年6月"], ["版本", "1"], ["数值", "12000"], ["录入内容", "1.2万"], ["填报说明", "含补录"], ["状态", "待审核"], ["填报日期", "2024-07-02"],
    ]);
    const plain = describeAuditEvent({ action: "entry.submit", entityType: "ProgressEntry", before: null, after: { ...after, rawInput: "12000" } }, names);
    expect(plain.changes.some((c) => c.field === "rawInput")).toBe(false);
  });

  it("a corrected figure (new version) shows the figure's change, not the new row's bookkeeping", () => {
    const before = { period: "2024-06", version: 1, value: "10", rawInput: "10", note: null, state: "approved", reviewedById: "u1" };
    const after = { period: "2024-06", version: 2, value: "12.5", rawInput: "12.5", note: "更正", state: "pending", reviewedById: null };
    const d = describeAuditEvent({ action: "entry.submit", entityType: "ProgressEntry", before, after }, names);
    expect(d.changes).toEqual([
      { field: "value", label: "数值", before: "10", after: "12.5" },
      { field: "note", label: "填报说明", before: null, after: "更正" },
    ]);
  });

  it("a return shows the state change and gives the reason", () => {
    const before = { period: "2024-06", version: 1, value: "10", state: "pending", reviewNote: null, reviewedById: null };
    const after = { ...before, state: "returned", reviewNote: "数据口径有误", reviewedById: "u1" };
    const d = describeAuditEvent({ action: "entry.return", entityType: "ProgressEntry", before, after }, names);
    expect(d.actionLabel).toBe("退回");
    expect(d.changes).toEqual([
      { field: "state", label: "状态", before: "待审核", after: "已退回" },
      { field: "reviewedById", label: "审核人", before: null, after: "张三" },
    ]);
    expect(d.reason).toBe("数据口径有误");
  });

  it("plan settings, locks and unlocks read in Chinese with their reasons", () => {
    const s = describeAuditEvent({ action: "plan.settings", entityType: "Plan", before: { graceDays: 10, marginBehind: "0.1", marginFarBehind: "0.3" }, after: { graceDays: 5, marginBehind: "0.15", marginFarBehind: "0.3" } }, names);
    expect(s.changes).toEqual([
      { field: "graceDays", label: "报送宽限天数", before: "10", after: "5" },
      { field: "marginBehind", label: "滞后阈值", before: "10%", after: "15%" },
    ]);
    const lock = describeAuditEvent({ action: "period.lock", entityType: "Plan", before: null, after: { period: "2024-06", reason: "6月已审核完毕" } }, names);
    expect(lock).toMatchObject({ actionLabel: "关账", reason: "6月已审核完毕", period: "2024-06" });
    const unlock = describeAuditEvent({ action: "period.unlock", entityType: "Plan", before: { period: "2024-06", reason: "旧原因" }, after: { reason: "需更正" } }, names);
    expect(unlock).toMatchObject({ actionLabel: "取消关账", reason: "需更正", period: "2024-06", changes: [] });
  });

  it("survives odd snapshots: unknown entity, arrays, deleted references, long text", () => {
    expect(describeAuditEvent({ action: "x.y", entityType: "Nope", before: [1], after: "text" }, names)).toEqual({ actionLabel: "x.y", changes: [], reason: null, period: null });
    const d = describeAuditEvent({ action: "goal.update", entityType: "Goal", before: { leadDepartmentId: "gone", quote: "短" }, after: { leadDepartmentId: null, quote: "长".repeat(500) } }, names);
    expect(d.changes[0]).toEqual({ field: "leadDepartmentId", label: "牵头单位", before: "（已删除的单位）", after: null });
    expect(d.changes[1]!.after).toHaveLength(201);
  });
});

describe("values and helpers", () => {
  it("formats dates in Asia/Shanghai and booleans, enums and ratios in Chinese", () => {
    expect(shanghaiDateTime("2024-06-30T16:05:00.000Z")).toBe("2024-07-01 00:05");
    expect(formatAuditValue("2024-06-30T16:05:00.000Z", "dateTime", names)).toBe("2024-07-01 00:05");
    expect(formatAuditValue(true, "bool", names)).toBe("是");
    expect(formatAuditValue("quarterly", "frequency", names)).toBe("按季");
    expect(formatAuditValue("0.3", "ratio", names)).toBe("30%");
    expect(formatAuditValue("", "text", names)).toBeNull();
  });
  it("labels every known action and collects the ids to look up", () => {
    for (const a of AUDIT_ACTIONS) expect(auditActionLabel(a)).toMatch(/[\u4e00-\u9fff]/);
    const refs = referencedIds([{ entityType: "Goal", before: { leadDepartmentId: "d1", coDepartments: [{ departmentId: "d2" }] }, after: { sectionId: "s1", coDepartmentIds: ["d3"] } }, { entityType: "ProgressEntry", before: null, after: { reviewedById: "u1" } }]);
    expect([...refs.department].sort()).toEqual(["d1", "d2", "d3"]);
    expect([...refs.section]).toEqual(["s1"]);
    expect([...refs.user]).toEqual(["u1"]);
  });
});
