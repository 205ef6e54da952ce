-- The staling walk as PL/pgSQL: a LANGUAGE sql function that writes is planned afresh on every call, while PL/pgSQL
-- keeps its statement's plan for the session. Every entry write calls it (through the statement-level triggers), so
-- this is planning saved on each one. Same statement, same effect as in 20261129183540_goal_verdicts.
CREATE OR REPLACE FUNCTION "luoshi_stale_verdicts"(goal_ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- The plan rides along the walk: every step is a primary-key probe, whatever the size of "Goal".
  WITH RECURSIVE up AS (
    SELECT g."id", g."planId", g."parentGoalId" FROM "Goal" g WHERE g."id" = ANY(goal_ids)
    UNION
    SELECT p."id", p."planId", p."parentGoalId" FROM "Goal" p JOIN up ON p."id" = up."parentGoalId"
  )
  INSERT INTO "GoalVerdict" AS v ("goalId", "planId", "stamp")
  SELECT up."id", up."planId", 1 FROM up ORDER BY up."id"
  ON CONFLICT ("goalId") DO UPDATE SET "stamp" = v."stamp" + 1, "day" = NULL;
END $$;
