// Import drafts against a real database: create (text and file), suggestions from the region's own units, review
// (edit, accept, reject, add from a span, a section at once, stale versions), commit in one transaction with its
// audit trail and offsets, re-import with a diff that never deletes figures, plan rename / archive / delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

let t: TestDatabase;
let imports: typeof import("./imports");
let plans: typeof import("./plans");
let mapping: typeof import("./department-mapping");
const ids: Record<string, string> = {};
const actors = {} as Record<"admin" | "reporter" | "otherAdmin", Actor>;

const REPORT = `牡丹江市2024年政府工作报告

一、2023年工作回顾
过去一年，全市新建高标准农田38.2万亩，地区生产总值增长5.8%。

二、2024年工作安排
2024年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业2.4万人以上，粮食产量稳定在100亿斤以上，居民收入增长与经济增长同步，单位地区生产总值能耗完成省下达任务。
（一）推进乡村振兴
新建高标准农田50万亩以上，改造老旧小区120个。
（二）扩大开放
接待游客增长10%，外贸进出口总额达到150亿元。
`;

beforeAll(async () => {
  t = await createTestDatabase();
  imports = await import("./imports");
  plans = await import("./plans");
  mapping = await import("./department-mapping");
  const city = await t.db.region.create({ data: { name: "牡丹江市", level: "city" } });
  const other = await t.db.region.create({ data: { name: "邻市", level: "city" } });
  ids.region = city.id;
  ids.otherRegion = other.id;
  const dept = async (regionId: string, name: string, position: number) => (await t.db.department.create({ data: { regionId, name, position } })).id;
  ids.farming = await dept(city.id, "市农业农村局", 16);
  ids.labour = await dept(city.id, "市人社局", 9);
  ids.reform = await dept(city.id, "市发展和改革委员会", 1);
  ids.commerce = await dept(city.id, "市商务局", 17);
  ids.housing = await dept(city.id, "市住房和城乡建设局", 12);
  ids.stats = await dept(city.id, "市统计局", 24);
  // The neighbour's units: never suggested for this city, even where the name is the same.
  ids.otherFarming = await dept(other.id, "市农业农村局", 16);
  ids.otherTourism = await dept(other.id, "市文化广电和旅游局", 18);
  const user = (id: string, role: string, regionId: string | null, departmentId: string | null) =>
    t.db.user.create({ data: { id, name: id, email: `${id}@x.invalid`, username: id, role: role as "admin", regionId, departmentId } });
  actors.admin = await actorOf(t.db, await user("admin", "admin", city.id, null));
  actors.reporter = await actorOf(t.db, await user("nongye", "reporter", null, ids.farming));
  actors.otherAdmin = await actorOf(t.db, await user("other_admin", "admin", other.id, null));
  // Last year's plan: its 高标准农田 goal is the one this year's is linked to.
  const previous = await t.db.plan.create({ data: { regionId: city.id, region: "牡丹江市", level: "city", year: 2023, title: "2023年", sourceText: "…" } });
  ids.previousGoal = (
    await t.db.goal.create({
      data: {
        planId: previous.id, position: 0, metric: "新建高标准农田", targetValue: "40", unit: "万亩", comparator: "gte", kind: "increment",
        direction: "higher", accumulates: true, frequency: "monthly", quote: "新建高标准农田40万亩",
      },
    })
  ).id;
});
afterAll(() => t.drop());

const ok = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};
const byMetric = (view: { candidates: import("./imports").CandidateView[] }, metric: string) => {
  const found = view.candidates.find((c) => c.metric === metric);
  if (!found) throw new Error(`no candidate ${metric}: ${view.candidates.map((c) => c.metric).join("、")}`);
  return found;
};

