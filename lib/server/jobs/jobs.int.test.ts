// The job queue against a real database and real pg-boss: an export made by a worker is the same file
// exportSummary makes; only its asker (or an admin of the plan's government) sees a job; a job left active by a
// crashed instance is finished by another; a bulk-upload job writes once however often it runs; 催报 twice in a day
// records one reminder per department.
import PgBoss from "pg-boss";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { COLUMNS, DATA_SHEET, FIRST_DATA_ROW } from "@/lib/domain/bulk";
import { addDays, todayInShanghai } from "@/lib/domain/dates";
import type { Actor } from "@/lib/domain/permissions";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { actorOf } from "@/test/fixtures";

const mocked = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/server/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth")>()),
  apiActor: async () => mocked.actor,
}));

let t: TestDatabase;
let jobs: typeof import("./index");
let workers: typeof import("./workers");
let exportSummary: typeof import("../exports/summary-export").exportSummary;
const ids = {} as Record<"region" | "plan" | "farming" | "commerce", string>;
const actors = {} as Record<"admin" | "reporter" | "commerce" | "leader" | "farAdmin" | "parentAdmin", Actor>;
// A plan year whose months are due by now whatever today is (early January included).
const YEAR = Number(addDays(todayInShanghai(new Date()), -45).slice(0, 4));
const HANG_GUARD = 45_000;

beforeAll(async () => {
  t = await createTestDatabase();
  jobs = await import("./index");
  workers = await import("./workers");
  exportSummary = (await import("../exports/summary-export")).exportSummary;
  // Short waits for the test: a lost job is noticed in seconds, not minutes.
  jobs.configureJobs({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, expireInSeconds: 3, retryDelaySeconds: 0, retryLimit: 2 });
  const { insertUser } = await import("../users");
  const province = await t.db.region.create({ data: { name: "测试省", level: "province" } });
  const region = await t.db.region.create({ data: { name: "任务市", level: "city", parentId: province.id } });
  const far = await t.db.region.create({ data: { name: "邻市", level: "city" } });
  ids.region = region.id;
  const farming = await t.db.department.create({ data: { regionId: region.id, name: "市农业农村局" } });
  const commerce = await t.db.department.create({ data: { regionId: region.id, name: "市商务局" } });
  Object.assign(ids, { farming: farming.id, commerce: commerce.id });
  const users = await t.db.$transaction(async (tx) => ({
    admin: await insertUser(tx, { username: "admin", name: "督查室", password: "luoshi-admin-pw", role: "admin", departmentId: null, regionId: region.id }),
    reporter: await insertUser(tx, { username: "nongye", name: "农业局", password: "luoshi-nongye-pw", role: "reporter", departmentId: farming.id }),
    commerce: await insertUser(tx, { username: "shangwu", name: "商务局", password: "luoshi-shangwu-pw", role: "reporter", departmentId: commerce.id }),
    leader: await insertUser(tx, { username: "leader", name: "市领导", password: "luoshi-leader-pw", role: "leader", departmentId: null, regionId: region.id }),
    farAdmin: await insertUser(tx, { username: "linshi", name: "邻市督查室", password: "luoshi-linshi-pw", role: "admin", departmentId: null, regionId: far.id }),
    parentAdmin: await insertUser(tx, { username: "sheng", name: "省督查室", password: "luoshi-sheng-pw", role: "admin", departmentId: null, regionId: province.id }),
  }));
  for (const key of Object.keys(users) as (keyof typeof users)[]) actors[key] = await actorOf(t.db, users[key]);
  const plan = await t.db.plan.create({ data: { regionId: region.id, region: "任务市", level: "city", year: YEAR, title: `任务市${YEAR}年政府工作报告目标任务`, sourceText: "（测试）" } });
  ids.plan = plan.id;
  const goal = (position: number, metric: string, leadDepartmentId: string, targetValue: string) =>
    t.db.goal.create({
      data: { planId: plan.id, position, metric, quote: metric, comparator: "gte", direction: "higher", kind: "increment", accumulates: true, frequency: "monthly", unit: "个", targetValue, leadDepartmentId },
    });
  await goal(0, "新建高标准农田", farming.id, "50");
  await goal(1, "新增粮食基地", farming.id, "12");
  await goal(2, "新增限上企业", commerce.id, "30");
}, 120_000);

