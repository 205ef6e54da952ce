// The app's callable surface, found on disk at test time: every /api/v1 route handler and every server action.
// Tests that must cover all of it (test/authorization.int.test.ts) fail on one they do not describe.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

export const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type AnyAction = (...args: unknown[]) => Promise<unknown>;

export interface Route {
  /** "/api/v1/plans/[planId]/locks" */
  pattern: string;
  params: string[];
  handlers: Partial<Record<Method, Handler>>;
}

export function filesUnder(dir: string): string[] {
  return (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .map((f) => path.join(dir, f).split(path.sep).join("/"))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
}

export const routeFiles = () => filesUnder("app/api/v1").filter((f) => f.endsWith("/route.ts")).sort();

/** Import only once the database exists (lib/server/auth.ts sets up better-auth on it at import). */
export async function loadRoute(file: string): Promise<Route> {
  const exported = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
  const pattern = `/${file.slice("app".length + 1, -"/route.ts".length)}`;
  const handlers: Route["handlers"] = {};
  for (const method of METHODS) if (typeof exported[method] === "function") handlers[method] = exported[method] as Handler;
  return { pattern, params: [...pattern.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!), handlers };
}

/** Modules with a "use server" directive, and any directive found elsewhere than at the top of a module. */
export function serverActionModules(): { modules: string[]; inline: string[] } {
  const modules: string[] = [];
  const inline: string[] = [];
  for (const file of ["app", "components", "lib"].flatMap(filesUnder)) {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    if (!/["']use server["']/.test(source)) continue;
    if (/^(\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/)*\s*["']use server["']/.test(source)) modules.push(file);
    else inline.push(file);
  }
  return { modules: modules.sort(), inline };
}

export async function loadActions(file: string): Promise<{ key: string; action: AnyAction }[]> {
  const exported = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
  return Object.entries(exported)
    .filter(([, value]) => typeof value === "function")
    .map(([name, action]) => ({ key: `${file}#${name}`, action: action as AnyAction }));
}
