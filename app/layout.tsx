import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { currentActor } from "@/lib/server/auth";
import { roleLabel } from "@/lib/domain/labels";
import { logout } from "./actions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "落实 · 政府工作报告目标任务跟踪", template: "%s · 落实" },
  description: "政府工作报告量化目标的分解、填报、督查与年终总结",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // A public board (/public/…, marked by proxy.ts) is for anyone: no header, no links into the app.
  const publicPage = (await headers()).get("x-luoshi-public-page") === "1";
  const actor = publicPage ? null : await currentActor();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">
        <a href="#main" className="skip-link no-print">跳到主要内容</a>
        {!publicPage && <header className="no-print border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
            <Link href="/" className="flex items-baseline gap-2">
              <span className="text-lg font-bold text-brand-700">落实</span>
              <span className="hidden text-xs text-slate-500 sm:inline">政府工作报告目标任务跟踪</span>
            </Link>
            {actor && (
              <nav className="flex items-center gap-4 text-sm">
                <Link href="/" className="text-slate-700 hover:text-brand-700" data-testid="nav-inbox">待我处理</Link>
                <Link href="/#plans" className="text-slate-700 hover:text-brand-700">计划与看板</Link>
                {actor.role === "admin" && (
                  <>
                    <Link href="/plans/new" className="text-slate-700 hover:text-brand-700">导入报告</Link>
                    <Link href="/admin" className="text-slate-700 hover:text-brand-700">系统管理</Link>
                  </>
                )}
              </nav>
            )}
            {actor && (
              <div className="ml-auto flex items-center gap-3 text-sm">
                <span className="text-slate-600" data-testid="current-user">
                  {actor.name}
                  <span className="ml-1 text-xs text-slate-500">
                    {roleLabel(actor.role)}
                    {actor.departmentName ? ` · ${actor.departmentName}` : ""}
                  </span>
                </span>
                <form action={logout}>
                  <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 text-slate-600 hover:bg-slate-100">
                    退出
                  </button>
                </form>
              </div>
            )}
          </div>
        </header>}
        <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-5 focus:outline-none">{children}</main>
      </body>
    </html>
  );
}
