import type { Metadata } from "next";
import { CopyButton } from "@/components/copy-button";
import { PageHeader } from "@/components/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireTenant } from "@/lib/auth/session";
import {
  eventCatalog, eventPayloadJsonSchema, eventTypesByResource, sampleWebhookPayload, type EventType,
} from "@/lib/events/catalog";

export const metadata: Metadata = { title: "Event catalog" };

const RESOURCE_TITLE: Record<string, string> = {
  invoice: "Invoices", payment: "Payments", customer: "Customers", project: "Projects", ticket: "Tickets", quote: "Quotes",
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function JsonBlock({ title, json, what, id }: { title: string; json: string; what: string; id: string }) {
  return (
    <div className="min-w-0 space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h4 id={id} className="text-sm font-medium">{title}</h4>
        <CopyButton text={json} what={what} />
      </div>
      <pre aria-labelledby={id} className="max-h-96 overflow-auto rounded-md border bg-muted/50 p-3 text-xs leading-relaxed"><code>{json}</code></pre>
    </div>
  );
}

function EventTypeSection({ type }: { type: EventType }) {
  const slug = type.replace(".", "-");
  return (
    <section id={slug} aria-labelledby={`${slug}-title`} className="space-y-3 border-t pt-4 first:border-t-0 first:pt-0">
      <div>
        <h3 id={`${slug}-title`} className="font-mono text-sm font-semibold">{type}</h3>
        <p className="text-sm text-muted-foreground">{eventCatalog[type].description}</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <JsonBlock id={`${slug}-sample`} title="Sample payload" what="Sample" json={pretty(sampleWebhookPayload(type))} />
        <JsonBlock id={`${slug}-schema`} title="JSON Schema of data" what="Schema" json={pretty(eventPayloadJsonSchema(type))} />
      </div>
    </section>
  );
}

/** Every event type the hub sends, grouped by resource, with its description, sample and schema. */
export default async function EventCatalogPage() {
  await requireTenant();
  const groups = eventTypesByResource();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Event catalog"
        description={
          <>
            Every event is sent as a Standard Webhooks payload <code className="font-mono">{"{ type, timestamp, data }"}</code>;
            the schema below describes <code className="font-mono">data</code>. Amounts are in minor units (cents) of the currency.
          </>
        }
      />
      <nav aria-label="Event types" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {groups.flatMap((g) => g.types).map((type) => (
          <a key={type} href={`#${type.replace(".", "-")}`} className="font-mono text-muted-foreground hover:text-foreground hover:underline">{type}</a>
        ))}
      </nav>
      {groups.map((g) => (
        <Card key={g.resource}>
          <CardHeader><CardTitle>{RESOURCE_TITLE[g.resource] ?? g.resource}</CardTitle></CardHeader>
          <CardContent className="space-y-4">
            {g.types.map((type) => <EventTypeSection key={type} type={type} />)}
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
