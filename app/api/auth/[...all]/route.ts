import { authEndpoint } from "@/lib/server/auth";

// Only sign-in, sign-out and get-session are open (lib/server/auth.ts); every other better-auth path is a 404.
export const GET = authEndpoint;
export const POST = authEndpoint;