describe("createImport", () => {
  it("stores the text, sections and candidates with suggestions from the region's own units", async () => {
    const view = ok(await imports.createImport(actors.admin, { regionId: ids.region, level: "city", text: REPORT }));
    ids.draft = view.id;
    expect(view).toMatchObject({ status: "draft", year: 2024, region: "牡丹江市", format: "text", text: REPORT, planId: null });
    expect(view.sections.map((s) => [s.id, s.part])).toEqual([["1", "review"], ["2", "plan"], ["2.1", "plan"], ["2.2", "plan"]]);
    for (const c of view.candidates.filter((c) => c.start >= 0)) expect(REPORT.slice(c.start, c.end)).toBe(c.quote);

    const farmland = byMetric(view, "新建高标准农田");
    expect(farmland).toMatchObject({ value: "50", unit: "万亩", comparator: "gte", kind: "increment", frequency: "monthly", sectionId: "2.1", decision: "undecided", version: 1 });
    expect(farmland.leadDepartment).toEqual({ id: ids.farming, name: "市农业农村局" });
    expect(farmland.suggestion.leadReason).toBe("指标含“农田” → 市农业农村局");
    expect(farmland.baseline).toMatchObject({ value: "38.2", year: 2023 });
    expect(farmland.previousGoal).toMatchObject({ id: ids.previousGoal, year: 2023, value: "40" });

    expect(byMetric(view, "地区生产总值")).toMatchObject({ frequency: "quarterly", leadDepartment: { id: ids.reform } });
    expect(byMetric(view, "粮食产量")).toMatchObject({ frequency: "annual", leadDepartment: { id: ids.farming } });
    // A short name (人社局) is found for 人力资源和社会保障局.
    expect(byMetric(view, "城镇新增就业").leadDepartment?.id).toBe(ids.labour);
    // No 文旅局 in this city: 未匹配, never the neighbour's unit, never a new one.
    const tourism = byMetric(view, "接待游客");
    expect(tourism.leadDepartment).toBeNull();
    expect(tourism.suggestion.leadReason).toMatch(/^未匹配/);
    expect(await t.db.department.count({ where: { regionId: ids.region } })).toBe(6);
    const used = new Set(view.candidates.flatMap((c) => [c.leadDepartment?.id, c.suggestion.leadDepartment?.id]).filter(Boolean));
    expect([...used].every((id) => [ids.farming, ids.labour, ids.reform, ids.commerce, ids.housing, ids.stats].includes(id!))).toBe(true);

    const hints = view.candidates.filter((c) => c.origin === "milestone_hint");
    expect(hints.map((c) => c.quote)).toEqual(["居民收入增长与经济增长同步", "单位地区生产总值能耗完成省下达任务"]);
    expect(hints.every((c) => c.kind === "milestone" && c.value === null)).toBe(true);
    expect(view.counts).toMatchObject({ total: 9, undecided: 9, accepted: 0, milestoneHints: 2, withoutDepartment: 1, diff: null });
    expect(await t.db.auditEvent.count({ where: { entityType: "ImportDraft", entityId: view.id, action: "import.create" } })).toBe(1);
  });

  it("reads an uploaded file with readReportFile", async () => {
    const view = ok(await imports.createImport(actors.admin, { regionId: ids.region, level: "city", year: "2024" }, { bytes: new TextEncoder().encode(REPORT), filename: "报告.txt" }));
    expect(view).toMatchObject({ format: "txt", fileName: "报告.txt" });
    expect(view.candidates.filter((c) => c.origin === "extracted")).toHaveLength(7);
    ok(await imports.discardImport(actors.admin, view.id));
  });

  it("refuses an empty file, no text, a reporter (403) and another region's admin (404), writing nothing", async () => {
    const before = await t.db.importDraft.count();
    const empty = await imports.createImport(actors.admin, { regionId: ids.region, level: "city" }, { bytes: new Uint8Array(), filename: "a.txt" });
    expect(empty.ok || empty.error).toMatchObject({ code: "validation" });
    const none = await imports.createImport(actors.admin, { regionId: ids.region, level: "city" });
    expect(none.ok || none.error).toMatchObject({ code: "validation", fields: { text: "请粘贴报告全文或上传文件" } });
    const reporter = await imports.createImport(actors.reporter, { regionId: ids.region, level: "city", text: REPORT });
    expect(reporter.ok || reporter.error.code).toBe("forbidden");
    const outsider = await imports.createImport(actors.otherAdmin, { regionId: ids.region, level: "city", text: REPORT });
    expect(outsider.ok || outsider.error.code).toBe("not_found");
    expect(await t.db.importDraft.count()).toBe(before);
    expect((await imports.getImport(actors.otherAdmin, ids.draft!)).ok || "refused").toBe("refused");
    const read = await imports.getImport(actors.reporter, ids.draft!);
    expect(read.ok || read.error.code).toBe("forbidden");
  });
});

