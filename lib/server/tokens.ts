import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { fieldErrors, tokenCreateInput } from "@/lib/domain/inputs";
import { authorize } from "@/lib/domain/permissions";
import type { Prisma } from "./generated/prisma/client";
import { db, dbPool } from "./db";
import { actorFromUserRow, type Actor } from "./actor";
import { sql } from "./sql";
import { recordAudit } from "./audit";
import { NOT_FOUND } from "@/lib/domain/messages";

type Tx = Prisma.TransactionClient;

const TOKEN_PREFIX = "ls_";

/** Bearer tokens are random 256-bit values; only their SHA-256 is stored, so a database leak reveals none. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export async function actorFromBearer(header: string): Promise<Actor | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) return null;
  // One statement in SQL, not through Prisma, with the actor's government scope (luoshi_region_scope): every API
  // request reads it (lib/server/sql.ts).
  const [row] = await sql<{
    id: string; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null;
    userId: string; username: string | null; name: string; role: string; regionId: string | null; departmentId: string | null; disabledAt: Date | null;
    departmentName: string | null; departmentRegionId: string | null; below: string[]; parentId: string | null;
  }>(dbPool(), `
    SELECT t."id", t."revokedAt", t."expiresAt", t."lastUsedAt", u."id" AS "userId", u."username", u."name", u."role"::text AS "role", u."regionId",
           u."departmentId", u."disabledAt", d."name" AS "departmentName", d."regionId" AS "departmentRegionId", s."below", s."parentId"
    FROM "ApiToken" t JOIN "user" u ON u."id" = t."userId" LEFT JOIN "Department" d ON d."id" = u."departmentId"
         CROSS JOIN LATERAL "luoshi_region_scope"(coalesce(d."regionId", u."regionId")) s
    WHERE t."tokenHash" = $1`, [hashToken(match[1])]);
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.disabledAt) return null;
  // Record use at most once a minute to keep reads cheap.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await sql(dbPool(), `UPDATE "ApiToken" SET "lastUsedAt" = $1 WHERE "id" = $2`, [now, row.id]);
  }
  return actorFromUserRow({
    id: row.userId, username: row.username, name: row.name, role: row.role, regionId: row.regionId, departmentId: row.departmentId,
    department: row.departmentName === null ? null : { name: row.departmentName, regionId: row.departmentRegionId! },
  }, { below: row.below, parentId: row.parentId });
}

/** Issues an API token for a user; the plain token is returned once and never stored. */
export async function issueApiToken(actor: Actor | null, raw: unknown): Promise<Result<{ token: string; id: string; username: string }>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const parsed = tokenCreateInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const user = await db.user.findUnique({ where: { username: parsed.data.username }, select: { id: true, username: true, disabledAt: true, regionId: true } });
  // Only for users of the admin's governments; one outside them reads as one that does not exist.
  if (!user || user.disabledAt || !user.regionId || !allowed.value.scope.below.includes(user.regionId)) return fail("validation", undefined, { username: "用户不存在或已停用" });
  const token = generateToken();
  const row = await db.$transaction((tx) => insertApiToken(tx, { userId: user.id, name: parsed.data.name, token, createdById: allowed.value.userId }));
  return ok({ token, id: row.id, username: user.username ?? parsed.data.username });
}

export async function insertApiToken(tx: Tx, input: { userId: string; name: string; token: string; createdById: string | null }) {
  const row = await tx.apiToken.create({
    data: { userId: input.userId, name: input.name, tokenHash: hashToken(input.token), createdById: input.createdById },
    select: { id: true, userId: true, name: true, createdAt: true },
  });
  await recordAudit(tx, { actorId: input.createdById, action: "token.create", entityType: "ApiToken", entityId: row.id, after: row });
  return row;
}

export async function listApiTokens(actor: Actor | null) {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  return ok(
    await db.apiToken.findMany({
      where: { user: { regionId: { in: [...allowed.value.scope.below] } } },
      orderBy: { createdAt: "desc" },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, revokedAt: true, user: { select: { username: true, name: true } } },
    }),
  );
}

export async function revokeApiToken(actor: Actor | null, tokenId: string, now = new Date()): Promise<Result<{ id: string }>> {
  const allowed = authorize(actor, { action: "manage" });
  if (!allowed.ok) return allowed;
  const before = isPlausibleId(tokenId)
    ? await db.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, name: true, revokedAt: true, userId: true, user: { select: { regionId: true } } } })
    : null;
  if (!before || !before.user.regionId || !allowed.value.scope.below.includes(before.user.regionId)) return fail("not_found", NOT_FOUND.token);
  if (before.revokedAt) return ok({ id: tokenId });
  await db.$transaction(async (tx) => {
    const after = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now }, select: { id: true, name: true, revokedAt: true, userId: true } });
    await recordAudit(tx, { actorId: allowed.value.userId, action: "token.revoke", entityType: "ApiToken", entityId: tokenId, before, after });
  });
  return ok({ id: tokenId });
}
