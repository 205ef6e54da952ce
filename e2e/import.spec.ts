// Importing a report with review (issue 9): upload (.txt, a .docx made with the docx package, a .pdf printed by
// the browser), the review screen (accept all; edit, reject, add from a selection), refusals of unreadable files,
// and a re-import's diff. Each test imports into regions of its own, made through the one-step POST /api/v1/plans,
// whose departments the review screen offers. Screenshots go to $IMPORT_SHOTS when set.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { Document, Packer, Paragraph } from "docx";
import { Api, CITY_PLAN_TITLE, expect, expectJson, test } from "./support";

const SHOTS = process.env.IMPORT_SHOTS;
const SEEDS = ["003_1d04eb77b0186c38.txt", "000_23a19237d13a4607.txt"];
const seedText = (file: string) => readFileSync(new URL(`../data/reports/${file}`, import.meta.url), "utf8");

interface Candidate {
  id: string;
  origin: string;
  decision: string;
  version: number;
  metric: string;
  value: string | null;
  unit: string;
  kind: string;
  start: number;
  end: number;
  diff: string | null;
  leadDepartment: { id: string; name: string } | null;
}
interface Draft {
  id: string;
  year: number;
  text: string;
  candidates: Candidate[];
  departments: { id: string; name: string }[];
}
interface GoalJson {
  id: string;
  metric: string;
  target: string | null;
  unit: string;
  leadDepartment: { id: string; name: string } | null;
}

