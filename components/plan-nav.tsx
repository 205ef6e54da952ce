import Link from "next/link";

export type PlanPage = "board" | "review" | "overdue" | "summary" | "bulk" | "settings" | "onePager" | "audit";

/** The pages of one plan: 看板, 待审核 (admins), 未填报, 年度总结 and 设置 (admins). Screen only. */
export function PlanNav({ planId, current, isAdmin, pendingCount, canEnter, canAudit }: {
  planId: string;
  current: PlanPage;
  isAdmin: boolean;
  /** Shows 批量填报 (admins, and reporters of a department that enters figures). */
  canEnter?: boolean;
  /** Shown on the 待审核 link when known. */
  pendingCount?: number;
  /** Shows 变更记录 (the plan's audit trail): admins by default; leaders may read it too. */
  canAudit?: boolean;
}) {
  const items: { page: PlanPage; href: string; label: string; testId: string }[] = [
    { page: "board", href: `/plans/${planId}`, label: "看板", testId: "plan-nav-board" },
    ...(isAdmin
      ? [{ page: "review" as const, href: `/plans/${planId}/review`, label: pendingCount ? `待审核（${pendingCount}）` : "待审核", testId: "plan-nav-review" }]
      : []),
    { page: "overdue", href: `/plans/${planId}/overdue`, label: "未填报", testId: "plan-nav-overdue" },
    { page: "onePager", href: `/plans/${planId}/one-pager`, label: "一张图", testId: "plan-nav-one-pager" },
    { page: "summary", href: `/plans/${planId}/summary`, label: "年度总结", testId: "plan-nav-summary" },
    ...(isAdmin || canEnter ? [{ page: "bulk" as const, href: `/plans/${planId}/bulk`, label: "批量填报", testId: "plan-nav-bulk" }] : []),
    ...((canAudit ?? isAdmin) ? [{ page: "audit" as const, href: `/plans/${planId}/audit`, label: "变更记录", testId: "plan-nav-audit" }] : []),
    ...(isAdmin ? [{ page: "settings" as const, href: `/plans/${planId}/settings`, label: "计划设置", testId: "plan-nav-settings" }] : []),
  ];
  return (
    <nav aria-label="计划页面" className="no-print mb-3 flex flex-wrap gap-1 border-b border-slate-200 text-sm">
      {items.map((item) => (
        <Link
          key={item.page}
          href={item.href}
          data-testid={item.testId}
          aria-current={item.page === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-1.5 ${item.page === current ? "border-brand-700 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-brand-700"}`}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
