-- A figure's write or review that kept its goal's verdict (20261130030500_verdict_kept_at_write) still ran the
-- staling of its insert or update in full: the walk up the goal's parents and an INSERT … ON CONFLICT whose WHERE
-- passed over the kept row — but only after locking it, a tuple lock written to the table and the WAL on every
-- write. When the statement's goals are that one kept goal alone (its row still at the kept stamp, as the WHERE
-- below asks) and it has no parent (the usual write), nothing is left to stale, so it returns at once. Everything
-- else is as before.
CREATE OR REPLACE FUNCTION "luoshi_stale_verdicts"(goal_ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  kept TEXT := current_setting('luoshi.verdict_kept', true);
BEGIN
  IF kept IS NOT NULL AND kept <> '' AND cardinality(goal_ids) = 1
     AND EXISTS (SELECT 1 FROM "GoalVerdict" v WHERE v."goalId" = goal_ids[1] AND v."goalId" || ':' || v."stamp" = kept)
     AND NOT EXISTS (SELECT 1 FROM "Goal" g WHERE g."id" = goal_ids[1] AND g."parentGoalId" IS NOT NULL) THEN
    RETURN;
  END IF;
  WITH RECURSIVE up AS (
    SELECT g."id", g."planId", g."parentGoalId" FROM "Goal" g WHERE g."id" = ANY(goal_ids)
    UNION
    SELECT p."id", p."planId", p."parentGoalId" FROM "Goal" p JOIN up ON p."id" = up."parentGoalId"
  )
  INSERT INTO "GoalVerdict" AS v ("goalId", "planId", "stamp")
  SELECT up."id", up."planId", 1 FROM up ORDER BY up."id"
  ON CONFLICT ("goalId") DO UPDATE SET "stamp" = v."stamp" + 1, "day" = NULL
  WHERE v."goalId" || ':' || v."stamp" IS DISTINCT FROM current_setting('luoshi.verdict_kept', true);
END $$;
