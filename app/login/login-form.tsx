"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/client/auth-client";

function loginError(status: number | undefined): string {
  if (status === 429) return "登录尝试次数过多，请一分钟后再试";
  if (status === 401 || status === 400 || status === 403) return "用户名或密码不正确，或账号已停用";
  return "登录失败，请稍后再试";
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
    const result = await authClient.signIn.username({ username, password });
    setPending(false);
    if (result.error) {
      setError(loginError(result.error.status));
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-700">用户名</span>
        <input name="username" autoComplete="username" required className="w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none" />
      </label>
      <label className="block text-sm">
        <span className="mb-1 block text-slate-700">密码</span>
        <input name="password" type="password" autoComplete="current-password" required className="w-full rounded border border-slate-300 px-3 py-2 focus:border-brand-600 focus:outline-none" />
      </label>
      <p aria-live="polite" role="status" className="min-h-5 text-sm text-red-700">{error}</p>
      <button type="submit" disabled={pending} className="w-full rounded bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60">
        {pending ? "正在登录…" : "登录"}
      </button>
    </form>
  );
}
