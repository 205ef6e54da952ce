// The summary's own 说明 (who may write it, audit, used before the note, cleared), the previous year's result
// (two plans of one region) and the region filter (a lower government's shares), against a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { FORBIDDEN } from "@/lib/domain/messages";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

let t: TestDatabase;
let getSummary: typeof import("./summary").getSummary;
let summaryJson: typeof import("./summary").summaryJson;
let setExplanation: typeof import("./explanations").setExplanation;
const ids: Record<string, string> = {};
const actors = {} as Record<"admin" | "farming" | "commerce" | "leader" | "districtReporter" | "neighbourAdmin", Actor>;
const asOf = "2025-01-31";

beforeAll(async () => {
  t = await createTestDatabase();
  ({ getSummary, summaryJson } = await import("./summary"));
  ({ setExplanation } = await import("./explanations"));
  const city = await t.db.region.create({ data: { name: "上年市", level: "city" } });
  const district = await t.db.region.create({ data: { name: "东区", level: "district", parentId: city.id, position: 1 } });
  const neighbour = await t.db.region.create({ data: { name: "西区", level: "district", parentId: city.id, position: 2 } });
  const farming = await t.db.department.create({ data: { regionId: city.id, name: "市农业农村局" } });
  const commerce = await t.db.department.create({ data: { regionId: city.id, name: "市商务局" } });
  const districtFarming = await t.db.department.create({ data: { regionId: district.id, name: "区农业农村局" } });
  const user = async (key: keyof typeof actors, role: "admin" | "reporter" | "leader", regionId: string, departmentId: string | null = null) => {
    const row = await t.db.user.create({ data: { id: `u-${key}`, name: key, email: `${key}@x.invalid`, username: key.toLowerCase(), role, regionId, departmentId } });
    actors[key] = await actorOf(t.db, row);
  };
  await user("admin", "admin", city.id);
  await user("farming", "reporter", city.id, farming.id);
  await user("commerce", "reporter", city.id, commerce.id);
  await user("leader", "leader", city.id);
  await user("districtReporter", "reporter", district.id, districtFarming.id);
  await user("neighbourAdmin", "admin", neighbour.id);

  const plan = (regionId: string, region: string, year: number, level: "city" | "district" = "city") =>
    t.db.plan.create({ data: { regionId, region, level, year, title: `${region}${year}年政府工作报告目标任务`, sourceText: "…" } });
  const p23 = await plan(city.id, "上年市", 2023);
  const p24 = await plan(city.id, "上年市", 2024);
  const d24 = await plan(district.id, "东区", 2024, "district");
  const n24 = await plan(neighbour.id, "西区", 2024, "district");
  const chapter = await t.db.section.create({ data: { planId: p24.id, position: 0, part: "plan", number: "（一）", title: "发展现代农业", start: 0, end: 1 } });
  let position = 0;
  const goal = (planId: string, metric: string, leadDepartmentId: string | null, extra: object = {}) =>
    t.db.goal.create({
      data: {
        planId, position: position++, metric, leadDepartmentId, targetValue: "100", unit: "个", comparator: "gte",
        kind: "increment", direction: "higher", accumulates: true, frequency: "monthly", quote: metric, ...extra,
      },
    });
  const entry = (goalId: string, period: string, value: string, note: string | null = null) =>
    t.db.progressEntry.create({
      data: {
        goalId, period, periodEnd: new Date(`${period}-31T00:00:00Z`), version: 1, value, rawInput: value, note, state: "approved",
        submittedById: "u-admin", reportedAt: new Date(`${Number(period.slice(0, 4)) + 1}-01-05T00:00:00Z`), countedAt: new Date(`${Number(period.slice(0, 4)) + 1}-01-05T02:00:00Z`),
      },
    });
  // 2023: the same metric (written with full-width space and letters), a linked goal under another name, two of one metric.
  const farmland23 = await goal(p23.id, "新建　农田项目", farming.id);
  await entry(farmland23.id, "2023-12", "90");
  const base23 = await goal(p23.id, "粮食基地建设", farming.id);
  await entry(base23.id, "2023-12", "130");
  await goal(p23.id, "新增限上企业", commerce.id);
  await goal(p23.id, "新增限上企业", commerce.id);
  // 2024.
  const farmland = await goal(p24.id, "新建农田项目", farming.id, { sectionId: chapter.id });
  await entry(farmland.id, "2024-12", "60", "受干旱影响，部分项目延期");
  const base = await goal(p24.id, "新增粮食基地", farming.id, { sectionId: chapter.id, previousGoalId: base23.id });
  await entry(base.id, "2024-12", "100");
  const firms = await goal(p24.id, "新增限上企业", commerce.id);
  // Shares of 新建农田项目: 东区 40 (reported 45), 西区 60 (nothing reported).
  const share = await goal(d24.id, "新建农田项目", districtFarming.id, { targetValue: "40", parentGoalId: farmland.id, shareRegionId: district.id });
  await entry(share.id, "2024-12", "45", "东区按期完成");
  await goal(n24.id, "新建农田项目", null, { targetValue: "60", parentGoalId: farmland.id, shareRegionId: neighbour.id });
  Object.assign(ids, {
    city: city.id, district: district.id, neighbour: neighbour.id, p24: p24.id, farmland: farmland.id, base: base.id, firms: firms.id,
    farmland23: farmland23.id, base23: base23.id, share: share.id, chapter: chapter.id,
  });
});
afterAll(() => t.drop());

