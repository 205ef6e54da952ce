import "server-only";
import type { Prisma } from "./generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** JSON snapshot of a row for the audit trail: Decimals and dates become strings, nothing is lost. */
export function snapshot(row: Record<string, unknown> | null | undefined): Prisma.InputJsonValue | undefined {
  if (!row) return undefined;
  return JSON.parse(
    JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)),
  ) as Prisma.InputJsonValue;
}

/** Writes one AuditEvent; call inside the transaction that makes the change. */
export async function recordAudit(
  tx: Tx,
  event: {
    actorId: string | null;
    action: string;
    entityType: string;
    entityId: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
  },
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: snapshot(event.before),
      after: snapshot(event.after),
    },
  });
}

/** Writes several AuditEvents in one statement (a bulk change); call inside the transaction that makes it. */
export async function recordAudits(
  tx: Tx,
  events: readonly { actorId: string | null; action: string; entityType: string; entityId: string; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }[],
): Promise<void> {
  if (!events.length) return;
  await tx.auditEvent.createMany({
    data: events.map((e) => ({ actorId: e.actorId, action: e.action, entityType: e.entityType, entityId: e.entityId, before: snapshot(e.before), after: snapshot(e.after) })),
  });
}