afterAll(async () => {
  await jobs?.stopJobs();
  await t?.drop();
});

async function finished(jobId: string) {
  const job = await jobs.awaitJob(jobId, HANG_GUARD);
  if (!job) throw new Error(`job ${jobId} did not finish`);
  return job;
}

/**
 * Byte for byte. A .docx differs in one thing between two makings in one process: the docx library numbers
 * drawings (wp:docPr id) with a counter for the process's lifetime, so those ids are compared as equal; every other
 * byte of every part, and the parts, must be the same.
 */
async function sameFile(a: Buffer, b: Buffer, format: "docx" | "xlsx"): Promise<boolean> {
  if (format === "xlsx" || Buffer.compare(a, b) === 0) return Buffer.compare(a, b) === 0;
  const [x, y] = await Promise.all([JSZip.loadAsync(a), JSZip.loadAsync(b)]);
  const names = Object.keys(x.files);
  if (names.join("\n") !== Object.keys(y.files).join("\n")) return false;
  for (const name of names) {
    const [p, q] = await Promise.all([x.file(name)!.async("nodebuffer"), y.file(name)!.async("nodebuffer")]);
    const drawingIds = (bytes: Buffer) => bytes.toString("utf8").replace(/<wp:docPr id="\d+"/g, '<wp:docPr id="#"');
    if (Buffer.compare(p, q) !== 0 && (name !== "word/document.xml" || drawingIds(p) !== drawingIds(q))) return false;
  }
  return true;
}

