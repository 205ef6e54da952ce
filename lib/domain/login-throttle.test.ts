import { describe, expect, it } from "vitest";
import { LOGIN_DELAY, loginDelayMs, retryAfterText } from "./login-throttle";

describe("loginDelayMs", () => {
  it("answers the first attempts at once, then doubles the wait up to the cap", () => {
    const delays = Array.from({ length: 10 }, (_, i) => loginDelayMs(i + 1));
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
  });

  it("never exceeds the cap, however many attempts (the owner is slowed, not locked out)", () => {
    for (const attempt of [50, 1000, 1e9]) expect(loginDelayMs(attempt)).toBe(LOGIN_DELAY.maxDelaySeconds * 1000);
  });
});

describe("retryAfterText", () => {
  it("says seconds under a minute and whole minutes above", () => {
    expect(retryAfterText(0)).toBe("请1秒后再试");
    expect(retryAfterText(42.2)).toBe("请43秒后再试");
    expect(retryAfterText(60)).toBe("请1分钟后再试");
    expect(retryAfterText(61)).toBe("请2分钟后再试");
  });
});
