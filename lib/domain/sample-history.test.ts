import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { departmentName, suggestLeadDepartment, type PlanLevel } from "./departments";
import { countedVersions, endOfDay } from "./entries/versions";
import { extractTargets } from "./extract";
import { parseFigure } from "./figures";
import { comparePeriods, dueDate, periodEndDate, periodsOfYear } from "./periods";
import { DEFAULT_STATUS_SETTINGS, judgeGoal, type Light } from "./status";
import {
  generateSampleHistory,
  sampleFrequency,
  sampleStoryOf,
  seededRandom,
  type SampleGoal,
  type SampleHistory,
  type SampleHistoryInput,
} from "./sample-history";

const TODAY = "2026-11-29";

/** The sample plans' goals as the seed imports them (prisma/seed.ts → createPlanFromText). */
function samplePlans(): (SampleHistoryInput & { region: string })[] {
  const dir = new URL("../../data/reports/", import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL("samples.json", dir), "utf8")) as { file: string; region: string; level: PlanLevel; year: number }[];
  return manifest.map((report) => {
    const extraction = extractTargets(readFileSync(new URL(report.file, dir), "utf8"));
    const titles = new Map(extraction.sections.map((s) => [s.id, s.title]));
    const goals: SampleGoal[] = extraction.targets.map((t, position) => ({
      position,
      metric: t.metric,
      target: String(t.value),
      unit: t.unit,
      comparator: t.comparator,
      kind: t.kind,
      direction: t.direction,
      accumulates: t.accumulates,
      department: departmentName(suggestLeadDepartment(t.metric, t.sectionId ? titles.get(t.sectionId) ?? null : null, report.level), report.level),
    }));
    // The departments with a sample reporter (prisma/seed.ts SAMPLE_LOGINS).
    const reviewed = new Set(["市农业农村局", "市发展和改革委员会", "市商务局", "市人力资源和社会保障局", "区农业农村局"]);
    return { region: report.region, year: report.year, goals, story: sampleStoryOf(report.region, report.year)!, reviewedDepartments: reviewed };
  });
}

const plans = samplePlans();
const histories = plans.map((p) => generateSampleHistory(p));

/** The lights of a plan's board as of a day, judged as the board does (counted versions, latest period). */
function lights(plan: SampleHistoryInput, history: SampleHistory, asOf: string): Record<Light, number> {
  const count: Record<Light, number> = { green: 0, yellow: 0, red: 0, grey: 0, none: 0 };
  plan.goals.forEach((goal, index) => {
    const versions = history.versions.filter((v) => v.goal === index);
    const counted = countedVersions(versions, endOfDay(asOf));
    const judgement = judgeGoal(
      { ...goal, frequency: history.frequencies[index]!, year: plan.year },
      counted.map((v) => ({ period: v.period, value: v.value })),
      DEFAULT_STATUS_SETTINGS,
      asOf,
    );
    count[judgement.light]++;
  });
  return count;
}

