import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS, MIN_PASSWORD_LENGTH, passwordProblem } from "./passwords";

describe("passwordProblem", () => {
  it("accepts a long, uncommon password that is not the user name", () => {
    expect(passwordProblem("luoshi-2024-dcs", "admin")).toBeNull();
    expect(passwordProblem("春天的农田2024年", "nongye")).toBeNull();
  });

  it(`wants at least ${MIN_PASSWORD_LENGTH} characters`, () => {
    expect(passwordProblem("short-pw1")).toBe("密码至少10位");
    expect(passwordProblem("x".repeat(129))).toBe("密码不能超过128位");
  });

  it("refuses the user name, inside the password too, whatever the case", () => {
    expect(passwordProblem("luoshi-admin", "admin")).toBe("密码不能包含用户名");
    expect(passwordProblem("NONGYE-2024-pw", "nongye")).toBe("密码不能包含用户名");
    expect(passwordProblem("aimin_nongye", "aimin_nongye")).toBe("密码不能包含用户名");
  });

  it("refuses the common passwords, whatever the case", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(30);
    for (const common of ["1234567890", "password123", "qwertyuiop", "a123456789", "admin12345", "Password123", "QWERTYUIOP"]) {
      expect(passwordProblem(common), common).toBe("密码过于常见，容易被猜中，请换一个");
    }
    for (const common of COMMON_PASSWORDS) expect(common.length, common).toBeGreaterThanOrEqual(MIN_PASSWORD_LENGTH);
  });

  it("refuses one or two characters repeated, and control characters", () => {
    expect(passwordProblem("aaaaaaaaaaaa")).toMatch(/过于简单/);
    expect(passwordProblem("abababababab")).toMatch(/过于简单/);
    expect(passwordProblem("good-password\u0000")).toBe("密码不能包含控制字符");
  });
});
