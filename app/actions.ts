"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/lib/server/auth";

export async function logout(): Promise<void> {
  await auth.api.signOut({ headers: await headers() });
  redirect("/login");
}
