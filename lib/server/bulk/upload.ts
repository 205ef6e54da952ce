import "server-only";
import ExcelJS from "exceljs";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { FORBIDDEN } from "@/lib/domain/messages";
import {
  BULK_LIMITS, COLUMNS, DATA_SHEET, FILE_MESSAGES, FIRST_DATA_ROW, META_SHEET, TEMPLATE_VERSION,
  bulkOptions, bulkVerdict, cellText, goalPeriodFor, rowDraft, rowMessage, rowOutcome, signatureMatches, summarise, xlsxProblem,
  type BulkSummary, type RowStatus, type SheetRow, type TemplateMeta,
} from "@/lib/domain/bulk";
import type { PlausibilityWarning } from "@/lib/domain/entries/check";
import type { EntrySubmitInput } from "@/lib/domain/entries/inputs";
import { fieldErrors } from "@/lib/domain/inputs";
import { periodLabel, todayInShanghai, type Frequency } from "@/lib/domain/periods";
import { Prisma } from "../generated/prisma/client";
import { db, isUniqueViolation } from "../db";
import { checkFigure, goalForEntry, writeFigures, type GoalForEntryRow, type StoredVersion } from "../entries";
import { authorizeBulk, BULK_MESSAGES, templateKey, type BulkPlan } from "./shared";

type Tx = Prisma.TransactionClient;

export const UPLOAD_MESSAGES = {
  noFile: "请选择要上传的 Excel 文件（表单字段 file）",
  notTemplate: "不是本系统下载的填报模板（缺少模板信息），请先下载模板再填写",
  oldVersion: "模板格式已更新，请重新下载模板填写",
  otherPlan: "该模板属于另一个计划，不能上传到本计划，请在本计划的“批量填报”页下载模板",
  otherDepartment: "该模板是其他单位的，与所选单位不符",
  otherPeriod: (sheet: string, chosen: string) => `该模板是${periodLabel(sheet)}的，与所选期间（${periodLabel(chosen)}）不符`,
  tampered: "模板已被改动（隐藏的指标编号或模板信息与签名不符），请重新下载模板填写",
  tooManyRows: `表格行数过多（上限 ${BULK_LIMITS.rows} 行），请只上传本系统下载的填报模板`,
  noData: "模板中没有填写任何“本期累计值”，未写入数据",
  goalGone: "该指标已删除或不属于本计划，请重新下载模板",
  notTheirs: "该指标已不由本单位填报，请重新下载模板",
  noRowId: "该行没有指标编号（不是模板中的行），请只在模板原有的行中填写",
  notDue: "该指标本期无需填报",
  hasErrors: (n: number) => `有${n}行数据有误，未写入任何数据，请按提示修改后重新上传`,
  needsConfirmation: (n: number) => `有${n}行数据看起来可能有误，请核对；确认无误的请在“说明”列写明理由后勾选确认再提交`,
} as const;

export interface BulkRow {
  row: number;
  goalId: string;
  metric: string;
  period: string | null;
  /** The figure as it will be stored (canonical decimal), when it could be read. */
  value: string | null;
  /** What was typed. */
  text: string | null;
  note: string | null;
  status: RowStatus;
  errors: string[];
  warnings: PlausibilityWarning[];
  /** The written version (after a write). */
  versionId?: string;
  state?: string;
}

export interface BulkResult {
  dryRun: boolean;
  plan: { id: string; title: string; year: number };
  department: { id: string; name: string };
  period: string;
  rows: BulkRow[];
  summary: BulkSummary;
  written: number;
  verdict: ReturnType<typeof bulkVerdict>;
}

/** The template's content as read from the workbook. */
interface ReadSheet {
  meta: TemplateMeta | null;
  rows: SheetRow[];
  /** Rows with a value typed outside the template's rows (no id). */
  strays: number[];
  tooManyRows: boolean;
}

function text(value: unknown): string {
  const t = cellText(value);
  return t.ok ? (t.text ?? "").trim() : "";
}

