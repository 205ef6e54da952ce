-- AlterEnum
BEGIN;
CREATE TYPE "EntryState_new" AS ENUM ('pending', 'approved', 'returned', 'withdrawn');
ALTER TABLE "public"."ProgressEntry" ALTER COLUMN "state" DROP DEFAULT;
-- Before review existed every entry counted: a `submitted` entry is an approved version.
ALTER TABLE "ProgressEntry" ALTER COLUMN "state" TYPE "EntryState_new" USING (CASE WHEN "state"::text = 'submitted' THEN 'approved' ELSE "state"::text END::"EntryState_new");
ALTER TYPE "EntryState" RENAME TO "EntryState_old";
ALTER TYPE "EntryState_new" RENAME TO "EntryState";
DROP TYPE "public"."EntryState_old";
ALTER TABLE "ProgressEntry" ALTER COLUMN "state" SET DEFAULT 'pending';
COMMIT;

-- DropIndex
DROP INDEX "ProgressEntry_goalId_period_key";

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "requiresReview" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ProgressEntry" ADD COLUMN     "countedAt" TIMESTAMP(3),
ADD COLUMN     "reportedAt" DATE,
ADD COLUMN     "version" INTEGER,
ADD COLUMN     "warnings" JSONB,
ALTER COLUMN "state" SET DEFAULT 'pending';
-- Existing entries: the first version of their period, counted from when they were submitted.
UPDATE "ProgressEntry" SET "version" = 1,
  "reportedAt" = ("submittedAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date,
  "countedAt" = CASE WHEN "state" = 'approved' THEN COALESCE("reviewedAt", "submittedAt") END;
ALTER TABLE "ProgressEntry" ALTER COLUMN "reportedAt" SET NOT NULL, ALTER COLUMN "version" SET NOT NULL;

-- CreateTable
CREATE TABLE "PeriodLock" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "lockedById" TEXT,
    "lockedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PeriodLock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PeriodLock_planId_period_key" ON "PeriodLock"("planId", "period");

-- CreateIndex
CREATE INDEX "ProgressEntry_state_submittedAt_idx" ON "ProgressEntry"("state", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProgressEntry_goalId_period_version_key" ON "ProgressEntry"("goalId", "period", "version");

-- AddForeignKey
ALTER TABLE "PeriodLock" ADD CONSTRAINT "PeriodLock_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PeriodLock" ADD CONSTRAINT "PeriodLock_lockedById_fkey" FOREIGN KEY ("lockedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The preference among entries whose periods end on the same day (2024-06, 2024-Q2, 2024-H1): the goal's own
-- frequency first, then the finer period. The SQL twin of latestEntry() in lib/domain/status/judge.ts.
CREATE FUNCTION luoshi_period_preference(period TEXT, frequency TEXT) RETURNS INTEGER
LANGUAGE SQL IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN g = CASE frequency WHEN 'monthly' THEN 0 WHEN 'quarterly' THEN 1 WHEN 'half_yearly' THEN 2 ELSE 3 END
              THEN -1 ELSE g END
  FROM (SELECT CASE WHEN length(period) = 4 THEN 3 WHEN position('Q' IN period) > 0 THEN 1
                    WHEN position('H' IN period) > 0 THEN 2 ELSE 0 END AS g) AS granularity
$$;
