-- A figure's write in one prepared statement (lib/server/entries.ts submitEntry, issue 11). The app reads a goal
-- and its versions, checks the figure, and then calls luoshi_write_version, which takes the goal's row lock, makes
-- sure the versions are still those it read (the fingerprint), and writes the version and its audit event. A
-- VOLATILE function under READ COMMITTED takes a fresh snapshot per statement, so the check after the lock sees
-- whatever the lock's previous holder committed; PL/pgSQL keeps its statements' plans per session.

-- What a goal's versions look like now: any new version or change of state changes it.
CREATE FUNCTION "luoshi_versions_fingerprint"(goal_id TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT coalesce(md5(string_agg(e."id" || ':' || e."version" || ':' || e."state", ',' ORDER BY e."id")), '')
  FROM "ProgressEntry" e WHERE e."goalId" = goal_id
$$;

-- False, writing nothing, when the goal is gone or archived or its versions changed since they were read.
CREATE FUNCTION "luoshi_write_version"(
  fingerprint TEXT,
  v_id TEXT, v_goal_id TEXT, v_period TEXT, v_period_end DATE, v_version INTEGER, v_value NUMERIC, v_raw_input TEXT, v_note TEXT,
  v_state TEXT, v_submitted_by_id TEXT, v_submitted_at TIMESTAMP, v_reported_at DATE, v_counted_at TIMESTAMP, v_reviewed_by_id TEXT,
  v_reviewed_at TIMESTAMP, v_review_note TEXT, v_warnings JSONB, v_updated_at TIMESTAMP,
  a_id TEXT, a_actor_id TEXT, a_before JSONB, a_after JSONB, a_at TIMESTAMP
) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM 1 FROM "Goal" WHERE "id" = v_goal_id AND "archivedAt" IS NULL FOR UPDATE;
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
  RETURN TRUE;
END $$;

-- A version as the app's audit snapshots show it (lib/server/audit.ts `snapshot` of the row as Prisma reads it):
-- the value as exact decimal text without trailing zeros, timestamps and dates as ISO text in UTC with
-- milliseconds. The write path reads versions through it, and reviews record their before/after with it.
CREATE FUNCTION "luoshi_version_json"(e "ProgressEntry") RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_object(
    'id', e."id", 'goalId', e."goalId", 'period', e."period", 'periodEnd', to_char(e."periodEnd", 'YYYY-MM-DD"T00:00:00.000Z"'),
    'version', e."version", 'value', trim_scale(e."value")::text, 'rawInput', e."rawInput", 'note', e."note", 'state', e."state",
    'submittedById', e."submittedById", 'submittedAt', to_char(e."submittedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'reportedAt', to_char(e."reportedAt", 'YYYY-MM-DD"T00:00:00.000Z"'), 'countedAt', to_char(e."countedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'reviewedById', e."reviewedById", 'reviewedAt', to_char(e."reviewedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'reviewNote', e."reviewNote",
    'warnings', e."warnings", 'updatedAt', to_char(e."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
$$;

-- 审核 / 退回 of one version in one prepared statement (lib/server/review.ts): under the goal's row lock, the version
-- must still be pending and the newest of its period; then it is approved (counting from `at`) or returned with
-- the reason (`at`: when it counts from and was reviewed), and its audit event written (`logged_at`: when). The outcome: done, not_found, reviewed (with the state it has), or
-- superseded — nothing is written but on done.
CREATE FUNCTION "luoshi_review_version"(version_id TEXT, approve BOOLEAN, reason TEXT, reviewer_id TEXT, at TIMESTAMP, audit_id TEXT, logged_at TIMESTAMP)
RETURNS TABLE ("outcome" TEXT, "state" TEXT, "version" JSONB, "submittedBy" JSONB, "reviewedBy" JSONB)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  goal_id TEXT;
  before "ProgressEntry";
  after "ProgressEntry";
BEGIN
  SELECT e."goalId" INTO goal_id FROM "ProgressEntry" e WHERE e."id" = version_id;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::text, NULL::jsonb, NULL::jsonb, NULL::jsonb;
    RETURN;
  END IF;
  PERFORM 1 FROM "Goal" WHERE "id" = goal_id FOR UPDATE;
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
  IF approve THEN
    UPDATE "ProgressEntry" SET "state" = 'approved', "countedAt" = at, "reviewedById" = reviewer_id, "reviewedAt" = at, "updatedAt" = logged_at
    WHERE "id" = version_id RETURNING * INTO after;
  ELSE
    UPDATE "ProgressEntry" SET "state" = 'returned', "reviewNote" = reason, "reviewedById" = reviewer_id, "reviewedAt" = at, "updatedAt" = logged_at
    WHERE "id" = version_id RETURNING * INTO after;
  END IF;
  INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after", "at")
  VALUES (audit_id, reviewer_id, CASE WHEN approve THEN 'entry.approve' ELSE 'entry.return' END, 'ProgressEntry', version_id,
          "luoshi_version_json"(before), "luoshi_version_json"(after), logged_at);
  RETURN QUERY SELECT 'done'::text, after."state"::text, "luoshi_version_json"(after),
    (SELECT jsonb_build_object('username', u."username", 'name', u."name") FROM "user" u WHERE u."id" = after."submittedById"),
    (SELECT jsonb_build_object('username', u."username", 'name', u."name") FROM "user" u WHERE u."id" = after."reviewedById");
END $$;
