import { describe, expect, it } from "vitest";
import type { Judgement } from "./status";
import { STATUS_CODES } from "./status";
import {
  generatePublicToken,
  hashPublicToken,
  isPublicTokenShape,
  publicNotice,
  sameTokenHash,
  toPublicBoard,
  type BoardForPublic,
} from "./public-board";

describe("public link tokens", () => {
  it("are 43 base64url characters, different each time", () => {
    const a = generatePublicToken();
    const b = generatePublicToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(isPublicTokenShape(a)).toBe(true);
  });

  it("a path segment of any other shape is no token", () => {
    for (const value of ["", "abc", `${generatePublicToken()}x`, "a".repeat(42), "a".repeat(42) + "=", "a\u0000".repeat(21) + "a", "cmissing00000000000000000", 42, null]) {
      expect(isPublicTokenShape(value)).toBe(false);
    }
  });

  it("are stored as their SHA-256 in hex", () => {
    // echo -n abc | sha256sum
    expect(hashPublicToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const token = generatePublicToken();
    expect(hashPublicToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPublicToken(token)).not.toContain(token);
  });

  it("hashes compare equal only when identical, and never for what is not a digest", () => {
    const h = hashPublicToken("one");
    expect(sameTokenHash(h, hashPublicToken("one"))).toBe(true);
    expect(sameTokenHash(h, hashPublicToken("two"))).toBe(false);
    expect(sameTokenHash(h, h.slice(0, 63))).toBe(false);
    expect(sameTokenHash(h, h.toUpperCase())).toBe(false);
    expect(sameTokenHash("", "")).toBe(false);
  });
});

const judgement = (over: Partial<Judgement> = {}): Judgement => ({
  code: "behind", light: "yellow", latest: { period: "2024-06", value: "20.500" }, completion: "0.4100", expectedShare: "0.5000", lag: "0.0900", overduePeriod: null, ...over,
});

function board(over: Partial<BoardForPublic> = {}): BoardForPublic {
  return {
    plan: { region: "测试市", year: 2024, title: "测试市2024年目标任务" },
    asOf: "2024-07-15",
    yearEnded: false,
    includePending: false,
    totals: Object.fromEntries(STATUS_CODES.map((c) => [c, c === "behind" ? 1 : 0])) as BoardForPublic["totals"],
    goalCount: 2,
    rows: [
      {
        position: 0, sectionTitle: "推进乡村振兴", metric: "新建高标准农田", target: "50", targetHigh: null, unit: "万亩", comparator: "gte", kind: "increment",
        accumulates: true, leadDepartment: { name: "市农业农村局" }, judgement: judgement(), latestState: "approved",
      },
      {
        position: 1, sectionTitle: null, metric: "地区生产总值", target: "6", targetHigh: null, unit: "%", comparator: "approx", kind: "growth",
        accumulates: false, leadDepartment: null, judgement: judgement({ code: "not_started", light: "none", latest: null, completion: null, expectedShare: null, lag: null }), latestState: null,
      },
    ],
    ...over,
  };
}

describe("toPublicBoard", () => {
  it("marks the data as published, with its as-of date", () => {
    expect(publicNotice("2024-07-15")).toBe("公开数据 · 截至2024-07-15 · 仅含已审核数据");
    expect(toPublicBoard(board()).notice).toBe("公开数据 · 截至2024-07-15 · 仅含已审核数据");
  });

  it("keeps the report's target, the approved figure, 完成率, 序时进度, the status and the lead department", () => {
    const view = toPublicBoard(board());
    expect(view.rows[0]).toEqual({
      number: 1, section: "推进乡村振兴", metric: "新建高标准农田", target: "50万亩以上", unit: "万亩",
      latest: { period: "2024-06", periodLabel: "2024年6月", value: "20.5" }, completion: "0.4100", completionText: "41.0%",
      expectedShare: "0.5000", expectedShareText: "50.0%", status: "behind", statusLabel: expect.stringContaining("滞后"), light: "yellow", leadDepartment: "市农业农村局",
    });
    expect(view.rows[1]).toMatchObject({ target: "增长6%左右", latest: null, completionText: "—", expectedShareText: "—", leadDepartment: null });
    expect(view.totals.find((t) => t.status === "behind")).toEqual({ status: "behind", label: "滞后", count: 1 });
    expect(view.totals).toHaveLength(STATUS_CODES.length);
  });

  it("carries no ids, notes, names or states", () => {
    const text = JSON.stringify(toPublicBoard(board()));
    for (const word of ["goalId", "sectionId", "departmentId", "note", "latestState", "approved", "lag", "overduePeriod", "shares"]) expect(text).not.toContain(word);
  });

  it("refuses a board counted with pending versions, or a row resting on one", () => {
    expect(() => toPublicBoard(board({ includePending: true }))).toThrow();
    const rows = board().rows.map((r, i) => (i === 0 ? { ...r, latestState: "pending" } : r));
    expect(() => toPublicBoard(board({ rows }))).toThrow();
  });
});