async function readSheet(bytes: Uint8Array): Promise<ReadSheet | null> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return null;
  }
  const metaSheet = wb.getWorksheet(META_SHEET);
  let meta: TemplateMeta | null = null;
  if (metaSheet) {
    const pairs = new Map<string, string>();
    for (let r = 1; r <= Math.min(metaSheet.rowCount, 20); r++) pairs.set(text(metaSheet.getCell(r, 1).value), text(metaSheet.getCell(r, 2).value));
    const [planId, departmentId, period, version, signature] = ["planId", "departmentId", "period", "version", "signature"].map((k) => pairs.get(k) ?? "");
    if (planId && departmentId && period && version && signature) meta = { planId, departmentId, period, version, signature };
  }
  const ws = wb.getWorksheet(DATA_SHEET);
  if (!ws) return { meta, rows: [], strays: [], tooManyRows: false };
  if (ws.rowCount > BULK_LIMITS.rows + FIRST_DATA_ROW) return { meta, rows: [], strays: [], tooManyRows: true };
  const rows: SheetRow[] = [];
  const strays: number[] = [];
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const goalId = text(row.getCell(COLUMNS.goalId.col).value);
    const valueCell = row.getCell(COLUMNS.value.col);
    const noteCell = row.getCell(COLUMNS.note.col);
    if (!goalId) {
      const typed = cellText(valueCell.value);
      if (!typed.ok || typed.text !== null) strays.push(r);
      continue;
    }
    rows.push({ row: r, goalId, value: valueCell.value, valueFormat: valueCell.numFmt, note: noteCell.value });
  }
  return { meta, rows, strays, tooManyRows: false };
}

/** A refusal of the whole upload (nothing is checked row by row). */
type Refused = { ok: false; error: import("@/lib/domain/errors").AppError };

/** The file's bytes, the options, the template it claims to be: checked before any row is. */
async function openUpload(
  actor: Actor,
  plan: BulkPlan,
  file: Uint8Array | null,
  options: { department?: string; period?: string },
): Promise<Result<{ sheet: ReadSheet; meta: TemplateMeta; department: { id: string; name: string } }> | Refused> {
  if (!file) return fail("validation", undefined, { file: UPLOAD_MESSAGES.noFile });
  const problem = xlsxProblem(file);
  if (problem === "too_large") return fail("too_large", FILE_MESSAGES.too_large);
  if (problem) return fail("validation", undefined, { file: FILE_MESSAGES[problem] });
  const sheet = await readSheet(file);
  if (!sheet) return fail("validation", undefined, { file: FILE_MESSAGES.corrupt });
  if (sheet.tooManyRows) return fail("validation", undefined, { file: UPLOAD_MESSAGES.tooManyRows });
  const meta = sheet.meta;
  if (!meta) return fail("validation", undefined, { file: UPLOAD_MESSAGES.notTemplate });
  if (meta.version !== TEMPLATE_VERSION) return fail("validation", undefined, { file: UPLOAD_MESSAGES.oldVersion });
  if (!signatureMatches(meta, sheet.rows.map((r) => r.goalId), templateKey())) return fail("validation", undefined, { file: UPLOAD_MESSAGES.tampered });
  if (meta.planId !== plan.id) return fail("validation", undefined, { file: UPLOAD_MESSAGES.otherPlan });
  if (options.department && options.department !== meta.departmentId) return fail("validation", undefined, { file: UPLOAD_MESSAGES.otherDepartment });
  if (options.period && options.period !== meta.period) return fail("validation", undefined, { file: UPLOAD_MESSAGES.otherPeriod(meta.period, options.period) });
  if (actor.role === "reporter" && meta.departmentId !== actor.departmentId) return fail("forbidden", BULK_MESSAGES.ownDepartmentOnly);
  const department = await db.department.findUnique({ where: { id: meta.departmentId }, select: { id: true, name: true, regionId: true } });
  if (!department || department.regionId !== plan.regionId) return fail("validation", undefined, { file: UPLOAD_MESSAGES.tampered });
  return ok({ sheet, meta, department: { id: department.id, name: department.name } });
}

interface Prepared {
  row: SheetRow;
  goal: GoalForEntryRow | null;
  metric: string;
  period: string | null;
  draft: ReturnType<typeof rowDraft> | null;
  error: string | null;
}

/**
 * Checks every row against what `client` reads (under the goals' locks when it is the writing transaction):
 * each figure through the entry form's schema and checkFigure. Returns the preview rows and, per goal, what to write.
 */
