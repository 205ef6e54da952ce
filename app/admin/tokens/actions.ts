"use server";
import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/server/auth";
import { issueApiToken, revokeApiToken } from "@/lib/server/tokens";
import { refusedState, type FormState } from "@/components/form-fields";

export type IssueTokenState = FormState<{ username: string; name: string }> & {
  /** The plain token, present only in the response that issued it; it is stored nowhere. */
  issued?: { token: string; username: string; name: string };
};

export async function issueTokenAction(_prev: IssueTokenState, formData: FormData): Promise<IssueTokenState> {
  const values = { username: String(formData.get("username") ?? ""), name: String(formData.get("name") ?? "") };
  const result = await issueApiToken(await currentActor(), values);
  if (!result.ok) return refusedState(result.error, values);
  revalidatePath("/admin", "layout");
  return {
    status: "saved",
    message: `已为 ${result.value.username} 签发令牌`,
    fields: {},
    values: { username: "", name: "" },
    at: Date.now(),
    issued: { token: result.value.token, username: result.value.username, name: values.name.trim() },
  };
}

export async function revokeTokenAction(tokenId: string): Promise<{ ok: boolean; message: string }> {
  const result = await revokeApiToken(await currentActor(), tokenId);
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath("/admin", "layout");
  return { ok: true, message: "已吊销" };
}
