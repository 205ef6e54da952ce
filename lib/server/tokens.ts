import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { fieldErrors, tokenCreateInput } from "@/lib/domain/inputs";
import { authorize } from "@/lib/domain/permissions";
import type { Prisma } from "./generated/prisma/client";
import { db } from "./db";
import { actorFromUserRow, type Actor } from "./actor";
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
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(match[1]) },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      user: { select: { id: true, username: true, name: true, role: true, regionId: true, departmentId: true, disabledAt: true, department: { select: { name: true, regionId: true } } } },
    },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.disabledAt) return null;
  // Record use at most once a minute to keep reads cheap.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return actorFromUserRow(row.user);
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