describe("exports", () => {
  it("a worker makes the summary: the job completes and its file is byte for byte what exportSummary gives", async () => {
    // The documents carry their making time (zip entries, document properties): one clock for both makings.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    onTestFinished(() => void vi.useRealTimers());
    for (const format of ["docx", "xlsx"] as const) {
      const queued = await jobs.enqueueExport(actors.leader, ids.plan, { format, asOf: `${YEAR}-06-30` });
      if (!queued.ok) throw new Error(queued.error.message);
      // Queued — or already taken: this process's worker is woken by the send.
      expect(queued.value).toMatchObject({ kind: "export", state: expect.stringMatching(/^(queued|active)$/), planId: ids.plan });
      await finished(queued.value.id);
      const job = await jobs.getJob(actors.leader, queued.value.id);
      expect(job.ok && [job.value.state, job.value.hasFile, job.value.error]).toEqual(["completed", true, null]);
      const file = await jobs.getJobFile(actors.leader, queued.value.id);
      const direct = await exportSummary(actors.leader, ids.plan, { asOf: `${YEAR}-06-30` }, format);
      if (!file.ok || !direct.ok) throw new Error("no file");
      expect([file.value.fileName, file.value.contentType, file.value.contentDisposition]).toEqual([direct.value.fileName, direct.value.contentType, direct.value.contentDisposition]);
      expect(await sameFile(file.value.body, direct.value.body, format)).toBe(true);
    }
  });

  it("over HTTP: POST …/exports 202 with the job; GET /jobs/:id its state and download link; GET /jobs/:id/file the file", async () => {
    const exportsRoute = await import("@/app/api/v1/plans/[planId]/exports/route");
    const jobRoute = await import("@/app/api/v1/jobs/[jobId]/route");
    const fileRoute = await import("@/app/api/v1/jobs/[jobId]/file/route");
    mocked.actor = actors.reporter;
    const posted = await exportsRoute.POST(
      new Request(`http://localhost/api/v1/plans/${ids.plan}/exports`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer x" }, body: JSON.stringify({ format: "xlsx" }) }),
      { params: Promise.resolve({ planId: ids.plan }) },
    );
    expect(posted.status).toBe(202);
    const { job } = (await posted.json()) as { job: { id: string; state: string; statusUrl: string } };
    expect(job).toMatchObject({ state: expect.stringMatching(/^(queued|active)$/), statusUrl: `/api/v1/jobs/${job.id}` });
    await finished(job.id);
    const status = await jobRoute.GET(new Request(`http://localhost${job.statusUrl}`, { headers: { authorization: "Bearer x" } }), { params: Promise.resolve({ jobId: job.id }) });
    expect(status.status).toBe(200);
    const body = (await status.json()) as { job: Record<string, unknown> };
    expect(body.job).toMatchObject({ id: job.id, kind: "export", state: "completed", downloadUrl: `/api/v1/jobs/${job.id}/file` });
    expect(typeof body.job.createdAt === "string" && typeof body.job.completedAt === "string").toBe(true);
    const file = await fileRoute.GET(new Request(`http://localhost/api/v1/jobs/${job.id}/file`, { headers: { authorization: "Bearer x" } }), { params: Promise.resolve({ jobId: job.id }) });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await file.arrayBuffer()) as ExcelJS.Buffer);
    expect(wb.worksheets.length).toBeGreaterThan(0);

    const bad = await exportsRoute.POST(
      new Request(`http://localhost/api/v1/plans/${ids.plan}/exports`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer x" }, body: JSON.stringify({ format: "pdf" }) }),
      { params: Promise.resolve({ planId: ids.plan }) },
    );
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields.format).toBe("格式应为 docx 或 xlsx");
  });

  it("permissions: another user of the government or another government's admin gets 404; the plan's admins may read it; an outsider cannot ask", async () => {
    const queued = await jobs.enqueueExport(actors.reporter, ids.plan, { format: "docx" });
    if (!queued.ok) throw new Error(queued.error.message);
    await finished(queued.value.id);
    for (const who of [actors.commerce, actors.leader, actors.farAdmin]) {
      const job = await jobs.getJob(who, queued.value.id);
      expect(!job.ok && job.error.code).toBe("not_found");
      const file = await jobs.getJobFile(who, queued.value.id);
      expect(!file.ok && file.error.code).toBe("not_found");
    }
    for (const who of [actors.reporter, actors.admin, actors.parentAdmin]) {
      const file = await jobs.getJobFile(who, queued.value.id);
      expect(file.ok).toBe(true);
    }
    expect(((await jobs.getJob(actors.admin, "not-a-uuid")) as { ok: false; error: { code: string } }).error.code).toBe("not_found");
    expect(((await jobs.getJob(actors.admin, "00000000-0000-4000-8000-000000000000")) as { ok: false; error: { code: string } }).error.code).toBe("not_found");
    const outsider = await jobs.enqueueExport(actors.farAdmin, ids.plan, { format: "docx" });
    expect(!outsider.ok && outsider.error.code).toBe("not_found");
  });

  it("the worker re-checks as the asker: an account disabled after asking gets a failed job, no file", async () => {
    await jobs.stopJobs();
    const { jobQueue } = jobs;
    // Asked while no worker runs here (configured as a sending-only instance), then disabled before any worker takes it.
    jobs.configureJobs({ work: false });
    const queued = await jobs.enqueueExport(actors.commerce, ids.plan, { format: "docx" });
    if (!queued.ok) throw new Error(queued.error.message);
    await t.db.user.update({ where: { id: actors.commerce.userId }, data: { disabledAt: new Date() } });
    await jobs.stopJobs();
    jobs.configureJobs({ work: true });
    await jobQueue();
    await finished(queued.value.id);
    const job = await jobs.getJob(actors.admin, queued.value.id);
    expect(job.ok && [job.value.state, job.value.error?.code, job.value.hasFile]).toEqual(["failed", "forbidden", false]);
    await t.db.user.update({ where: { id: actors.commerce.userId }, data: { disabledAt: null } });
  });
});

