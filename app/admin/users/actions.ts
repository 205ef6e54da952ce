"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/server/auth";
import { createUser, updateUser } from "@/lib/server/users";
import { refusedState, type FormState } from "@/components/form-fields";

/** Passwords are never sent back to the browser, not even to refill a refused form. */
export interface UserFormValues {
  username: string;
  name: string;
  role: string;
  departmentId: string;
  /** An admin's or leader's government; a reporter's follows their department. */
  regionId: string;
  disabled: boolean;
}

export type UserFormState = FormState<UserFormValues>;

function userValues(formData: FormData): UserFormValues {
  return {
    username: String(formData.get("username") ?? ""),
    name: String(formData.get("name") ?? ""),
    role: String(formData.get("role") ?? ""),
    departmentId: String(formData.get("departmentId") ?? ""),
    regionId: String(formData.get("regionId") ?? ""),
    disabled: formData.get("disabled") === "on",
  };
}

export async function createUserAction(_prev: UserFormState, formData: FormData): Promise<UserFormState> {
  const values = userValues(formData);
  const password = String(formData.get("password") ?? "");
  // The region picker is disabled (not sent) for a reporter, whose region follows their department.
  const result = await createUser(await currentActor(), { ...values, password });
  if (!result.ok) return refusedState(result.error, values);
  revalidatePath("/admin", "layout");
  return {
    status: "saved",
    message: `已创建用户 ${values.username.trim().toLowerCase()}，请将初始密码告知本人`,
    fields: {},
    values: { username: "", name: "", role: values.role, departmentId: "", regionId: values.regionId, disabled: false },
    at: Date.now(),
  };
}

export async function updateUserAction(userId: string, _prev: UserFormState, formData: FormData): Promise<UserFormState> {
  const values = userValues(formData);
  const password = String(formData.get("password") ?? "");
  // The form always sends every field (an unchecked 停用 box means enabled), so this is a full update.
  const result = await updateUser(await currentActor(), userId, {
    name: values.name,
    role: values.role,
    departmentId: values.departmentId,
    regionId: values.regionId,
    password,
    disabled: values.disabled,
  });
  if (!result.ok) return refusedState(result.error, values);
  revalidatePath("/admin", "layout");
  const notes = [password ? "密码已重置" : "", values.disabled ? "账号已停用" : ""].filter(Boolean);
  return { status: "saved", message: `已保存${notes.length ? `（${notes.join("，")}）` : ""}`, fields: {}, values, at: Date.now() };
}
