"use client";

// The rows of the home page's plan table (app/page.tsx PlanTable) as a client component: its props are one compact
// tuple per plan, so the page's RSC payload carries a province's 211 plans as data (≈ 25 KB) rather than as 211
// rendered rows of elements (≈ 150 KB, three times the table's own HTML). The server still renders the HTML.

/** A plan as the table shows it, formatted on the server: id, title, region, level, goals, then the counts by light. */
export type PlanRow = readonly [id: string, title: string, region: string, level: string, goals: string, lights: readonly string[]];

export function PlanRows({ rows, lightKeys }: { rows: readonly PlanRow[]; lightKeys: readonly string[] }) {
  return (
    <tbody>
      {rows.map(([id, title, region, level, goals, lights]) => (
        <tr key={id} data-testid="plan-row">
          <td><a href={`/plans/${id}`}>{title}</a></td>
          <td>{region}<small>{level}</small></td>
          <td className="num">{goals}</td>
          {lights.map((n, i) => <td key={lightKeys[i]} className={n === "0" ? "num zero" : "num"}>{n}</td>)}
        </tr>
      ))}
    </tbody>
  );
}
