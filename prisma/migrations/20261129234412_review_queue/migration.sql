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

-- Versions inserted, deleted, or changed in state (审核, 退回, 撤回): their periods' queue, per statement.
CREATE FUNCTION "luoshi_entries_queue"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  goal_ids TEXT[];
  periods TEXT[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- A version written is its period's newest (the last one + 1, under the goal's lock): queued when pending, and
    -- the period's older one, if queued, leaves. Any other insert (an older version) goes through the full sync.
    WITH newest AS (
      SELECT DISTINCT ON (n."goalId", n."period") n."goalId", n."period", n."id", n."state", n."submittedAt", n."version"
      FROM new_rows n ORDER BY n."goalId", n."period", n."version" DESC
    ), settled AS (
      SELECT w.* FROM newest w
      WHERE NOT EXISTS (SELECT 1 FROM "ProgressEntry" e WHERE e."goalId" = w."goalId" AND e."period" = w."period" AND e."version" > w."version")
    ), removed AS (
      DELETE FROM "ReviewQueue" q USING settled w
      WHERE q."goalId" = w."goalId" AND q."period" = w."period" AND w."state" <> 'pending'
    )
    INSERT INTO "ReviewQueue" ("goalId", "period", "entryId", "planId", "submittedAt", "version")
    SELECT w."goalId", w."period", w."id", g."planId", w."submittedAt", w."version"
    FROM settled w JOIN "Goal" g ON g."id" = w."goalId" AND g."archivedAt" IS NULL
    WHERE w."state" = 'pending'
    ORDER BY 1, 2
    ON CONFLICT ("goalId", "period") DO UPDATE SET
      "entryId" = EXCLUDED."entryId", "planId" = EXCLUDED."planId", "submittedAt" = EXCLUDED."submittedAt", "version" = EXCLUDED."version";
    SELECT array_agg(w."goalId"), array_agg(w."period") INTO goal_ids, periods
    FROM (SELECT n."goalId", n."period", max(n."version") AS "version" FROM new_rows n GROUP BY 1, 2) w
    WHERE EXISTS (SELECT 1 FROM "ProgressEntry" e WHERE e."goalId" = w."goalId" AND e."period" = w."period" AND e."version" > w."version");
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o."goalId"), array_agg(o."period") INTO goal_ids, periods FROM old_rows o;
  ELSE
    SELECT array_agg(x."goalId"), array_agg(x."period") INTO goal_ids, periods FROM (
      SELECT n."goalId", n."period" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
      WHERE o."state" IS DISTINCT FROM n."state" OR o."goalId" <> n."goalId" OR o."period" <> n."period" OR o."version" <> n."version"
      UNION
      SELECT o."goalId", o."period" FROM old_rows o JOIN new_rows n ON n."id" = o."id"
      WHERE o."goalId" <> n."goalId" OR o."period" <> n."period" OR o."version" <> n."version"
    ) x;
  END IF;
  IF goal_ids IS NOT NULL THEN
    PERFORM "luoshi_review_queue_sync"(goal_ids, periods);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ProgressEntry_inserted_queues_review" AFTER INSERT ON "ProgressEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "luoshi_entries_queue"();
CREATE TRIGGER "ProgressEntry_updated_queues_review" AFTER UPDATE ON "ProgressEntry"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "luoshi_entries_queue"();
CREATE TRIGGER "ProgressEntry_deleted_queues_review" AFTER DELETE ON "ProgressEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "luoshi_entries_queue"();

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
