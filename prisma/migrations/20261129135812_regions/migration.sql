-- DropIndex
DROP INDEX "Department_name_key";

-- DropIndex
DROP INDEX "Plan_region_year_key";

-- AlterTable
ALTER TABLE "Department" ADD COLUMN     "regionId" TEXT;

-- AlterTable
ALTER TABLE "Goal" ADD COLUMN     "parentGoalId" TEXT,
ADD COLUMN     "shareRegionId" TEXT;

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "regionId" TEXT;

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "regionId" TEXT;

-- CreateTable
CREATE TABLE "Region" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "PlanLevel" NOT NULL,
    "parentId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Region_pkey" PRIMARY KEY ("id")
);

-- Existing data, kept whole: one region per plan's region name; a lower region under the region of the level above
-- it (a city's districts under the city; where there are several, e.g. another city's report was imported, under the
-- earliest, the installation's own government, whose office managed them until now); each department in the region of
-- the earliest plan whose goals it leads (the government it was made for: a report imported later reused it by name),
-- copied into any other region whose goals it also leads (those goals move to the copy); reporters in their
-- department's region; admins and leaders in the top region. One audit event records what was done.
INSERT INTO "Region" ("id", "name", "level", "position", "createdAt")
SELECT 'region-' || md5(p."region"), p."region",
       (array_agg(p."level" ORDER BY p."createdAt"))[1], 0, min(p."createdAt")
FROM "Plan" p GROUP BY p."region";

UPDATE "Region" r SET "parentId" = (SELECT u."id" FROM "Region" u WHERE u."level" = 'city' ORDER BY u."createdAt", u."id" LIMIT 1)
WHERE r."level" IN ('county', 'district');
UPDATE "Region" r SET "parentId" = (SELECT u."id" FROM "Region" u WHERE u."level" = 'province' ORDER BY u."createdAt", u."id" LIMIT 1)
WHERE r."level" = 'city';

UPDATE "Plan" p SET "regionId" = 'region-' || md5(p."region");

-- Departments with goals: the region of the earliest plan they serve (then the one holding most of their goals). Not
-- simply the most goals: a second city's report, wrongly given this city's departments, may hold more of them, and
-- the department (with its reporters and their history) would move to that city.
CREATE TEMP TABLE dept_region AS
SELECT d."id" AS dept, p."regionId" AS region, count(*) AS goals, min(p."createdAt") AS first
FROM "Department" d
JOIN "Goal" g ON g."leadDepartmentId" = d."id" OR EXISTS (SELECT 1 FROM "GoalCoDepartment" c WHERE c."goalId" = g."id" AND c."departmentId" = d."id")
JOIN "Plan" p ON p."id" = g."planId"
GROUP BY d."id", p."regionId";
UPDATE "Department" d SET "regionId" = (
  SELECT x.region FROM dept_region x WHERE x.dept = d."id" ORDER BY x.first, x.goals DESC, x.region LIMIT 1
);
-- Their goals in other regions go to a copy of the department in that region.
INSERT INTO "Department" ("id", "regionId", "name", "position", "createdAt", "updatedAt")
SELECT 'dept-' || md5(x.dept || x.region), x.region, d."name", d."position", d."createdAt", CURRENT_TIMESTAMP
FROM dept_region x JOIN "Department" d ON d."id" = x.dept
WHERE x.region <> d."regionId";
UPDATE "Goal" g SET "leadDepartmentId" = 'dept-' || md5(g."leadDepartmentId" || p."regionId")
FROM "Plan" p, "Department" d
WHERE p."id" = g."planId" AND d."id" = g."leadDepartmentId" AND d."regionId" <> p."regionId";
UPDATE "GoalCoDepartment" c SET "departmentId" = 'dept-' || md5(c."departmentId" || p."regionId")
FROM "Goal" g, "Plan" p, "Department" d
WHERE g."id" = c."goalId" AND p."id" = g."planId" AND d."id" = c."departmentId" AND d."regionId" <> p."regionId";

-- Departments without goals, and users: the top region (the highest level, the earliest); one is made if there is none.
INSERT INTO "Region" ("id", "name", "level", "position")
SELECT 'region-default', '本级政府', 'city', 0
WHERE NOT EXISTS (SELECT 1 FROM "Region") AND (EXISTS (SELECT 1 FROM "Department") OR EXISTS (SELECT 1 FROM "user"));
CREATE TEMP TABLE top_region AS
SELECT r."id" FROM "Region" r WHERE r."parentId" IS NULL
ORDER BY array_position(ARRAY['national', 'province', 'city', 'county', 'district']::"PlanLevel"[], r."level"), r."createdAt", r."id" LIMIT 1;
UPDATE "Department" SET "regionId" = (SELECT "id" FROM top_region) WHERE "regionId" IS NULL;
UPDATE "user" u SET "regionId" = COALESCE((SELECT d."regionId" FROM "Department" d WHERE d."id" = u."departmentId"), (SELECT "id" FROM top_region));

INSERT INTO "AuditEvent" ("id", "actorId", "action", "entityType", "entityId", "before", "after")
SELECT 'audit-regions-' || md5(CURRENT_TIMESTAMP::text), NULL, 'region.migrate', 'Region', 'all', NULL,
       jsonb_build_object('regions', (SELECT count(*) FROM "Region"), 'plans', (SELECT count(*) FROM "Plan"),
                          'departments', (SELECT count(*) FROM "Department"), 'users', (SELECT count(*) FROM "user"),
                          'departmentCopies', (SELECT count(*) FROM dept_region x JOIN "Department" d ON d."id" = x.dept
                                               WHERE x.region <> d."regionId"))
WHERE EXISTS (SELECT 1 FROM "Region");

DROP TABLE dept_region;
DROP TABLE top_region;
ALTER TABLE "Department" ALTER COLUMN "regionId" SET NOT NULL;
ALTER TABLE "Plan" ALTER COLUMN "regionId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Region_parentId_idx" ON "Region"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Region_parentId_name_key" ON "Region"("parentId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Department_regionId_name_key" ON "Department"("regionId", "name");

-- CreateIndex
CREATE INDEX "Goal_parentGoalId_idx" ON "Goal"("parentGoalId");

-- CreateIndex
CREATE UNIQUE INDEX "Plan_regionId_year_key" ON "Plan"("regionId", "year");

-- CreateIndex
CREATE INDEX "user_regionId_idx" ON "user"("regionId");

-- AddForeignKey
ALTER TABLE "Region" ADD CONSTRAINT "Region_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Department" ADD CONSTRAINT "Department_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user" ADD CONSTRAINT "user_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Plan" ADD CONSTRAINT "Plan_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_parentGoalId_fkey" FOREIGN KEY ("parentGoalId") REFERENCES "Goal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_shareRegionId_fkey" FOREIGN KEY ("shareRegionId") REFERENCES "Region"("id") ON DELETE SET NULL ON UPDATE CASCADE;
