import { describe, expect, it } from "vitest";
import { exportRequest, jobState } from "./jobs";

describe("jobState", () => {
  it("waiting, first time or for a retry, is queued; running is active", () => {
    expect([jobState("created", null), jobState("retry", null), jobState("active", null)]).toEqual(["queued", "queued", "active"]);
  });
  it("a job that ran to a refusal has failed for its asker; one that threw on every attempt, or was cancelled, too", () => {
    expect([jobState("completed", true), jobState("completed", false), jobState("failed", null), jobState("cancelled", null)]).toEqual(["completed", "failed", "failed", "failed"]);
  });
});

describe("exportRequest", () => {
  it("takes a format and the summary's filters; refuses another format in Chinese", () => {
    expect(exportRequest.parse({ format: "xlsx", asOf: "2024-12-31" })).toMatchObject({ format: "xlsx", asOf: "2024-12-31" });
    const bad = exportRequest.safeParse({ format: "pdf" });
    expect(!bad.success && bad.error.issues[0]?.message).toBe("格式应为 docx 或 xlsx");
    expect(exportRequest.safeParse({}).success).toBe(false);
  });
});
