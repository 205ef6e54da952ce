import type { IncomingMessage } from "node:http";

export interface FastRouteTableEntry {
  method: string;
  pattern: RegExp;
  param: string;
  handler: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
}

export function fastRouteFor(
  request: Pick<IncomingMessage, "method" | "url">,
  routes?: readonly FastRouteTableEntry[],
): { handler: FastRouteTableEntry["handler"]; params: Record<string, string> } | null;

export function installFastRoutes(): void;
