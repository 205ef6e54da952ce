import Link from "next/link";

/** Shown instead of an admin page to a signed-in user who is not an administrator. */
export function Forbidden({ message = "此页面仅管理员可以使用。如需开通权限，请联系系统管理员。" }: { message?: string }) {
  return (
    <div className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm" data-testid="forbidden">
      <p className="text-sm font-medium text-slate-500">403</p>
      <h1 className="mt-1 text-xl font-semibold">无权访问</h1>
      <p className="mt-2 text-sm text-slate-600">{message}</p>
      <Link href="/" className="mt-5 inline-block rounded bg-brand-700 px-4 py-1.5 text-sm text-white hover:bg-brand-600">返回计划与看板</Link>
    </div>
  );
}
