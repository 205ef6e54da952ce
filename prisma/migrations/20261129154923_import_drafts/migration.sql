-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('draft', 'committed', 'discarded');

-- CreateEnum
CREATE TYPE "CandidateOrigin" AS ENUM ('extracted', 'added', 'milestone_hint');

-- CreateEnum
CREATE TYPE "CandidateDecision" AS ENUM ('undecided', 'accepted', 'rejected');

-- CreateEnum
CREATE TYPE "ImportDiff" AS ENUM ('new', 'changed', 'removed', 'unchanged');

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN     "archivedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ImportDraft" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "level" "PlanLevel" NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'draft',
    "sourceText" TEXT NOT NULL,
    "fileFormat" TEXT NOT NULL DEFAULT 'text',
    "fileName" TEXT,
    "warnings" JSONB,
    "sections" JSONB NOT NULL,
    "createdById" TEXT,
    "planId" TEXT,
    "targetPlanId" TEXT,
    "committedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportCandidate" (
    "id" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "origin" "CandidateOrigin" NOT NULL,
    "decision" "CandidateDecision" NOT NULL DEFAULT 'undecided',
    "version" INTEGER NOT NULL DEFAULT 1,
    "metric" TEXT NOT NULL,
    "value" DECIMAL(24,6),
    "valueHigh" DECIMAL(24,6),
    "unit" TEXT NOT NULL,
    "comparator" "Comparator" NOT NULL,
    "kind" "GoalKind" NOT NULL,
    "direction" "Direction" NOT NULL,
    "accumulates" BOOLEAN NOT NULL,
    "frequency" "Frequency" NOT NULL,
    "leadDepartmentId" TEXT,
    "coDepartmentIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sectionId" TEXT,
    "part" TEXT NOT NULL DEFAULT 'plan',
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quote" TEXT NOT NULL,
    "description" TEXT,
    "baselineValue" DECIMAL(24,6),
    "baselineUnit" TEXT,
    "baselineYear" INTEGER,
    "baselineQuote" TEXT,
    "previousGoalId" TEXT,
    "suggestedLeadDepartmentId" TEXT,
    "leadReason" TEXT,
    "suggestedFrequency" "Frequency" NOT NULL,
    "frequencyReason" TEXT NOT NULL,
    "diff" "ImportDiff",
    "matchedGoalId" TEXT,
    "before" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DepartmentMapping" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "keyword" TEXT NOT NULL,
    "departmentId" TEXT,
    "standardName" TEXT,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DepartmentMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportDraft_regionId_status_idx" ON "ImportDraft"("regionId", "status");

-- CreateIndex
CREATE INDEX "ImportCandidate_importId_position_idx" ON "ImportCandidate"("importId", "position");

-- CreateIndex
CREATE INDEX "DepartmentMapping_regionId_position_idx" ON "DepartmentMapping"("regionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "DepartmentMapping_regionId_keyword_key" ON "DepartmentMapping"("regionId", "keyword");

-- AddForeignKey
ALTER TABLE "ImportDraft" ADD CONSTRAINT "ImportDraft_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportDraft" ADD CONSTRAINT "ImportDraft_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportDraft" ADD CONSTRAINT "ImportDraft_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportDraft" ADD CONSTRAINT "ImportDraft_targetPlanId_fkey" FOREIGN KEY ("targetPlanId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportCandidate" ADD CONSTRAINT "ImportCandidate_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ImportDraft"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportCandidate" ADD CONSTRAINT "ImportCandidate_leadDepartmentId_fkey" FOREIGN KEY ("leadDepartmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportCandidate" ADD CONSTRAINT "ImportCandidate_previousGoalId_fkey" FOREIGN KEY ("previousGoalId") REFERENCES "Goal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportCandidate" ADD CONSTRAINT "ImportCandidate_matchedGoalId_fkey" FOREIGN KEY ("matchedGoalId") REFERENCES "Goal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentMapping" ADD CONSTRAINT "DepartmentMapping_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DepartmentMapping" ADD CONSTRAINT "DepartmentMapping_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE SET NULL ON UPDATE CASCADE;
