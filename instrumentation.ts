// Next calls register() once as a server instance starts. The job queue (lib/server/jobs, decision 0016) starts with
// it, so every instance takes queued work — and jobs a dead instance left — and keeps the daily schedule from its
// first second, not only from its first export or upload.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startJobsAtBoot } = await import("./lib/server/jobs/boss");
  startJobsAtBoot();
  // Today's verdicts judged again within a second of the writes that staled them (lib/server/verdict-refresher.ts).
  const { startVerdictRefresher } = await import("./lib/server/verdict-refresher");
  startVerdictRefresher();
  // A figure's submission and approval served without Next's request pipeline (app/api/v1/fast-routes.ts).
  if (process.env.LUOSHI_FAST_ROUTES !== "0") {
    const { registerFastRoutes } = await import("./app/api/v1/fast-routes");
    registerFastRoutes();
  }
}
