import "server-only";
import { cache } from "react";
import { SAMPLE_HISTORY_ACTION } from "@/lib/domain/sample-history";
import { db } from "./db";

/**
 * The plan carries the reporting history a first start generated (prisma/sample-history.ts marks it with an
 * audit event), so its pages say the figures are samples (示例数据). Read once per request.
 */
export const isSamplePlan = cache(async (planId: string): Promise<boolean> => {
  const marker = await db.auditEvent.findFirst({
    where: { entityType: "Plan", entityId: planId, action: SAMPLE_HISTORY_ACTION },
    select: { id: true },
  });
  return marker !== null;
});
