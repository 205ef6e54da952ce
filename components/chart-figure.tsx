import type { ChartSpec } from "@/lib/domain/charts";
import { renderChartSvg } from "@/lib/server/charts/render";

/**
 * One server-rendered chart: the SVG inlined as a labelled picture, sized by its viewBox at the full width of its box
 * (it arrives with the HTML: no layout shift, no chart JavaScript), its numbers in a 数据表 beneath for screen readers,
 * print and anyone who prefers them. No style attribute: the Content-Security-Policy refuses inline styles.
 */
export function ChartFigure({ spec, className = "" }: { spec: ChartSpec; className?: string }) {
  // The wrapper is the picture (role="img" with its label); the SVG inside is hidden from assistive technology.
  const svg = renderChartSvg(spec).replace(/^<svg /, '<svg aria-hidden="true" focusable="false" ');
  return (
    <figure className={`chart-figure min-w-0 break-inside-avoid rounded-lg border border-slate-200 bg-white p-2 ${className}`} data-testid={`chart-${spec.id}`}>
      <div
        role="img"
        aria-label={spec.label}
        className="mx-auto w-full max-w-2xl [&_svg]:block [&_svg]:h-auto [&_svg]:w-full"
        // Our own ECharts output: it escapes every text it writes, and the option carries no markup.
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer text-slate-600">数据表</summary>
        <div className="overflow-x-auto">
          <table className="mt-1 w-full text-left text-sm">
            <caption className="sr-only">{spec.title}</caption>
            <thead className="bg-slate-100 text-slate-600">
              <tr>{spec.table.headers.map((h) => <th key={h} scope="col" className="px-2 py-1 font-medium">{h}</th>)}</tr>
            </thead>
            <tbody>
              {spec.table.rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-100">
                  {row.map((cell, j) => (j === 0 ? <th key={j} scope="row" className="px-2 py-1 font-normal">{cell}</th> : <td key={j} className="px-2 py-1">{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
