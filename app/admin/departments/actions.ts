"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/server/auth";
import { createDepartment, renameDepartment } from "@/lib/server/departments";
import { refusedState, type FormState } from "@/components/form-fields";

export type DepartmentFormState = FormState<{ name: string }>;
export type NewDepartmentFormState = FormState<{ name: string; regionId: string }>;

export async function createDepartmentAction(_prev: NewDepartmentFormState, formData: FormData): Promise<NewDepartmentFormState> {
  const values = { name: String(formData.get("name") ?? ""), regionId: String(formData.get("regionId") ?? "") };
  // No region chosen: the admin's own.
  const result = await createDepartment(await currentActor(), { name: values.name, ...(values.regionId !== "" && { regionId: values.regionId }) });
  if (!result.ok) return refusedState(result.error, values);
  revalidatePath("/", "layout");
  return { status: "saved", message: `已新增单位：${values.name.trim()}`, fields: {}, values: { name: "", regionId: values.regionId }, at: Date.now() };
}

export async function renameDepartmentAction(departmentId: string, _prev: DepartmentFormState, formData: FormData): Promise<DepartmentFormState> {
  const values = { name: String(formData.get("name") ?? "") };
  const result = await renameDepartment(await currentActor(), departmentId, values);
  if (!result.ok) return refusedState(result.error, values);
  // Department names show on boards, goal pages and user lists.
  revalidatePath("/", "layout");
  return { status: "saved", message: "已保存", fields: {}, values: { name: values.name.trim() }, at: Date.now() };
}