describe("sample reporting history", () => {
  it("is the same on every run", () => {
    const again = plans.map((p) => generateSampleHistory(p));
    expect(JSON.stringify(again)).toBe(JSON.stringify(histories));
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it("reports at each goal's frequency: GDP quarterly, retail monthly, grain yearly, works monthly", () => {
    expect(sampleFrequency({ metric: "地区生产总值", kind: "growth" })).toBe("quarterly");
    expect(sampleFrequency({ metric: "社会消费品零售总额", kind: "growth" })).toBe("monthly");
    expect(sampleFrequency({ metric: "粮食产量", kind: "level" })).toBe("annual");
    expect(sampleFrequency({ metric: "新建高标准农田", kind: "increment" })).toBe("monthly");
    plans.forEach((plan, p) => {
      for (const v of histories[p]!.versions) expect(periodsOfYear(plan.year, histories[p]!.frequencies[v.goal]!)).toContain(v.period);
    });
  });

  it("has versions numbered 1, 2, … per period, typed text that reads as the value, and states that fit", () => {
    plans.forEach((plan, p) => {
      const byPeriod = new Map<string, number[]>();
      for (const v of histories[p]!.versions) {
        const goal = plan.goals[v.goal]!;
        const key = `${v.goal} ${v.period}`;
        byPeriod.set(key, [...(byPeriod.get(key) ?? []), v.version]);
        const parsed = parseFigure(v.rawInput, goal);
        expect(parsed, `${goal.metric} ${v.period} “${v.rawInput}”`).toEqual({ ok: true, value: v.value });
        expect(v.value).toMatch(/^-?\d+(\.\d+)?$/);
        expect(v.periodEnd).toBe(periodEndDate(v.period));
        expect(v.countedAt !== null).toBe(v.state === "approved");
        expect(v.reviewNote !== null).toBe(v.state === "returned");
        if (v.by === "admin") expect(v.state).toBe("approved");
      }
      for (const numbers of byPeriod.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    });
  });

  it("submits after the period ends (some beyond the grace days), reviews 1–5 days later, counts from approval", () => {
    let late = 0;
    for (const history of histories) {
      for (const v of history.versions) {
        const submitted = v.submittedAt.getTime();
        expect(submitted).toBeGreaterThan(endOfDay(v.periodEnd).getTime());
        expect(v.reportedAt > v.periodEnd).toBe(true);
        if (v.reportedAt > dueDate(v.period, 10)) late++;
        if (v.reviewedAt) expect(v.reviewedAt.getTime()).toBeGreaterThanOrEqual(submitted);
        if (v.countedAt) {
          expect(v.countedAt.getTime()).toBeGreaterThanOrEqual(submitted);
          expect(v.countedAt).toEqual(v.reviewedAt);
        }
        if (v.by === "reporter" && v.reviewedAt && v.version === 1) {
          expect(v.reviewedAt.getTime() - submitted).toBeLessThan(6 * 86_400_000);
        }
        // Every history event is in the past.
        expect(v.submittedAt < endOfDay(TODAY)).toBe(true);
      }
      // A period's later version is submitted after the earlier one was reviewed.
      const sorted = [...history.versions].sort((a, b) => a.goal - b.goal || comparePeriods(a.period, b.period) || a.version - b.version);
      sorted.forEach((v, i) => {
        const before = sorted[i - 1];
        if (before && before.goal === v.goal && before.period === v.period) expect(v.submittedAt.getTime()).toBeGreaterThan(before.reviewedAt!.getTime());
      });
    }
    expect(late).toBeGreaterThan(0);
  });

  it("grows accumulating year-to-date figures period by period (approved versions), and keeps shares within 0–100", () => {
    plans.forEach((plan, p) => {
      plan.goals.forEach((goal, index) => {
        const approved = countedVersions(histories[p]!.versions.filter((v) => v.goal === index), endOfDay(TODAY)).sort((a, b) => comparePeriods(a.period, b.period));
        if (goal.accumulates) {
          for (let i = 1; i < approved.length; i++) expect(Number(approved[i]!.value), goal.metric).toBeGreaterThanOrEqual(Number(approved[i - 1]!.value));
        }
        if (goal.kind === "ratio") for (const v of approved) expect(Number(v.value)).toBeLessThanOrEqual(100);
      });
    });
  });

  it("has pending, returned and corrected versions, by the departments' own reporters only", () => {
    for (const history of histories) {
      const states = history.versions.map((v) => v.state);
      expect(states).toContain("returned");
      expect(history.versions.some((v) => v.version === 2 && v.state === "approved")).toBe(true);
      for (const v of history.versions) if (v.state !== "approved") expect(v.by).toBe("reporter");
    }
    expect(histories[0]!.versions.filter((v) => v.state === "pending").length).toBeGreaterThanOrEqual(3);
  });

  it("opens both boards on a mix of lights today, and the 2024 board as of October 2024 on green, yellow, red and grey", () => {
    const [city, district] = plans;
    const today2024 = lights(city!, histories[0]!, TODAY);
    const today2022 = lights(district!, histories[1]!, TODAY);
    const october = lights(city!, histories[0]!, "2024-10-20");
    for (const count of [today2024, today2022]) {
      expect(count.green).toBeGreaterThan(0);
      expect(count.red).toBeGreaterThan(0);
      expect(count.grey).toBeGreaterThan(0);
      expect(count.grey, "grey is a minority").toBeLessThan((count.green + count.red + count.grey) / 2);
    }
    for (const light of ["green", "yellow", "red", "grey"] as const) expect(october[light], light).toBeGreaterThan(0);
  });
});
