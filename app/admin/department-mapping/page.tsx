import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { requirePageActor } from "@/lib/server/auth";
import { getDepartmentMapping } from "@/lib/server/department-mapping";
import { listManagedRegions } from "@/lib/server/regions";
import { can } from "@/lib/domain/permissions";
import { MappingEditor } from "./mapping-editor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "牵头单位对照表" };

/** A region's keyword → department table, from which an import suggests each target's lead department. */
export default async function DepartmentMappingPage({ searchParams }: { searchParams: Promise<{ region?: string | string[] }> }) {
  const actor = await requirePageActor();
  if (!can(actor, { action: "manage" })) forbidden();
  const regions = await listManagedRegions(actor);
  if (!regions.ok) throw new Error(regions.error.message);
  const { region: asked } = await searchParams;
  const regionId = typeof asked === "string" && asked ? asked : (actor.scope.regionId ?? regions.value[0]?.id);
  if (!regionId) return <p className="text-sm text-slate-500">您的账号未归属任何地区。</p>;
  const mapping = await getDepartmentMapping(actor, regionId);
  if (!mapping.ok) {
    if (mapping.error.code === "not_found" || mapping.error.code === "validation") notFound();
    if (mapping.error.code === "forbidden") forbidden();
    throw new Error(mapping.error.message);
  }
  const m = mapping.value;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">牵头单位对照表</h1>
        <p className="mt-1 text-sm text-slate-500">
          导入报告时，指标名称或所在章节含某个关键词，就建议由对应单位牵头（按顺序取第一个匹配）。只能选本地区自己的单位；
          尚未建立的单位显示为“未匹配”，可在<Link href="/admin/departments" className="underline hover:text-brand-700">单位</Link>中添加。
        </p>
      </div>
      {regions.value.length > 1 && (
        // A plain GET form: works without JavaScript, and a long list of regions stays one control.
        <form method="get" className="flex flex-wrap items-end gap-2 text-sm" aria-label="选择地区">
          <div>
            <label htmlFor="mapping-region" className="mb-1 block text-slate-700">地区</label>
            <select id="mapping-region" name="region" defaultValue={m.regionId} className="rounded border border-slate-300 bg-white px-2 py-1.5">
              {regions.value.map((r) => <option key={r.id} value={r.id}>{`${"　".repeat(r.depth)}${r.name}`}</option>)}
            </select>
          </div>
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:border-slate-500">查看</button>
        </form>
      )}
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="mapping-heading">
        <h2 id="mapping-heading" className="mb-3 font-semibold">{m.region}（{m.rows.length} 条）</h2>
        <MappingEditor
          key={m.regionId}
          regionId={m.regionId}
          departments={m.departments}
          rows={m.rows.map((r) => ({ keyword: r.keyword, departmentId: r.department?.id ?? "", standardName: r.standardName }))}
        />
      </section>
    </div>
  );
}
