import "server-only";
import { createHash } from "node:crypto";
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

/**
 * Drawn charts by what they show (size and options): a board is read many times between two changes of its figures,
 * and drawing its four charts costs more than reading the board. Bounded; the oldest drawing goes first.
 */
const drawn = new Map<string, string>();
const DRAWN_LIMIT = 500;

/** The chart as an SVG document string (its own width, height and viewBox), free of inline styles. */
export function renderChartSvg(spec: ChartSpec): string {
  // A formatter given as a function (none so far) counts by its source.
  const shown = JSON.stringify([spec.width, spec.height, spec.option], (_, v: unknown) => (typeof v === "function" ? v.toString() : v));
  const key = createHash("sha256").update(shown).digest("base64");
  const known = drawn.get(key);
  if (known !== undefined) {
    drawn.delete(key);
    drawn.set(key, known);
    return known;
  }
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    const svg = withoutInlineStyles(chart.renderToSVGString());
    drawn.set(key, svg);
    if (drawn.size > DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
    return svg;
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
