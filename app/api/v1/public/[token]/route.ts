import { errorResponse, handle, json } from "@/lib/server/api";
import { clientAddress } from "@/lib/server/client-address";
import { getPublicBoard } from "@/lib/server/public-links";

type Context = { params: Promise<{ token: string }> };

/**
 * GET /api/v1/public/:token — the public board behind a share link, no sign-in: statuses, targets and approved
 * figures. Nothing of the request but the token is read (no filters); unknown or revoked → 404; too many → 429.
 */
export async function GET(request: Request, { params }: Context) {
  return handle(async () => {
    const { token } = await params;
    const board = await getPublicBoard(token, clientAddress(request.headers));
    if (!board.ok) return errorResponse(board.error);
    return json(board.value, 200, { "x-robots-tag": "noindex, nofollow" });
  });
}
