import "server-only";
import * as echarts from "echarts/core";
import { BarChart, LineChart, ScatterChart } from "echarts/charts";
import { GraphicComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import { Resvg } from "@resvg/resvg-js";
import { CHART_FONT_FAMILIES, type ChartSpec } from "@/lib/domain/charts";

// Charts are drawn once, on the server, by ECharts' SSR mode: an SVG string the page inlines (no chart JavaScript in
// the browser) and, for Word, the same SVG rasterised by resvg. ECharts escapes the text it writes into the SVG.

echarts.use([BarChart, LineChart, ScatterChart, GraphicComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

/**
 * The pages' Content-Security-Policy allows no inline styles: ECharts' style="font-size:…;font-family:…" becomes the
 * same SVG presentation attributes, and its <style> block (hover rules, useless without script) goes.
 */
export function withoutInlineStyles(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, "")
    .replace(/ style="([^"]*)"/g, (_, declarations: string) =>
      declarations
        .split(";")
        .map((d) => d.trim())
        .filter((d) => /^[a-z-]+\s*:/.test(d))
        .map((d) => {
          const colon = d.indexOf(":");
          return ` ${d.slice(0, colon).trim()}="${d.slice(colon + 1).trim()}"`;
        })
        .join(""),
    );
}

/** The chart as an SVG document string (its own width, height and viewBox), free of inline styles. */
export function renderChartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return withoutInlineStyles(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG at `scale` × its size, text in the first installed CJK family (fonts-wqy-microhei in CI). */
export function renderChartPng(spec: ChartSpec, scale = 2): Uint8Array {
  const resvg = new Resvg(renderChartSvg(spec), {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT_FAMILIES[0], sansSerifFamily: CHART_FONT_FAMILIES[0] },
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