describe("the synchronous routes", () => {
  it("GET …/summary.docx answers the file when its job is done in time, else 202 with the job to poll", async () => {
    const docxRoute = await import("@/app/api/v1/plans/[planId]/summary.docx/route");
    const get = () => docxRoute.GET(new Request(`http://localhost/api/v1/plans/${ids.plan}/summary.docx`, { headers: { authorization: "Bearer x" } }), { params: Promise.resolve({ planId: ids.plan }) });
    mocked.actor = actors.leader;
    const now = await get();
    expect([now.status, now.headers.get("content-type")]).toEqual([200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"]);
    // No worker here and a wait of a second: the job is still queued when the route gives up waiting.
    await jobs.stopJobs();
    jobs.configureJobs({ work: false, answerWithinSeconds: 1 });
    const later = await get();
    expect(later.status).toBe(202);
    const { job } = (await later.json()) as { job: { id: string; state: string; statusUrl: string } };
    expect([job.state, later.headers.get("location")]).toEqual(["queued", job.statusUrl]);
    await jobs.stopJobs();
    jobs.configureJobs({ work: true, answerWithinSeconds: 60 });
    await finished(job.id);
    const file = await jobs.getJobFile(actors.leader, job.id);
    expect(file.ok && file.value.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  });
});

describe("an instance that dies", () => {
  it("leaves its job active; once it expires another instance's worker takes it again and completes it", async () => {
    await jobs.stopJobs();
    // The crashed instance: it took the job and never finished it (no worker loop that could fail it back).
    const crashed = new PgBoss({ connectionString: t.url, schema: "pgboss", supervise: false, schedule: false });
    crashed.on("error", () => {});
    await crashed.start();
    const data = { userId: actors.leader.userId, planId: ids.plan, actor: actors.leader, format: "docx", filters: {} };
    const id = await crashed.send(jobs.QUEUES.export, data, { expireInSeconds: 2, retryLimit: 2, retryDelay: 0 });
    const [taken] = await crashed.fetch(jobs.QUEUES.export);
    expect(taken?.id).toBe(id);
    await crashed.stop({ graceful: false, close: true });
    const left = await jobs.getJob(actors.leader, id!);
    expect(left.ok && left.value.state).toBe("active");

    // The surviving instance: its maintenance expires the job, its worker runs it again.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    onTestFinished(() => void vi.useRealTimers());
    await jobs.jobQueue();
    await finished(id!);
    const job = await jobs.getJob(actors.leader, id!);
    expect(job.ok && [job.value.state, job.value.hasFile]).toEqual(["completed", true]);
    const file = await jobs.getJobFile(actors.leader, id!);
    const direct = await exportSummary(actors.leader, ids.plan, {}, "docx");
    expect(file.ok && direct.ok && (await sameFile(file.value.body, direct.value.body, "docx"))).toBe(true);
  });
});

describe("bulk uploads", () => {
  async function filledTemplate(actor: Actor, values: Record<string, string>): Promise<Uint8Array> {
    const tpl = await import("../bulk/template");
    const made = await tpl.getFillTemplate(actor, ids.plan, { period: `${YEAR}-06` });
    if (!made.ok) throw new Error(made.error.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tpl.templateWorkbook(made.value)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(DATA_SHEET)!;
    for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
      const v = values[ws.getCell(r, COLUMNS.metric.col).value as string];
      if (v !== undefined) ws.getCell(r, COLUMNS.value.col).value = v;
    }
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  const counts = async () => ({ versions: await t.db.progressEntry.count(), audit: await t.db.auditEvent.count({ where: { action: "entry.submit" } }) });

  it("the job writes all rows once; run again (a retry after a crash between commit and completion) it writes nothing and answers the same", async () => {
    const file = await filledTemplate(actors.reporter, { 新建高标准农田: "20", 新增粮食基地: "5" });
    const before = await counts();
    const queued = await jobs.enqueueBulkUpload(actors.reporter, ids.plan, file, { period: `${YEAR}-06` });
    if (!queued.ok) throw new Error(queued.error.message);
    await finished(queued.value.id);
    const job = await jobs.getJob(actors.reporter, queued.value.id);
    if (!job.ok) throw new Error(job.error.message);
    expect(job.value).toMatchObject({ kind: "bulk-upload", state: "completed", result: { written: 2, dryRun: false } });
    expect(await counts()).toEqual({ versions: before.versions + 2, audit: before.audit + 2 });

    // The same job delivered again, and two deliveries at once: nothing more is written.
    const again = { id: queued.value.id, name: jobs.QUEUES.bulk, expireInSeconds: 60, data: { userId: actors.reporter.userId, planId: ids.plan, actor: actors.reporter, options: { period: `${YEAR}-06` } } };
    const [second, third] = await Promise.all([workers.runBulk(again), workers.runBulk(again)]);
    expect(second).toEqual({ ok: true, value: job.value.result });
    expect(third).toEqual({ ok: true, value: job.value.result });
    const bulk = await import("../bulk/upload");
    const direct = await bulk.bulkUpload(actors.reporter, ids.plan, file, {}, new Date(), { jobId: queued.value.id });
    expect(direct.ok && direct.value).toEqual(job.value.result);
    expect(await counts()).toEqual({ versions: before.versions + 2, audit: before.audit + 2 });
  });

  it("a file that is not the plan's template is refused before anything is queued", async () => {
    const queuedBefore = await t.db.jobFile.count();
    const refused = await jobs.enqueueBulkUpload(actors.reporter, ids.plan, new Uint8Array([1, 2, 3]), {});
    expect(!refused.ok && refused.error.code).toBe("validation");
    const leader = await jobs.enqueueBulkUpload(actors.leader, ids.plan, await filledTemplate(actors.reporter, { 新建高标准农田: "21" }), {});
    expect(!leader.ok && leader.error.code).toBe("forbidden");
    expect(await t.db.jobFile.count()).toBe(queuedBefore);
  });
});

describe("clean-up", () => {
  it("the hourly job deletes files past their expiry and bulk answers older than their jobs; the rest stays", async () => {
    const base = { planId: ids.plan, userId: actors.admin.userId, kind: "result", fileName: "x.docx", contentType: "application/octet-stream", bytes: new Uint8Array([1]) };
    const expired = await t.db.jobFile.create({ data: { ...base, jobId: "00000000-0000-4000-8000-0000000000e1", expiresAt: new Date(Date.now() - 1000) } });
    const kept = await t.db.jobFile.create({ data: { ...base, jobId: "00000000-0000-4000-8000-0000000000e2", expiresAt: new Date(Date.now() + 3600_000) } });
    const run = { planId: ids.plan, userId: actors.admin.userId, result: {} };
    await t.db.bulkUploadRun.create({ data: { ...run, jobId: "00000000-0000-4000-8000-0000000000e3", createdAt: new Date(Date.now() - 9 * 24 * 3600_000) } });
    await t.db.bulkUploadRun.create({ data: { ...run, jobId: "00000000-0000-4000-8000-0000000000e4" } });
    const boss = await jobs.jobQueue();
    const id = await boss.send(jobs.QUEUES.cleanup, {});
    await vi.waitFor(async () => expect((await boss.getJobById(jobs.QUEUES.cleanup, id!, { includeArchive: true }))?.state).toBe("completed"), { timeout: HANG_GUARD, interval: 200 });
    expect(await t.db.jobFile.findMany({ where: { id: { in: [expired.id, kept.id] } }, select: { id: true } })).toEqual([{ id: kept.id }]);
    expect((await t.db.bulkUploadRun.findMany({ where: { jobId: { in: ["00000000-0000-4000-8000-0000000000e3", "00000000-0000-4000-8000-0000000000e4"] } } })).map((r) => r.jobId)).toEqual(["00000000-0000-4000-8000-0000000000e4"]);
  });
});

describe("reminders", () => {
  it("run twice in a day (and twice at once) they record one reminder per lead department with overdue goals, shown in 待我处理", async () => {
    const first = await jobs.enqueuePlanReminders(actors.admin, ids.plan);
    if (!first.ok) throw new Error(first.error.message);
    await finished(first.value.id);
    const done = await jobs.getJob(actors.admin, first.value.id);
    expect(done.ok && done.value).toMatchObject({ kind: "reminders", state: "completed", result: { departments: 2 } });
    const second = await jobs.enqueuePlanReminders(actors.parentAdmin, ids.plan);
    const third = await jobs.enqueuePlanReminders(actors.admin, ids.plan);
    if (!second.ok || !third.ok) throw new Error("not queued");
    await Promise.all([finished(second.value.id), finished(third.value.id)]);
    const { recordDailyReminders } = await import("../duty");
    await Promise.all([recordDailyReminders(), recordDailyReminders()]);
    // The daily run as the schedule sends it: a job of its queue, taken by a worker.
    const boss = await jobs.jobQueue();
    expect((await boss.getSchedules()).find((x) => x.name === jobs.QUEUES.dailyReminders)).toMatchObject({ cron: "30 8 * * *", timezone: "Asia/Shanghai" });
    const daily = await boss.send(jobs.QUEUES.dailyReminders, {});
    await vi.waitFor(async () => expect((await boss.getJobById(jobs.QUEUES.dailyReminders, daily!, { includeArchive: true }))?.state).toBe("completed"), { timeout: HANG_GUARD, interval: 200 });
    const rows = await t.db.reminder.findMany({ where: { planId: ids.plan }, orderBy: { departmentId: "asc" } });
    expect(rows.map((r) => [r.departmentId, r.day]).sort()).toEqual([[ids.commerce, todayInShanghai(new Date())], [ids.farming, todayInShanghai(new Date())]].sort());
    expect(rows.find((r) => r.departmentId === ids.farming)).toMatchObject({ overdueGoals: 2, text: expect.stringContaining("市农业农村局") });

    const { getInbox } = await import("../duty");
    const reporter = await getInbox(actors.reporter);
    expect(reporter.ok && reporter.value.reminders.map((r) => [r.department.name, r.plan.id])).toEqual([["市农业农村局", ids.plan]]);
    const admin = await getInbox(actors.admin);
    expect(admin.ok && admin.value.reminders.length).toBe(2);
  });

  it("the day's verdicts are judged by a scheduled job just after midnight, before any reader", async () => {
    const boss = await jobs.jobQueue();
    expect((await boss.getSchedules()).find((x) => x.name === jobs.QUEUES.dailyVerdicts)).toMatchObject({ cron: "1 0 * * *", timezone: "Asia/Shanghai" });
    await t.db.goalVerdict.updateMany({ data: { day: null } });
    const sent = await boss.send(jobs.QUEUES.dailyVerdicts, {});
    await vi.waitFor(async () => expect((await boss.getJobById(jobs.QUEUES.dailyVerdicts, sent!, { includeArchive: true }))?.state).toBe("completed"), { timeout: HANG_GUARD, interval: 200 });
    const live = await t.db.goal.count({ where: { archivedAt: null, plan: { archivedAt: null } } });
    expect(live).toBeGreaterThan(0);
    expect(await t.db.goalVerdict.count({ where: { day: new Date(`${todayInShanghai(new Date())}T00:00:00Z`) } })).toBe(live);
  });

  it("only an admin of the plan's government may run them", async () => {
    const reporter = await jobs.enqueuePlanReminders(actors.reporter, ids.plan);
    expect(!reporter.ok && reporter.error.code).toBe("forbidden");
    const far = await jobs.enqueuePlanReminders(actors.farAdmin, ids.plan);
    expect(!far.ok && far.error.code).toBe("not_found");
  });
});
