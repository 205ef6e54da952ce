// The sample decomposition (示例数据): the city's 2024 新建高标准农田 (50万亩) split among 爱民区 and two invented
// counties, 示例县甲 and 示例县乙, with a few approved figures so the city's board shows a roll-up (已报 2/3). Written on
// a first start after the sample history, through setShares (audited like an admin's split).
import { randomUUID } from "node:crypto";
import { periodEndDate } from "@/lib/domain/periods";
import { SAMPLE_HISTORY_ACTION } from "@/lib/domain/sample-history";
import type { Actor } from "@/lib/domain/permissions";
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";

/** The invented counties: their names say they are samples. */
export const SAMPLE_COUNTIES = ["示例县甲", "示例县乙"] as const;

/** Holder name → share of the 50万亩, and the sample figures (period, year-to-date 万亩, reported on). */
const SPLIT: { holder: string; target: string; figures: { period: string; value: string; reportedOn: string }[] }[] = [
  { holder: "爱民区", target: "20", figures: [{ period: "2024-05", value: "6", reportedOn: "2024-06-05" }, { period: "2024-06", value: "9.5", reportedOn: "2024-07-04" }] },
  { holder: "示例县甲", target: "18", figures: [{ period: "2024-06", value: "8", reportedOn: "2024-07-08" }] },
  { holder: "示例县乙", target: "12", figures: [] },
];

export async function loadSampleDecomposition(db: PrismaClient, actor: Actor, cityRegionId: string): Promise<{ shares: number }> {
  const { setShares } = await import("@/lib/server/shares");
  const { snapshot } = await import("@/lib/server/audit");
  const farmland = await db.goal.findFirst({
    where: { metric: "新建高标准农田", archivedAt: null, plan: { regionId: cityRegionId, year: 2024 } },
    select: { id: true },
  });
  if (!farmland) return { shares: 0 };
  const counties = [];
  for (const name of SAMPLE_COUNTIES) {
    counties.push(await db.region.create({ data: { name, level: "county", parentId: cityRegionId, position: 90 } }));
  }
  // The new regions widen the city admin's scope.
  const scope = { ...actor.scope, below: [...actor.scope.below, ...counties.map((c) => c.id)] };
  const regions = await db.region.findMany({ where: { name: { in: SPLIT.map((s) => s.holder) }, parentId: cityRegionId }, select: { id: true, name: true } });
  const regionId = new Map(regions.map((r) => [r.name, r.id]));
  const split = await setShares({ ...actor, scope }, farmland.id, { shares: SPLIT.map((s) => ({ regionId: regionId.get(s.holder)!, target: s.target })) });
  if (!split.ok) throw new Error(`sample decomposition: ${split.error.message}`);

  const entries: Prisma.ProgressEntryCreateManyInput[] = [];
  const audits: Prisma.AuditEventCreateManyInput[] = [];
  split.value.shares.forEach((share, i) => {
    for (const f of SPLIT[i]!.figures) {
      const at = new Date(`${f.reportedOn}T02:00:00Z`);
      const row = {
        id: randomUUID(), goalId: share.id, period: f.period, periodEnd: new Date(`${periodEndDate(f.period)}T00:00:00Z`),
        version: 1, value: f.value, rawInput: f.value, note: "示例数据", state: "approved" as const, submittedById: actor.userId, submittedAt: at,
        reportedAt: new Date(`${f.reportedOn}T00:00:00Z`), countedAt: at, reviewedById: actor.userId, reviewedAt: at, updatedAt: at,
      };
      entries.push(row);
      audits.push({ actorId: actor.userId, action: "entry.submit", entityType: "ProgressEntry", entityId: row.id, at, after: snapshot(row) });
    }
  });
  const plans = [...new Set(split.value.shares.map((s) => s.planId))];
  for (const planId of plans) {
    audits.push({ actorId: actor.userId, action: SAMPLE_HISTORY_ACTION, entityType: "Plan", entityId: planId, after: { note: "示例数据：目标分解示例（示例县为虚构地区）" } });
  }
  await db.$transaction([db.progressEntry.createMany({ data: entries }), db.auditEvent.createMany({ data: audits })]);
  return { shares: split.value.shares.length };
}
