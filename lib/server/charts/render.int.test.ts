import { describe, expect, it } from "vitest";
import { lightsChart } from "@/lib/domain/charts";
import { renderChartPng, renderChartSvg } from "./render";

describe("chart rendering", () => {
  it("draws an SVG with the labels and numbers, and a PNG", () => {
    const spec = lightsChart({ green: 3, yellow: 2, red: 1, grey: 0, none: 4 });
    const svg = renderChartSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    // No inline style (the pages' CSP refuses it): fonts as presentation attributes.
    expect(svg).not.toMatch(/ style=|<style/);
    expect(svg).toContain('font-family="\'WenQuanYi Micro Hei\'');
    for (const text of ["各灯色指标数", "绿灯", "黄灯", "红灯", "3项", "4项"]) expect(svg).toContain(text);
    const png = renderChartPng(spec);
    expect(Buffer.from(png.subarray(1, 4)).toString()).toBe("PNG");
  });
});
