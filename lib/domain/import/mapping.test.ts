import { describe, expect, it } from "vitest";
import { leadDepartmentKeywords, suggestLeadDepartment } from "@/lib/domain/departments";
import { defaultMapping, leadReason, regionDepartmentFor, suggestFromMapping } from "./mapping";

const CITY = [
  { id: "d-farm", name: "市农业农村局" },
  { id: "d-labour", name: "牡丹江市人社局" },
  { id: "d-reform", name: "市发改委" },
  { id: "d-water", name: "市水利局" },
];

describe("regionDepartmentFor", () => {
  it("finds the region's own unit by its level name, a longer name, or a customary short name", () => {
    expect(regionDepartmentFor("农业农村局", "city", CITY)?.id).toBe("d-farm");
    expect(regionDepartmentFor("人力资源和社会保障局", "city", CITY)?.id).toBe("d-labour");
    expect(regionDepartmentFor("发展和改革委员会", "city", CITY)?.id).toBe("d-reform");
    expect(regionDepartmentFor("水务局", "city", CITY)?.id).toBe("d-water");
  });
  it("answers null when the region has no such unit (never another's, never a new one)", () => {
    expect(regionDepartmentFor("文化广电和旅游局", "city", CITY)).toBeNull();
    expect(regionDepartmentFor("农业农村局", "city", [])).toBeNull();
  });
});

describe("the default table", () => {
  it("keeps the generic rules' order, so the first keyword that occurs gives what suggestLeadDepartment gives", () => {
    const rows = leadDepartmentKeywords();
    expect(new Set(rows.map((r) => r.keyword.toUpperCase())).size).toBe(rows.length);
    expect(rows.find((r) => r.keyword === "PM2.5")).toBeDefined();
    const entries = rows.map((r) => ({ keyword: r.keyword, departmentId: r.department, standardName: r.department }));
    for (const metric of ["城镇新增就业", "医保定点医疗机构", "新建高标准农田", "农村公路", "接待游客", "生物医药产业产值", "地区生产总值", "空气质量优良天数", "PM2.5平均浓度"]) {
      expect(suggestFromMapping(metric, null, entries, () => null)?.departmentId, metric).toBe(suggestLeadDepartment(metric, null, "city"));
    }
  });
  it("points each keyword at the region's own unit, or at none", () => {
    const table = defaultMapping("city", CITY);
    expect(table.find((r) => r.keyword === "就业")).toMatchObject({ departmentId: "d-labour", standardName: "人力资源和社会保障局" });
    expect(table.find((r) => r.keyword === "旅游")).toMatchObject({ departmentId: null, standardName: "文化广电和旅游局" });
    const own = new Set(CITY.map((d) => d.id));
    expect(table.every((r) => r.departmentId === null || own.has(r.departmentId))).toBe(true);
  });
});

describe("suggestFromMapping", () => {
  const entries = [
    { keyword: "游客", departmentId: "d-tour", standardName: null },
    { keyword: "农田", departmentId: null, standardName: "农业农村局" },
    { keyword: "乡村振兴", departmentId: "d-farm", standardName: null },
  ];
  const resolve = (name: string) => (name === "农业农村局" ? "d-farm-resolved" : null);
  it("takes the first row whose keyword occurs in the metric, then the section's title; an unset row resolves by its generic name", () => {
    expect(suggestFromMapping("接待游客", null, entries, resolve)).toEqual({ departmentId: "d-tour", keyword: "游客", source: "metric" });
    expect(suggestFromMapping("新建高标准农田", null, entries, resolve)?.departmentId).toBe("d-farm-resolved");
    expect(suggestFromMapping("新建示范村", "推进乡村振兴", entries, resolve)).toEqual({ departmentId: "d-farm", keyword: "乡村振兴", source: "section" });
    expect(suggestFromMapping("某项指标", "其他", entries, resolve)).toBeNull();
  });
  it("explains itself, 未匹配 when nothing fits", () => {
    expect(leadReason({ departmentId: "d", keyword: "游客", source: "metric" }, "市文旅局")).toBe("指标含“游客” → 市文旅局");
    expect(leadReason({ departmentId: null, keyword: "农田", source: "section" }, null)).toMatch(/^未匹配：所在章节含“农田”/);
    expect(leadReason(null, null)).toMatch(/^未匹配/);
  });
});
