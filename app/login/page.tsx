import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/server/auth";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage() {
  if (await currentActor()) redirect("/");
  return (
    <div className="mx-auto mt-10 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">登录</h1>
      <p className="mb-5 text-sm text-slate-500">政府工作报告目标任务跟踪系统</p>
      <LoginForm />
    </div>
  );
}
