"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/admin", label: "概览" },
  { href: "/admin/regions", label: "地区" },
  { href: "/admin/departments", label: "单位" },
  { href: "/admin/department-mapping", label: "牵头单位对照" },
  { href: "/admin/users", label: "用户" },
  { href: "/admin/tokens", label: "接口令牌" },
] as const;

export function AdminTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="系统管理" className="no-print mb-4 flex gap-1 overflow-x-auto border-b border-slate-200 text-sm">
      {TABS.map((tab) => {
        const active = tab.href === "/admin" ? pathname === "/admin" : pathname.startsWith(tab.href);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 ${active ? "border-brand-700 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-brand-700"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
