import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { InboundEventLog } from "@/components/inbound/inbound-event-log";
import { listManifests } from "@/integrations";
import { requireTenant } from "@/lib/auth/session";
import { canManageIntegrations } from "@/lib/auth/tenant";
import { getDb } from "@/lib/db/client";
import { organisationTimeZone } from "@/lib/db/queries/organisations";
import { inboundModule } from "@/lib/inbound/modules";

export const metadata: Metadata = { title: "Inbound webhooks" };

/** The organisation's inbound webhook log: every delivery the providers made, verified and stored. */
export default async function InboundWebhooksPage() {
  const tenant = await requireTenant();
  const timeZone = await organisationTimeZone(await getDb(), tenant);
  const providers = listManifests().filter((m) => inboundModule(m.id)).map((m) => ({ value: m.id, label: m.name }));

  return (
    <div className="space-y-4">
      {/* The Webhooks layout (outbound-screens) holds the section's heading and tabs. */}
      <p className="text-sm text-muted-foreground">
        What the providers sent the hub, newest first, and how each event was processed. Times are in {timeZone}.
      </p>
      <Suspense fallback={<Skeleton className="h-64 w-full" />}>
        <InboundEventLog
          timeZone={timeZone}
          canReplay={canManageIntegrations(tenant)}
          path="/webhooks/inbound"
          providers={providers}
          emptyHint={
            <>
              Here is how to point a provider at this hub: open the connection under{" "}
              <Link href="/integrations" className="underline underline-offset-4">Integrations</Link>, choose its Webhooks tab, copy the
              webhook URL into the provider&apos;s webhook settings and, if the provider gives you a signing secret, save it there too.
            </>
          }
        />
      </Suspense>
    </div>
  );
}
