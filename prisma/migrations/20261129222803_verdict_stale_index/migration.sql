-- The verdicts a write has staled (day cleared): few at any time, found at once by the refresher
-- (lib/server/verdict-refresher.ts). Partial, so Prisma's schema cannot state it (as Goal_live_planId_idx).
CREATE INDEX "GoalVerdict_stale_idx" ON "GoalVerdict"("goalId") WHERE "day" IS NULL;
