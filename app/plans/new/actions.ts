"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/server/auth";
import { createPlanFromText } from "@/lib/server/plans";
import { refusedState, type FormState } from "@/components/form-fields";

export interface PlanImportValues {
  region: string;
  /** An existing region of the importer's scope; blank: found or made by name under theirs. */
  regionId: string;
  level: string;
  year: string;
  title: string;
  text: string;
}

export type PlanImportState = FormState<PlanImportValues>;

export async function importPlanAction(_prev: PlanImportState, formData: FormData): Promise<PlanImportState> {
  const text = (name: keyof PlanImportValues) => String(formData.get(name) ?? "");
  const values: PlanImportValues = { region: text("region"), regionId: text("regionId"), level: text("level"), year: text("year"), title: text("title"), text: text("text") };
  const result = await createPlanFromText(await currentActor(), {
    ...values,
    // Blank year: detected from the report text.
    year: values.year.trim() === "" ? undefined : values.year.trim(),
    regionId: values.regionId === "" ? undefined : values.regionId,
  });
  if (!result.ok) return refusedState(result.error, values);
  revalidatePath("/", "layout");
  redirect(`/plans/${result.value.id}`);
}
