"use client";
import { useActionState, useState } from "react";
import { ROLE_LABELS } from "@/lib/domain/labels";
import { FormMessage, SelectField, SubmitButton, TextField, initialFormState, type Option } from "@/components/form-fields";
import { createUserAction, updateUserAction, type UserFormValues } from "./actions";

const ROLE_OPTIONS: Option[] = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));
const ROLE_HINT = "填报员只能填报本单位牵头或配合的指标，必须选择单位，所属地区随单位；领导只读本地区及下级地区；管理员管理本地区及下级地区。";

/** The government picker: an admin's or leader's own choice; a reporter's region follows their department. */
function RegionField({ id, role, regions, defaultValue, error }: { id: string; role: string; regions: readonly Option[]; defaultValue: string; error?: string }) {
  const follows = role === "reporter";
  return (
    <SelectField
      label="所属地区"
      name="regionId"
      id={id}
      defaultValue={defaultValue}
      error={error}
      options={regions}
      disabled={follows}
      hint={follows ? "填报员的地区随所属单位" : undefined}
    />
  );
}

export function CreateUserForm({ departments, regions, defaultRegionId }: { departments: readonly Option[]; regions: readonly Option[]; defaultRegionId: string }) {
  const empty: UserFormValues = { username: "", name: "", role: "reporter", departmentId: "", regionId: defaultRegionId, disabled: false };
  const [state, action, pending] = useActionState(createUserAction, initialFormState(empty));
  const v = state.values;
  const f = state.fields;
  const [role, setRole] = useState(v.role);
  return (
    <form action={action} noValidate key={state.at} className="space-y-3" data-testid="create-user-form">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
        <TextField label="用户名" name="username" id="new-username" defaultValue={v.username} error={f.username} autoComplete="off" autoCapitalize="none" spellCheck={false} placeholder="例如 fgw_zhang" hint="3–30位小写字母、数字或下划线" />
        <TextField label="姓名" name="name" id="new-name" defaultValue={v.name} error={f.name} autoComplete="off" />
        <TextField label="初始密码" name="password" id="new-password" type="password" error={f.password} autoComplete="new-password" hint="至少10位，不能包含用户名，不能是常见密码" />
        <SelectField label="角色" name="role" id="new-role" defaultValue={v.role} error={f.role} options={ROLE_OPTIONS} onChange={(e) => setRole(e.target.value)} />
        <SelectField label="所属单位" name="departmentId" id="new-departmentId" defaultValue={v.departmentId} error={f.departmentId} options={departments} placeholder="（无）" />
        <RegionField id="new-regionId" role={role} regions={regions} defaultValue={v.regionId} error={f.regionId} />
      </div>
      <p className="text-xs text-slate-500">{ROLE_HINT}</p>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending}>创建用户</SubmitButton>
        <FormMessage state={state} testId="create-user-message" />
      </div>
    </form>
  );
}

export function EditUserForm({ userId, initialValues, departments, regions, isSelf }: {
  userId: string;
  initialValues: UserFormValues;
  departments: readonly Option[];
  regions: readonly Option[];
  isSelf: boolean;
}) {
  const [state, action, pending] = useActionState(updateUserAction.bind(null, userId), initialFormState(initialValues));
  const v = state.values;
  const f = state.fields;
  const [role, setRole] = useState(v.role);
  const id = (name: string) => `user-${userId}-${name}`;
  return (
    <form action={action} noValidate key={state.at} className="space-y-3" data-testid="edit-user-form">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <TextField label="姓名" name="name" id={id("name")} defaultValue={v.name} error={f.name} autoComplete="off" />
        <SelectField label="角色" name="role" id={id("role")} defaultValue={v.role} error={f.role} options={ROLE_OPTIONS} onChange={(e) => setRole(e.target.value)} />
        <SelectField label="所属单位" name="departmentId" id={id("departmentId")} defaultValue={v.departmentId} error={f.departmentId} options={departments} placeholder="（无）" />
        <RegionField id={id("regionId")} role={role} regions={regions} defaultValue={v.regionId} error={f.regionId} />
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
