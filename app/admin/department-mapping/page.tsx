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
        <nav aria-label="选择地区" className="flex flex-wrap gap-2 text-sm">
          {regions.value.map((r) => (
            <Link
              key={r.id}
              href={`/admin/department-mapping?region=${r.id}`}
              aria-current={r.id === m.regionId ? "page" : undefined}
              className={`rounded border px-2.5 py-1 ${r.id === m.regionId ? "border-brand-700 bg-brand-50 font-medium text-brand-700" : "border-slate-300 bg-white hover:border-slate-500"}`}
            >
              {r.name}
            </Link>
          ))}
        </nav>
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
