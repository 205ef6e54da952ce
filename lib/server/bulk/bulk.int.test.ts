// The fill-in round trip against a real database: the template's content read back with exceljs, previews that
// write nothing, all rows or none in one transaction with their audit events, and every refusal of a sheet that is
// not this plan's, department's and period's untouched template.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/permissions";
import { COLUMNS, DATA_SHEET, FIRST_DATA_ROW, META_SHEET } from "@/lib/domain/bulk";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

let t: TestDatabase;
let bulk: typeof import("./upload");
let tpl: typeof import("./template");
let route: typeof import("@/app/api/v1/plans/[planId]/entries/bulk/route");
let templateRoute: typeof import("@/app/api/v1/plans/[planId]/template.xlsx/route");
const ids = {} as Record<"region" | "plan" | "oldPlan" | "farming" | "commerce" | "bench" | "farmland" | "jobs" | "annual" | "archived" | "trade" | "oldGoal", string>;
const actors = {} as Record<"admin" | "reporter" | "commerce" | "leader" | "stranger" | "bench", Actor>;
const tokens = {} as Record<"admin" | "reporter", string>;
const NOW = new Date("2024-07-05T04:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  bulk = await import("./upload");
  tpl = await import("./template");
  route = await import("@/app/api/v1/plans/[planId]/entries/bulk/route");
  templateRoute = await import("@/app/api/v1/plans/[planId]/template.xlsx/route");
  const { insertUser } = await import("../users");
  const { generateToken, insertApiToken } = await import("../tokens");
  const region = await t.db.region.create({ data: { name: "批量市", level: "city" } });
  const elsewhere = await t.db.region.create({ data: { name: "邻市", level: "city" } });
  ids.region = region.id;
  const farming = await t.db.department.create({ data: { regionId: region.id, name: "市农业农村局" } });
  const commerce = await t.db.department.create({ data: { regionId: region.id, name: "市商务局" } });
  const bench = await t.db.department.create({ data: { regionId: region.id, name: "市统计局" } });
  const far = await t.db.department.create({ data: { regionId: elsewhere.id, name: "邻市农业农村局" } });
  Object.assign(ids, { farming: farming.id, commerce: commerce.id, bench: bench.id });
  const users = await t.db.$transaction(async (tx) => ({
    admin: await insertUser(tx, { username: "admin", name: "督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: region.id }),
    reporter: await insertUser(tx, { username: "nongye", name: "农业局", password: "luoshi-nongye-pw", role: "reporter", departmentId: farming.id }),
    commerce: await insertUser(tx, { username: "shangwu", name: "商务局", password: "luoshi-shangwu-pw", role: "reporter", departmentId: commerce.id }),
    leader: await insertUser(tx, { username: "leader", name: "市领导", password: "luoshi-leader-pw", role: "leader", departmentId: null, regionId: region.id }),
    stranger: await insertUser(tx, { username: "linshi", name: "邻市农业局", password: "luoshi-linshi-pw", role: "reporter", departmentId: far.id }),
    bench: await insertUser(tx, { username: "tongji", name: "统计局", password: "luoshi-tongji-pw", role: "reporter", departmentId: bench.id }),
  }));
  for (const key of Object.keys(users) as (keyof typeof users)[]) actors[key] = await actorOf(t.db, users[key]);
  for (const key of ["admin", "reporter"] as const) {
    tokens[key] = generateToken();
    await t.db.$transaction((tx) => insertApiToken(tx, { userId: users[key].id, name: "测试", token: tokens[key], createdById: null }));
  }
  const plan = await t.db.plan.create({ data: { regionId: region.id, region: "批量市", level: "city", year: 2024, title: "批量市2024年政府工作报告目标任务", sourceText: "（测试）" } });
  const oldPlan = await t.db.plan.create({ data: { regionId: region.id, region: "批量市", level: "city", year: 2023, title: "批量市2023年目标任务", sourceText: "（测试）" } });
  Object.assign(ids, { plan: plan.id, oldPlan: oldPlan.id });
  const goal = (planId: string, position: number, metric: string, extra: { unit: string; [key: string]: unknown }) =>
    t.db.goal.create({
      data: { planId, position, metric, quote: metric, comparator: "gte", direction: "higher", kind: "increment", accumulates: true, frequency: "monthly", leadDepartmentId: farming.id, ...(extra as { unit: string }) },
    });
  ids.farmland = (await goal(plan.id, 0, "新建高标准农田", { targetValue: "50", unit: "万亩" })).id;
  ids.jobs = (await goal(plan.id, 1, "城镇新增就业", { targetValue: "2.4", unit: "万人", frequency: "quarterly" })).id;
  ids.annual = (await goal(plan.id, 2, "粮食产量", { targetValue: "100", unit: "万吨", frequency: "annual", kind: "level", accumulates: false })).id;
  ids.archived = (await goal(plan.id, 3, "已删除指标", { targetValue: "5", unit: "个", archivedAt: new Date() })).id;
  ids.trade = (await goal(plan.id, 4, "外贸进出口总额", { targetValue: "30", unit: "亿元", leadDepartmentId: commerce.id })).id;
  ids.oldGoal = (await goal(oldPlan.id, 0, "新建高标准农田", { targetValue: "38", unit: "万亩" })).id;
  // A counted May figure: the template shows it as 上期已报, and the checks compare with it.
  await t.db.progressEntry.create({
    data: {
      goalId: ids.farmland, period: "2024-05", periodEnd: new Date("2024-05-31T00:00:00Z"), version: 1, value: "20", rawInput: "20", state: "approved",
      submittedById: users.reporter.id, submittedAt: new Date("2024-06-05T02:00:00Z"), reportedAt: new Date("2024-06-05T00:00:00Z"), countedAt: new Date("2024-06-06T02:00:00Z"),
    },
  });
}, 120_000);
afterAll(() => t.drop());

async function template(actor: Actor, query: { department?: string; period?: string } = { period: "2024-06" }, planId = ids.plan): Promise<Buffer> {
  const made = await tpl.getFillTemplate(actor, planId, query, NOW);
  if (!made.ok) throw new Error(made.error.message);
  return tpl.templateWorkbook(made.value);
}

async function open(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** The template with 本期累计值 / 说明 filled by metric; `edit` may change anything else. */
async function filled(bytes: Buffer, values: Record<string, [string | number | null, string?]>, edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = await open(bytes);
  const ws = wb.getWorksheet(DATA_SHEET)!;
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
    const metric = ws.getCell(r, COLUMNS.metric.col).value as string;
    const v = values[metric];
    if (!v) continue;
    ws.getCell(r, COLUMNS.value.col).value = v[0];
    if (v[1] !== undefined) ws.getCell(r, COLUMNS.note.col).value = v[1];
  }
  edit?.(ws, wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const counts = async () => ({ versions: await t.db.progressEntry.count(), audit: await t.db.auditEvent.count({ where: { action: "entry.submit" } }) });

describe("the template", () => {
  it("holds the department's goals due in the period, targets and 上期已报, ids hidden, cells locked but the fill columns, a very hidden signed 模板信息", async () => {
    const wb = await open(await template(actors.reporter));
    const ws = wb.getWorksheet(DATA_SHEET)!;
    expect(String(ws.getCell(1, 1).value)).toBe("批量市2024年政府工作报告目标任务 · 市农业农村局 · 2024年6月数据填报表");
    expect(String(ws.getCell(2, 1).value)).toMatch(/^填写说明：[\s\S]*累计数[\s\S]*-3\.5/);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => ws.getCell(3, c).value)).toEqual(["序号", "指标", "填报期间", "目标值", "单位", "上期已报", "本期累计值", "说明", "指标编号"]);
    const rows = [];
    for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) rows.push([1, 2, 3, 4, 5, 6, 7, 9].map((c) => ws.getCell(r, c).value ?? null));
    // The annual goal reports at the year end only; the archived goal and the other department's are absent.
    expect(rows).toEqual([
      [1, "新建高标准农田", "2024年6月", "50万亩以上", "万亩", "20（2024年5月）", null, ids.farmland],
      [2, "城镇新增就业", "2024年第二季度", "2.4万人以上", "万人", "—", null, ids.jobs],
    ]);
    expect(ws.getColumn(COLUMNS.goalId.col).hidden).toBe(true);
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(ws.getCell(4, COLUMNS.value.col).protection).toMatchObject({ locked: false });
    expect(ws.getCell(4, COLUMNS.note.col).protection).toMatchObject({ locked: false });
    expect(ws.getCell(4, COLUMNS.metric.col).protection?.locked).not.toBe(false);
    expect(ws.getCell(4, COLUMNS.goalId.col).protection?.locked).not.toBe(false);
    expect(ws.getCell(4, COLUMNS.value.col).numFmt).toBe("@");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    const meta = wb.getWorksheet(META_SHEET)!;
    expect(meta.state).toBe("veryHidden");
    const pairs = Object.fromEntries([1, 2, 3, 4, 5].map((r) => [meta.getCell(r, 1).value, meta.getCell(r, 2).value]));
    expect(pairs).toMatchObject({ planId: ids.plan, departmentId: ids.farming, period: "2024-06", version: "1" });
    expect(String(pairs.signature)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("defaults: the reporter's own department, the month most recently due", async () => {
    const made = await tpl.getFillTemplate(actors.reporter, ids.plan, {}, NOW);
    expect(made.ok && [made.value.department.name, made.value.period]).toEqual(["市农业农村局", "2024-06"]);
  });

  it("who may have which: admin any department of the plan's government; reporter only their own; leader 403; outsider 404", async () => {
    const byAdmin = await tpl.getFillTemplate(actors.admin, ids.plan, { department: ids.commerce, period: "2024-06" }, NOW);
    expect(byAdmin.ok && byAdmin.value.rows.map((r) => r.metric)).toEqual(["外贸进出口总额"]);
    const noDepartment = await tpl.getFillTemplate(actors.admin, ids.plan, {}, NOW);
    expect(!noDepartment.ok && [noDepartment.error.code, noDepartment.error.fields?.department]).toEqual(["validation", "请选择要填报的单位"]);
    const other = await tpl.getFillTemplate(actors.reporter, ids.plan, { department: ids.commerce }, NOW);
    expect(!other.ok && other.error.code).toBe("forbidden");
    const leader = await tpl.getFillTemplate(actors.leader, ids.plan, {}, NOW);
    expect(!leader.ok && leader.error.code).toBe("forbidden");
    const stranger = await tpl.getFillTemplate(actors.stranger, ids.plan, {}, NOW);
    expect(!stranger.ok && stranger.error.code).toBe("not_found");
    const badYear = await tpl.getFillTemplate(actors.reporter, ids.plan, { period: "2023-06" }, NOW);
    expect(!badYear.ok && badYear.error.fields?.period).toBe("期间应在计划年度（2024年）之内");
  });

  it("over HTTP: an .xlsx download with a Chinese file name", async () => {
    const response = await templateRoute.GET(
      new Request(`http://localhost/api/v1/plans/${ids.plan}/template.xlsx?period=2024-06`, { headers: { authorization: `Bearer ${tokens.reporter}` } }),
      { params: Promise.resolve({ planId: ids.plan }) },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("content-disposition")).toContain(encodeURIComponent("市农业农村局-2024年6月-填报模板.xlsx"));
    const wb = await open(Buffer.from(await response.arrayBuffer()));
    expect(wb.getWorksheet(DATA_SHEET)).toBeDefined();
  });
});

describe("upload", () => {
  it("a dry run previews every row and writes nothing; the same file then writes all rows, each a version with its audit event", async () => {
    const file = await filled(await template(actors.reporter), { 新建高标准农田: ["25", "6月新增5万亩"], 城镇新增就业: [1.3] });
    const before = await counts();
    const preview = await bulk.bulkUpload(actors.reporter, ids.plan, file, { dryRun: "1" }, NOW);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ dryRun: true, period: "2024-06", written: 0, verdict: "ready", summary: { rows: 2, ok: 2, warning: 0, error: 0, skipped: 0 } });
    expect(preview.value.rows.map((r) => [r.row, r.metric, r.period, r.text, r.value, r.note, r.status])).toEqual([
      [4, "新建高标准农田", "2024-06", "25", "25", "6月新增5万亩", "ok"],
      [5, "城镇新增就业", "2024-Q2", "1.3", "1.3", null, "ok"],
    ]);
    expect(await counts()).toEqual(before);

    const done = await bulk.bulkUpload(actors.reporter, ids.plan, file, {}, NOW);
    if (!done.ok) throw new Error(done.error.message);
    expect(done.value).toMatchObject({ dryRun: false, written: 2, verdict: "ready" });
    expect(await counts()).toEqual({ versions: before.versions + 2, audit: before.audit + 2 });
    const written = await t.db.progressEntry.findMany({ where: { id: { in: done.value.rows.map((r) => r.versionId!) } }, orderBy: { period: "asc" } });
    expect(written.map((v) => [v.period, v.value.toString(), v.rawInput, v.state, v.version])).toEqual([
      ["2024-06", "25", "25", "pending", 1],
      ["2024-Q2", "1.3", "1.3", "pending", 1],
    ]);
    const audit = await t.db.auditEvent.findMany({ where: { entityId: { in: written.map((v) => v.id) } } });
    expect(audit.map((a) => a.action)).toEqual(["entry.submit", "entry.submit"]);
    expect(audit.every((a) => a.actorId === actors.reporter.userId && a.after !== null)).toBe(true);
  });

  it("an admin's rows count at once, from the stated 填报日期", async () => {
    const file = await filled(await template(actors.admin, { department: ids.commerce, period: "2024-05" }), { 外贸进出口总额: ["12.5"] });
    const done = await bulk.bulkUpload(actors.admin, ids.plan, file, { reportedAt: "2024-06-08" }, NOW);
    if (!done.ok) throw new Error(done.error.message);
    const v = await t.db.progressEntry.findUniqueOrThrow({ where: { id: done.value.rows[0]!.versionId! } });
    expect([v.state, v.reportedAt.toISOString().slice(0, 10), v.countedAt?.toISOString()]).toEqual(["approved", "2024-06-08", "2024-06-07T16:00:00.000Z"]);
    const reporterDate = await bulk.bulkUpload(actors.reporter, ids.plan, file, { reportedAt: "2024-06-08" }, NOW);
    expect(!reporterDate.ok && reporterDate.error.code).toBe("forbidden");
  });

  it("one bad row: the row and its column named, nothing written", async () => {
    const file = await filled(await template(actors.reporter, { period: "2024-09" }), { 新建高标准农田: ["30"], 城镇新增就业: ["约2"] });
    const before = await counts();
    const result = await bulk.bulkUpload(actors.reporter, ids.plan, file, { confirm: "1" }, new Date("2024-10-05T04:00:00Z"));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.verdict).toBe("errors");
    expect(result.value.written).toBe(0);
    expect(result.value.rows[1]).toMatchObject({ row: 5, status: "error" });
    expect(result.value.rows[1]!.errors[0]).toMatch(/^第5行“本期累计值”：/);
    expect(result.value.rows[0]!.status).toBe("ok");
    expect(await counts()).toEqual(before);
  });

  it("warnings wait for confirmation; a confirmed warning needs a 说明; with one it is written with the warning kept", async () => {
    const bytes = await template(actors.reporter, { period: "2024-07" });
    const before = await counts();
    const later = new Date("2024-08-05T04:00:00Z");
    // 10 < June's 25: a year-to-date figure that fell.
    const unconfirmed = await bulk.bulkUpload(actors.reporter, ids.plan, await filled(bytes, { 新建高标准农田: ["10"] }), {}, later);
    expect(unconfirmed.ok && [unconfirmed.value.verdict, unconfirmed.value.rows[0]!.status, unconfirmed.value.rows[0]!.warnings.map((w) => w.code)]).toEqual([
      "needs_confirmation", "warning", ["ytd_decreased"],
    ]);
    const noNote = await bulk.bulkUpload(actors.reporter, ids.plan, await filled(bytes, { 新建高标准农田: ["10"] }), { confirm: "1" }, later);
    expect(noNote.ok && [noNote.value.verdict, noNote.value.rows[0]!.errors[0]]).toEqual(["errors", "第4行“说明”：数据需要确认，请在“说明”列写明数据无误的理由"]);
    expect(await counts()).toEqual(before);
    const noted = await bulk.bulkUpload(actors.reporter, ids.plan, await filled(bytes, { 新建高标准农田: ["10", "核减重复统计面积"] }), { confirm: "1" }, later);
    expect(noted.ok && noted.value.written).toBe(1);
    const v = await t.db.progressEntry.findFirstOrThrow({ where: { goalId: ids.farmland, period: "2024-07" } });
    expect([v.note, (v.warnings as { code: string }[])[0]!.code]).toEqual(["核减重复统计面积", "ytd_decreased"]);
  });

  it("an empty template is refused as nothing filled", async () => {
    const result = await bulk.bulkUpload(actors.reporter, ids.plan, await filled(await template(actors.reporter), {}), {}, NOW);
    expect(result.ok && [result.value.verdict, result.value.summary.skipped]).toEqual(["nothing", 2]);
  });

  it("a locked period is refused for a reporter as the form refuses it", async () => {
    await t.db.periodLock.create({ data: { planId: ids.plan, period: "2024-04", reason: "4月已关账" } });
    const before = await counts();
    const result = await bulk.bulkUpload(actors.reporter, ids.plan, await filled(await template(actors.reporter, { period: "2024-04" }), { 新建高标准农田: ["18"] }), {}, NOW);
    expect(result.ok && [result.value.verdict, result.value.rows[0]!.errors[0]]).toEqual(["errors", "第4行：2024年4月已关账（4月已关账），不能再填报；如需更正请联系督查室"]);
    expect(await counts()).toEqual(before);
  });
});