describe("reviewing a draft", () => {
  it("edits a candidate's value and department and accepts it; a stale version is a 409", async () => {
    const view = ok(await imports.getImport(actors.admin, ids.draft!));
    const farmland = byMetric(view, "新建高标准农田");
    const edited = ok(await imports.updateCandidate(actors.admin, ids.draft!, farmland.id, { version: farmland.version, value: "55", leadDepartmentId: ids.housing, coDepartmentIds: [ids.reform], decision: "accepted" }));
    expect(edited).toMatchObject({ value: "55", leadDepartment: { id: ids.housing }, coDepartments: [{ id: ids.reform }], decision: "accepted", version: 2 });
    // The suggestion stays what the engine said.
    expect(edited.suggestion.leadDepartment?.id).toBe(ids.farming);
    const stale = await imports.updateCandidate(actors.admin, ids.draft!, farmland.id, { version: 1, value: "60" });
    expect(stale.ok || stale.error.code).toBe("conflict");
    expect((await t.db.importCandidate.findUniqueOrThrow({ where: { id: farmland.id } })).value?.toString()).toBe("55");
  });

  it("refuses another region's unit, an unknown section, a range upside down and an incomplete acceptance", async () => {
    const view = ok(await imports.getImport(actors.admin, ids.draft!));
    const grain = byMetric(view, "粮食产量");
    const cases: [object, string][] = [
      [{ leadDepartmentId: ids.otherFarming }, "leadDepartmentId"],
      [{ sectionId: "9.9" }, "sectionId"],
      [{ valueHigh: "50" }, "valueHigh"],
      [{ value: null, decision: "accepted" }, "value"],
      [{ unit: "", decision: "accepted" }, "unit"],
      [{ metric: "粮食产量", extra: 1 }, "_"],
    ];
    for (const [patch, field] of cases) {
      const refused = await imports.updateCandidate(actors.admin, ids.draft!, grain.id, { version: grain.version, ...patch });
      expect(refused.ok || refused.error, JSON.stringify(patch)).toMatchObject({ code: "validation" });
      if (!refused.ok) expect(Object.keys(refused.error.fields ?? {}), JSON.stringify(patch)).toContain(field);
    }
    expect((await t.db.importCandidate.findUniqueOrThrow({ where: { id: grain.id } })).version).toBe(grain.version);
  });

  it("rejects one, accepts a section, assigns a department to a section", async () => {
    const view = ok(await imports.getImport(actors.admin, ids.draft!));
    const housing = byMetric(view, "改造老旧小区");
    ok(await imports.updateCandidate(actors.admin, ids.draft!, housing.id, { version: housing.version, decision: "rejected" }));
    // 2.2 扩大开放: both accepted, then given to 商务局.
    expect(ok(await imports.updateSection(actors.admin, ids.draft!, { sectionId: "2.2", decision: "accepted" })).updated).toBe(2);
    expect(ok(await imports.updateSection(actors.admin, ids.draft!, { sectionId: "2.2", leadDepartmentId: ids.commerce })).updated).toBeGreaterThanOrEqual(1);
    const after = ok(await imports.getImport(actors.admin, ids.draft!));
    expect(byMetric(after, "接待游客")).toMatchObject({ decision: "accepted", leadDepartment: { id: ids.commerce } });
    expect(byMetric(after, "改造老旧小区").decision).toBe("rejected");
    const bad = await imports.updateSection(actors.admin, ids.draft!, { sectionId: "2.2", leadDepartmentId: ids.otherTourism });
    expect(bad.ok || bad.error.code).toBe("validation");
  });

  it("adds a target from a selected span, and a milestone; offsets outside the text are refused", async () => {
    const sentence = "居民收入增长与经济增长同步";
    const start = REPORT.indexOf(sentence);
    const milestone = ok(await imports.addCandidate(actors.admin, ids.draft!, { start, end: start + sentence.length, kind: "milestone", metric: "居民收入与经济增长同步" }));
    expect(milestone).toMatchObject({ origin: "added", kind: "milestone", value: null, decision: "accepted", quote: sentence, sectionId: "2", part: "plan" });
    const figure = "接待游客增长10%";
    const at = REPORT.indexOf(figure);
    expect(REPORT[at - 1]).toBe("\n");
    // Surrounding white space is trimmed; unset fields are read from the span.
    const added = ok(await imports.addCandidate(actors.admin, ids.draft!, { start: at - 1, end: at + figure.length, metric: "接待游客（口径二）", decision: "undecided" }));
    expect(added).toMatchObject({ value: "10", unit: "%", kind: "growth", quote: figure, decision: "undecided", sectionId: "2.2" });
    expect(REPORT.slice(added.start, added.end)).toBe(added.quote);
    for (const span of [{ start: -1, end: 5 }, { start: 5, end: 5 }, { start: 0, end: REPORT.length + 1 }, { start: 0, end: 1001 }, { start: 1, end: 3, value: "1" }]) {
      const refused = await imports.addCandidate(actors.admin, ids.draft!, span);
      expect(refused.ok || refused.error.code, JSON.stringify(span)).toBe("validation");
    }
    ok(await imports.updateCandidate(actors.admin, ids.draft!, added.id, { version: added.version, decision: "rejected" }));
  });
});

