import "server-only";
import type { Actor, Role } from "@/lib/domain/permissions";

export type { Actor };

export function actorFromUserRow(user: {
  id: string;
  username: string | null;
  name: string;
  role: string;
  departmentId: string | null;
  department: { name: string } | null;
}): Actor {
  return {
    userId: user.id,
    username: user.username ?? user.id,
    name: user.name,
    role: user.role as Role,
    departmentId: user.departmentId,
    departmentName: user.department?.name ?? null,
  };
}
