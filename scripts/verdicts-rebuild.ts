// npm run verdicts:rebuild — forgets every kept verdict (GoalVerdict, decision 0018) and judges every live plan's
// goals afresh for today from their versions. Never needed for correctness (a stale verdict is judged again on the
// next read); useful after restoring a database, or to take the day's first judging off the first reader.
// Works with the server running or not (ensureDatabase shares a running embedded cluster or starts one).
import { withAppDatabase } from "./lib/app-database";

async function main(): Promise<number> {
  return withAppDatabase((message) => console.error(message), async () => {
    const { rebuildVerdicts } = await import("@/lib/server/board");
    const started = performance.now();
    const { plans, goals } = await rebuildVerdicts();
    console.log(`已重建 ${plans} 个计划、${goals} 项指标的当日判定（${((performance.now() - started) / 1000).toFixed(1)} 秒）。`);
    return 0;
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
