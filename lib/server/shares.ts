import "server-only";
import { fail, ok, type Result } from "@/lib/domain/errors";
import { isPlausibleId } from "@/lib/domain/ids";
import { fieldErrors } from "@/lib/domain/inputs";
import { NOT_FOUND } from "@/lib/domain/messages";
import { authorize, type Actor } from "@/lib/domain/permissions";
import { regionAndBelow } from "@/lib/domain/regions";
import { checkSplit, holderKey, isAdditive, rollUp, sharesInput, type ShareWarning } from "@/lib/domain/shares";
import { countedVersions, endOfDay, type CountingOptions, type EntryState } from "@/lib/domain/entries/versions";
import type { Judgement } from "@/lib/domain/status";
import { Prisma } from "./generated/prisma/client";
import { db } from "./db";
import { recordAudit } from "./audit";
import { judgeGoalRow, planSettings } from "./board";
import { Refusal, withGoalLock } from "./entries";

type Tx = Prisma.TransactionClient;

/** The section of a lower government's plan that holds the shares it was given. */
export const SHARE_SECTION_TITLE = "上级分解任务";

export interface ShareHolder {
  type: "region" | "department";
  id: string;
  name: string;
}

/** One share of a parent goal as of a day: its holder, target and verdict. */
export interface ShareView {
  id: string;
  planId: string;
  /** The holder plan's region: a share is listed only to those who may read it. */
  regionId: string;
  planTitle: string;
  holder: ShareHolder;
  target: string | null;
  unit: string;
  judgement: Judgement;
}

/** A parent goal's shares and what they add up to as of a day. */
export interface ShareSummary {
  shares: ShareView[];
  /** True when the parent's figure is the sum of its shares' (additive units); otherwise its own entries count. */
  rolledUp: boolean;
  /** The summed figures per period (the parent's entries when rolledUp); "pending" when a pending version is in the sum. */
  counted: { period: string; value: string; state: EntryState }[];
  reportedShares: number;
  totalShares: number;
}

export interface ParentForShares {
  id: string;
  unit: string;
  kind: string;
  year: number;
}

const shareSelect = {
  id: true, parentGoalId: true, targetValue: true, unit: true, comparator: true, kind: true, direction: true, accumulates: true, frequency: true,
  shareRegion: { select: { id: true, name: true } },
  leadDepartment: { select: { id: true, name: true } },
  plan: { select: { id: true, title: true, regionId: true, year: true, graceDays: true, marginBehind: true, marginFarBehind: true } },
} satisfies Prisma.GoalSelect;

/**
 * The shares of the given parent goals as of `asOf` (honouring includePending), in one query: each share judged on
 * its own counted figures, and per parent the roll-up of those figures (lib/domain/shares.ts rollUp). Parents
 * without shares are absent from the map.
 */
export async function sharesOf(
  parents: readonly ParentForShares[],
  asOf: string,
  options: CountingOptions = {},
  client: Tx = db,
): Promise<Map<string, ShareSummary>> {
  const out = new Map<string, ShareSummary>();
  if (!parents.length) return out;
  const years = parents.map((p) => p.year);
  const states: EntryState[] = options.includePending ? ["approved", "pending"] : ["approved"];
  const cutoff = endOfDay(asOf);
  const rows = await client.goal.findMany({
    where: { parentGoalId: { in: parents.map((p) => p.id) }, archivedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      ...shareSelect,
      entries: {
        where: {
          state: { in: states },
          periodEnd: { gte: new Date(`${Math.min(...years)}-01-01T00:00:00Z`), lte: new Date(`${Math.max(...years)}-12-31T00:00:00Z`) },
        },
        select: { period: true, value: true, state: true, version: true, countedAt: true, submittedAt: true },
      },
    },
  });
  const byParent = new Map<string, { view: ShareView; counted: { period: string; value: string; state: EntryState }[] }[]>();
  for (const row of rows) {
    const counted = countedVersions(row.entries, cutoff, options).map((v) => ({ period: v.period, value: v.value.toString(), state: v.state }));
    const holder: ShareHolder = row.shareRegion
      ? { type: "region", id: row.shareRegion.id, name: row.shareRegion.name }
      : { type: "department", id: row.leadDepartment?.id ?? "", name: row.leadDepartment?.name ?? "" };
    const view: ShareView = {
      id: row.id,
      planId: row.plan.id,
      planTitle: row.plan.title,
      regionId: row.plan.regionId,
      holder,
      target: row.targetValue?.toString() ?? null,
      unit: row.unit,
      judgement: judgeGoalRow(row, row.plan.year, counted, planSettings(row.plan), asOf),
    };
    const list = byParent.get(row.parentGoalId!) ?? [];
    list.push({ view, counted });
    byParent.set(row.parentGoalId!, list);
  }
  for (const parent of parents) {
    const list = byParent.get(parent.id);
    if (!list) continue;
    const summed = rollUp(list.map((s) => s.counted));
    const pendingIn = new Set(list.flatMap((s) => s.counted.filter((c) => c.state === "pending").map((c) => c.period)));
    out.set(parent.id, {
      shares: list.map((s) => s.view),
      rolledUp: isAdditive(parent),
      counted: summed.periods.map((p) => ({ period: p.period, value: p.value, state: pendingIn.has(p.period) ? "pending" : "approved" })),
      reportedShares: summed.reportedShares,
      totalShares: summed.totalShares,
    });
  }
  return out;
}

