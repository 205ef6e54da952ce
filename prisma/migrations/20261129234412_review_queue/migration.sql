-- CreateTable
CREATE TABLE "ReviewQueue" (
    "goalId" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "ReviewQueue_pkey" PRIMARY KEY ("goalId","period")
);

-- CreateIndex
CREATE INDEX "ReviewQueue_planId_submittedAt_version_entryId_idx" ON "ReviewQueue"("planId", "submittedAt", "version", "entryId");

-- AddForeignKey
ALTER TABLE "ReviewQueue" ADD CONSTRAINT "ReviewQueue_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The queue of each (goal, period) given: its newest version, queued when pending and the goal live (not archived),
-- and nothing queued otherwise.
-- Called by the triggers below for the periods a statement touched; every writer of a goal's versions holds the
-- goal's row lock (FOR UPDATE), so two transactions never sync one period at once.
CREATE FUNCTION "luoshi_review_queue_sync"(goal_ids TEXT[], periods TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReviewQueue" q
  USING (SELECT DISTINCT k."goalId", k."period" FROM unnest(goal_ids, periods) AS k("goalId", "period")) k
  LEFT JOIN LATERAL (
    SELECT e."id", e."state" FROM "ProgressEntry" e
    WHERE e."goalId" = k."goalId" AND e."period" = k."period" ORDER BY e."version" DESC LIMIT 1
  ) h ON true
  WHERE q."goalId" = k."goalId" AND q."period" = k."period"
    AND (h."state" IS DISTINCT FROM 'pending' OR q."entryId" <> h."id"
         OR EXISTS (SELECT 1 FROM "Goal" g WHERE g."id" = k."goalId" AND g."archivedAt" IS NOT NULL));

  INSERT INTO "ReviewQueue" ("goalId", "period", "entryId", "planId", "submittedAt", "version")
  SELECT k."goalId", k."period", h."id", g."planId", h."submittedAt", h."version"
  FROM (SELECT DISTINCT k."goalId", k."period" FROM unnest(goal_ids, periods) AS k("goalId", "period")) k
  JOIN LATERAL (
    SELECT e."id", e."state", e."submittedAt", e."version" FROM "ProgressEntry" e
    WHERE e."goalId" = k."goalId" AND e."period" = k."period" ORDER BY e."version" DESC LIMIT 1
  ) h ON true
  JOIN "Goal" g ON g."id" = k."goalId" AND g."archivedAt" IS NULL
  WHERE h."state" = 'pending'
  ORDER BY 1, 2
  ON CONFLICT ("goalId", "period") DO UPDATE SET
    "entryId" = EXCLUDED."entryId", "planId" = EXCLUDED."planId", "submittedAt" = EXCLUDED."submittedAt", "version" = EXCLUDED."version"
  WHERE "ReviewQueue"."entryId" IS DISTINCT FROM EXCLUDED."entryId";
END $$;

-- A version written, or changed in state (审核, 退回, 撤回): its period's queue, per row. A version written is its
-- period's newest (the last one + 1, under the goal's lock): queued when pending — taking the place of the older one —
-- or, when not pending (an admin's figure counts at once), the period's queued version leaves. Anything else (an
-- older version inserted by hand, a review) re-reads the period's newest version.
CREATE FUNCTION "luoshi_entry_queue"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR EXISTS (
    SELECT 1 FROM "ProgressEntry" e WHERE e."goalId" = NEW."goalId" AND e."period" = NEW."period" AND e."version" > NEW."version"
  ) THEN
    IF TG_OP = 'UPDATE' AND (OLD."goalId", OLD."period") IS DISTINCT FROM (NEW."goalId", NEW."period") THEN
      PERFORM "luoshi_review_queue_sync"(ARRAY[OLD."goalId", NEW."goalId"], ARRAY[OLD."period", NEW."period"]);
    ELSE
      PERFORM "luoshi_review_queue_sync"(ARRAY[NEW."goalId"], ARRAY[NEW."period"]);
    END IF;
  ELSIF NEW."state" = 'pending' THEN
    INSERT INTO "ReviewQueue" ("goalId", "period", "entryId", "planId", "submittedAt", "version")
    SELECT NEW."goalId", NEW."period", NEW."id", g."planId", NEW."submittedAt", NEW."version"
    FROM "Goal" g WHERE g."id" = NEW."goalId" AND g."archivedAt" IS NULL
    ON CONFLICT ("goalId", "period") DO UPDATE SET
      "entryId" = EXCLUDED."entryId", "planId" = EXCLUDED."planId", "submittedAt" = EXCLUDED."submittedAt", "version" = EXCLUDED."version";
  ELSE
    DELETE FROM "ReviewQueue" WHERE "goalId" = NEW."goalId" AND "period" = NEW."period";
  END IF;
  RETURN NULL;
END $$;

-- Versions deleted (by hand, or with their goal): their periods' queue, per statement (a goal's deletion takes
-- thousands of versions at once).
CREATE FUNCTION "luoshi_entries_deleted_queue"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  goal_ids TEXT[];
  periods TEXT[];
