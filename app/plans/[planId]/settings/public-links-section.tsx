import { currentActor } from "@/lib/server/auth";
import { listPublicLinks } from "@/lib/server/public-links";
import { PublicLinks } from "./public-links";

/** 公开看板 in the plan settings: the plan's share links, made and revoked through the JSON API. */
export async function PublicLinksSection({ planId }: { planId: string }) {
  const links = await listPublicLinks(await currentActor(), planId);
  if (!links.ok) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="public-links-heading" data-testid="public-links">
      <h2 id="public-links-heading" className="mb-1 font-semibold">公开看板</h2>
      <p className="mb-3 text-sm text-slate-600">
        开启后生成一个无需登录即可查看的链接，只公开各项目标的状态、目标值和已审核的数据（不含待审核或退回的数据、填报说明、填报人和附件）。链接只在生成时显示一次，可随时撤销；撤销后该链接立即失效。
      </p>
      <PublicLinks
        planId={planId}
        links={links.value.map((l) => ({ id: l.id, createdAt: l.createdAt.toISOString(), createdBy: l.createdBy, revokedAt: l.revokedAt?.toISOString() ?? null }))}
      />
    </section>
  );
}
