-- A figure's write keeps its goal's verdict for the day in the same transaction (decision 0022): the writer has read
-- every version of the goal and judged it with the new one (lib/server/entries.ts submitEntry) as a reader would
-- (judgeGoals: countedVersions, judgeGoalRow, goalDuty), so the version's insert no longer leaves the verdict
-- cleared for the next reader of the board, the plan list or 待我处理 to judge. Under 300 writes a second those
-- readers judged hundreds of cleared goals on every read.
--
-- The verdict is kept only when it is surely the one a reader would judge now:
--   * the writer judged it (a goal with shares, judged on them, is left to readers);
--   * its stamp is still the one read with the versions: nothing else a verdict rests on (the goal's fields, its
--     parent, names: see 20261129183540_goal_verdicts) changed since, the fingerprint having checked the versions
--     under the goal's lock;
--   * the plan's verdictEpoch is still the one read.
-- Kept, it is written before the version with its stamp raised (a reader's older judgement is not kept over it), and
-- the insert's staling passes over that one row (luoshi_stale_verdicts, told by a transaction-local setting): one
-- write of the verdict row instead of a clearing and a keeping, each of which rewrote its index entries.
-- A kept change of light or 未填报 is added to the plan's tally by its trigger (20261130001500_tally_deltas), which
-- needs the tally's row lock. Keepers of verdicts take that lock before any verdict row (lib/server/verdicts.ts
-- keepVerdicts), so a writer, which may already hold verdict rows, never waits for it: it takes it only if free
-- (SKIP LOCKED) and otherwise leaves the verdict to be cleared, as before, for readers.
DROP FUNCTION "luoshi_write_version"(TEXT, TEXT, TEXT, TEXT, DATE, INTEGER, NUMERIC, TEXT, TEXT, TEXT, TEXT, TIMESTAMP, DATE, TIMESTAMP, TEXT,
                                     TIMESTAMP, TEXT, JSONB, TIMESTAMP, TEXT, TEXT, JSONB, JSONB, TIMESTAMP);

CREATE FUNCTION "luoshi_write_version"(
  fingerprint TEXT,
  v_id TEXT, v_goal_id TEXT, v_period TEXT, v_period_end DATE, v_version INTEGER, v_value NUMERIC, v_raw_input TEXT, v_note TEXT,
  v_state TEXT, v_submitted_by_id TEXT, v_submitted_at TIMESTAMP, v_reported_at DATE, v_counted_at TIMESTAMP, v_reviewed_by_id TEXT,
  v_reviewed_at TIMESTAMP, v_review_note TEXT, v_warnings JSONB, v_updated_at TIMESTAMP,
  a_id TEXT, a_actor_id TEXT, a_before JSONB, a_after JSONB, a_at TIMESTAMP,
  -- The goal's verdict for k_day as judged by the writer (k_light NULL: none), and the stamp and epoch it read.
  k_seen_stamp INTEGER, k_day DATE, k_epoch INTEGER, k_code TEXT, k_light TEXT, k_met BOOLEAN, k_judgement JSONB, k_latest_state TEXT,
  k_duty_overdue BOOLEAN, k_duty_returned BOOLEAN, k_lead_department_id TEXT
) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  plan_id TEXT;
  old_light TEXT;
  old_duty BOOLEAN;
  old_lead TEXT;
  old_stamp INTEGER;
  new_duty BOOLEAN := k_duty_overdue OR k_duty_returned;
  keep BOOLEAN := FALSE;
BEGIN
  SELECT "planId" INTO plan_id FROM "Goal" WHERE "id" = v_goal_id AND "archivedAt" IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RETURN FALSE;
  END IF;
  IF "luoshi_versions_fingerprint"(v_goal_id) <> fingerprint THEN
    RETURN FALSE;
  END IF;
  IF k_light IS NOT NULL AND k_seen_stamp IS NOT NULL THEN
    SELECT v."light", v."dutyOverdue" OR v."dutyReturned", v."leadDepartmentId", v."stamp" INTO old_light, old_duty, old_lead, old_stamp
    FROM "GoalVerdict" v WHERE v."goalId" = v_goal_id;
    keep := old_stamp IS NOT DISTINCT FROM k_seen_stamp AND EXISTS (SELECT 1 FROM "Plan" p WHERE p."id" = plan_id AND p."verdictEpoch" = k_epoch);
    -- A change the tally counts (as luoshi_tally_change tells it): kept only with the tally's row lock, if free.
    IF keep AND (old_light IS DISTINCT FROM k_light OR old_duty IS DISTINCT FROM new_duty
                 OR ((old_duty OR new_duty) AND old_lead IS DISTINCT FROM k_lead_department_id)) THEN
      PERFORM 1 FROM "PlanTally" t WHERE t."planId" = plan_id FOR UPDATE SKIP LOCKED;
      keep := FOUND;
    END IF;
  END IF;
  IF keep THEN
    UPDATE "GoalVerdict" SET
      "stamp" = "stamp" + 1, "day" = k_day, "epoch" = k_epoch, "code" = k_code, "light" = k_light, "metAtYearEnd" = k_met,
      "judgement" = k_judgement, "latestState" = k_latest_state, "shares" = NULL, "dutyOverdue" = k_duty_overdue,
      "dutyReturned" = k_duty_returned, "leadDepartmentId" = k_lead_department_id, "updatedAt" = now()
    WHERE "goalId" = v_goal_id AND "stamp" = k_seen_stamp;
    keep := FOUND;
  END IF;
  IF keep THEN
    PERFORM set_config('luoshi.verdict_kept', v_goal_id || ':' || (k_seen_stamp + 1), true);
  END IF;
  INSERT INTO "ProgressEntry" ("id", "goalId", "period", "periodEnd", "version", "value", "rawInput", "note", "state", "submittedById",
                               "submittedAt", "reportedAt", "countedAt", "reviewedById", "reviewedAt", "reviewNote", "warnings", "updatedAt")
  VALUES (v_id, v_goal_id, v_period, v_period_end, v_version, v_value, v_raw_input, v_note, v_state::"EntryState", v_submitted_by_id,
          v_submitted_at, v_reported_at, v_counted_at, v_reviewed_by_id, v_reviewed_at, v_review_note, v_warnings, v_updated_at);
  IF keep THEN
    PERFORM set_config('luoshi.verdict_kept', '', true);
  END IF;
  INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after", "at")
  VALUES (a_id, a_actor_id, 'entry.submit', 'ProgressEntry', v_id, a_before, a_after, a_at);
  RETURN TRUE;
END $$;

-- The staling walk of 20261129211334_stale_verdicts_plpgsql, passing over the one verdict a write has just kept
-- with the version it writes ("goalId:stamp" in luoshi.verdict_kept, set for that insert alone).
CREATE OR REPLACE FUNCTION "luoshi_stale_verdicts"(goal_ids TEXT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
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
