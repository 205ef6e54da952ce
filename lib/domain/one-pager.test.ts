import { describe, expect, it } from "vitest";
import type { Judgement, Light, StatusCode } from "./status";
import { attentionRows, bigNumbers, departmentsAtAGlance, sectionsAtAGlance, type OnePagerRow } from "./one-pager";

const judgement = (code: StatusCode, light: Light): Judgement => ({ code, light, latest: null, completion: null, expectedShare: null, lag: null, overduePeriod: null });
const row = (goalId: string, sectionId: string | null, code: StatusCode, light: Light): OnePagerRow => ({ goalId, metric: goalId, sectionId, leadDepartment: null, judgement: judgement(code, light) });

describe("one-pager", () => {
  it("counts the big numbers", () => {
    const totals = { not_started: 1, overdue: 2, on_track: 3, behind: 4, far_behind: 5, met: 6, exceeded: 7, basically_met: 8, not_met: 9 };
    expect(bigNumbers(45, totals, { green: 16, yellow: 12, red: 14, grey: 2, none: 1 })).toEqual({ goals: 45, met: 21, onTrack: 3, behind: 4, red: 14, overdue: 2 });
  });

  it("puts red first, then 未填报, then yellow, in report order, and leaves green out", () => {
    const rows = [row("a", null, "behind", "yellow"), row("b", null, "overdue", "grey"), row("c", null, "on_track", "green"), row("d", null, "far_behind", "red"), row("e", null, "not_met", "red")];
    expect(attentionRows(rows).map((r) => r.goalId)).toEqual(["d", "e", "b", "a"]);
  });

  it("groups by chapter under a single part heading; sub-sections count in their chapter; the rest under 其他", () => {
    const sections = [
      { id: "part", parentId: null, title: "重点工作", number: "二、" },
      { id: "c1", parentId: "part", title: "农业", number: "（一）" },
      { id: "c1a", parentId: "c1", title: "粮食", number: "一是" },
      { id: "c2", parentId: "part", title: "消费", number: "（二）" },
      { id: "c3", parentId: "part", title: "空章节", number: "（三）" },
    ];
    const rows = [row("a", "c1a", "far_behind", "red"), row("b", "c1", "on_track", "green"), row("c", "c2", "behind", "yellow"), row("d", null, "overdue", "grey"), row("e", "part", "met", "green")];
    expect(sectionsAtAGlance(sections, rows)).toEqual([
      { id: "c1", title: "（一）农业", total: 2, lights: { green: 1, yellow: 0, red: 1, grey: 0, none: 0 } },
      { id: "c2", title: "（二）消费", total: 1, lights: { green: 0, yellow: 1, red: 0, grey: 0, none: 0 } },
      { id: null, title: "其他", total: 2, lights: { green: 1, yellow: 0, red: 0, grey: 1, none: 0 } },
    ]);
  });

  it("uses the top sections when there are several", () => {
    const sections = [{ id: "s1", parentId: null, title: "一", number: null }, { id: "s2", parentId: null, title: "二", number: null }, { id: "s1a", parentId: "s1", title: "一甲", number: null }];
    expect(sectionsAtAGlance(sections, [row("a", "s1a", "on_track", "green"), row("b", "s2", "on_track", "green")]).map((g) => [g.title, g.total])).toEqual([["一", 1], ["二", 1]]);
  });

  it("by department, most red first", () => {
    const dept = (id: string) => ({ id, name: `单位${id}` });
    const rows = [
      { ...row("a", null, "on_track", "green"), leadDepartment: dept("1") },
      { ...row("b", null, "far_behind", "red"), leadDepartment: dept("2") },
      { ...row("c", null, "overdue", "grey"), leadDepartment: null },
    ];
    expect(departmentsAtAGlance(rows).map((g) => [g.title, g.total, g.lights.red])).toEqual([["单位2", 1, 1], ["未分配牵头单位", 1, 0], ["单位1", 1, 0]]);
  });
});
