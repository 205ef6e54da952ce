-- A plan's tally kept up by the verdicts kept since it was counted (decision 0021), instead of a recount from every
-- kept verdict of the plan: under a steady stream of figures the province's plan always had verdicts kept since its
-- tally, and each read of the plan list recounted its 10,000.
--
-- A tally counted on a snapshot is the sum, over the plan's live goals, of their kept verdicts' light and 未填报, every
-- one of them kept for the tally's day and epoch (decision 0019). A figure written since clears a verdict's day and
-- changes nothing else of it; a verdict kept again for the same day and epoch now adds its change (new minus old) to
-- the tally in the same transaction, so the sum stays exact and the tally stays usable: a reader takes the tally,
-- subtracts what the verdicts cleared since still hold, and adds what it judges them now. A verdict kept for another
-- day or epoch, a verdict kept with no tally to add to, or a goal added, removed, archived or restored (as before)
-- leaves a PlanTallyChange row: then the plan is counted again from its kept verdicts. The number of lead departments
-- with 未填报 is not a sum; a kept change of 未填报 or of its department marks it unknown (-1), and it is counted
-- from the partial index below.
CREATE OR REPLACE FUNCTION "luoshi_tally_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_duty BOOLEAN;
  new_duty BOOLEAN;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM 1 FROM "PlanTally" t WHERE t."planId" = NEW."planId" AND t."day" = NEW."day" AND t."epoch" = NEW."epoch";
    IF FOUND THEN
      old_duty := OLD."dutyOverdue" OR OLD."dutyReturned";
      new_duty := NEW."dutyOverdue" OR NEW."dutyReturned";
      IF OLD."light" IS DISTINCT FROM NEW."light" OR old_duty IS DISTINCT FROM new_duty
         OR ((old_duty OR new_duty) AND OLD."leadDepartmentId" IS DISTINCT FROM NEW."leadDepartmentId") THEN
        UPDATE "PlanTally" SET
          "green" = "green" + (NEW."light" IS NOT DISTINCT FROM 'green')::int - (OLD."light" IS NOT DISTINCT FROM 'green')::int,
          "yellow" = "yellow" + (NEW."light" IS NOT DISTINCT FROM 'yellow')::int - (OLD."light" IS NOT DISTINCT FROM 'yellow')::int,
          "red" = "red" + (NEW."light" IS NOT DISTINCT FROM 'red')::int - (OLD."light" IS NOT DISTINCT FROM 'red')::int,
          "grey" = "grey" + (NEW."light" IS NOT DISTINCT FROM 'grey')::int - (OLD."light" IS NOT DISTINCT FROM 'grey')::int,
          "none" = "none" + (NEW."light" IS NOT DISTINCT FROM 'none')::int - (OLD."light" IS NOT DISTINCT FROM 'none')::int,
          "dutyGoals" = "dutyGoals" + new_duty::int - old_duty::int,
          "dutyDepartments" = CASE WHEN old_duty OR new_duty THEN -1 ELSE "dutyDepartments" END,
          "version" = "version" + 1,
          "updatedAt" = now()
        WHERE "planId" = NEW."planId";
      END IF;
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO "PlanTallyChange" ("planId", "xid") VALUES (NEW."planId", txid_current()) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

-- 未填报 by lead department from the verdicts that have any (a few hundred of a plan's thousands).
CREATE INDEX "GoalVerdict_duty_idx" ON "GoalVerdict"("planId", "day", "epoch", "leadDepartmentId") WHERE "dutyOverdue" OR "dutyReturned";
