import { Forbidden } from "@/components/forbidden";

/** Rendered with HTTP 403 when a page calls forbidden() (a signed-in user without the role it needs). */
export default function ForbiddenPage() {
  return <Forbidden />;
}