/** A region of the admin's own with departments (市农业农村局, 市人力资源和社会保障局 …), via a one-step plan of `year`. */
async function newRegion(admin: Page, year = 2031): Promise<{ id: string; name: string; planId: string }> {
  const name = `导入测试${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const text = [
    `${name}${year}年政府工作报告`,
    "",
    `一、${year}年工作安排`,
    "（一）抓好粮食生产。新建高标准农田50万亩以上，粮食产量稳定在300万吨以上。",
    "（二）稳定扩大就业。全年新增城镇就业2.4万人，城镇调查失业率控制在5.5%以内。",
    "（三）发展文旅产业。接待游客1000万人次，旅游收入增长10%。",
  ].join("\n");
  const created = await expectJson<{ plan: { id: string; regionId: string } }>(await new Api(admin).post("/api/v1/plans", { region: name, level: "city", year, text }), 201);
  return { id: created.plan.regionId, name, planId: created.plan.id };
}

async function docxOf(text: string): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: text.split("\n").map((line) => new Paragraph({ text: line })) }] });
  return Packer.toBuffer(doc);
}

/** The text printed to PDF by the browser (a text layer, page breaks and all). */
async function pdfOf(page: Page, html: string): Promise<Buffer> {
  const printer = await page.context().newPage();
  await printer.setContent(`<html><head><meta charset="utf-8"></head><body style="font: 14px 'WenQuanYi Micro Hei', sans-serif">${html}</body></html>`);
  const pdf = await printer.pdf({ format: "A4" });
  await printer.close();
  return pdf;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const paragraphs = (text: string) => text.split("\n").map((l) => `<p>${escape(l) || "&nbsp;"}</p>`).join("");

type Upload = { text: string } | { file: { name: string; mimeType: string; buffer: Buffer } };

/** Fills the upload page and sends it; resolves with the draft's id once the review screen shows. */
async function upload(admin: Page, regionId: string, source: Upload, planId?: string): Promise<string> {
  await admin.goto(planId ? `/plans/new?planId=${planId}` : "/plans/new");
  const form = admin.getByTestId("report-upload-form");
  if (!planId) await form.locator("#field-regionId").selectOption(regionId);
  if ("text" in source) {
    await form.getByRole("tab", { name: "粘贴文本" }).click();
    await form.locator("#field-text").fill(source.text);
  } else {
    await form.locator("#report-file").setInputFiles(source.file);
  }
  await form.getByRole("button", { name: planId ? "上传并比对" : "上传并识别目标" }).click();
  await admin.waitForURL(/\/imports\/[^/]+$/, { timeout: 30_000 });
  await expect(admin.getByTestId("review-counts")).toBeVisible();
  return admin.url().split("/").pop()!;
}

async function refusal(admin: Page, regionId: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<string> {
  await admin.goto("/plans/new");
  const form = admin.getByTestId("report-upload-form");
  await form.locator("#field-regionId").selectOption(regionId);
  await form.locator("#report-file").setInputFiles(file);
  await form.getByRole("button", { name: "上传并识别目标" }).click();
  const message = admin.getByTestId("upload-message");
  await expect(message).not.toBeEmpty();
  await expect(admin).toHaveURL(/\/plans\/new$/);
  return (await message.textContent()) ?? "";
}

async function commitAll(admin: Page): Promise<string> {
  await admin.getByTestId("open-commit").click();
  const dialog = admin.getByTestId("commit-dialog");
  await dialog.getByTestId("accept-all").check();
  await dialog.getByTestId("confirm-commit").click();
  await admin.waitForURL(/\/plans\/[^/]+$/, { timeout: 30_000 });
  return admin.url().split("/").pop()!;
}

const goalKey = (g: { metric: string; value: string | null; unit: string }) => `${g.metric}=${g.value === null ? "" : Number(g.value)}${g.unit}`;

/** Selects [start, end) of the draft's text in the text pane, as a reviewer's mouse would, and lets it be read. */
async function selectSpan(admin: Page, start: number, end: number) {
  await admin.getByTestId("source-text").evaluate((pane, [from, to]) => {
    const point = (offset: number, isEnd: boolean) => {
      for (const run of pane.querySelectorAll<HTMLElement>("[data-start]")) {
        const a = Number(run.dataset.start);
        const b = Number(run.dataset.end);
        if (offset > a && offset < b ? true : isEnd ? offset === b : offset === a) return { node: run.firstChild!, at: offset - a };
      }
      throw new Error(`no run at ${offset}`);
    };
    const range = document.createRange();
    const s = point(from!, false);
    const e = point(to!, true);
    range.setStart(s.node, s.at);
    range.setEnd(e.node, e.at);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    pane.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  }, [start, end]);
}

test("each sample report as .txt, .docx and .pdf: accept all, and the plan has every target", async ({ as }) => {
  test.setTimeout(150_000);
  const admin = await as("admin");
  const api = new Api(admin);
  for (const seed of SEEDS) {
    const text = seedText(seed);
    let expected: string[] | null = null;
    const files = [
      { name: "report.txt", mimeType: "text/plain", buffer: Buffer.from(text, "utf8") },
      { name: "report.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: await docxOf(text) },
      { name: "report.pdf", mimeType: "application/pdf", buffer: await pdfOf(admin, paragraphs(text)) },
    ];
    for (const file of files) {
      const region = await newRegion(admin);
      const started = Date.now();
      const importId = await upload(admin, region.id, { file });
      // Upload to a ready review screen (the bar is 2 s for 40,000 characters; noted, not asserted, on a shared box).
      test.info().annotations.push({ type: "upload to review", description: `${seed} ${file.name} (${text.length} 字): ${Date.now() - started} ms` });
      const draft = (await expectJson<{ import: Draft }>(await api.get(`/api/v1/imports/${importId}`), 200)).import;
      const targets = draft.candidates.filter((c) => c.origin !== "milestone_hint");
      expect(targets.length, `${seed} ${file.name}`).toBeGreaterThan(20);
      const keys = targets.map(goalKey).sort();
      // The same targets whatever the file format.
      if (expected) expect(keys, `${seed} ${file.name}`).toEqual(expected);
      else expected = keys;
      if (SHOTS && file.name === "report.txt" && seed === SEEDS[0]) {
        await admin.setViewportSize({ width: 1400, height: 900 });
        await admin.screenshot({ path: `${SHOTS}/review-1400.png` });
        await admin.setViewportSize({ width: 390, height: 844 });
        await admin.screenshot({ path: `${SHOTS}/review-390.png`, fullPage: false });
        const first = admin.getByTestId("candidate").first();
        await first.locator("button").first().click();
        await admin.waitForTimeout(600); // the smooth scroll
        await admin.screenshot({ path: `${SHOTS}/review-390-text.png` });
        await first.getByTestId("candidate-edit").click();
        await first.getByTestId("candidate-editor").scrollIntoViewIfNeeded();
        await admin.screenshot({ path: `${SHOTS}/review-390-edit.png` });
        await first.getByTestId("candidate-edit").click();
        await admin.setViewportSize({ width: 1280, height: 720 });
      }
      const planId = await commitAll(admin);
      const goals = (await expectJson<{ goals: GoalJson[] }>(await api.get(`/api/v1/plans/${planId}/goals`), 200)).goals;
      expect(goals.map((g) => goalKey({ metric: g.metric, value: g.target, unit: g.unit })).sort(), `${seed} ${file.name}`).toEqual(keys);
    }
  }
});

test("a 40,000-character .docx and .pdf reach a ready review screen quickly (times noted)", async ({ as }) => {
  test.setTimeout(120_000);
  const admin = await as("admin");
  // Both sample reports and the first again: about 40,000 characters, one report year (the first's).
  const text = [seedText(SEEDS[0]!), seedText(SEEDS[1]!).replace(/20\d\d年/g, "2024年"), seedText(SEEDS[0]!)].join("\n\n").slice(0, 40_000);
  for (const file of [
    { name: "long.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: await docxOf(text) },
    { name: "long.pdf", mimeType: "application/pdf", buffer: await pdfOf(admin, paragraphs(text)) },
  ]) {
    const region = await newRegion(admin);
    await admin.goto("/plans/new");
    const form = admin.getByTestId("report-upload-form");
    await form.locator("#field-regionId").selectOption(region.id);
    await form.locator("#report-file").setInputFiles(file);
    // From the click to the review screen showing its candidates.
    const started = Date.now();
    await form.getByRole("button", { name: "上传并识别目标" }).click();
    await admin.waitForURL(/\/imports\/[^/]+$/, { timeout: 30_000 });
    await expect(admin.getByTestId("candidate").first()).toBeVisible();
    const ms = Date.now() - started;
    test.info().annotations.push({ type: "upload to review", description: `${file.name} (${text.length} 字, ${file.buffer.length} bytes): ${ms} ms` });
    // The bar is 2 s; a shared two-core box gets room, a regression of several times still fails.
    expect(ms, file.name).toBeLessThan(6_000);
  }
});

test("review: edit a value and department, reject one, add a missed one from a selection; the plan holds just that", async ({ as }) => {
  test.setTimeout(90_000);
  const admin = await as("admin");
  const api = new Api(admin);
  const region = await newRegion(admin);
  const text = seedText(SEEDS[0]!);
  const importId = await upload(admin, region.id, { text });
  const draft = (await expectJson<{ import: Draft }>(await api.get(`/api/v1/imports/${importId}`), 200)).import;
  const targets = draft.candidates.filter((c) => c.origin === "extracted");
  const [edited, rejected] = [targets[0]!, targets[1]!];
  const department = draft.departments.find((d) => d.name !== edited.leadDepartment?.name)!;

  // Edit: value and lead department, then 保存并接受.
  const card = admin.locator(`[data-candidate-id="${edited.id}"]`);
  await card.getByTestId("candidate-edit").click();
  const editor = card.getByTestId("candidate-editor");
  await editor.getByLabel("目标值").fill("7.5");
  await editor.getByLabel("牵头单位", { exact: true }).selectOption(department.id);
  await editor.getByTestId("candidate-save-accept").click();
  await expect(card).toHaveAttribute("data-decision", "accepted");
  await expect(card.getByTestId("candidate-lead")).toHaveText(department.name);
  // Clicking the card's title scrolls the text to its highlight, which is marked active.
  await card.locator("button").first().click();
  await expect(admin.locator(`#t-${edited.id}`)).toHaveClass(/outline/);

  // Someone else changes the next candidate meanwhile: the page's version is stale, the 409 is shown and the
  // candidate reloaded; the second try works.
  const other = admin.locator(`[data-candidate-id="${rejected.id}"]`);
  await expectJson(await api.patch(`/api/v1/imports/${importId}/candidates/${rejected.id}`, { version: rejected.version, description: "他人修改" }), 200);
  await other.getByTestId("candidate-reject").click();
  await expect(other.getByTestId("candidate-error")).toContainText("已被他人修改");
  await expect(other).toHaveAttribute("data-decision", "undecided");
  // Reject: the card and its highlight say so.
  await other.getByTestId("candidate-reject").click();
  await expect(other).toHaveAttribute("data-decision", "rejected");
  await expect(admin.locator(`mark[data-candidate="${rejected.id}"]`).first()).toHaveAttribute("data-decision", "rejected");
  await expect(admin.getByTestId("count-rejected")).toHaveText("1");

  // A missed target: "打造50万人口规模边境城市" is not found by the engine; select it and add it.
  const phrase = "打造50万人口规模边境城市";
  const at = draft.text.indexOf(phrase);
  expect(at).toBeGreaterThan(0);
  await selectSpan(admin, at, at + phrase.length);
  await expect(admin.getByTestId("selection-bar")).toContainText(phrase);
  await admin.getByTestId("add-target").click();
  const editing = admin.locator('[data-testid="candidate"]', { has: admin.locator('[data-testid="candidate-editor"]') });
  await expect(editing).toHaveCount(1);
  // The new card opens with its editor (no figure could be read from the span).
  const added = admin.locator(`[data-candidate-id="${await editing.getAttribute("data-candidate-id")}"]`);
  const addedEditor = added.getByTestId("candidate-editor");
  await addedEditor.getByLabel("指标名称").fill("城市人口规模");
  await addedEditor.getByLabel("目标值").fill("50");
  await addedEditor.getByLabel("单位", { exact: true }).fill("万人");
  await addedEditor.getByTestId("candidate-save-accept").click();
  await expect(added).toHaveAttribute("data-decision", "accepted");
  if (SHOTS) {
    await admin.setViewportSize({ width: 1400, height: 900 });
    await admin.getByTestId("open-commit").click();
    await admin.getByTestId("accept-all").check();
    await admin.screenshot({ path: `${SHOTS}/commit-1400.png` });
    await admin.getByRole("button", { name: "返回核对" }).click();
  }

  const planId = await commitAll(admin);
  const goals = (await expectJson<{ goals: GoalJson[] }>(await api.get(`/api/v1/plans/${planId}/goals`), 200)).goals;
  const stored = goals.find((g) => g.metric === edited.metric)!;
  expect(Number(stored.target)).toBe(7.5);
  expect(stored.leadDepartment?.id).toBe(department.id);
  expect(goals.some((g) => g.metric === rejected.metric && g.target === rejected.value)).toBe(false);
  expect(goals.find((g) => g.metric === "城市人口规模")).toMatchObject({ unit: "万人" });
  expect(goals).toHaveLength(targets.length); // all but the rejected one, plus the added one

  // The goal page shows its 原文 sentence highlighted in context.
  await admin.goto(`/plans/${planId}/goals/${stored.id}`);
  await expect(admin.getByTestId("goal-source-quote")).toHaveText(edited.end > edited.start ? draft.text.slice(edited.start, edited.end) : edited.metric);
});

