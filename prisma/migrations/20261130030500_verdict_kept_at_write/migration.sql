-- A figure's write, and a review (审核 / 退回), keeps its goal's verdict for the day in the same transaction (decision
-- 0022): the writer has read every version of the goal and judged it as they will be after its write
-- (lib/server/entries.ts verdictAfterWrite) as a reader would (judgeGoals: countedVersions, judgeGoalRow, goalDuty),
-- so the write no longer leaves the verdict cleared for the next reader of the board, the plan list or 待我处理 to
-- judge. Under 300 writes a second those readers judged hundreds of cleared goals on every read.
--
-- The verdict is kept only when it is surely the one a reader would judge now:
--   * the writer judged it (a goal with shares, judged on them, is left to readers);
--   * its stamp is still the one read with the versions, under the goal's lock: nothing a verdict rests on (the
--     goal's versions and fields, its parent, names: see 20261129183540_goal_verdicts) changed since;
--   * the plan's verdictEpoch is still the one read.
-- Kept, it is written before the version with its stamp raised (a reader's older judgement is not kept over it), and
-- the insert's staling passes over that one row (luoshi_stale_verdicts, told by a transaction-local setting): one
-- write of the verdict row instead of a clearing and a keeping, each of which rewrote its index entries.
-- A kept change of light or 未填报 is added to the plan's tally by its trigger (20261130001500_tally_deltas), which
-- needs the tally's row lock. Keepers of verdicts take that lock before any verdict row (lib/server/verdicts.ts
-- keepVerdicts), so a writer, which may already hold verdict rows, never waits for it: it takes it only if free
-- (SKIP LOCKED) and otherwise leaves the verdict to be cleared, as before, for readers.
-- Before a write of one goal's versions, under the goal's lock: keeps the verdict the writer judged (k_light NULL:
-- none) if it may, and then tells the staling of the write's statement to pass over it. True when kept; the caller
-- clears luoshi.verdict_kept after its statement.
CREATE FUNCTION "luoshi_keep_verdict_before_write"(
  goal_id TEXT, plan_id TEXT,
  k_seen_stamp INTEGER, k_day DATE, k_epoch INTEGER, k_code TEXT, k_light TEXT, k_met BOOLEAN, k_judgement JSONB, k_latest_state TEXT,
  k_duty_overdue BOOLEAN, k_duty_returned BOOLEAN, k_lead_department_id TEXT
) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  old_light TEXT;
  old_duty BOOLEAN;
  old_lead TEXT;
  old_stamp INTEGER;
  new_duty BOOLEAN := k_duty_overdue OR k_duty_returned;
BEGIN
  IF k_light IS NULL OR k_seen_stamp IS NULL THEN
    RETURN FALSE;
  END IF;
  SELECT v."light", v."dutyOverdue" OR v."dutyReturned", v."leadDepartmentId", v."stamp" INTO old_light, old_duty, old_lead, old_stamp
  FROM "GoalVerdict" v WHERE v."goalId" = goal_id;
  IF old_stamp IS DISTINCT FROM k_seen_stamp THEN
    RETURN FALSE;
  END IF;
  PERFORM 1 FROM "Plan" p WHERE p."id" = plan_id AND p."verdictEpoch" = k_epoch;
  IF NOT FOUND THEN
    RETURN FALSE;
  END IF;
  -- A change the tally counts (as luoshi_tally_change tells it): kept only with the tally's row lock, if free.
  IF old_light IS DISTINCT FROM k_light OR old_duty IS DISTINCT FROM new_duty OR ((old_duty OR new_duty) AND old_lead IS DISTINCT FROM k_lead_department_id) THEN
    PERFORM 1 FROM "PlanTally" t WHERE t."planId" = plan_id FOR UPDATE SKIP LOCKED;
    IF NOT FOUND THEN
      RETURN FALSE;
    END IF;
  END IF;
  UPDATE "GoalVerdict" SET
    "stamp" = "stamp" + 1, "day" = k_day, "epoch" = k_epoch, "code" = k_code, "light" = k_light, "metAtYearEnd" = k_met,
    "judgement" = k_judgement, "latestState" = k_latest_state, "shares" = NULL, "dutyOverdue" = k_duty_overdue,
    "dutyReturned" = k_duty_returned, "leadDepartmentId" = k_lead_department_id, "updatedAt" = now()
  WHERE "goalId" = goal_id AND "stamp" = k_seen_stamp;
  IF NOT FOUND THEN
    RETURN FALSE;
  END IF;
  PERFORM set_config('luoshi.verdict_kept', goal_id || ':' || (k_seen_stamp + 1), true);
  RETURN TRUE;
END $$;

DROP FUNCTION "luoshi_write_version"(TEXT, TEXT, TEXT, TEXT, DATE, INTEGER, NUMERIC, TEXT, TEXT, TEXT, TEXT, TIMESTAMP, DATE, TIMESTAMP, TEXT,
                                     TIMESTAMP, TEXT, JSONB, TIMESTAMP, TEXT, TEXT, JSONB, JSONB, TIMESTAMP);

