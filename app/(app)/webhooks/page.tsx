import type { Metadata } from "next";
import { WebhookIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { requireTenant } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requireTenant();
  return (
    <div className="space-y-6">
      <PageHeader title="Webhooks" description="Send this organisation's events to your own endpoints." />
      <EmptyState
        icon={WebhookIcon}
        title="Outbound webhooks arrive in a later release"
        description="You will be able to subscribe endpoints to events such as invoice.paid, with signed deliveries and retries. Nothing is sent yet."
      />
    </div>
  );
}