describe("commitImport", () => {
  it("refuses an accepted candidate without a figure, naming it", async () => {
    const other = ok(await imports.createImport(actors.admin, { regionId: ids.region, level: "city", year: 2030, text: REPORT }));
    const gdp = byMetric(other, "地区生产总值");
    ok(await imports.updateCandidate(actors.admin, other.id, gdp.id, { version: gdp.version, decision: "accepted" }));
    await t.db.importCandidate.update({ where: { id: gdp.id }, data: { value: null } });
    const refused = await imports.commitImport(actors.admin, other.id, {});
    expect(refused.ok || refused.error).toMatchObject({ code: "validation" });
    if (!refused.ok) expect(Object.keys(refused.error.fields ?? {})).toEqual([`candidates.${gdp.id}`]);
    expect(await t.db.plan.count({ where: { regionId: ids.region, year: 2030 } })).toBe(0);
    ok(await imports.discardImport(actors.admin, other.id));
    const again = await imports.commitImport(actors.admin, other.id, {});
    expect(again.ok || again.error.code).toBe("conflict");
  });

  it("acceptAll: every undecided target, not the hints; one transaction, one audit event per goal, offsets kept", async () => {
    const reporter = await imports.commitImport(actors.reporter, ids.draft!, { acceptAll: true });
    expect(reporter.ok || reporter.error.code).toBe("forbidden");
    const result = ok(await imports.commitImport(actors.admin, ids.draft!, { acceptAll: true }));
    ids.plan = result.planId;
    const plan = await t.db.plan.findUniqueOrThrow({ where: { id: result.planId }, include: { goals: { include: { coDepartments: true, section: true } }, sections: true } });
    expect(plan).toMatchObject({ year: 2024, regionId: ids.region, sourceText: REPORT, title: "牡丹江市2024年政府工作报告目标任务" });
    expect(plan.sections).toHaveLength(4);
    const metrics = plan.goals.map((g) => g.metric).sort();
    // 7 extracted − 改造老旧小区 (rejected) + the added milestone; the hints were not accepted; 接待游客 (口径二) rejected.
    expect(metrics).toEqual(["地区生产总值", "城镇新增就业", "外贸进出口总额", "居民收入与经济增长同步", "接待游客", "新建高标准农田", "粮食产量"].sort());
    expect(result).toMatchObject({ created: 7, updated: 0 });
    for (const g of plan.goals) expect(REPORT.slice(g.sourceStart!, g.sourceEnd!)).toBe(g.quote);
    const farmland = plan.goals.find((g) => g.metric === "新建高标准农田")!;
    expect(farmland).toMatchObject({ leadDepartmentId: ids.housing, previousGoalId: ids.previousGoal, frequency: "monthly" });
    expect(farmland.targetValue?.toString()).toBe("55");
    expect(farmland.baselineValue?.toString()).toBe("38.2");
    expect(farmland.coDepartments.map((c) => c.departmentId)).toEqual([ids.reform]);
    expect(farmland.section?.title).toBe("推进乡村振兴");
    const milestone = plan.goals.find((g) => g.kind === "milestone")!;
    expect(milestone.targetValue).toBeNull();
    const events = await t.db.auditEvent.findMany({ where: { action: "goal.import" } });
    expect(events.map((e) => e.entityId).sort()).toEqual(plan.goals.map((g) => g.id).sort());
    expect(await t.db.auditEvent.count({ where: { action: "plan.import", entityId: plan.id } })).toBe(1);
    const draft = ok(await imports.getImport(actors.admin, ids.draft!));
    expect(draft).toMatchObject({ status: "committed", planId: plan.id });
  });

  it("a committed draft cannot be changed (409)", async () => {
    const view = ok(await imports.getImport(actors.admin, ids.draft!));
    const c = view.candidates[0]!;
    for (const attempt of [
      imports.updateCandidate(actors.admin, ids.draft!, c.id, { version: c.version, decision: "rejected" }),
      imports.addCandidate(actors.admin, ids.draft!, { start: 0, end: 4, kind: "milestone" }),
      imports.commitImport(actors.admin, ids.draft!, {}),
      imports.discardImport(actors.admin, ids.draft!),
    ]) {
      const refused = await attempt;
      expect(refused.ok || refused.error.code).toBe("conflict");
    }
  });

  it("a second import of the same region and year is a 409 unless it is a re-import", async () => {
    const refused = await imports.createImport(actors.admin, { regionId: ids.region, level: "city", text: REPORT });
    expect(refused.ok || refused.error.code).toBe("conflict");
  });
});

