"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/client/auth-client";
import { retryAfterText } from "@/lib/domain/login-throttle";

const CHINESE = /[\u4e00-\u9fff]/;

/** What a refused sign-in says: the server's own Chinese message when it sent one, else one for its status. */
function loginError(error: { status?: number; code?: string; message?: string }, retryAfter: string | null): string {
  if (error.message && CHINESE.test(error.message)) return error.message;
  switch (error.status) {
    case 429:
      return `登录尝试次数过多，${retryAfterText(Number(retryAfter) || 60)}`;
    case 400:
    case 401:
    case 422:
      return "用户名或密码不正确，或账号已停用";
    case 403:
      return "登录请求被拒绝：请求来源与本系统的地址不符。请直接打开本系统的登录页面再试；经反向代理访问时，请管理员设置 LUOSHI_TRUSTED_ORIGINS";
    case 413:
      return "请求内容过大";
    default:
      return error.status && error.status >= 500 ? "服务器出错，请稍后再试或联系管理员" : "登录失败，请检查网络后再试";
  }
}

export function LoginForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim().toLowerCase();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError("请输入用户名和密码");
      return;
    }
    setPending(true);
    setError(null);
    let retryAfter: string | null = null;
    try {
      const result = await authClient.signIn.username(
        { username, password },
        { onError: (context) => void (retryAfter = context.response.headers.get("x-retry-after")) },
      );
      if (result.error) {
        setError(loginError(result.error, retryAfter));
        return;
      }
    } catch {
      setError("无法连接服务器，请检查网络后再试");
      return;
    } finally {
      setPending(false);
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-700">用户名</span>
        <input name="username" autoComplete="username" required className="w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-600" />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-700">密码</span>
        <input name="password" type="password" autoComplete="current-password" required className="w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-600" />
      </label>
      <p aria-live="polite" role="status" className="min-h-5 text-sm text-red-700">{error}</p>
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60">
        {pending ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
