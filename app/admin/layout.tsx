import { currentActor } from "@/lib/server/auth";
import { can } from "@/lib/domain/permissions";
import { AdminTabs } from "./admin-tabs";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Navigation only; every page and server action authorises itself.
  const actor = await currentActor();
  return (
    <div>
      {actor && can(actor, { action: "manage" }) && <AdminTabs />}
      {children}
    </div>
  );
}
