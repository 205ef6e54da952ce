// The import-draft routes below HTTP: an upload as multipart/form-data (.txt, a .docx made here) or JSON text, the
// review calls, the commit's 201 with the plan and its goals, and refusals (corrupt file, empty file, stale version)
// that store nothing.
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let t: TestDatabase;
let token = "";
let regionId = "";
const routes = {} as {
  imports: { POST: Handler };
  draft: { GET: Handler; DELETE: Handler };
  candidate: { PATCH: Handler };
  candidates: { POST: Handler };
  commit: { POST: Handler };
  plan: { PATCH: Handler; DELETE: Handler };
};

const LINES = [
  "牡丹江市2024年政府工作报告",
  "一、2023年工作回顾",
  "过去一年，全市新建高标准农田38.2万亩。",
  "二、2024年工作安排",
  "2024年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业2.4万人以上，粮食产量稳定在100亿斤以上。",
  "（一）推进乡村振兴",
  "新建高标准农田50万亩以上，改造老旧小区120个。",
];
const REPORT = LINES.join("\n");

function call(handler: Handler, path: string, init: { method?: string; body?: BodyInit; json?: unknown; params?: Record<string, string> } = {}) {
  const headers = new Headers({ authorization: `Bearer ${token}` });
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
  });
  return handler(request, { params: Promise.resolve(init.params ?? {}) });
}

function upload(bytes: Uint8Array, filename: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], filename));
  form.set("regionId", regionId);
  form.set("level", "city");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return call(routes.imports.POST, "/imports", { method: "POST", body: form });
}

beforeAll(async () => {
  t = await createTestDatabase();
  const region = await t.db.region.create({ data: { name: "牡丹江市", level: "city" } });
  regionId = region.id;
  await t.db.department.create({ data: { regionId, name: "市农业农村局" } });
  const { insertUser } = await import("@/lib/server/users");
  const { generateToken, insertApiToken } = await import("@/lib/server/tokens");
  const admin = await t.db.$transaction((tx) => insertUser(tx, { username: "admin", name: "管理员", password: "luoshi-admin-2024", role: "admin", departmentId: null, regionId }));
  token = generateToken();
  await t.db.$transaction((tx) => insertApiToken(tx, { userId: admin.id, name: "测试", token, createdById: admin.id }));
  routes.imports = (await import("./imports/route")) as never;
  routes.draft = (await import("./imports/[importId]/route")) as never;
  routes.candidate = (await import("./imports/[importId]/candidates/[candidateId]/route")) as never;
  routes.candidates = (await import("./imports/[importId]/candidates/route")) as never;
  routes.commit = (await import("./imports/[importId]/commit/route")) as never;
  routes.plan = (await import("./plans/[planId]/route")) as never;
});
afterAll(() => t.drop());

