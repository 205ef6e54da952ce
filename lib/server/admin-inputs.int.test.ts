// The admin pages' writes refuse what the policy forbids (weak passwords, the user's own name) and what cannot be
// an id (a NUL byte reaches PostgreSQL as an error, so it must never get there): Chinese messages, no 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";

let t: TestDatabase;
let admin: Actor;
let users: typeof import("./users");
let userId = "";
let departmentId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  users = await import("./users");
  const regionId = (await t.db.region.create({ data: { name: "测试市", level: "city" } })).id;
  const department = await t.db.department.create({ data: { regionId, name: "市农业农村局", position: 1 } });
  departmentId = department.id;
  const row = await t.db.$transaction((tx) => users.insertUser(tx, { username: "admin", name: "管理员", password: "luoshi-dcs-2024", role: "admin", departmentId: null, regionId }));
  admin = { userId: row.id, username: "admin", name: "管理员", role: "admin", departmentId: null, departmentName: null, scope: { regionId, below: [regionId], parentId: null } };
  const reporter = await t.db.$transaction((tx) => users.insertUser(tx, { username: "nongye", name: "填报员", password: "luoshi-nyj-2024", role: "reporter", departmentId }));
  userId = reporter.id;
});
afterAll(() => t.drop());

describe("passwords set by an administrator", () => {
  it("a new user's password must be 10+, not common, and not contain the user name", async () => {
    const base = { username: "fagai", name: "发改委填报员", role: "reporter", departmentId };
    const refused = async (password: string) => {
      const result = await users.createUser(admin, { ...base, password });
      return result.ok ? null : result.error.fields?.password;
    };
    expect(await refused("short-1")).toBe("密码至少10位");
    expect(await refused("password123")).toMatch(/过于常见/);
    expect(await refused("fagai-2024-pw")).toBe("密码不能包含用户名");
    expect(await t.db.user.count({ where: { username: "fagai" } })).toBe(0);
    expect((await users.createUser(admin, { ...base, password: "luoshi-fgw-2024" })).ok).toBe(true);
  });

  it("a reset password follows the same rule, the user's name included", async () => {
    const result = await users.updateUser(admin, userId, { password: "nongye-is-me-2024" });
    expect(result.ok ? null : result.error.fields).toEqual({ password: "密码不能包含用户名" });
    const weak = await users.updateUser(admin, userId, { password: "1234567890" });
    expect(weak.ok ? null : weak.error.fields?.password).toMatch(/过于常见/);
    expect((await users.updateUser(admin, userId, { password: "spring-fields-2024" })).ok).toBe(true);
  });
});

describe("ids that cannot be ids", () => {
  it("are answered as not found, before any query", async () => {
    const { renameDepartment } = await import("./departments");
    const { revokeApiToken } = await import("./tokens");
    for (const id of ["x\u0000y", "../../etc/passwd", "x".repeat(200)]) {
      const results = [
        await users.updateUser(admin, id, { name: "新名字" }),
        await renameDepartment(admin, id, { name: "新单位名称" }),
        await revokeApiToken(admin, id),
      ];
      for (const result of results) expect(result.ok ? null : result.error.code, JSON.stringify(id)).toBe("not_found");
    }
  });

  it("in a form's reference fields are a validation message", async () => {
    const result = await users.createUser(admin, { username: "renshe", name: "人社局", role: "reporter", departmentId: "dep\u0000", password: "luoshi-rsj-2024" });
    expect(result.ok ? null : result.error.fields).toEqual({ departmentId: "所选单位不存在" });
  });

  it("text with control characters is refused, not stored", async () => {
    const { createDepartment } = await import("./departments");
    const result = await createDepartment(admin, { name: "市\u0000商务局" });
    expect(result.ok ? null : result.error.fields).toEqual({ name: "单位名称不能包含控制字符" });
    const { issueApiToken } = await import("./tokens");
    const token = await issueApiToken(admin, { username: "nong\u0000ye", name: "对接" });
    expect(token.ok ? null : token.error.fields?.username).toBe("请选择用户");
  });
});
