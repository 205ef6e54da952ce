-- DropIndex
DROP INDEX "AuditEvent_entityType_entityId_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_at_idx" ON "AuditEvent"("entityType", "entityId", "at");