describe("re-import", () => {
  const EDITED = REPORT.replace("新建高标准农田50万亩以上", "新建高标准农田60万亩以上")
    .replace("，改造老旧小区120个", "")
    .replace("接待游客增长10%，", "")
    .replace("外贸进出口总额达到150亿元。", "外贸进出口总额达到150亿元，新增市场主体2万户。");

  it("shows the diff against the plan's goals; applies only what is accepted; figures are never deleted", async () => {
    const goals = await t.db.goal.findMany({ where: { planId: ids.plan } });
    const goalOf = (metric: string) => goals.find((g) => g.metric === metric)!;
    // 接待游客 holds a figure; the milestone goal holds none.
    await t.db.progressEntry.create({
      data: {
        goalId: goalOf("接待游客").id, period: "2024-03", periodEnd: new Date("2024-03-31"), version: 1, value: "2", rawInput: "2", state: "approved",
        submittedById: "admin", reportedAt: new Date("2024-04-02"), countedAt: new Date("2024-04-02"),
      },
    });
    const view = ok(await imports.createImport(actors.admin, { regionId: ids.region, level: "city", text: EDITED, planId: ids.plan }));
    expect(view.targetPlanId).toBe(ids.plan);
    const diff = (metric: string) => view.candidates.find((c) => c.metric === metric && c.origin !== "milestone_hint");
    expect(diff("新建高标准农田")).toMatchObject({ diff: "changed", matchedGoalId: goalOf("新建高标准农田").id, value: "60", before: { value: "55", hasFigures: false } });
    expect(diff("地区生产总值")).toMatchObject({ diff: "unchanged", decision: "accepted" });
    expect(diff("新增市场主体")).toMatchObject({ diff: "new", matchedGoalId: null });
    const tourism = view.candidates.find((c) => c.diff === "removed" && c.matchedGoalId === goalOf("接待游客").id)!;
    expect(tourism).toMatchObject({ start: -1, before: { hasFigures: true } });
    const milestone = view.candidates.find((c) => c.diff === "removed" && c.matchedGoalId === goalOf("居民收入与经济增长同步").id);
    // The milestone's sentence is still in the text: the hint there matched it.
    expect(milestone ?? view.candidates.find((c) => c.matchedGoalId === goalOf("居民收入与经济增长同步").id)).toBeDefined();
    expect(view.counts.diff).toMatchObject({ new: expect.any(Number), changed: expect.any(Number), removed: expect.any(Number) });

    // A removed goal's candidate takes a decision only.
    const edit = await imports.updateCandidate(actors.admin, view.id, tourism.id, { version: tourism.version, value: "3" });
    expect(edit.ok || edit.error.code).toBe("validation");
    // Accept the change and the removal of 接待游客 (it has figures: archived, not deleted); reject the new one.
    const farmland = diff("新建高标准农田")!;
    ok(await imports.updateCandidate(actors.admin, view.id, farmland.id, { version: farmland.version, decision: "accepted" }));
    ok(await imports.updateCandidate(actors.admin, view.id, tourism.id, { version: tourism.version, decision: "accepted" }));
    const added = diff("新增市场主体")!;
    ok(await imports.updateCandidate(actors.admin, view.id, added.id, { version: added.version, decision: "rejected" }));
    const result = ok(await imports.commitImport(actors.admin, view.id, {}));
    expect(result).toMatchObject({ planId: ids.plan, created: 0, archived: 1, deleted: 0 });

    const after = await t.db.goal.findMany({ where: { planId: ids.plan } });
    const now = (metric: string) => after.find((g) => g.metric === metric)!;
    expect(now("新建高标准农田").targetValue?.toString()).toBe("60");
    expect(EDITED.slice(now("新建高标准农田").sourceStart!, now("新建高标准农田").sourceEnd!)).toBe(now("新建高标准农田").quote);
    expect(now("接待游客").archivedAt).not.toBeNull();
    expect(await t.db.progressEntry.count({ where: { goalId: now("接待游客").id } })).toBe(1);
    expect(after.some((g) => g.metric === "新增市场主体")).toBe(false);
    // Untouched goals follow their quote into the new text.
    for (const g of after.filter((g) => g.sourceStart !== null && !g.archivedAt)) expect(EDITED.slice(g.sourceStart!, g.sourceEnd!)).toBe(g.quote);
    expect((await t.db.plan.findUniqueOrThrow({ where: { id: ids.plan } })).sourceText).toBe(EDITED);
    expect(await t.db.auditEvent.count({ where: { action: "goal.reimport" } })).toBeGreaterThanOrEqual(1);
    expect(await t.db.auditEvent.count({ where: { action: "goal.archive", entityId: now("接待游客").id } })).toBe(1);
  });
});

