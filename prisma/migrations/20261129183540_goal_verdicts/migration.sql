-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "verdictEpoch" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "GoalVerdict" (
    "goalId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "stamp" INTEGER NOT NULL DEFAULT 0,
    "day" DATE,
    "epoch" INTEGER NOT NULL DEFAULT 0,
    "code" TEXT,
    "light" TEXT,
    "metAtYearEnd" BOOLEAN NOT NULL DEFAULT false,
    "dutyOverdue" BOOLEAN NOT NULL DEFAULT false,
    "dutyReturned" BOOLEAN NOT NULL DEFAULT false,
    "leadDepartmentId" TEXT,
    "judgement" JSONB,
    "latestState" TEXT,
    "shares" JSONB,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalVerdict_pkey" PRIMARY KEY ("goalId")
);

-- CreateIndex
-- Counts by plan read from the index alone.
CREATE INDEX "GoalVerdict_planId_day_epoch_code_light_metAtYearEnd_dutyOv_idx" ON "GoalVerdict"("planId", "day", "epoch", "code", "light", "metAtYearEnd", "dutyOverdue", "dutyReturned", "leadDepartmentId");

-- The live goals of a plan, counted from the index alone (kept verdicts are complete when their count is this).
CREATE INDEX "Goal_live_planId_idx" ON "Goal"("planId") WHERE "archivedAt" IS NULL;

-- AddForeignKey
ALTER TABLE "GoalVerdict" ADD CONSTRAINT "GoalVerdict_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Kept verdicts go stale in the same transaction as whatever they rest on (decision 0018). A stale row has its
-- stamp raised and its day cleared; a reader that judged a goal on a snapshot writes its verdict only where the
-- stamp is still the one it saw, so a change committed after that snapshot is never covered by an older verdict.

-- The goals given and every goal they are shares of (目标分解), up the chain.
CREATE FUNCTION "luoshi_stale_verdicts"(goal_ids TEXT[]) RETURNS void LANGUAGE sql AS $$
  -- The plan rides along the walk: every step is a primary-key probe, whatever the size of "Goal".
  WITH RECURSIVE up AS (
    SELECT g."id", g."planId", g."parentGoalId" FROM "Goal" g WHERE g."id" = ANY(goal_ids)
    UNION
    SELECT p."id", p."planId", p."parentGoalId" FROM "Goal" p JOIN up ON p."id" = up."parentGoalId"
  )
  INSERT INTO "GoalVerdict" AS v ("goalId", "planId", "stamp")
  SELECT up."id", up."planId", 1 FROM up ORDER BY up."id"
  ON CONFLICT ("goalId") DO UPDATE SET "stamp" = v."stamp" + 1, "day" = NULL
$$;

-- A figure's versions: submitted, approved, returned, withdrawn, corrected, removed. Per statement, so a bulk write
-- (批量填报, a generator) stales each goal once.
CREATE FUNCTION "luoshi_entries_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "luoshi_stale_verdicts"(ARRAY(SELECT DISTINCT n."goalId" FROM new_rows n));
  RETURN NULL;
END $$;
CREATE FUNCTION "luoshi_entries_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "luoshi_stale_verdicts"(ARRAY(SELECT n."goalId" FROM new_rows n UNION SELECT o."goalId" FROM old_rows o));
  RETURN NULL;
END $$;
CREATE FUNCTION "luoshi_entries_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "luoshi_stale_verdicts"(ARRAY(SELECT DISTINCT o."goalId" FROM old_rows o));
  RETURN NULL;
END $$;
CREATE TRIGGER "ProgressEntry_inserted_stales_verdict" AFTER INSERT ON "ProgressEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "luoshi_entries_inserted"();
CREATE TRIGGER "ProgressEntry_updated_stales_verdict" AFTER UPDATE ON "ProgressEntry"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "luoshi_entries_updated"();
CREATE TRIGGER "ProgressEntry_deleted_stales_verdict" AFTER DELETE ON "ProgressEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "luoshi_entries_deleted"();

-- A goal's own fields (target, unit, frequency, archiving…), and the parent it is a share of (old and new).
CREATE FUNCTION "luoshi_goal_stales_verdict"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM "luoshi_stale_verdicts"(ARRAY[OLD."parentGoalId"]);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM "luoshi_stale_verdicts"(ARRAY[NEW."parentGoalId"]);
  ELSE
    PERFORM "luoshi_stale_verdicts"(ARRAY[NEW."id", OLD."parentGoalId"]);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Goal_stales_verdict" AFTER INSERT OR UPDATE OR DELETE ON "Goal"
  FOR EACH ROW EXECUTE FUNCTION "luoshi_goal_stales_verdict"();

-- A plan's year and status settings: every verdict of the plan by its epoch; the parents its goals are shares of
-- (their share lists show this plan's title and judge the shares on its settings).
CREATE FUNCTION "luoshi_plan_epoch"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."year" IS DISTINCT FROM OLD."year" OR NEW."graceDays" IS DISTINCT FROM OLD."graceDays"
     OR NEW."marginBehind" IS DISTINCT FROM OLD."marginBehind" OR NEW."marginFarBehind" IS DISTINCT FROM OLD."marginFarBehind" THEN
    NEW."verdictEpoch" := OLD."verdictEpoch" + 1;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "Plan_verdict_epoch" BEFORE UPDATE ON "Plan" FOR EACH ROW EXECUTE FUNCTION "luoshi_plan_epoch"();

CREATE FUNCTION "luoshi_plan_stales_parents"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."verdictEpoch" <> OLD."verdictEpoch" OR NEW."title" IS DISTINCT FROM OLD."title" THEN
    PERFORM "luoshi_stale_verdicts"(ARRAY(
      SELECT DISTINCT g."parentGoalId" FROM "Goal" g WHERE g."planId" = NEW."id" AND g."parentGoalId" IS NOT NULL));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Plan_stales_parents" AFTER UPDATE ON "Plan" FOR EACH ROW EXECUTE FUNCTION "luoshi_plan_stales_parents"();

-- Names shown in share lists: a region's, a department's.
CREATE FUNCTION "luoshi_name_stales_shares"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."name" IS DISTINCT FROM OLD."name" THEN
    UPDATE "GoalVerdict" SET "stamp" = "stamp" + 1, "day" = NULL WHERE "shares" IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Region_stales_shares" AFTER UPDATE ON "Region" FOR EACH ROW EXECUTE FUNCTION "luoshi_name_stales_shares"();
CREATE TRIGGER "Department_stales_shares" AFTER UPDATE ON "Department" FOR EACH ROW EXECUTE FUNCTION "luoshi_name_stales_shares"();
