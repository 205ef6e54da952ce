// 公开看板 against a real database: links made, listed and revoked (then 404, as an unknown token); the public board
// holds approved figures only — no note, no pending or returned figure, no user name; the per-address limit (429);
// another government's admin cannot make or revoke a link (404), a leader of the plan's own is refused (403).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { generatePublicToken, hashPublicToken, PUBLIC_BOARD_LIMIT } from "@/lib/domain/public-board";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let links: typeof import("./public-links");
let planId = "";
const actor = (userId: string, role: Actor["role"], regionId: string): Actor => ({
  userId, username: userId, name: userId, role, departmentId: null, departmentName: null, scope: { regionId, below: [regionId], parentId: null },
});
let admin: Actor;
let otherAdmin: Actor;
let leader: Actor;
const NOTE = "内部说明：数据待核实勿外传";
const RETURN_REASON = "退回原因：口径有误";
const REPORTER_NAME = "张填报员";
const ADMIN_NAME = "李督查";

beforeAll(async () => {
  t = await createTestDatabase();
  links = await import("./public-links");
  const city = await t.db.region.create({ data: { name: "公开市", level: "city" } });
  const other = await t.db.region.create({ data: { name: "别市", level: "city" } });
  const department = await t.db.department.create({ data: { regionId: city.id, name: "市农业农村局" } });
  const reporter = await t.db.user.create({ data: { id: "u-pub-reporter", name: REPORTER_NAME, email: "r@x.invalid", username: "pub_reporter", role: "reporter", departmentId: department.id } });
  const adminUser = await t.db.user.create({ data: { id: "u-pub-admin", name: ADMIN_NAME, email: "a@x.invalid", username: "pub_admin", role: "admin", regionId: city.id } });
  admin = { ...actor(adminUser.id, "admin", city.id), name: ADMIN_NAME };
  otherAdmin = actor("other-admin", "admin", other.id);
  leader = actor("city-leader", "leader", city.id);
  const plan = await t.db.plan.create({ data: { regionId: city.id, region: "公开市", level: "city", year: 2024, title: "公开市2024年目标任务", sourceText: "…", requiresReview: true } });
  planId = plan.id;
  const goal = (position: number, metric: string) =>
    t.db.goal.create({
      data: {
        planId, position, metric, leadDepartmentId: department.id, targetValue: "50", unit: "万亩", comparator: "gte", kind: "increment",
        direction: "higher", accumulates: true, frequency: "monthly", quote: metric,
      },
    });
  const farmland = await goal(0, "新建高标准农田");
  const roads = await goal(1, "新改建农村公路");
  const version = (goalId: string, period: string, version: number, value: string, state: "approved" | "pending" | "returned", extra: object = {}) =>
    t.db.progressEntry.create({
      data: {
        goalId, period, periodEnd: new Date(`${period}-28T00:00:00Z`), version, value, rawInput: value, state, submittedById: reporter.id,
        reportedAt: new Date("2024-07-05T00:00:00Z"), countedAt: state === "approved" ? new Date("2024-07-06T00:00:00Z") : null, ...extra,
      },
    });
  await version(farmland.id, "2024-06", 1, "21.5", "approved", { note: NOTE, reviewedById: adminUser.id });
  await version(farmland.id, "2024-06", 2, "777.7", "pending", { note: NOTE });
  await version(roads.id, "2024-06", 1, "888.8", "returned", { note: NOTE, reviewNote: RETURN_REASON, reviewedById: adminUser.id });
});
afterAll(() => t?.drop());

const ORIGIN = "http://10.0.0.5:3000";

