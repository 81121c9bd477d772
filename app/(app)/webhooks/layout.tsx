import { PageHeader } from "@/components/page-header";
import { WebhooksTabs } from "@/components/outbound/webhooks-tabs";

/** The Webhooks section: one heading and the Endpoints / Event log / Inbound / Event catalog tabs. */
export default function WebhooksLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description="Send this organisation's events to your own endpoints as signed, retried webhooks, and see what providers send in."
      />
      <WebhooksTabs />
      {children}
    </div>
  );
}
