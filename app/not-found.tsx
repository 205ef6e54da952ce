import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm" data-testid="not-found">
      <p className="text-sm font-medium text-slate-500">404</p>
      <h1 className="mt-1 text-xl font-semibold">找不到该页面</h1>
      <p className="mt-2 text-sm text-slate-600">您访问的计划、指标或页面不存在，可能已被归档或删除，或链接有误。</p>
      <Link href="/" className="mt-5 inline-block rounded bg-brand-700 px-4 py-1.5 text-sm text-white hover:bg-brand-600">返回计划与看板</Link>
    </div>
  );
}
