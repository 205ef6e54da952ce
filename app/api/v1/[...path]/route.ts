import { errorResponse, handle } from "@/lib/server/api";

// Any /api/v1 path no route serves: the API's JSON 404 (with its security headers) instead of Next's HTML page,
// which would come without them now that proxy.ts leaves /api/v1 alone. Routes that exist win over this one.

export const dynamic = "force-dynamic";

function notFound(request: Request): Promise<Response> {
  return handle(async () => {
    const path = new URL(request.url).pathname.slice(0, 200);
    return errorResponse({ code: "not_found", message: `没有这个接口：${request.method} ${path}（见 README 的 API 一节）` });
  });
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