const rowOf = async (actor: Actor, goalId: string, filters: { region?: string } = {}) => {
  const s = await getSummary(actor, ids.p24!, { asOf, ...filters });
  if (!s.ok) throw new Error(s.error.message);
  return s.value.sections.flatMap((x) => x.goals).find((g) => g.id === goalId)!;
};
const audits = (goalId: string) => t.db.auditEvent.findMany({ where: { entityType: "GoalExplanation", entityId: goalId }, orderBy: { at: "asc" } });

describe("the 说明 written for the summary", () => {
  it("the lead department's reporter writes it; it is used before the version's note; every change is audited; empty clears it", async () => {
    expect(await rowOf(actors.leader, ids.farmland!)).toMatchObject({ explanation: "受干旱影响，部分项目延期", explanationSource: "entry", explanationWanted: true });

    const written = await setExplanation(actors.farming, ids.farmland!, { text: "  受干旱影响，12个项目顺延至2025年一季度  " });
    expect(written).toMatchObject({ ok: true, value: { goalId: ids.farmland, year: 2024, text: "受干旱影响，12个项目顺延至2025年一季度", author: { id: "u-farming" } } });
    const summary = await getSummary(actors.leader, ids.p24!, { asOf });
    if (!summary.ok) throw new Error(summary.error.message);
    const json = summaryJson(summary.value);
    const row = json.sections.flatMap((x) => x.goals).find((g) => g.id === ids.farmland);
    expect(row).toMatchObject({ explanation: "受干旱影响，12个项目顺延至2025年一季度", explanationSource: "summary" });
    expect(json.notMet.find((g) => g.id === ids.farmland)).toMatchObject({ explanation: "受干旱影响，12个项目顺延至2025年一季度", explanationSource: "summary" });

    // The region's admin corrects it; writing the same text again records nothing.
    expect(await setExplanation(actors.admin, ids.farmland!, { text: "受干旱影响，12个项目顺延" })).toMatchObject({ ok: true, value: { author: { id: "u-admin" } } });
    expect(await setExplanation(actors.admin, ids.farmland!, { text: "受干旱影响，12个项目顺延" })).toMatchObject({ ok: true });
    expect(await setExplanation(actors.farming, ids.farmland!, { text: "" })).toEqual({ ok: true, value: null });
    expect(await t.db.goalExplanation.count({ where: { goalId: ids.farmland } })).toBe(0);
    expect(await rowOf(actors.leader, ids.farmland!)).toMatchObject({ explanation: "受干旱影响，部分项目延期", explanationSource: "entry" });

    const trail = await audits(ids.farmland!);
    expect(trail.map((e) => [e.action, e.actorId, (e.before as { text?: string } | null)?.text ?? null, (e.after as { text?: string } | null)?.text ?? null])).toEqual([
      ["goal.explanation.create", "u-farming", null, "受干旱影响，12个项目顺延至2025年一季度"],
      ["goal.explanation.update", "u-admin", "受干旱影响，12个项目顺延至2025年一季度", "受干旱影响，12个项目顺延"],
      ["goal.explanation.clear", "u-farming", "受干旱影响，12个项目顺延", null],
    ]);
    // Clearing what is not there changes nothing.
    expect(await setExplanation(actors.farming, ids.farmland!, { text: "" })).toEqual({ ok: true, value: null });
    expect(await audits(ids.farmland!)).toHaveLength(3);
  });

  it("another department's reporter and a leader get 403, one who cannot read the plan 404; bad text is refused; nothing is written", async () => {
    expect(await setExplanation(actors.commerce, ids.farmland!, { text: "越权" })).toMatchObject({ ok: false, error: { code: "forbidden", message: FORBIDDEN.explanation } });
    expect(await setExplanation(actors.leader, ids.farmland!, { text: "越权" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    // 东区's reporter reads the city's plan (the government above) but leads none of its goals.
    expect(await setExplanation(actors.districtReporter, ids.farmland!, { text: "越权" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await setExplanation(actors.neighbourAdmin, ids.farmland!, { text: "越权" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(await setExplanation(null, ids.farmland!, { text: "越权" })).toMatchObject({ ok: false, error: { code: "unauthenticated" } });
    expect(await setExplanation(actors.farming, "no such goal", { text: "x" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    for (const body of [{ text: "长".repeat(1001) }, { text: "a\u0000b" }, { text: 5 }, {}, null]) {
      const refused = await setExplanation(actors.farming, ids.farmland!, body);
      expect(refused).toMatchObject({ ok: false, error: { code: "validation" } });
      if (!refused.ok) expect(Object.values(refused.error.fields ?? {}).join("")).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await t.db.goalExplanation.count()).toBe(0);
    // The share's own department (东区) writes on its share.
    expect(await setExplanation(actors.districtReporter, ids.share!, { text: "东区已超额完成" })).toMatchObject({ ok: true });
    expect(await rowOf(actors.leader, ids.share!, { region: ids.district })).toMatchObject({ explanation: "东区已超额完成", explanationSource: "summary" });
    await setExplanation(actors.districtReporter, ids.share!, { text: "" });
  });
});

describe("the previous year's result", () => {
  it("the same metric of the region's previous plan (normalised), a linked goal, none when two goals match", async () => {
    const s = await getSummary(actors.leader, ids.p24!, { asOf });
    if (!s.ok) throw new Error(s.error.message);
    const rows = new Map(s.value.sections.flatMap((x) => x.goals).map((g) => [g.id, g]));
    expect(rows.get(ids.farmland!)!.previousYear).toEqual({ year: 2023, goalId: ids.farmland23, actual: "90个", actualValue: "90", completion: "90.0%", completionRatio: "0.9", statusLabel: "未完成" });
    expect(rows.get(ids.base!)!.previousYear).toEqual({ year: 2023, goalId: ids.base23, actual: "130个", actualValue: "130", completion: "130.0%", completionRatio: "1.3", statusLabel: "超额完成" });
    expect(rows.get(ids.firms!)!.previousYear).toBeNull();
    expect(rows.get(ids.firms!)).toMatchObject({ statusLabel: "未报送", explanationWanted: true, explanationSource: null });
    expect(summaryJson(s.value).sections.flatMap((x) => x.goals).find((g) => g.id === ids.farmland)!.previousYear).toMatchObject({ year: 2023, completion: "90.0%" });
  });

  it("a plan with no previous year's plan has none", async () => {
    const s = await getSummary(actors.leader, ids.p24!, { asOf, region: ids.district });
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value.sections.flatMap((x) => x.goals).every((g) => g.previousYear === null)).toBe(true);
  });
});

describe("the region filter", () => {
  it("lists the region's shares under the parent's section, judged on its own figures, and names the region", async () => {
    const s = await getSummary(actors.leader, ids.p24!, { asOf, region: ids.district });
    if (!s.ok) throw new Error(s.error.message);
    expect(s.value.filters.region).toBe(ids.district);
    expect(s.value.holder).toBe("东区");
    expect(s.value.sections.map((x) => [x.id, x.goals.map((g) => [g.id, g.targetText, g.actual, g.statusLabel, g.leadDepartment?.name, g.explanation])])).toEqual([
      [ids.chapter, [[ids.share, "40个以上", "45个", "超额完成", "区农业农村局", "东区按期完成"]]],
    ]);
    expect(s.value.goalCount).toBe(1);
    expect(s.value.narrative).toContain("分解由东区承担的量化指标1项");
    expect(s.value.choices.regions.map((r) => r.name)).toEqual(["上年市", "东区", "西区"]);
    expect(summaryJson(s.value).region).toEqual({ id: ids.district, name: "东区" });

    const west = await getSummary(actors.leader, ids.p24!, { asOf, region: ids.neighbour });
    expect(west.ok && west.value.sections.flatMap((x) => x.goals).map((g) => [g.id === ids.share, g.statusLabel])).toEqual([[false, "未报送"]]);
  });

  it("the plan's own region is the whole plan; a region the caller cannot read, or none, is 404", async () => {
    const own = await getSummary(actors.leader, ids.p24!, { asOf, region: ids.city });
    expect(own.ok && own.value.goalCount).toBe(3);
    expect(own.ok && own.value.filters.region).toBeNull();
    // 东区's reporter reads the city's plan and 东区, not its sibling 西区.
    expect(await getSummary(actors.districtReporter, ids.p24!, { asOf, region: ids.neighbour })).toMatchObject({ ok: false, error: { code: "not_found" } });
    const mine = await getSummary(actors.districtReporter, ids.p24!, { asOf, region: ids.district });
    expect(mine.ok && mine.value.sections.flatMap((x) => x.goals).map((g) => g.id)).toEqual([ids.share]);
    expect(mine.ok && mine.value.choices.regions.map((r) => r.name)).toEqual(["上年市", "东区"]);
    expect(await getSummary(actors.leader, ids.p24!, { asOf, region: "cmissing00000000000000000" })).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