async function checkRows(
  client: Tx | typeof db,
  actor: Actor,
  plan: BulkPlan,
  prepared: readonly Prepared[],
  confirm: boolean,
  today: string,
): Promise<{ rows: BulkRow[]; writes: { goal: GoalForEntryRow; input: EntrySubmitInput; check: Extract<ReturnType<typeof checkFigure>, { ok: true }>; versions: StoredVersion[]; index: number }[] }> {
  const goalIds = [...new Set(prepared.filter((p) => p.goal && p.draft?.kind === "draft").map((p) => p.goal!.id))];
  const [versions, locks] = await Promise.all([
    goalIds.length ? client.progressEntry.findMany({ where: { goalId: { in: goalIds } } }) : Promise.resolve([] as StoredVersion[]),
    client.periodLock.findMany({ where: { planId: plan.id }, select: { period: true, reason: true } }),
  ]);
  const byGoal = new Map<string, StoredVersion[]>();
  for (const v of versions) byGoal.set(v.goalId, [...(byGoal.get(v.goalId) ?? []), v]);
  const lockMap = new Map(locks.map((l) => [l.period, l.reason]));
  const rows: BulkRow[] = [];
  const writes: Awaited<ReturnType<typeof checkRows>>["writes"] = [];
  for (const p of prepared) {
    const base = { row: p.row.row, goalId: p.row.goalId, metric: p.metric, period: p.period, warnings: [] as PlausibilityWarning[] };
    const draft = p.draft;
    if (p.error || !draft || !p.goal) {
      const typed = draft && draft.kind !== "skipped" ? draft.text : null;
      // A row that is not filled is skipped even when its goal went away: nothing would be written for it.
      if (draft?.kind === "skipped") rows.push({ ...base, value: null, text: null, note: draft.note, status: "skipped", errors: [] });
      else rows.push({ ...base, value: null, text: typed, note: draft?.note ?? null, status: "error", errors: [p.error ?? rowMessage(p.row.row, null, UPLOAD_MESSAGES.goalGone)] });
      continue;
    }
    if (draft.kind === "skipped") {
      rows.push({ ...base, value: null, text: null, note: draft.note, status: "skipped", errors: [] });
      continue;
    }
    if (draft.kind === "error") {
      rows.push({ ...base, value: null, text: draft.text, note: draft.note, status: "error", errors: draft.errors });
      continue;
    }
    const goalVersions = byGoal.get(p.goal.id) ?? [];
    const check = checkFigure(actor, p.goal, draft.input, goalVersions, lockMap, today);
    const outcome = rowOutcome(p.row.row, check, draft.note, confirm);
    rows.push({ ...base, value: outcome.value, text: draft.text, note: draft.note, status: outcome.status, errors: outcome.errors, warnings: outcome.warnings });
    if (check.ok && outcome.status !== "error") writes.push({ goal: p.goal, input: draft.input, check, versions: goalVersions, index: rows.length - 1 });
  }
  return { rows, writes };
}

/** Who may upload, the options and the file as a whole (not row by row): what bulkUpload refuses before reading rows. */
async function checkUpload(actor: Actor | null, planId: string, file: Uint8Array | null, rawOptions: Record<string, string>) {
  const allowed = await authorizeBulk(actor, planId);
  if (!allowed.ok) return allowed;
  const { plan } = allowed.value;
  const me = allowed.value.actor;
  const parsed = bulkOptions.safeParse(rawOptions);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const options = parsed.data;
  if (options.reportedAt !== undefined && me.role !== "admin") return fail("forbidden", FORBIDDEN.reportedAt, { reportedAt: FORBIDDEN.reportedAt });
  const opened = await openUpload(me, plan, file, options);
  if (!opened.ok) return opened;
  return ok({ me, plan, options, opened: opened.value });
}

/**
 * The refusals of a whole upload (permission, options, a file that is not this plan's untouched template), without
 * reading its rows: the API checks these before it queues the write, so bad input is answered at once and queues
 * nothing. `dryRun` says whether the caller asked only for a preview.
 */
export async function checkBulkUpload(actor: Actor | null, planId: string, file: Uint8Array | null, rawOptions: Record<string, string>): Promise<Result<{ dryRun: boolean }>> {
  const checked = await checkUpload(actor, planId, file, rawOptions);
  return checked.ok ? ok({ dryRun: checked.value.options.dryRun }) : checked;
}

/**
 * 批量填报: an uploaded template's rows checked exactly as the entry form checks a figure, previewed (dryRun) or
 * written — all rows in one transaction under every goal's row lock (taken in id order), each a version with its
 * audit event, or none at all. Refuses a file that is not this plan's, this department's and this period's
 * untouched template. `run` (a queued upload, lib/server/jobs): the write is recorded under the job's id in the same
 * transaction, and a second run of that job answers the first's result without writing.
 */