export interface SharesResult {
  goalId: string;
  shares: { id: string; planId: string; holder: ShareHolder; target: string }[];
  warnings: ShareWarning[];
}

const SHARE_PLAN_NOTE = "（本计划由上级政府分解任务自动建立，无报告原文）";

/** The lower government's plan of the year (made when missing) and its 上级分解任务 section (made when missing). */
async function sharePlanOf(tx: Tx, actorId: string, region: { id: string; name: string; level: string }, year: number) {
  let plan = await tx.plan.findUnique({ where: { regionId_year: { regionId: region.id, year } }, select: { id: true } });
  if (!plan) {
    const created = await tx.plan.create({
      data: {
        regionId: region.id, region: region.name, level: region.level as Prisma.PlanCreateInput["level"], year,
        title: `${region.name}${year}年上级分解任务`, sourceText: SHARE_PLAN_NOTE,
      },
    });
    await recordAudit(tx, { actorId, action: "plan.create", entityType: "Plan", entityId: created.id, after: { ...created, sourceText: undefined, reason: "目标分解" } });
    plan = { id: created.id };
  }
  let section = await tx.section.findFirst({ where: { planId: plan.id, title: SHARE_SECTION_TITLE, parentId: null }, select: { id: true } });
  if (!section) {
    const last = await tx.section.aggregate({ where: { planId: plan.id }, _max: { position: true } });
    section = await tx.section.create({
      data: { planId: plan.id, position: (last._max.position ?? -1) + 1, part: "plan", title: SHARE_SECTION_TITLE, start: 0, end: 0 },
      select: { id: true },
    });
  }
  return { planId: plan.id, sectionId: section.id };
}

/** A department's name without its government's prefix ("市农业农村局", "区农业农村局" → "农业农村局"). */
const baseName = (name: string) => name.replace(/^(省|市|区|县)/, "");

/**
 * Splits a goal's target among lower governments or the plan's own departments (admin of the parent's plan region):
 * each share becomes a goal of its holder linked to the parent — for a region, in that region's plan of the year
 * (section 上级分解任务), for a department, in the same plan with that lead department. Re-sending updates targets,
 * adds new shares and archives removed ones (their figures stay). One transaction under the parent's row lock.
 */
