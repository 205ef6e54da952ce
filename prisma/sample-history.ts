// The sample plans' reporting history (示例数据), written on a first start after the plans and the sample users:
// the figures and dates come from lib/domain/sample-history.ts; this writes them — goal frequencies, every entry
// version with its audit events, and the marker that makes the plans' pages say the figures are samples — in a few
// statements.
import { randomUUID } from "node:crypto";
import { generateSampleHistory, SAMPLE_HISTORY_ACTION, sampleStoryOf, type SampleVersion } from "@/lib/domain/sample-history";
import type { Frequency } from "@/lib/domain/periods";
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";

export interface LoadedSampleHistory {
  plans: number;
  versions: number;
}

/**
 * Loads the history of every plan that has a sample story (SAMPLE_STORIES) and no entries yet. Versions are
 * submitted by the department's sample reporter where there is one, otherwise recorded by the admin (counted at
 * once, as an admin's entries are); the admin reviews.
 */
export async function loadSampleHistory(db: PrismaClient, { adminId }: { adminId: string }): Promise<LoadedSampleHistory> {
  // lib/server loads after the caller has set DATABASE_URL (see seed.ts); the generated client is heavy for importers of SAMPLE_LOGINS.
  const { snapshot } = await import("@/lib/server/audit");
  const { Prisma: PrismaRuntime } = await import("@/lib/server/generated/prisma/client");

  const [plans, reporters] = await Promise.all([
    db.plan.findMany({
      where: { goals: { none: { entries: { some: {} } } } },
      select: {
        id: true, region: true, year: true,
        goals: { where: { archivedAt: null }, orderBy: { position: "asc" }, include: { leadDepartment: { select: { name: true } } } },
      },
    }),
    db.user.findMany({
      where: { role: "reporter", disabledAt: null, departmentId: { not: null } },
      orderBy: { username: "asc" },
      select: { id: true, department: { select: { name: true } } },
    }),
  ]);
  const reporterOf = new Map<string, string>();
  for (const r of reporters) if (r.department && !reporterOf.has(r.department.name)) reporterOf.set(r.department.name, r.id);

  const entries: Prisma.ProgressEntryCreateManyInput[] = [];
  const audits: Prisma.AuditEventCreateManyInput[] = [];
  const frequencyChanges = new Map<Frequency, string[]>();
  const samplePlans: { id: string; versions: number }[] = [];
  const now = new Date();

  for (const plan of plans) {
    const story = sampleStoryOf(plan.region, plan.year);
    if (!story) continue;
    const history = generateSampleHistory({
      year: plan.year,
      story,
      reviewedDepartments: new Set(reporterOf.keys()),
      goals: plan.goals.map((g) => ({
        position: g.position,
        metric: g.metric,
        target: g.targetValue?.toString() ?? null,
        unit: g.unit,
        comparator: g.comparator,
        kind: g.kind,
        direction: g.direction,
        accumulates: g.accumulates,
        department: g.leadDepartment?.name ?? null,
      })),
    });

    plan.goals.forEach((goal, index) => {
      const frequency = history.frequencies[index]!;
      if (frequency === goal.frequency) return;
      frequencyChanges.set(frequency, [...(frequencyChanges.get(frequency) ?? []), goal.id]);
      const { leadDepartment: _lead, ...row } = goal;
      audits.push({
        actorId: adminId, action: "goal.update", entityType: "Goal", entityId: goal.id, at: now,
        before: snapshot(row), after: snapshot({ ...row, frequency, updatedAt: now }),
      });
    });

    // The newest row of each period so far: the `before` of the next version's submit event.
    const newest = new Map<string, Record<string, unknown>>();
    for (const v of history.versions) {
      const goal = plan.goals[v.goal]!;
      const submitter = v.by === "reporter" ? reporterOf.get(goal.leadDepartment!.name)! : adminId;
      const row = entryRow(v, randomUUID(), goal.id, submitter, adminId);
      const submitted = v.by === "admin" ? row : { ...row, state: "pending", countedAt: null, reviewedById: null, reviewedAt: null, reviewNote: null, updatedAt: v.submittedAt };
      const key = `${goal.id} ${v.period}`;
      audits.push({
        actorId: submitter, action: "entry.submit", entityType: "ProgressEntry", entityId: row.id, at: v.submittedAt,
        before: snapshot(newest.get(key)), after: snapshot(submitted),
      });
      if (v.by === "reporter" && v.reviewedAt) {
        audits.push({
          actorId: adminId, action: v.state === "returned" ? "entry.return" : "entry.approve", entityType: "ProgressEntry", entityId: row.id,
          at: v.reviewedAt, before: snapshot(submitted), after: snapshot(row),
        });
      }
      newest.set(key, row);
      entries.push({ ...row, warnings: row.warnings ?? PrismaRuntime.JsonNull });
    }
    samplePlans.push({ id: plan.id, versions: history.versions.length });
  }
  if (!samplePlans.length) return { plans: 0, versions: 0 };

  for (const plan of samplePlans) {
    audits.push({
      actorId: adminId, action: SAMPLE_HISTORY_ACTION, entityType: "Plan", entityId: plan.id, at: now,
      after: { note: "示例数据：系统生成的演示填报记录", versions: plan.versions },
    });
  }
  await db.$transaction(
    async (tx) => {
      for (const [frequency, ids] of frequencyChanges) await tx.goal.updateMany({ where: { id: { in: ids } }, data: { frequency, updatedAt: now } });
      await tx.progressEntry.createMany({ data: entries });
      await tx.auditEvent.createMany({ data: audits });
    },
    { timeout: 60_000 },
  );
  return { plans: samplePlans.length, versions: entries.length };
}

/** The ProgressEntry row of a version in its final state, shaped as the table's columns (and audit snapshots). */
function entryRow(v: SampleVersion, id: string, goalId: string, submittedById: string, adminId: string) {
  return {
    id,
    goalId,
    period: v.period,
    periodEnd: new Date(`${v.periodEnd}T00:00:00Z`),
    version: v.version,
    value: v.value,
    rawInput: v.rawInput,
    note: v.note,
    state: v.state,
    submittedById,
    submittedAt: v.submittedAt,
    reportedAt: new Date(`${v.reportedAt}T00:00:00Z`),
    countedAt: v.countedAt,
    reviewedById: v.reviewedAt ? adminId : null,
    reviewedAt: v.reviewedAt,
    reviewNote: v.reviewNote,
    warnings: v.warnings.length ? (v.warnings as unknown as Prisma.InputJsonArray) : null,
    updatedAt: v.reviewedAt ?? v.submittedAt,
  };
}
