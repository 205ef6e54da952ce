// 公开看板: what a revocable share link shows to anyone, without sign-in — statuses, targets and approved figures
// only (no notes, names, pending or returned versions, attachments, audit or record ids) — and how its token is
// made and checked. Pure (node:crypto aside); lib/server/public-links.ts reads the data and applies the limit.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { percentText, targetText, trimZeros } from "./labels";
import { periodLabel } from "./periods";
import { judgementLabel, STATUS_CODES, statusLabel, type Judgement, type Light, type StatusCode } from "./status";

/** Tokens are 256 random bits as base64url: 43 characters, guessed never. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function generatePublicToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a path segment could be a token at all (anything else is a 404 before the database is asked). */
export function isPublicTokenShape(value: unknown): value is string {
  return typeof value === "string" && TOKEN_SHAPE.test(value);
}

/** Only this is stored: a database leak reveals no working link. */
export function hashPublicToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Two SHA-256 hex digests compared in constant time (false for anything that is not one). */
export function sameTokenHash(a: string, b: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(a) || !/^[0-9a-f]{64}$/.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));
}

/** The public page's path for a token. */
export const publicBoardPath = (token: string) => `/public/${token}`;

/** Requests per client address and window to the public board (page and JSON together). */
export const PUBLIC_BOARD_LIMIT = { max: 60, windowSeconds: 60 };

/** The mark every public view carries. */
export function publicNotice(asOf: string): string {
  return `公开数据 · 截至${asOf} · 仅含已审核数据`;
}

/** What the projection reads of a board (lib/server/board.ts getBoard's Board, counted without pending versions). */
export interface BoardForPublic {
  plan: { region: string; year: number; title: string };
  asOf: string;
  yearEnded: boolean;
  includePending: boolean;
  totals: Record<StatusCode, number>;
  goalCount: number;
  rows: {
    position: number;
    sectionTitle: string | null;
    metric: string;
    target: string | null;
    targetHigh: string | null;
    unit: string;
    comparator: string;
    kind: string;
    accumulates: boolean;
    leadDepartment: { name: string } | null;
    judgement: Judgement;
    latestState: string | null;
  }[];
}

export interface PublicBoardRow {
  /** 序号 in the report. */
  number: number;
  section: string | null;
  metric: string;
  /** The target as the report states it ("50万亩以上"). */
  target: string;
  unit: string;
  /** The latest approved year-to-date figure. */
  latest: { period: string; periodLabel: string; value: string } | null;
  /** 完成率 and 序时进度 as ratios ("0.8333"); 序时进度 only for goals that accumulate. */
  completion: string | null;
  completionText: string;
  expectedShare: string | null;
  expectedShareText: string;
  status: StatusCode;
  statusLabel: string;
  light: Light;
  /** 牵头单位: a public fact of the report. */
  leadDepartment: string | null;
}

export interface PublicBoard {
  notice: string;
  plan: { title: string; region: string; year: number };
  asOf: string;
  yearEnded: boolean;
  goalCount: number;
  totals: { status: StatusCode; label: string; count: number }[];
  rows: PublicBoardRow[];
}

/**
 * The public view of a board: named fields copied one by one (nothing passes through by accident). A board counted
 * with pending versions, or a row resting on a version that is not approved, is a bug: refused, not shown.
 */
export function toPublicBoard(board: BoardForPublic): PublicBoard {
  if (board.includePending) throw new Error("a public board counts approved versions only");
  return {
    notice: publicNotice(board.asOf),
    plan: { title: board.plan.title, region: board.plan.region, year: board.plan.year },
    asOf: board.asOf,
    yearEnded: board.yearEnded,
    goalCount: board.goalCount,
    totals: STATUS_CODES.map((status) => ({ status, label: statusLabel(status), count: board.totals[status] })),
    rows: board.rows.map((row) => {
      const j = row.judgement;
      if (j.latest && row.latestState !== null && row.latestState !== "approved") throw new Error("a public row rests on an unapproved version");
      const expectedShare = row.accumulates ? j.expectedShare : null;
      return {
        number: row.position + 1,
        section: row.sectionTitle,
        metric: row.metric,
        target: targetText(row.target, row.unit, row.comparator, row.targetHigh, row.kind),
        unit: row.unit,
        latest: j.latest ? { period: j.latest.period, periodLabel: periodLabel(j.latest.period), value: trimZeros(j.latest.value) } : null,
        completion: j.completion,
        completionText: percentText(j.completion),
        expectedShare,
        expectedShareText: expectedShare === null ? "—" : percentText(expectedShare),
        status: j.code,
        statusLabel: judgementLabel(j),
        light: j.light,
        leadDepartment: row.leadDepartment?.name ?? null,
      };
    }),
  };
}