BEGIN
  SELECT array_agg(o."goalId"), array_agg(o."period") INTO goal_ids, periods FROM old_rows o;
  IF goal_ids IS NOT NULL THEN
    PERFORM "luoshi_review_queue_sync"(goal_ids, periods);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ProgressEntry_inserted_queues_review" AFTER INSERT ON "ProgressEntry"
  FOR EACH ROW EXECUTE FUNCTION "luoshi_entry_queue"();
CREATE TRIGGER "ProgressEntry_updated_queues_review" AFTER UPDATE ON "ProgressEntry"
  FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."goalId" IS DISTINCT FROM NEW."goalId"
                     OR OLD."period" IS DISTINCT FROM NEW."period" OR OLD."version" IS DISTINCT FROM NEW."version")
  EXECUTE FUNCTION "luoshi_entry_queue"();
CREATE TRIGGER "ProgressEntry_deleted_queues_review" AFTER DELETE ON "ProgressEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "luoshi_entries_deleted_queue"();

-- A goal archived leaves the queue; restored, its periods are queued again.
CREATE FUNCTION "luoshi_goal_archive_queue"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  goal_ids TEXT[];
  periods TEXT[];
BEGIN
  IF NEW."archivedAt" IS NOT NULL THEN
    DELETE FROM "ReviewQueue" WHERE "goalId" = NEW."id";
  ELSE
    SELECT array_agg(NEW."id"), array_agg(x."period") INTO goal_ids, periods
    FROM (SELECT DISTINCT e."period" FROM "ProgressEntry" e WHERE e."goalId" = NEW."id") x;
    IF goal_ids IS NOT NULL THEN
      PERFORM "luoshi_review_queue_sync"(goal_ids, periods);
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Goal_archived_queues_review" AFTER UPDATE OF "archivedAt" ON "Goal"
  FOR EACH ROW WHEN (OLD."archivedAt" IS DISTINCT FROM NEW."archivedAt") EXECUTE FUNCTION "luoshi_goal_archive_queue"();

-- The whole queue again from the versions (after a bulk load that skipped triggers; the migration fills it so).
CREATE FUNCTION "luoshi_rebuild_review_queue"() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  queued integer;
BEGIN
  DELETE FROM "ReviewQueue";
  INSERT INTO "ReviewQueue" ("goalId", "period", "entryId", "planId", "submittedAt", "version")
  SELECT e."goalId", e."period", e."id", g."planId", e."submittedAt", e."version"
  FROM "ProgressEntry" e JOIN "Goal" g ON g."id" = e."goalId" AND g."archivedAt" IS NULL
  WHERE e."state" = 'pending'
    AND NOT EXISTS (SELECT 1 FROM "ProgressEntry" n WHERE n."goalId" = e."goalId" AND n."period" = e."period" AND n."version" > e."version")
  ORDER BY 1, 2;
  GET DIAGNOSTICS queued = ROW_COUNT;
  RETURN queued;
END $$;

SELECT "luoshi_rebuild_review_queue"();
