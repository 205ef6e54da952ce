import "server-only";
import type { HeaderReader } from "@/lib/domain/request-origin";

// The address a request comes from, for rate limits. Next 16 hands route handlers and proxy.ts no socket address
// and passes a client's own X-Forwarded-For through, so `npm start` preloads scripts/lib/client-address.mjs into
// the Next process: it stamps every request with the real peer address (or, with LUOSHI_TRUSTED_PROXY=1, the
// address the proxy reports) under a header of its own, and names that header in LUOSHI_CLIENT_ADDRESS_HEADER.
// Without the preload (tests, `next start` by hand) no address is trusted and limits fall back to one shared key.

/** The header holding a trustworthy client address, or null when the app runs without the preload. */
export const CLIENT_ADDRESS_HEADER: string | null = process.env.LUOSHI_CLIENT_ADDRESS_HEADER || null;

/** The client's address, or null when none can be trusted. */
export function clientAddress(headers: HeaderReader): string | null {
  if (!CLIENT_ADDRESS_HEADER) return null;
  const value = headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  // An address is short and plain (IPv4, IPv6); anything else is not ours.
  return value && /^[0-9A-Fa-f.:]{2,45}$/.test(value) ? value.toLowerCase() : null;
}
