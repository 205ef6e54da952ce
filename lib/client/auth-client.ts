"use client";
import { createAuthClient } from "better-auth/react";
import { usernameClient } from "better-auth/client/plugins";

/** Browser side of better-auth: login goes through /api/auth so its rate limit applies. */
export const authClient = createAuthClient({ plugins: [usernameClient()] });
