"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/server/auth";
import { createRegion } from "@/lib/server/regions";
import { refusedState, type FormState } from "@/components/form-fields";

export interface RegionFormValues {
  name: string;
  level: string;
  parentId: string;
}

export type RegionFormState = FormState<RegionFormValues>;

export async function createRegionAction(_prev: RegionFormState, formData: FormData): Promise<RegionFormState> {
  const values: RegionFormValues = {
    name: String(formData.get("name") ?? ""),
    level: String(formData.get("level") ?? ""),
    parentId: String(formData.get("parentId") ?? ""),
  };
  const result = await createRegion(await currentActor(), values);
  if (!result.ok) return refusedState(result.error, values);
  // Region pickers sit on the admin pages and the import form.
  revalidatePath("/", "layout");
  return { status: "saved", message: `已新增地区：${result.value.path}`, fields: {}, values: { name: "", level: values.level, parentId: values.parentId }, at: Date.now() };
}
