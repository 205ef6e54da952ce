"use client";
import { useActionState, useRef, useState } from "react";
import { ConfirmActionButton } from "@/components/confirm-action-button";
import { FormMessage, SelectField, SubmitButton, TextField, initialFormState, type Option } from "@/components/form-fields";
import { issueTokenAction, revokeTokenAction, type IssueTokenState } from "./actions";

const INITIAL: IssueTokenState = initialFormState({ username: "", name: "" });

export function IssueTokenForm({ users }: { users: readonly Option[] }) {
  const [state, action, pending] = useActionState(issueTokenAction, INITIAL);
  const v = state.values;
  const f = state.fields;
  return (
    <div className="space-y-4">
      <form action={action} noValidate key={state.at} className="space-y-3" data-testid="issue-token-form">
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField label="令牌代表的用户" name="username" defaultValue={v.username} error={f.username} options={users} placeholder="请选择用户" hint="令牌拥有该用户的全部权限；对接系统报数时请选所对应单位的填报员" />
          <TextField label="用途" name="name" defaultValue={v.name} error={f.name} autoComplete="off" placeholder="例如 统计局数据对接" />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton pending={pending} pendingText="正在签发…">签发令牌</SubmitButton>
          <FormMessage state={state} testId="issue-token-message" />
        </div>
      </form>
      {state.issued && <IssuedToken key={state.issued.token} {...state.issued} />}
    </div>
  );
}

function IssuedToken({ token, username, name }: { token: string; username: string; name: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("已复制到剪贴板");
    } catch {
      // Clipboard API needs a secure context; select the text so Ctrl+C / long-press works.
      inputRef.current?.select();
      setCopied("无法自动复制，已选中令牌，请手动复制");
    }
  }
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-3" data-testid="issued-token">
      <p className="text-sm font-semibold text-amber-900" role="alert">令牌只显示一次，请立即复制保存</p>
      <p className="mt-1 text-xs text-amber-900">用户 {username} · {name}。离开或刷新本页后将无法再次查看；遗失请吊销后重新签发。</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <label htmlFor="issued-token-value" className="sr-only">新令牌</label>
        <input
          id="issued-token-value"
          ref={inputRef}
          readOnly
          value={token}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-amber-300 bg-white px-2 py-1.5 font-mono text-sm"
          data-testid="issued-token-value"
        />
        <button type="button" onClick={copy} className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white hover:bg-slate-700">复制</button>
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-emerald-700">{copied}</p>
      <p className="mt-1 text-xs text-slate-600">调用接口时在请求头中携带：<code className="break-all">Authorization: Bearer {token.slice(0, 6)}…</code></p>
    </div>
  );
}

export function RevokeTokenButton({ tokenId, label }: { tokenId: string; label: string }) {
  return (
    <ConfirmActionButton
      confirmText={`确定吊销令牌“${label}”吗？吊销后使用该令牌的对接系统将立即无法访问。`}
      action={() => revokeTokenAction(tokenId)}
      label="吊销"
      pendingLabel="吊销中…"
      className="text-sm text-red-700 underline hover:text-red-800 disabled:opacity-60"
    />
  );
}