describe("refusals: nothing written", () => {
  const refused = async (actor: Actor, file: Uint8Array | null, options: Record<string, string> = {}, planId = ids.plan) => {
    const before = await counts();
    const result = await bulk.bulkUpload(actor, planId, file, options, NOW);
    expect(await counts()).toEqual(before);
    if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value.summary)}`);
    return { code: result.error.code, message: result.error.fields?.file ?? result.error.message };
  };

  it("another department's, period's or plan's sheet", async () => {
    const commerceSheet = await filled(await template(actors.admin, { department: ids.commerce, period: "2024-06" }), { 外贸进出口总额: ["15"] });
    expect(await refused(actors.reporter, commerceSheet)).toEqual({ code: "forbidden", message: "只能下载或上传本单位的填报模板" });
    expect(await refused(actors.admin, commerceSheet, { department: ids.farming })).toMatchObject({ code: "validation", message: "该模板是其他单位的，与所选单位不符" });
    const june = await filled(await template(actors.reporter), { 新建高标准农田: ["26"] });
    expect(await refused(actors.reporter, june, { period: "2024-08" })).toEqual({ code: "validation", message: "该模板是2024年6月的，与所选期间（2024年8月）不符" });
    const lastYear = await filled(await template(actors.reporter, { period: "2023-06" }, ids.oldPlan), { 新建高标准农田: ["26"] });
    expect((await refused(actors.reporter, lastYear)).message).toMatch(/^该模板属于另一个计划/);
  });

  it("a tampered id column, metadata or signature", async () => {
    const bytes = await template(actors.reporter);
    const swapped = await filled(bytes, { 新建高标准农田: ["26"] }, (ws) => void (ws.getCell(4, COLUMNS.goalId.col).value = ids.trade));
    expect((await refused(actors.reporter, swapped)).message).toMatch(/^模板已被改动/);
    const period = await filled(bytes, { 新建高标准农田: ["26"] }, (_ws, wb) => void (wb.getWorksheet(META_SHEET)!.getCell(3, 2).value = "2024-05"));
    expect((await refused(actors.reporter, period)).message).toMatch(/^模板已被改动/);
    const dropped = await filled(bytes, { 新建高标准农田: ["26"] }, (ws) => ws.spliceRows(5, 1));
    expect((await refused(actors.reporter, dropped)).message).toMatch(/^模板已被改动/);
    const noMeta = await filled(bytes, { 新建高标准农田: ["26"] }, (_ws, wb) => wb.removeWorksheet(wb.getWorksheet(META_SHEET)!.id));
    expect((await refused(actors.reporter, noMeta)).message).toMatch(/^不是本系统下载的填报模板/);
  });

  it("not an .xlsx, corrupt, empty, no file", async () => {
    expect((await refused(actors.reporter, new TextEncoder().encode("序号,指标,本期累计值\n1,新建高标准农田,26\n"))).message).toMatch(/^文件不是 Excel/);
    const good = await filled(await template(actors.reporter), { 新建高标准农田: ["26"] });
    const corrupt = new Uint8Array(good);
    corrupt.fill(0x41, 200, 2000);
    expect((await refused(actors.reporter, corrupt)).message).toMatch(/^无法读取该 Excel 文件|文件解压后过大/);
    expect((await refused(actors.reporter, good.slice(0, 1000))).message).toMatch(/^无法读取该 Excel 文件/);
    expect((await refused(actors.reporter, new Uint8Array())).message).toMatch(/^上传的文件是空的/);
    expect(await refused(actors.reporter, null)).toEqual({ code: "validation", message: "请选择要上传的 Excel 文件（表单字段 file）" });
    expect((await refused(actors.reporter, new Uint8Array(5 * 1024 * 1024 + 1))).code).toBe("too_large");
  });

  it("a reporter of another department 403, of another government 404, a leader 403", async () => {
    const file = await filled(await template(actors.reporter), { 新建高标准农田: ["26"] });
    expect((await refused(actors.commerce, file)).code).toBe("forbidden");
    expect((await refused(actors.stranger, file)).code).toBe("not_found");
    expect((await refused(actors.leader, file)).code).toBe("forbidden");
  });
});

describe("over HTTP (multipart)", () => {
  const post = async (file: Uint8Array | null, query = "", fields: Record<string, string> = {}) => {
    const form = new FormData();
    if (file) form.append("file", new Blob([file as Uint8Array<ArrayBuffer>]), "填报.xlsx");
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const response = await route.POST(
      new Request(`http://localhost/api/v1/plans/${ids.plan}/entries/bulk${query}`, { method: "POST", headers: { authorization: `Bearer ${tokens.reporter}` }, body: form }),
      { params: Promise.resolve({ planId: ids.plan }) },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string }; rows?: { row: number; status: string; errors: string[] }[] } };
  };

  it("dry run 200 with the preview; a bad row 422 naming it, with the rows; a refused file 422 in the error envelope", async () => {
    const bytes = await template(actors.reporter, { period: "2024-10" });
    const later = "2024-10";
    const dry = await post(await filled(bytes, { 新建高标准农田: ["40"] }), "?dryRun=1", { period: later });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, written: 0, period: "2024-10", department: { id: ids.farming, name: "市农业农村局" }, summary: { rows: 1, ok: 1, skipped: 0 } });
    const bad = await post(await filled(bytes, { 新建高标准农田: ["四十"] }), "", { confirm: "1" });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: "validation", message: "有1行数据有误，未写入任何数据，请按提示修改后重新上传" });
    expect(bad.body.rows![0]!.errors[0]).toMatch(/^第4行“本期累计值”：/);
    const notXlsx = await post(new TextEncoder().encode("hello"));
    expect(notXlsx.status).toBe(422);
    expect(notXlsx.body.error!.message).toMatch(/^文件不是 Excel/);
  });
});

describe("performance", () => {
  // The time itself (target < 5 s) is measured by `npm run bench`, not asserted here: a loaded CI machine is no clock.
  it("500 rows in one upload: checked and written in one transaction", async () => {
    await t.db.goal.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        planId: ids.plan, position: 100 + i, metric: `统计指标${i + 1}`, quote: "（测试）", comparator: "gte" as const, direction: "higher" as const, kind: "increment" as const,
        accumulates: true, frequency: "monthly" as const, targetValue: "100", unit: "个", leadDepartmentId: ids.bench,
      })),
    });
    const bytes = await template(actors.bench);
    const values = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`统计指标${i + 1}`, [String(40 + (i % 20))] as [string]]));
    const file = await filled(bytes, values);
    const before = await counts();
    const result = await bulk.bulkUpload(actors.bench, ids.plan, file, {}, NOW);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.written).toBe(500);
    expect(await counts()).toEqual({ versions: before.versions + 500, audit: before.audit + 500 });
  }, 60_000);
});