describe("plans: rename, archive, delete", () => {
  it("renames and archives (audited); an archived plan leaves the list", async () => {
    expect(ok(await plans.updatePlan(actors.admin, ids.plan!, { title: "牡丹江市2024年目标（修订）" })).title).toBe("牡丹江市2024年目标（修订）");
    ok(await plans.updatePlan(actors.admin, ids.plan!, { archived: true }));
    expect(ok(await plans.listPlans(actors.admin)).some((p) => p.id === ids.plan)).toBe(false);
    ok(await plans.updatePlan(actors.admin, ids.plan!, { archived: false }));
    expect(ok(await plans.listPlans(actors.admin)).some((p) => p.id === ids.plan)).toBe(true);
    expect(await t.db.auditEvent.count({ where: { action: "plan.update", entityId: ids.plan } })).toBe(3);
    const reporter = await plans.updatePlan(actors.reporter, ids.plan!, { title: "x" });
    expect(reporter.ok || reporter.error.code).toBe("forbidden");
    const outsider = await plans.updatePlan(actors.otherAdmin, ids.plan!, { title: "x" });
    expect(outsider.ok || outsider.error.code).toBe("not_found");
    const empty = await plans.updatePlan(actors.admin, ids.plan!, {});
    expect(empty.ok || empty.error.code).toBe("validation");
  });

  it("refuses to delete a plan with figures (409); deletes one without, and the year can be imported again", async () => {
    const refused = await plans.deletePlan(actors.admin, ids.plan!);
    expect(refused.ok || refused.error).toMatchObject({ code: "conflict", message: "该计划已有填报数据，不能删除（可归档）" });
    expect(await t.db.plan.count({ where: { id: ids.plan } })).toBe(1);

    const draft = ok(await imports.createImport(actors.admin, { regionId: ids.region, level: "city", year: 2031, text: REPORT }));
    const planId = ok(await imports.commitImport(actors.admin, draft.id, { acceptAll: true })).planId;
    ok(await plans.deletePlan(actors.admin, planId));
    expect(await t.db.plan.count({ where: { id: planId } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "plan.delete", entityId: planId } })).toBe(1);
    expect((await t.db.importDraft.findUniqueOrThrow({ where: { id: draft.id } })).planId).toBeNull();
    const again = ok(await imports.createImport(actors.admin, { regionId: ids.region, level: "city", year: 2031, text: REPORT }));
    expect(ok(await imports.commitImport(actors.admin, again.id, { acceptAll: true })).created).toBeGreaterThan(0);
  });
});

