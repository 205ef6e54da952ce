import { describe, expect, it } from "vitest";
import { textRuns } from "./segments";

describe("textRuns", () => {
  it("covers the whole text in order, marking each candidate's span", () => {
    const runs = textRuns(20, [{ id: "b", start: 10, end: 14 }, { id: "a", start: 2, end: 5 }], []);
    expect(runs).toEqual([
      { start: 0, end: 2, candidateId: null, review: false },
      { start: 2, end: 5, candidateId: "a", review: false },
      { start: 5, end: 10, candidateId: null, review: false },
      { start: 10, end: 14, candidateId: "b", review: false },
      { start: 14, end: 20, candidateId: null, review: false },
    ]);
  });

  it("cuts at review parts, so a mark inside one is greyed and one across the edge is split", () => {
    const runs = textRuns(10, [{ id: "a", start: 3, end: 7 }], [{ start: 0, end: 5 }]);
    expect(runs).toEqual([
      { start: 0, end: 3, candidateId: null, review: true },
      { start: 3, end: 5, candidateId: "a", review: true },
      { start: 5, end: 7, candidateId: "a", review: false },
      { start: 7, end: 10, candidateId: null, review: false },
    ]);
  });

  it("keeps the later part of an overlapping span, drops one inside another and ignores removed goals (-1)", () => {
    const runs = textRuns(12, [{ id: "a", start: 0, end: 6 }, { id: "b", start: 4, end: 9 }, { id: "c", start: 1, end: 3 }, { id: "gone", start: -1, end: -1 }], []);
    expect(runs.map((r) => [r.start, r.end, r.candidateId])).toEqual([
      [0, 6, "a"],
      [6, 9, "b"],
      [9, 12, null],
    ]);
  });

  it("gives one plain run for a text without candidates and none for an empty text", () => {
    expect(textRuns(5, [], [])).toEqual([{ start: 0, end: 5, candidateId: null, review: false }]);
    expect(textRuns(0, [], [])).toEqual([]);
  });
});