describe("POST /api/v1/imports", () => {
  it("takes a .docx upload: the draft with text, sections and candidates (201)", async () => {
    const doc = new Document({ sections: [{ children: LINES.map((line) => new Paragraph(line)) }] });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const response = await upload(bytes, "报告.docx");
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(201);
    expect(body.import).toMatchObject({ status: "draft", format: "docx", fileName: "报告.docx", year: 2024 });
    expect(response.headers.get("location")).toBe(`/api/v1/imports/${body.import.id}`);
    const metrics = body.import.candidates.map((c: { metric: string }) => c.metric);
    expect(metrics).toEqual(expect.arrayContaining(["地区生产总值", "城镇新增就业", "粮食产量", "新建高标准农田", "改造老旧小区"]));
    for (const c of body.import.candidates) expect(body.import.text.slice(c.start, c.end)).toBe(c.quote);
    const discarded = await call(routes.draft.DELETE, `/imports/${body.import.id}`, { method: "DELETE", params: { importId: body.import.id } });
    expect((await discarded.json()).import.status).toBe("discarded");
  });

  it("refuses a corrupt .docx, an empty file and a form without file or text, storing nothing", async () => {
    const before = await t.db.importDraft.count();
    for (const [bytes, name] of [[new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), "坏.docx"], [new Uint8Array(), "空.txt"]] as const) {
      const response = await upload(bytes, name);
      const body = await response.json();
      expect(response.status, name).toBeGreaterThanOrEqual(400);
      expect(response.status, name).toBeLessThan(500);
      expect(body.error.message, name).toMatch(/[\u4e00-\u9fff]/);
    }
    const form = new FormData();
    form.set("regionId", regionId);
    form.set("level", "city");
    const none = await call(routes.imports.POST, "/imports", { method: "POST", body: form });
    expect(none.status).toBe(422);
    expect(await t.db.importDraft.count()).toBe(before);
  });

  it("a declared upload over 20 MB and its fields is a 413 that speaks of the file; up to it the body is read", async () => {
    const { REPORT_UPLOAD_LIMIT } = await import("@/lib/domain/body-limits");
    const before = await t.db.importDraft.count();
    const form = new FormData();
    form.set("file", new File([new Uint8Array([0x50, 0x4b, 3, 4])], "大.docx"));
    form.set("regionId", regionId);
    form.set("level", "city");
    const sized = async (declared: number) => {
      const encoded = new Response(form);
      const headers = new Headers({ authorization: `Bearer ${token}`, "content-type": encoded.headers.get("content-type")!, "content-length": String(declared) });
      const body = new Uint8Array(await encoded.arrayBuffer());
      return routes.imports.POST(new Request("http://localhost/api/v1/imports", { method: "POST", headers, body }), { params: Promise.resolve({}) });
    };
    const refused = await sized(REPORT_UPLOAD_LIMIT + 1);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: { code: "too_large", message: "文件过大（上限 20 MB），请删去图片或拆分后上传" } });
    // At the limit the body is read (this one is a corrupt .docx: a 4xx of its own, not the size's).
    const read = await sized(REPORT_UPLOAD_LIMIT);
    expect(read.status).not.toBe(413);
    expect(await t.db.importDraft.count()).toBe(before);
  });

  it("JSON text → review → commit: 201 with the plan and every accepted goal; a stale version is 409", async () => {
    const created = await call(routes.imports.POST, "/imports", { method: "POST", json: { regionId, level: "city", text: REPORT } });
    const draft = (await created.json()).import;
    expect(created.status).toBe(201);
    const importId = draft.id as string;
    const farmland = draft.candidates.find((c: { metric: string }) => c.metric === "新建高标准农田");
    const housing = draft.candidates.find((c: { metric: string }) => c.metric === "改造老旧小区");
    const patch = (candidateId: string, json: unknown) =>
      call(routes.candidate.PATCH, `/imports/${importId}/candidates/${candidateId}`, { method: "PATCH", json, params: { importId, candidateId } });
    const edited = await patch(farmland.id, { version: 1, value: 52, decision: "accepted" });
    expect(edited.status).toBe(200);
    expect((await edited.json()).candidate).toMatchObject({ value: "52", version: 2, decision: "accepted" });
    const stale = await patch(farmland.id, { version: 1, value: 53 });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.message).toMatch(/已被他人修改/);
    expect((await patch(housing.id, { version: 1, decision: "rejected" })).status).toBe(200);

    const phrase = "粮食产量稳定在100亿斤以上";
    const start = REPORT.indexOf(phrase);
    const added = await call(routes.candidates.POST, `/imports/${importId}/candidates`, {
      method: "POST", json: { start, end: start + phrase.length, metric: "粮食总产量" }, params: { importId },
    });
    expect(added.status).toBe(201);
    expect((await added.json()).candidate).toMatchObject({ origin: "added", value: "100", unit: "亿斤", decision: "accepted" });

    const committed = await call(routes.commit.POST, `/imports/${importId}/commit`, { method: "POST", json: { acceptAll: true }, params: { importId } });
    const result = await committed.json();
    expect(committed.status, JSON.stringify(result)).toBe(201);
    expect(result.plan).toMatchObject({ year: 2024, region: "牡丹江市" });
    const goals = result.goals.map((g: { metric: string; target: string }) => `${g.metric} ${g.target}`).sort();
    expect(goals).toEqual(["地区生产总值 6", "城镇新增就业 2.4", "新建高标准农田 52", "粮食产量 100", "粮食总产量 100"].sort());
    const again = await call(routes.commit.POST, `/imports/${importId}/commit`, { method: "POST", params: { importId } });
    expect(again.status).toBe(409);

    // Rename, then delete (no figures): the year can be imported again.
    const planId = result.plan.id as string;
    const renamed = await call(routes.plan.PATCH, `/plans/${planId}`, { method: "PATCH", json: { title: "改名后的计划" }, params: { planId } });
    expect((await renamed.json()).plan.title).toBe("改名后的计划");
    const deleted = await call(routes.plan.DELETE, `/plans/${planId}`, { method: "DELETE", params: { planId } });
    expect(await deleted.json()).toEqual({ deleted: planId });
    const reimported = await upload(new TextEncoder().encode(REPORT), "报告.txt");
    expect(reimported.status).toBe(201);
  });
});