export async function bulkUpload(
  actor: Actor | null,
  planId: string,
  file: Uint8Array | null,
  rawOptions: Record<string, string>,
  now = new Date(),
  run?: { jobId: string },
): Promise<Result<BulkResult>> {
  const checked = await checkUpload(actor, planId, file, rawOptions);
  if (!checked.ok) return checked;
  const { me, plan, options, opened } = checked.value;
  const { sheet, meta, department } = opened;
  const today = todayInShanghai(now);

  const goals = await db.goal.findMany({ where: { id: { in: sheet.rows.map((r) => r.goalId) }, planId, archivedAt: null }, select: goalForEntry });
  const goalById = new Map(goals.map((g) => [g.id, g]));
  const prepared: Prepared[] = sheet.rows.map((row) => {
    const goal = goalById.get(row.goalId) ?? null;
    const draftOf = (period: string) => rowDraft(row, period, { confirm: options.confirm, ...(options.reportedAt !== undefined && { reportedAt: options.reportedAt }) });
    if (!goal) return { row, goal: null, metric: "", period: null, draft: draftOf(meta.period), error: rowMessage(row.row, null, UPLOAD_MESSAGES.goalGone) };
    const period = goalPeriodFor(meta.period, plan.year, goal.frequency as Frequency);
    const holds = goal.leadDepartmentId === department.id || goal.coDepartments.some((c) => c.departmentId === department.id);
    const may = authorize(me, { action: "enter", regionId: goal.plan.regionId, goal: { leadDepartmentId: goal.leadDepartmentId, coDepartmentIds: goal.coDepartments.map((c) => c.departmentId) } });
    const error = !holds ? UPLOAD_MESSAGES.notTheirs : !may.ok ? may.error.message : !period ? UPLOAD_MESSAGES.notDue : null;
    return { row, goal, metric: goal.metric, period, draft: draftOf(period ?? meta.period), error: error && rowMessage(row.row, null, error) };
  });
  for (const stray of sheet.strays) {
    prepared.push({ row: { row: stray, goalId: "", value: null, note: null }, goal: null, metric: "", period: null, draft: null, error: rowMessage(stray, null, UPLOAD_MESSAGES.noRowId) });
  }
  prepared.sort((a, b) => a.row.row - b.row.row);

  const result = (rows: BulkRow[], written: number, dryRun: boolean): BulkResult => {
    const summary = summarise(rows.map((r) => r.status));
    return { dryRun, plan: { id: plan.id, title: plan.title, year: plan.year }, department, period: meta.period, rows, summary, written, verdict: bulkVerdict(summary, options.confirm) };
  };

  if (options.dryRun) {
    const { rows } = await checkRows(db, me, plan, prepared, options.confirm, today);
    return ok(result(rows, 0, true));
  }

  const lockIds = [...new Set(prepared.filter((p) => p.goal && p.draft?.kind === "draft").map((p) => p.goal!.id))].sort();
  try {
    const done = await db.$transaction(
      async (tx) => {
        // A queued upload (lib/server/jobs) claims its job id first: a run of the same job again — after a crash
        // between this commit and the job's completion, or by a second instance once the first seemed lost — waits
        // here for the first, then finds its answer and writes nothing.
        if (run) {
          const claimed = await tx.$executeRaw`INSERT INTO "BulkUploadRun" ("jobId", "planId", "userId", "result") VALUES (${run.jobId}::uuid, ${planId}, ${me.userId}, '{}'::jsonb) ON CONFLICT ("jobId") DO NOTHING`;
          if (claimed === 0) {
            const earlier = await tx.bulkUploadRun.findUniqueOrThrow({ where: { jobId: run.jobId }, select: { result: true } });
            return earlier.result as unknown as BulkResult;
          }
        }
        const answer = await (async () => {
          // Every goal row locked, in one stable order, before anything is read: two uploads never deadlock, and
          // the versions each write follows are the ones checked.
          if (lockIds.length) await tx.$queryRaw`SELECT "id" FROM "Goal" WHERE "id" = ANY(${lockIds}::text[]) ORDER BY "id" FOR UPDATE`;
          const { rows, writes } = await checkRows(tx, me, plan, prepared, options.confirm, today);
          const verdict = bulkVerdict(summarise(rows.map((r) => r.status)), options.confirm);
          if (verdict !== "ready") return result(rows, 0, false);
          const written = await writeFigures(tx, me, writes, now, today);
          writes.forEach((w, i) => {
            const { version } = written[i]!;
            rows[w.index] = { ...rows[w.index]!, versionId: version.id, state: version.state };
          });
          return result(rows, writes.length, false);
        })();
        if (run) await tx.bulkUploadRun.update({ where: { jobId: run.jobId }, data: { result: JSON.parse(JSON.stringify(answer)) as Prisma.InputJsonValue } });
        return answer;
      },
      { timeout: 120_000, maxWait: 20_000 },
    );
    return ok(done);
  } catch (error) {
    if (isUniqueViolation(error)) return fail("conflict");
    throw error;
  }
}
