"use client";
import Link from "next/link";
import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm" role="alert">
      <h1 className="text-xl font-semibold">页面出错了</h1>
      <p className="mt-2 text-sm text-slate-600">处理请求时发生错误，请稍后重试。如果问题持续出现，请联系系统管理员。</p>
      {error.digest && <p className="mt-2 text-xs text-slate-500">错误编号：{error.digest}</p>}
      <div className="mt-5 flex justify-center gap-3">
        <button type="button" onClick={reset} className="rounded bg-brand-700 px-4 py-1.5 text-sm text-white hover:bg-brand-600">重试</button>
        <Link href="/" className="rounded border border-slate-300 px-4 py-1.5 text-sm text-slate-700 hover:bg-slate-100">返回首页</Link>
      </div>
    </div>
  );
}
