import { describe, expect, it } from "vitest";
import { NON_PAGE_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, SECURITY_HEADERS } from "./security-headers";

describe("security headers", () => {
  it("a page policy allows scripts by nonce only, and no framing", () => {
    const policy = pageContentSecurityPolicy("abc123");
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).toContain("style-src 'self' 'nonce-abc123'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|upgrade-insecure-requests/);
  });

  it("only the development policy allows eval and inline styles", () => {
    const policy = pageContentSecurityPolicy("n", true);
    expect(policy).toContain("'unsafe-eval'");
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
  });

  it("answers that are not pages allow nothing; every response refuses sniffing and framing", () => {
    expect(NON_PAGE_CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none'/);
    expect(NON_PAGE_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(SECURITY_HEADERS).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "X-Frame-Options": "DENY",
    });
  });
});