describe("share links", () => {
  it("an admin makes one (the token once, its hash kept), lists it, and the link shows the public board", async () => {
    const made = await links.createPublicLink(admin, planId, ORIGIN);
    if (!made.ok) throw new Error(made.error.message);
    expect(made.value.url).toBe(`${ORIGIN}/public/${made.value.token}`);
    const row = await t.db.publicLink.findUniqueOrThrow({ where: { id: made.value.id } });
    expect(row.tokenHash).toBe(hashPublicToken(made.value.token));
    expect(JSON.stringify(row)).not.toContain(made.value.token);
    expect(await t.db.auditEvent.count({ where: { entityId: made.value.id, action: "public_link.create" } })).toBe(1);

    const listed = await links.listPublicLinks(admin, planId);
    expect(listed.ok && listed.value.map((l) => [l.id, l.createdBy, l.revokedAt])).toEqual([[made.value.id, ADMIN_NAME, null]]);
    expect(JSON.stringify(listed)).not.toContain(made.value.token);

    const board = await links.getPublicBoard(made.value.token, "10.1.1.1", new Date("2024-07-15T04:00:00Z"));
    if (!board.ok) throw new Error(board.error.message);
    expect(board.value.notice).toBe("公开数据 · 截至2024-07-15 · 仅含已审核数据");
    expect(board.value.plan).toEqual({ title: "公开市2024年目标任务", region: "公开市", year: 2024 });
    expect(board.value.rows.map((r) => [r.metric, r.latest?.value ?? null, r.leadDepartment])).toEqual([
      ["新建高标准农田", "21.5", "市农业农村局"],
      ["新改建农村公路", null, "市农业农村局"],
    ]);
    const text = JSON.stringify(board.value);
    for (const secret of [NOTE, RETURN_REASON, REPORTER_NAME, ADMIN_NAME, "777.7", "888.8", "pending", "returned", planId]) expect(text).not.toContain(secret);
  });

  it("a revoked link and an unknown one answer the same 404", async () => {
    const made = await links.createPublicLink(admin, planId, ORIGIN);
    if (!made.ok) throw new Error(made.error.message);
    expect((await links.getPublicBoard(made.value.token, null)).ok).toBe(true);
    const revoked = await links.revokePublicLink(admin, planId, made.value.id);
    expect(revoked.ok && revoked.value.revokedAt).toBeInstanceOf(Date);
    expect((await links.revokePublicLink(admin, planId, made.value.id)).ok).toBe(true); // again: no change
    const gone = await links.getPublicBoard(made.value.token, null);
    const unknown = await links.getPublicBoard(generatePublicToken(), null);
    const malformed = await links.getPublicBoard("not-a-token", null);
    expect(gone).toEqual({ ok: false, error: { code: "not_found", message: "该公开链接不存在或已撤销" } });
    expect(unknown).toEqual(gone);
    expect(malformed).toEqual(gone);
    expect(await t.db.auditEvent.count({ where: { entityId: made.value.id, action: "public_link.revoke" } })).toBe(1);
  });

  it("another government's admin cannot make, list or revoke (404); a leader of the plan's own is refused (403)", async () => {
    const made = await links.createPublicLink(admin, planId, ORIGIN);
    if (!made.ok) throw new Error(made.error.message);
    const before = await t.db.publicLink.count();
    for (const result of [
      await links.createPublicLink(otherAdmin, planId, ORIGIN),
      await links.listPublicLinks(otherAdmin, planId),
      await links.revokePublicLink(otherAdmin, planId, made.value.id),
    ]) expect(result.ok ? "ok" : result.error.code).toBe("not_found");
    for (const result of [await links.createPublicLink(leader, planId, ORIGIN), await links.revokePublicLink(leader, planId, made.value.id)]) {
      expect(result.ok ? "ok" : result.error.code).toBe("forbidden");
    }
    // A link of another plan is not found under this one.
    const otherPlan = await t.db.plan.create({ data: { regionId: admin.scope.regionId!, region: "公开市", level: "city", year: 2025, title: "另一计划", sourceText: "…" } });
    const misplaced = await links.revokePublicLink(admin, otherPlan.id, made.value.id);
    expect(misplaced.ok ? "ok" : misplaced.error.code).toBe("not_found");
    expect(await t.db.publicLink.count()).toBe(before);
    expect((await t.db.publicLink.findUniqueOrThrow({ where: { id: made.value.id } })).revokedAt).toBeNull();
  });

  it("each client address has its own limit: past it, 429 with a Chinese message, over HTTP too", async () => {
    const saved = process.env.LUOSHI_DISABLE_RATE_LIMIT;
    delete process.env.LUOSHI_DISABLE_RATE_LIMIT;
    try {
      const made = await links.createPublicLink(admin, planId, ORIGIN);
      if (!made.ok) throw new Error(made.error.message);
      const now = new Date();
      // Well-formed unknown tokens count too (each costs a lookup).
      for (let i = 0; i < PUBLIC_BOARD_LIMIT.max; i++) await links.getPublicBoard(generatePublicToken(), "10.2.2.2", now);
      const limited = await links.getPublicBoard(made.value.token, "10.2.2.2", now);
      expect(limited.ok ? "ok" : limited.error.code).toBe("rate_limited");
      expect(limited.ok ? "" : limited.error.message).toMatch(/^访问过于频繁，请(\d+秒|1分钟)后再试$/);
      expect((await links.getPublicBoard(made.value.token, "10.3.3.3", now)).ok).toBe(true);
      // A new window starts afresh.
      expect((await links.getPublicBoard(made.value.token, "10.2.2.2", new Date(now.getTime() + (PUBLIC_BOARD_LIMIT.windowSeconds + 1) * 1000))).ok).toBe(true);

      // The route: no address is trusted without the start script's preload, so all share one count.
      const { GET } = await import("@/app/api/v1/public/[token]/route");
      const call = () => GET(new Request(`http://localhost/api/v1/public/${made.value.token}`), { params: Promise.resolve({ token: made.value.token }) });
      const first = await call();
      expect(first.status).toBe(200);
      expect(first.headers.get("x-robots-tag")).toContain("noindex");
      expect(((await first.json()) as { notice: string }).notice).toMatch(/^公开数据 · 截至\d{4}-\d{2}-\d{2} · 仅含已审核数据$/);
      let last = first;
      for (let i = 0; i < PUBLIC_BOARD_LIMIT.max && last.status === 200; i++) last = await call();
      expect(last.status).toBe(429);
      expect(((await last.json()) as { error: { message: string } }).error.message).toContain("访问过于频繁");
    } finally {
      if (saved !== undefined) process.env.LUOSHI_DISABLE_RATE_LIMIT = saved;
    }
  });
});