test("a corrupt .docx, an image-only PDF and an empty file are refused with a message, nothing created", async ({ as }) => {
  const admin = await as("admin");
  const region = await newRegion(admin);
  const before = await expectJson<{ plans: unknown[] }>(await new Api(admin).get("/api/v1/plans"), 200);
  const corrupt = await refusal(admin, region.id, { name: "报告.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(2000, 7)]) });
  expect(corrupt).toMatch(/[\u4e00-\u9fff]/);
  const scan = await pdfOf(admin, '<div style="width:600px;height:800px;background:linear-gradient(#888,#ccc)"></div>');
  const scanned = await refusal(admin, region.id, { name: "扫描件.pdf", mimeType: "application/pdf", buffer: scan });
  expect(scanned).toMatch(/文字|扫描/);
  const empty = await refusal(admin, region.id, { name: "空.txt", mimeType: "text/plain", buffer: Buffer.alloc(0) });
  expect(empty).toContain("空");
  if (SHOTS) {
    await admin.setViewportSize({ width: 1400, height: 900 });
    await refusal(admin, region.id, { name: "扫描件.pdf", mimeType: "application/pdf", buffer: scan });
    await admin.screenshot({ path: `${SHOTS}/upload-refused-1400.png` });
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.screenshot({ path: `${SHOTS}/upload-refused-390.png`, fullPage: true });
    await admin.setViewportSize({ width: 1280, height: 720 });
  }
  const after = await expectJson<{ plans: unknown[] }>(await new Api(admin).get("/api/v1/plans"), 200);
  expect(after.plans.length).toBe(before.plans.length);

  // An unfinished draft is listed under 年度计划: continue it, or discard it after the in-page question.
  const draftId = await upload(admin, region.id, { text: `${region.name}2033年政府工作报告\n\n一、2033年主要目标\n新建高标准农田50万亩以上，全年新增城镇就业2.4万人。\n` });
  await admin.goto("/");
  const row = admin.locator(`[data-testid="import-draft"][data-import-id="${draftId}"]`);
  await expect(row).toBeVisible();
  if (SHOTS) await admin.getByTestId("import-drafts").screenshot({ path: `${SHOTS}/home-drafts.png` });
  await row.getByRole("link", { name: "继续审核" }).click();
  await expect(admin).toHaveURL(new RegExp(`/imports/${draftId}$`));
  await admin.goto("/");
  await row.getByRole("button", { name: "放弃" }).click();
  await admin.getByTestId("confirm-discard-draft").click();
  await expect(row).toHaveCount(0);
  expect((await expectJson<{ import: { status: string } }>(await new Api(admin).get(`/api/v1/imports/${draftId}`), 200)).import.status).toBe("discarded");
});

test("re-importing an edited copy shows the diff and applies what is accepted; settings rename and delete the plan", async ({ as }) => {
  test.setTimeout(90_000);
  const admin = await as("admin");
  const api = new Api(admin);
  const region = await newRegion(admin);
  const year = 2032;
  const original = [
    `${region.name}${year}年政府工作报告`,
    "",
    `一、${year}年主要目标`,
    "（一）抓好粮食生产。新建高标准农田50万亩以上，粮食产量稳定在300万吨以上。",
    "（二）稳定扩大就业。全年新增城镇就业2.4万人，城镇调查失业率控制在5.5%以内。",
    "（三）改善生态环境。森林覆盖率达到75%以上，空气质量优良天数保持在342天以上。",
  ].join("\n");
  await upload(admin, region.id, { text: original });
  const planId = await commitAll(admin);

  // The revision: one value changed, one target gone, one new.
  const revised = original
    .replace("新建高标准农田50万亩以上", "新建高标准农田60万亩以上")
    .replace("，空气质量优良天数保持在342天以上", "")
    .replace("城镇调查失业率控制在5.5%以内。", "城镇调查失业率控制在5.5%以内，新增市场主体1万户。");
  await admin.goto(`/plans/${planId}/settings`);
  await admin.getByTestId("reimport-plan").click();
  await expect(admin).toHaveURL(new RegExp(`/plans/new\\?planId=${planId}`));
  const importId = await upload(admin, region.id, { text: revised }, planId);
  const draft = (await expectJson<{ import: Draft }>(await api.get(`/api/v1/imports/${importId}`), 200)).import;
  const byDiff = (d: string) => draft.candidates.filter((c) => c.diff === d);
  expect(byDiff("changed").map((c) => c.metric)).toContain("新建高标准农田");
  expect(byDiff("removed").map((c) => c.metric)).toContain("空气质量优良天数");
  expect(byDiff("new").length).toBeGreaterThanOrEqual(1);
  await expect(admin.getByTestId("diff-counts")).toContainText("新增");
  const changed = admin.locator(`[data-candidate-id="${byDiff("changed")[0]!.id}"]`);
  await expect(changed.getByTestId("candidate-before")).toContainText("50");
  await expect(changed.getByTestId("candidate-before")).toContainText("60");
  // Accept the removal too.
  await admin.locator(`[data-candidate-id="${byDiff("removed")[0]!.id}"]`).getByTestId("candidate-accept").click();
  await expect(admin.locator(`[data-candidate-id="${byDiff("removed")[0]!.id}"]`)).toHaveAttribute("data-decision", "accepted");
  if (SHOTS) {
    await admin.setViewportSize({ width: 1400, height: 900 });
    await admin.screenshot({ path: `${SHOTS}/reimport-1400.png` });
    await admin.setViewportSize({ width: 1280, height: 720 });
  }
  expect(await commitAll(admin)).toBe(planId);
  const goals = (await expectJson<{ goals: GoalJson[] }>(await api.get(`/api/v1/plans/${planId}/goals`), 200)).goals;
  expect(Number(goals.find((g) => g.metric === "新建高标准农田")!.target)).toBe(60);
  expect(goals.some((g) => g.metric === "空气质量优良天数")).toBe(false);

  // Settings: rename, then delete (no figures), with the in-page dialog.
  await admin.goto(`/plans/${planId}/settings`);
  await admin.getByLabel("计划名称").fill(`${region.name}修订后的计划`);
  await admin.getByRole("button", { name: "保存名称" }).click();
  await expect(admin.getByTestId("plan-lifecycle-message")).toContainText("已改名");
  if (SHOTS) {
    await admin.setViewportSize({ width: 1400, height: 900 });
    await admin.getByTestId("delete-plan").click();
    await admin.screenshot({ path: `${SHOTS}/settings-delete-1400.png` });
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.screenshot({ path: `${SHOTS}/settings-delete-390.png` });
    await admin.keyboard.press("Escape");
    await admin.setViewportSize({ width: 1280, height: 720 });
  }
  await admin.getByTestId("delete-plan").click();
  await admin.getByTestId("confirm-delete-plan").click();
  await admin.waitForURL(/\/$/);
  expect((await api.get(`/api/v1/plans/${planId}`)).status()).toBe(404);
});

test("a plan with figures cannot be deleted: the dialog says why", async ({ as }) => {
  const admin = await as("admin");
  const plans = await expectJson<{ plans: { id: string; title: string }[] }>(await new Api(admin).get("/api/v1/plans"), 200);
  const city = plans.plans.find((p) => p.title === CITY_PLAN_TITLE)!;
  await admin.goto(`/plans/${city.id}/settings`);
  await admin.getByTestId("delete-plan").click();
  await admin.getByTestId("confirm-delete-plan").click();
  await expect(admin.getByTestId("delete-plan-error")).toHaveText("该计划已有填报数据，不能删除（可归档）");
  await expect(admin.getByTestId("confirm-delete-plan")).toBeDisabled();
  if (SHOTS) await admin.screenshot({ path: `${SHOTS}/settings-delete-refused.png` });
  await admin.getByRole("button", { name: "取消" }).click();
  expect((await new Api(admin).get(`/api/v1/plans/${city.id}`)).status()).toBe(200);
});

test("the mapping page edits a region's keyword table; the upload page", async ({ as }) => {
  const admin = await as("admin");
  const region = await newRegion(admin);
  await admin.goto(`/admin/department-mapping?region=${region.id}`);
  const editor = admin.getByTestId("mapping-editor");
  await expect(editor.getByTestId("mapping-row").first()).toBeVisible();
  await editor.getByTestId("mapping-add").click();
  await editor.getByLabel("第1行关键词").fill("冰雪");
  const options = await editor.getByLabel("第1行牵头单位").locator("option").allTextContents();
  await editor.getByLabel("第1行牵头单位").selectOption({ label: options.find((o) => o.includes("文化") || o.includes("旅游")) ?? options[1]! });
  await editor.getByTestId("mapping-save").click();
  await expect(admin.getByTestId("mapping-message")).toContainText("已保存");
  const mapping = await expectJson<{ mapping: { rows: { keyword: string; department: unknown }[] } }>(await new Api(admin).get(`/api/v1/regions/${region.id}/department-mapping`), 200);
  expect(mapping.mapping.rows[0]).toMatchObject({ keyword: "冰雪" });
  if (SHOTS) {
    for (const [w, h] of [[1400, 900], [390, 844]] as const) {
      await admin.setViewportSize({ width: w, height: h });
      await admin.goto(`/admin/department-mapping?region=${region.id}`);
      await admin.screenshot({ path: `${SHOTS}/mapping-${w}.png` });
      await admin.goto("/plans/new");
      await admin.screenshot({ path: `${SHOTS}/upload-${w}.png`, fullPage: true });
      await admin.goto("/");
      await admin.screenshot({ path: `${SHOTS}/home-${w}.png` });
    }
  }
});
