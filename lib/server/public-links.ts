import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { retryAfterText } from "@/lib/domain/login-throttle";
import { NOT_FOUND } from "@/lib/domain/messages";
import { isSameOrigin, originSettings, requestHost } from "@/lib/domain/request-origin";
import type { Actor } from "@/lib/domain/permissions";
import {
  generatePublicToken,
  hashPublicToken,
  isPublicTokenShape,
  PUBLIC_BOARD_LIMIT,
  publicBoardPath,
  sameTokenHash,
  toPublicBoard,
  type PublicBoard,
} from "@/lib/domain/public-board";
import { db } from "./db";
import { recordAudit } from "./audit";
import { getBoard } from "./board";
import { countInWindow } from "./login-limit";
import { authorizePlan } from "./scope";

// 公开看板 (docs/decisions/0012-public-board-links.md): an admin of the plan's government makes, lists and revokes
// share links; anyone holding an unrevoked link reads the plan's public board — nothing else — within a rate limit.

export interface PublicLinkView {
  id: string;
  createdAt: Date;
  createdBy: string | null;
  revokedAt: Date | null;
}

const linkSelect = { id: true, createdAt: true, revokedAt: true, createdBy: { select: { name: true } } } as const;
const view = (row: { id: string; createdAt: Date; revokedAt: Date | null; createdBy: { name: string } | null }): PublicLinkView => ({
  id: row.id,
  createdAt: row.createdAt,
  createdBy: row.createdBy?.name ?? null,
  revokedAt: row.revokedAt,
});

/**
 * Makes a share link for the plan. The token is returned this once (only its hash is kept); `origin` is where the
 * admin reached the app ("http://10.0.0.5:3000"), so the link works from where it was made.
 */
export async function createPublicLink(
  actor: Actor | null,
  planId: string,
  origin: string,
): Promise<Result<PublicLinkView & { token: string; url: string }>> {
  const allowed = await authorizePlan(actor, planId, "manageRegion");
  if (!allowed.ok) return allowed;
  const token = generatePublicToken();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.publicLink.create({ data: { planId, tokenHash: hashPublicToken(token), createdById: allowed.value.actor.userId }, select: linkSelect });
    await recordAudit(tx, { actorId: allowed.value.actor.userId, action: "public_link.create", entityType: "PublicLink", entityId: created.id, after: { id: created.id, planId, createdAt: created.createdAt } });
    return created;
  });
  return ok({ ...view(row), token, url: `${origin}${publicBoardPath(token)}` });
}

/** The plan's links, newest first (the tokens themselves are not known any more). */
export async function listPublicLinks(actor: Actor | null, planId: string): Promise<Result<PublicLinkView[]>> {
  const allowed = await authorizePlan(actor, planId, "manageRegion");
  if (!allowed.ok) return allowed;
  const rows = await db.publicLink.findMany({ where: { planId }, select: linkSelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
  return ok(rows.map(view));
}

/** Revokes a link of the plan (again: no change); its token answers 404 from then on. */
export async function revokePublicLink(actor: Actor | null, planId: string, linkId: string, now = new Date()): Promise<Result<PublicLinkView>> {
  const allowed = await authorizePlan(actor, planId, "manageRegion");
  if (!allowed.ok) return allowed;
  const before = isPlausibleId(linkId) ? await db.publicLink.findUnique({ where: { id: linkId }, select: { ...linkSelect, planId: true } }) : null;
  if (!before || before.planId !== planId) return fail("not_found", NOT_FOUND.publicLink);
  if (before.revokedAt) return ok(view(before));
  const after = await db.$transaction(async (tx) => {
    const row = await tx.publicLink.update({ where: { id: linkId }, data: { revokedAt: now }, select: linkSelect });
    await recordAudit(tx, { actorId: allowed.value.actor.userId, action: "public_link.revoke", entityType: "PublicLink", entityId: linkId, before: { revokedAt: null }, after: { revokedAt: row.revokedAt } });
    return row;
  });
  return ok(view(after));
}

const disabled = () => process.env.LUOSHI_DISABLE_RATE_LIMIT === "1";

/** One request to the public board from `address` (null: no trusted address, one shared count); 429 past the limit. */
async function admitPublicRequest(address: string | null, now: number): Promise<Result<null>> {
  if (disabled()) return ok(null);
  const { max, windowSeconds } = PUBLIC_BOARD_LIMIT;
  const counted = await countInWindow(`public-board|${address ?? "unknown"}`, windowSeconds, now);
  if (counted.count <= max) return ok(null);
  const retryAfter = Math.max(1, Math.ceil((counted.since + windowSeconds * 1000 - now) / 1000));
  return fail("rate_limited", `访问过于频繁，${retryAfterText(retryAfter)}`);
}

/**
 * The public board behind a token, as of today: the plan's board counted by the one rule (approved versions only,
 * never a caller's filters), read with a read-only stand-in for a leader of the plan's own government (shares held
 * by lower governments are not shown), and cut down to its public fields. An unknown and a revoked token give the
 * same 404.
 */
export async function getPublicBoard(token: string, address: string | null, now = new Date()): Promise<Result<PublicBoard>> {
  if (!isPublicTokenShape(token)) return fail("not_found", NOT_FOUND.publicLink);
  const admitted = await admitPublicRequest(address, now.getTime());
  if (!admitted.ok) return admitted;
  const hash = hashPublicToken(token);
  const link = await db.publicLink.findUnique({ where: { tokenHash: hash }, select: { tokenHash: true, revokedAt: true, planId: true, plan: { select: { regionId: true } } } });
  if (!link || !sameTokenHash(link.tokenHash, hash) || link.revokedAt) return fail("not_found", NOT_FOUND.publicLink);
  const reader: Actor = {
    userId: "public",
    username: "public",
    name: "公开看板",
    role: "leader",
    departmentId: null,
    departmentName: null,
    scope: { regionId: link.plan.regionId, below: [link.plan.regionId], parentId: null },
  };
  const board = await getBoard(reader, link.planId, {}, now);
  if (!board.ok) return fail("not_found", NOT_FOUND.publicLink);
  return ok(toPublicBoard(board.value));
}

/**
 * Where the admin reached the app, for the link they are given: the browser's Origin when it names this app, else
 * the first configured origin (LUOSHI_TRUSTED_ORIGINS), else the Host the request was sent to.
 */
export function linkOrigin(request: Request): string {
  const settings = originSettings(process.env);
  const origin = request.headers.get("origin");
  if (origin && isSameOrigin(origin, request.headers, settings)) return new URL(origin).origin;
  if (settings.trustedOrigins[0]) return settings.trustedOrigins[0];
  const host = requestHost(request.headers, settings);
  return host ? `${new URL(request.url).protocol}//${host}` : new URL(request.url).origin;
}