describe("department mapping", () => {
  it("is seeded with the region's own units only, and edited by its admin", async () => {
    const view = ok(await mapping.getDepartmentMapping(actors.admin, ids.region!));
    const own = new Set([ids.farming, ids.labour, ids.reform, ids.commerce, ids.housing, ids.stats]);
    expect(view.rows.length).toBeGreaterThan(100);
    expect(view.rows.every((r) => r.department === null || own.has(r.department.id))).toBe(true);
    expect(view.rows.find((r) => r.keyword === "就业")?.department?.id).toBe(ids.labour);
    expect(view.rows.find((r) => r.keyword === "旅游")?.department).toBeNull();

    const foreign = await mapping.putDepartmentMapping(actors.admin, ids.region!, { rows: [{ keyword: "旅游", departmentId: ids.otherTourism }] });
    expect(foreign.ok || foreign.error.code).toBe("validation");
    const duplicate = await mapping.putDepartmentMapping(actors.admin, ids.region!, { rows: [{ keyword: "旅游", departmentId: null }, { keyword: "旅游", departmentId: null }] });
    expect(duplicate.ok || duplicate.error.code).toBe("validation");
    const reporter = await mapping.getDepartmentMapping(actors.reporter, ids.region!);
    expect(reporter.ok || reporter.error.code).toBe("forbidden");
    const outsider = await mapping.getDepartmentMapping(actors.otherAdmin, ids.region!);
    expect(outsider.ok || outsider.error.code).toBe("not_found");

    // 游客 → 商务局 first: the next import suggests it.
    const rows = [{ keyword: "游客", departmentId: ids.commerce }, ...view.rows.map((r) => ({ keyword: r.keyword, departmentId: r.department?.id ?? null }))];
    const saved = ok(await mapping.putDepartmentMapping(actors.admin, ids.region!, { rows: rows.filter((r, i) => i === 0 || r.keyword !== "游客") }));
    expect(saved.rows[0]).toMatchObject({ keyword: "游客", department: { id: ids.commerce }, position: 0 });
    const draft = ok(await imports.createImport(actors.admin, { regionId: ids.region, level: "city", year: 2032, text: REPORT }));
    expect(byMetric(draft, "接待游客").leadDepartment?.id).toBe(ids.commerce);
  });
});
