"use client";
import { useActionState } from "react";
import { ROLE_LABELS } from "@/lib/domain/labels";
import { FormMessage, SelectField, SubmitButton, TextField, initialFormState, type Option } from "@/components/form-fields";
import { createUserAction, updateUserAction, type UserFormValues } from "./actions";

const ROLE_OPTIONS: Option[] = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));
const ROLE_HINT = "填报员只能填报本单位牵头或配合的指标，必须选择单位；领导只读；管理员可管理全部。";

export function CreateUserForm({ departments }: { departments: readonly Option[] }) {
  const empty: UserFormValues = { username: "", name: "", role: "reporter", departmentId: "", disabled: false };
  const [state, action, pending] = useActionState(createUserAction, initialFormState(empty));
  const v = state.values;
  const f = state.fields;
  return (
    <form action={action} noValidate key={state.at} className="space-y-3" data-testid="create-user-form">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <TextField label="用户名" name="username" id="new-username" defaultValue={v.username} error={f.username} autoComplete="off" autoCapitalize="none" spellCheck={false} placeholder="例如 fgw_zhang" hint="3–30位小写字母、数字或下划线" />
        <TextField label="姓名" name="name" id="new-name" defaultValue={v.name} error={f.name} autoComplete="off" />
        <TextField label="初始密码" name="password" id="new-password" type="password" error={f.password} autoComplete="new-password" hint="至少10位，不能包含用户名，不能是常见密码" />
        <SelectField label="角色" name="role" id="new-role" defaultValue={v.role} error={f.role} options={ROLE_OPTIONS} />
        <SelectField label="所属单位" name="departmentId" id="new-departmentId" defaultValue={v.departmentId} error={f.departmentId} options={departments} placeholder="（无）" />
      </div>
      <p className="text-xs text-slate-500">{ROLE_HINT}</p>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>创建用户</SubmitButton>
        <FormMessage state={state} testId="create-user-message" />
      </div>
    </form>
  );
}

export function EditUserForm({ userId, initialValues, departments, isSelf }: {
  userId: string;
  initialValues: UserFormValues;
  departments: readonly Option[];
  isSelf: boolean;
}) {
  const [state, action, pending] = useActionState(updateUserAction.bind(null, userId), initialFormState(initialValues));
  const v = state.values;
  const f = state.fields;
  const id = (name: string) => `user-${userId}-${name}`;
  return (
    <form action={action} noValidate key={state.at} className="space-y-3" data-testid="edit-user-form">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <TextField label="姓名" name="name" id={id("name")} defaultValue={v.name} error={f.name} autoComplete="off" />
        <SelectField label="角色" name="role" id={id("role")} defaultValue={v.role} error={f.role} options={ROLE_OPTIONS} />
        <SelectField label="所属单位" name="departmentId" id={id("departmentId")} defaultValue={v.departmentId} error={f.departmentId} options={departments} placeholder="（无）" />
        <TextField label="重置密码（留空不修改）" name="password" id={id("password")} type="password" error={f.password} autoComplete="new-password" hint="至少10位，不能包含用户名；重置后该用户需重新登录" />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="disabled" defaultChecked={v.disabled} disabled={isSelf} className="size-4 accent-brand-700" />
        <span>停用该账号（停用后不能登录，其接口令牌也随之失效；填报记录保留）</span>
      </label>
      {isSelf && <p className="text-xs text-slate-500">这是您自己的账号：不能停用自己，也不能取消自己的管理员角色。</p>}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} tone="secondary">保存</SubmitButton>
        <FormMessage state={state} testId="edit-user-message" />
      </div>
    </form>
  );
}
