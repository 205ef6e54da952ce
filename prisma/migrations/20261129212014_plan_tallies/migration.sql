-- CreateTable
CREATE TABLE "PlanTally" (
    "planId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "day" DATE NOT NULL,
    "epoch" INTEGER NOT NULL,
    "green" INTEGER NOT NULL,
    "yellow" INTEGER NOT NULL,
    "red" INTEGER NOT NULL,
    "grey" INTEGER NOT NULL,
    "none" INTEGER NOT NULL,
    "dutyGoals" INTEGER NOT NULL,
    "dutyDepartments" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanTally_pkey" PRIMARY KEY ("planId")
);

-- CreateTable
CREATE TABLE "PlanTallyChange" (
    "planId" TEXT NOT NULL,
    "xid" BIGINT NOT NULL,

    CONSTRAINT "PlanTallyChange_pkey" PRIMARY KEY ("planId","xid")
);

-- AddForeignKey
ALTER TABLE "PlanTally" ADD CONSTRAINT "PlanTally_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTallyChange" ADD CONSTRAINT "PlanTallyChange_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- What a tally cannot see by itself (decision 0019). A figure's change stales its goal's verdict (day NULL), which
-- the tally's reader sees in the verdict index; but a verdict kept again afterwards, or a goal added, removed,
-- archived or restored, leaves no stale row behind: those leave a PlanTallyChange row, one per plan and transaction.
-- Only readers keep verdicts (a writer's staling sets day NULL, which this trigger's WHEN passes over without a call),
-- so writers of figures pay nothing for tallies.
CREATE FUNCTION "luoshi_tally_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PlanTallyChange" ("planId", "xid") VALUES (NEW."planId", txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "GoalVerdict_kept_changes_tally" AFTER INSERT OR UPDATE ON "GoalVerdict"
  FOR EACH ROW WHEN (NEW."day" IS NOT NULL) EXECUTE FUNCTION "luoshi_tally_change"();

-- The live goals of a plan: added or removed (per statement: an import adds thousands), archived or restored.
CREATE FUNCTION "luoshi_goals_change_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "PlanTallyChange" ("planId", "xid")
      SELECT DISTINCT o."planId", txid_current() FROM old_rows o WHERE EXISTS (SELECT 1 FROM "Plan" p WHERE p."id" = o."planId")
      ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO "PlanTallyChange" ("planId", "xid") SELECT DISTINCT n."planId", txid_current() FROM new_rows n ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Goal_inserted_changes_tally" AFTER INSERT ON "Goal"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "luoshi_goals_change_tally"();
CREATE TRIGGER "Goal_deleted_changes_tally" AFTER DELETE ON "Goal"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "luoshi_goals_change_tally"();
CREATE FUNCTION "luoshi_goal_archive_changes_tally"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PlanTallyChange" ("planId", "xid") VALUES (NEW."planId", txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "Goal_archived_changes_tally" AFTER UPDATE OF "archivedAt", "planId" ON "Goal"
  FOR EACH ROW WHEN (OLD."archivedAt" IS DISTINCT FROM NEW."archivedAt" OR OLD."planId" IS DISTINCT FROM NEW."planId")
  EXECUTE FUNCTION "luoshi_goal_archive_changes_tally"();
