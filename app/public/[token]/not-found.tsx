// A share link that does not exist or was revoked: the same answer for both, and no way into the app.
export default function PublicLinkNotFound() {
  return (
    <div className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm" data-testid="public-not-found">
      <p className="text-sm font-medium text-slate-500">404</p>
      <h1 className="mt-1 text-xl font-semibold">该公开链接不存在或已撤销</h1>
      <p className="mt-2 text-sm text-slate-600">请向发布单位索取有效的公开看板链接。</p>
    </div>
  );
}