export async function setShares(actor: Actor | null, goalId: string, raw: unknown): Promise<Result<SharesResult>> {
  if (!actor) return fail("unauthenticated");
  const parent = isPlausibleId(goalId)
    ? await db.goal.findUnique({
        where: { id: goalId },
        select: {
          id: true, archivedAt: true, planId: true, metric: true, targetValue: true, unit: true, kind: true, parentGoalId: true,
          plan: { select: { regionId: true, year: true } },
        },
      })
    : null;
  if (!parent || parent.archivedAt) return fail("not_found", NOT_FOUND.goal);
  const allowed = authorize(actor, { action: "manageRegion", regionId: parent.plan.regionId }, NOT_FOUND.goal);
  if (!allowed.ok) return allowed;
  const parsed = sharesInput.safeParse(raw);
  if (!parsed.success) return fail("validation", undefined, fieldErrors(parsed.error));
  const items = parsed.data.shares;
  const check = checkSplit({ target: parent.targetValue?.toString() ?? null, unit: parent.unit, kind: parent.kind }, items);
  if (!check.ok) return fail("validation", undefined, check.fields);

  // Holders: regions below the plan's (and in the admin's scope); departments of the plan's own government.
  const tree = await db.region.findMany({ select: { id: true, parentId: true, name: true, level: true } });
  const below = new Set(regionAndBelow(tree, parent.plan.regionId).filter((id) => id !== parent.plan.regionId && actor.scope.below.includes(id)));
  const departmentIds = items.flatMap((s) => (s.departmentId ? [s.departmentId] : []));
  const departments = departmentIds.length
    ? await db.department.findMany({ where: { id: { in: departmentIds }, regionId: parent.plan.regionId }, select: { id: true } })
    : [];
  const ownDepartments = new Set(departments.map((d) => d.id));
  const errors: Record<string, string> = {};
  items.forEach((s, i) => {
    if (s.regionId && !below.has(s.regionId)) errors[`shares.${i}.regionId`] = "只能分解给本地区下级且在您管理范围内的地区";
    if (s.departmentId && !ownDepartments.has(s.departmentId)) errors[`shares.${i}.departmentId`] = "只能分解给本计划所在地区的单位";
  });
  if (Object.keys(errors).length) return fail("validation", undefined, errors);
  const regionsById = new Map(tree.map((r) => [r.id, r]));

  const result = await withGoalLock(goalId, async (tx) => {
    const current = await tx.goal.findUnique({ where: { id: goalId } });
    if (!current || current.archivedAt) throw new Refusal(fail("not_found", NOT_FOUND.goal));
    const existing = await tx.goal.findMany({ where: { parentGoalId: goalId }, orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }] });
    const byHolder = new Map<string, (typeof existing)[number]>();
    for (const g of existing) {
      const key = g.shareRegionId ? `region:${g.shareRegionId}` : `department:${g.leadDepartmentId}`;
      if (!byHolder.has(key)) byHolder.set(key, g); // a live share before an archived one of the same holder
    }
    const parentLead = current.leadDepartmentId
      ? await tx.department.findUnique({ where: { id: current.leadDepartmentId }, select: { name: true } })
      : null;
    const kept = new Set<string>();
    const shares: SharesResult["shares"] = [];
    for (const item of items) {
      const key = holderKey(item);
      const target = new Prisma.Decimal(item.target);
      const found = byHolder.get(key);
      let shareId: string;
      let planId: string;
      if (found) {
        kept.add(found.id);
        shareId = found.id;
        planId = found.planId;
        if (found.archivedAt || !found.targetValue?.eq(target)) {
          const after = await tx.goal.update({ where: { id: found.id }, data: { targetValue: target, archivedAt: null } });
          await recordAudit(tx, { actorId: actor.userId, action: found.archivedAt ? "goal.share.restore" : "goal.share.update", entityType: "Goal", entityId: found.id, before: found, after });
        }
      } else {
        let location: { planId: string; sectionId: string | null };
        let leadDepartmentId: string | null;
        if (item.regionId) {
          const region = regionsById.get(item.regionId)!;
          location = await sharePlanOf(tx, actor.userId, region, parent.plan.year);
          // The parent's lead department's counterpart in the lower government leads the share, when there is one.
          const counterpart = parentLead
            ? (await tx.department.findMany({ where: { regionId: region.id }, select: { id: true, name: true } })).find((d) => baseName(d.name) === baseName(parentLead.name))
            : undefined;
          leadDepartmentId = counterpart?.id ?? null;
        } else {
          location = { planId: current.planId, sectionId: current.sectionId };
          leadDepartmentId = item.departmentId!;
        }
        const last = await tx.goal.aggregate({ where: { planId: location.planId }, _max: { position: true } });
        const created = await tx.goal.create({
          data: {
            planId: location.planId, sectionId: location.sectionId, position: (last._max.position ?? -1) + 1,
            metric: current.metric, unit: current.unit, comparator: current.comparator, kind: current.kind, direction: current.direction,
            accumulates: current.accumulates, frequency: current.frequency, quote: current.quote, targetValue: target,
            parentGoalId: goalId, shareRegionId: item.regionId ?? null, leadDepartmentId,
          },
        });
        await recordAudit(tx, { actorId: actor.userId, action: "goal.share.create", entityType: "Goal", entityId: created.id, after: created });
        shareId = created.id;
        planId = created.planId;
      }
      const holder: ShareHolder = item.regionId
        ? { type: "region", id: item.regionId, name: regionsById.get(item.regionId)!.name }
        : { type: "department", id: item.departmentId!, name: "" };
      shares.push({ id: shareId, planId, holder, target: target.toString() });
    }
    const now = new Date();
    for (const g of existing) {
      if (g.archivedAt || kept.has(g.id)) continue;
      const after = await tx.goal.update({ where: { id: g.id }, data: { archivedAt: now } });
      await recordAudit(tx, { actorId: actor.userId, action: "goal.share.archive", entityType: "Goal", entityId: g.id, before: g, after });
    }
    if (shares.some((s) => s.holder.type === "department")) {
      const names = new Map(
        (await tx.department.findMany({ where: { id: { in: departmentIds } }, select: { id: true, name: true } })).map((d) => [d.id, d.name]),
      );
      for (const s of shares) if (s.holder.type === "department") s.holder.name = names.get(s.holder.id) ?? "";
    }
    return shares;
  });
  if (!result.ok) return result;
  return ok({ goalId, shares: result.value, warnings: check.warnings });
}

/** Who may hold a share of this goal: the regions below its plan's (in the admin's scope) and the plan's own departments. */
export async function shareHolderOptions(actor: Actor, regionId: string) {
  const tree = await db.region.findMany({ select: { id: true, parentId: true, name: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
  const below = new Set(regionAndBelow(tree, regionId).filter((id) => id !== regionId && actor.scope.below.includes(id)));
  const departments = await db.department.findMany({ where: { regionId }, select: { id: true, name: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
  return {
    regions: tree.filter((r) => below.has(r.id)).map((r) => ({ id: r.id, name: r.name })),
    departments,
  };
}

/**
 * The summary as one actor may see it: the sum and the 已报 n/m counts are the parent's own (readable with it), but
 * a share is listed only to those who may read its holder's plan — one district never sees a sibling's.
 */
export function visibleShares(summary: ShareSummary | null, canReadRegion: (regionId: string) => boolean): ShareSummary | null {
  return summary && { ...summary, shares: summary.shares.filter((s) => canReadRegion(s.regionId)) };
}
