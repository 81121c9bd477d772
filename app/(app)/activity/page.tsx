import type { Metadata } from "next";
import { ActivityIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireTenant } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage() {
  await requireTenant();
  return (
    <div className="space-y-6">
      <PageHeader title="Activity" description="Syncs, webhooks received and deliveries for this organisation." />
      <EmptyState
        icon={ActivityIcon}
        title="No activity yet"
        description="Activity is not recorded yet. Once integrations sync and webhooks arrive, they will be listed here."
      />
    </div>
  );
}
