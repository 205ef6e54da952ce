import { describe, expect, it } from "vitest";
import { LIGHTS, STATUS_CODES, isMetAtYearEnd, isStatusCode, judgementLabel, lightLabel, statusLabel, statusLight } from "./labels";

describe("status labels and lights (DOMAIN.md table)", () => {
  it("lists the codes in the table's order", () => {
    expect(STATUS_CODES).toEqual(["not_started", "overdue", "on_track", "behind", "far_behind", "met", "exceeded", "basically_met", "not_met"]);
  });

  it.each([
    ["not_started", "未开始", "none"],
    ["overdue", "未填报", "grey"],
    ["on_track", "正常", "green"],
    ["behind", "滞后", "yellow"],
    ["far_behind", "严重滞后", "red"],
    ["met", "已完成", "green"],
    ["exceeded", "超额完成", "green"],
    ["basically_met", "基本完成", "yellow"],
    ["not_met", "未完成", "red"],
  ] as const)("%s is %s with a %s light", (code, label, light) => {
    expect(statusLabel(code)).toBe(label);
    expect(statusLight(code)).toBe(light);
  });

  it("calls a met verdict at the year end 完成 and before it 已完成", () => {
    expect(judgementLabel({ code: "met", latest: { period: "2024-12" } })).toBe("完成");
    expect(judgementLabel({ code: "met", latest: { period: "2024-Q4" } })).toBe("完成");
    expect(judgementLabel({ code: "met", latest: { period: "2024" } })).toBe("完成");
    expect(judgementLabel({ code: "met", latest: { period: "2024-06" } })).toBe("已完成");
    expect(judgementLabel({ code: "not_met", latest: { period: "2024-12" } })).toBe("未完成");
  });

  it("tells the met verdicts that read 完成 by code and period, not by their label", () => {
    expect(isMetAtYearEnd({ code: "met", latest: { period: "2024-12" } })).toBe(true);
    expect(isMetAtYearEnd({ code: "met", latest: { period: "2024-H2" } })).toBe(true);
    expect(isMetAtYearEnd({ code: "met", latest: { period: "2024-06" } })).toBe(false);
    expect(isMetAtYearEnd({ code: "exceeded", latest: { period: "2024-12" } })).toBe(false);
    expect(isMetAtYearEnd({ code: "met", latest: null })).toBe(false);
  });

  it("names the lights", () => {
    expect(LIGHTS.map(lightLabel)).toEqual(["绿灯", "黄灯", "红灯", "灰灯", "未亮灯"]);
  });

  it("recognises codes", () => {
    expect(isStatusCode("met")).toBe(true);
    expect(isStatusCode("done")).toBe(false);
  });
});
