-- CreateTable
CREATE TABLE "JobFile" (
    "id" TEXT NOT NULL,
    "jobId" UUID NOT NULL,
    "planId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkUploadRun" (
    "jobId" UUID NOT NULL,
    "planId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BulkUploadRun_pkey" PRIMARY KEY ("jobId")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "overdueGoals" INTEGER NOT NULL,
    "returnedGoals" INTEGER NOT NULL,
    "maxDaysOverdue" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "jobId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobFile_expiresAt_idx" ON "JobFile"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "JobFile_jobId_kind_key" ON "JobFile"("jobId", "kind");

-- CreateIndex
CREATE INDEX "Reminder_departmentId_day_idx" ON "Reminder"("departmentId", "day");

-- CreateIndex
CREATE INDEX "Reminder_day_idx" ON "Reminder"("day");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_planId_departmentId_day_key" ON "Reminder"("planId", "departmentId", "day");