-- As in 20261129212655_entry_write_function, with the verdict the writer judged (k_…).
CREATE FUNCTION "luoshi_write_version"(
  fingerprint TEXT,
  v_id TEXT, v_goal_id TEXT, v_period TEXT, v_period_end DATE, v_version INTEGER, v_value NUMERIC, v_raw_input TEXT, v_note TEXT,
  v_state TEXT, v_submitted_by_id TEXT, v_submitted_at TIMESTAMP, v_reported_at DATE, v_counted_at TIMESTAMP, v_reviewed_by_id TEXT,
  v_reviewed_at TIMESTAMP, v_review_note TEXT, v_warnings JSONB, v_updated_at TIMESTAMP,
  a_id TEXT, a_actor_id TEXT, a_before JSONB, a_after JSONB, a_at TIMESTAMP,
  k_seen_stamp INTEGER, k_day DATE, k_epoch INTEGER, k_code TEXT, k_light TEXT, k_met BOOLEAN, k_judgement JSONB, k_latest_state TEXT,
  k_duty_overdue BOOLEAN, k_duty_returned BOOLEAN, k_lead_department_id TEXT
) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  plan_id TEXT;
BEGIN
  SELECT "planId" INTO plan_id FROM "Goal" WHERE "id" = v_goal_id AND "archivedAt" IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RETURN FALSE;
  END IF;
  IF "luoshi_versions_fingerprint"(v_goal_id) <> fingerprint THEN
    RETURN FALSE;
  END IF;
  PERFORM "luoshi_keep_verdict_before_write"(v_goal_id, plan_id, k_seen_stamp, k_day, k_epoch, k_code, k_light, k_met, k_judgement,
                                             k_latest_state, k_duty_overdue, k_duty_returned, k_lead_department_id);
  INSERT INTO "ProgressEntry" ("id", "goalId", "period", "periodEnd", "version", "value", "rawInput", "note", "state", "submittedById",
                               "submittedAt", "reportedAt", "countedAt", "reviewedById", "reviewedAt", "reviewNote", "warnings", "updatedAt")
  VALUES (v_id, v_goal_id, v_period, v_period_end, v_version, v_value, v_raw_input, v_note, v_state::"EntryState", v_submitted_by_id,
          v_submitted_at, v_reported_at, v_counted_at, v_reviewed_by_id, v_reviewed_at, v_review_note, v_warnings, v_updated_at);
  PERFORM set_config('luoshi.verdict_kept', '', true);
  INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after", "at")
  VALUES (a_id, a_actor_id, 'entry.submit', 'ProgressEntry', v_id, a_before, a_after, a_at);
  RETURN TRUE;
END $$;

DROP FUNCTION "luoshi_review_version"(TEXT, BOOLEAN, TEXT, TEXT, TIMESTAMP, TEXT, TIMESTAMP);

-- As in 20261129212655_entry_write_function, with the verdict the reviewer judged (k_…, on the goal's versions with
-- this one approved or returned at `at`).
CREATE FUNCTION "luoshi_review_version"(version_id TEXT, approve BOOLEAN, reason TEXT, reviewer_id TEXT, at TIMESTAMP, audit_id TEXT, logged_at TIMESTAMP,
  k_seen_stamp INTEGER, k_day DATE, k_epoch INTEGER, k_code TEXT, k_light TEXT, k_met BOOLEAN, k_judgement JSONB, k_latest_state TEXT,
  k_duty_overdue BOOLEAN, k_duty_returned BOOLEAN, k_lead_department_id TEXT)
RETURNS TABLE ("outcome" TEXT, "state" TEXT, "version" JSONB, "submittedBy" JSONB, "reviewedBy" JSONB)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  goal_id TEXT;
  plan_id TEXT;
  before "ProgressEntry";
  after "ProgressEntry";
BEGIN
  SELECT e."goalId" INTO goal_id FROM "ProgressEntry" e WHERE e."id" = version_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::text, NULL::jsonb, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;
  SELECT g."planId" INTO plan_id FROM "Goal" g WHERE g."id" = goal_id FOR UPDATE;
  SELECT * INTO before FROM "ProgressEntry" WHERE "id" = version_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::text, NULL::jsonb, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;
  IF before."state" <> 'pending' THEN
    RETURN QUERY SELECT 'reviewed'::text, before."state"::text, NULL::jsonb, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM "ProgressEntry" n WHERE n."goalId" = before."goalId" AND n."period" = before."period" AND n."version" > before."version") THEN
    RETURN QUERY SELECT 'superseded'::text, NULL::text, NULL::jsonb, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;
  PERFORM "luoshi_keep_verdict_before_write"(goal_id, plan_id, k_seen_stamp, k_day, k_epoch, k_code, k_light, k_met, k_judgement,
                                             k_latest_state, k_duty_overdue, k_duty_returned, k_lead_department_id);
  IF approve THEN
    UPDATE "ProgressEntry" SET "state" = 'approved', "countedAt" = at, "reviewedById" = reviewer_id, "reviewedAt" = at, "updatedAt" = logged_at
    WHERE "id" = version_id RETURNING * INTO after;
  ELSE
    UPDATE "ProgressEntry" SET "state" = 'returned', "reviewNote" = reason, "reviewedById" = reviewer_id, "reviewedAt" = at, "updatedAt" = logged_at
    WHERE "id" = version_id RETURNING * INTO after;
  END IF;
  PERFORM set_config('luoshi.verdict_kept', '', true);
  INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after", "at")
  VALUES (audit_id, reviewer_id, CASE WHEN approve THEN 'entry.approve' ELSE 'entry.return' END, 'ProgressEntry', version_id,
          "luoshi_version_json"(before), "luoshi_version_json"(after), logged_at);
  RETURN QUERY SELECT 'done'::text, after."state"::text, "luoshi_version_json"(after),
    (SELECT jsonb_build_object('username', u."username", 'name', u."name") FROM "user" u WHERE u."id" = after."submittedById"),
    (SELECT jsonb_build_object('username', u."username", 'name', u."name") FROM "user" u WHERE u."id" = after."reviewedById");
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
