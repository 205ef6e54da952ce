-- A figure's write keeps its goal's verdict for the day in the same transaction (decision 0022): the writer has read
-- every version of the goal and judged it with the new one (lib/server/entries.ts submitEntry) as a reader would
-- (judgeGoals: countedVersions, judgeGoalRow, goalDuty), so the version's insert no longer leaves the verdict
-- cleared for the next reader of the board, the plan list or 待我处理 to judge. Under 300 writes a second those
-- readers judged hundreds of cleared goals on every read.
--
-- The verdict is kept only when it is surely the one a reader would judge now:
--   * the writer judged it (a goal with shares, judged on them, is left to readers);
--   * its stamp, read with the versions, is the one this insert's staling left (stamp + 1): nothing else that a
--     verdict rests on (the goal's fields, its parent, names, the versions: see 20261129183540_goal_verdicts)
--     changed since the writer read it, the fingerprint having checked the versions under the goal's lock;
--   * the plan's verdictEpoch is still the one read.
-- A kept change of light or 未填报 is added to the plan's tally by its trigger (20261130001500_tally_deltas), which
-- needs the tally's row lock. Keepers of verdicts take that lock before any verdict row (lib/server/verdicts.ts
-- keepVerdicts), while a writer already holds its goal's verdict row from the staling: so a writer never waits for
-- it. It takes the lock only if free (SKIP LOCKED) and, if not, leaves the verdict cleared, as before, for readers.
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
BEGIN
  SELECT "planId" INTO plan_id FROM "Goal" WHERE "id" = v_goal_id AND "archivedAt" IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RETURN FALSE;
  END IF;
  IF "luoshi_versions_fingerprint"(v_goal_id) <> fingerprint THEN
    RETURN FALSE;
  END IF;
  INSERT INTO "ProgressEntry" ("id", "goalId", "period", "periodEnd", "version", "value", "rawInput", "note", "state", "submittedById",
                               "submittedAt", "reportedAt", "countedAt", "reviewedById", "reviewedAt", "reviewNote", "warnings", "updatedAt")
  VALUES (v_id, v_goal_id, v_period, v_period_end, v_version, v_value, v_raw_input, v_note, v_state::"EntryState", v_submitted_by_id,
          v_submitted_at, v_reported_at, v_counted_at, v_reviewed_by_id, v_reviewed_at, v_review_note, v_warnings, v_updated_at);
  INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after", "at")
  VALUES (a_id, a_actor_id, 'entry.submit', 'ProgressEntry', v_id, a_before, a_after, a_at);
  IF k_light IS NULL OR k_seen_stamp IS NULL THEN
    RETURN TRUE;
  END IF;
  -- The verdict as the insert's staling left it (its row is this transaction's now).
  SELECT v."light", v."dutyOverdue" OR v."dutyReturned", v."leadDepartmentId", v."stamp" INTO old_light, old_duty, old_lead, old_stamp
  FROM "GoalVerdict" v WHERE v."goalId" = v_goal_id;
  IF old_stamp IS DISTINCT FROM k_seen_stamp + 1 THEN
    RETURN TRUE;
  END IF;
  PERFORM 1 FROM "Plan" p WHERE p."id" = plan_id AND p."verdictEpoch" = k_epoch;
  IF NOT FOUND THEN
    RETURN TRUE;
  END IF;
  -- A change the tally counts (as luoshi_tally_change tells it): kept only with the tally's row lock, if free.
  IF old_light IS DISTINCT FROM k_light OR old_duty IS DISTINCT FROM new_duty OR ((old_duty OR new_duty) AND old_lead IS DISTINCT FROM k_lead_department_id) THEN
    PERFORM 1 FROM "PlanTally" t WHERE t."planId" = plan_id FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      RETURN TRUE;
    END IF;
  END IF;
  UPDATE "GoalVerdict" SET
    "day" = k_day, "epoch" = k_epoch, "code" = k_code, "light" = k_light, "metAtYearEnd" = k_met, "judgement" = k_judgement,
    "latestState" = k_latest_state, "shares" = NULL, "dutyOverdue" = k_duty_overdue, "dutyReturned" = k_duty_returned,
    "leadDepartmentId" = k_lead_department_id, "updatedAt" = now()
  WHERE "goalId" = v_goal_id AND "stamp" = k_seen_stamp + 1;
  RETURN TRUE;
END $$;
