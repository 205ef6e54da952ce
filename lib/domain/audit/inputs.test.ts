import { describe, expect, it } from "vitest";
import { auditQuery, decodeAuditCursor, encodeAuditCursor } from "./inputs";

describe("auditQuery", () => {
  it("reads empty parameters as absent and keeps good ones", () => {
    expect(auditQuery.parse({ user: "", action: "", period: "", from: "", to: "", cursor: "" })).toEqual({});
    const c = encodeAuditCursor({ at: new Date("2024-07-01T00:00:00Z"), id: "cabc" });
    expect(auditQuery.parse({ user: "cuser1", action: "entry.submit", period: "2024-06", from: "2024-06-01", to: "2024-06-30", cursor: c })).toMatchObject({ action: "entry.submit", period: "2024-06", cursor: c });
  });
  it("refuses bad values with Chinese messages", () => {
    for (const bad of [{ user: "a\u0000b" }, { action: "drop.table" }, { period: "２０２４-０６" }, { from: "2024-02-30" }, { cursor: "abc" }, { from: "2024-07-01", to: "2024-06-01" }]) {
      const r = auditQuery.safeParse(bad);
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it("round-trips the cursor", () => {
    const at = new Date("2024-06-30T16:05:00.123Z");
    expect(decodeAuditCursor(encodeAuditCursor({ at, id: "c1" }))).toEqual({ at, id: "c1" });
    expect(decodeAuditCursor("1.")).toBeNull();
  });
});
