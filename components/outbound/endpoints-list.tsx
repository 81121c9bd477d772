"use client";

import type * as React from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { PlusIcon, SendIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { outboundApi, outboundKeys, unwrap, type Endpoint } from "./api";
import { EndpointFormDialog } from "./endpoint-form-dialog";
import { EndpointStatusBadge } from "./endpoint-status-badge";
import { durationText, eventFilterText, rateText } from "./format";
import { HourlyChart } from "./hourly-chart";
import { OutboundNotices } from "./notices";
import { LoadError, LoadingRows } from "./query-state";

/** Props of the Endpoints tab. */
export interface EndpointsListProps {
  eventTypes: readonly string[];
  canManage: boolean;
  timeZone: string;
}

/** The organisation's endpoints with their 24-hour health, and "Add endpoint" for admins. */
export function EndpointsList({ eventTypes, canManage, timeZone }: EndpointsListProps) {
  const router = useRouter();
  const endpoints = useQuery({ queryKey: outboundKeys.endpoints(), queryFn: () => unwrap(outboundApi.listEndpoints()) });

  const addButton = canManage ? (
    <EndpointFormDialog
      eventTypes={eventTypes}
      onSaved={(e) => router.push(`/webhooks/endpoints/${e.id}`)}
      trigger={
        <Button>
          <PlusIcon aria-hidden="true" /> Add endpoint
        </Button>
      }
    />
  ) : null;

  let body: React.ReactNode;
  if (endpoints.isPending) body = <LoadingRows label="Loading endpoints" />;
  else if (endpoints.isError) body = <LoadError error={endpoints.error} onRetry={() => void endpoints.refetch()} />;
  else if (endpoints.data.length === 0) {
    body = (
      <EmptyState
        icon={SendIcon}
        title="No endpoints yet"
        description={
          <>
            An endpoint is a URL of yours — a server, Zapier, Make, n8n — that receives this organisation&apos;s events
            (such as <code>invoice.paid</code>) as signed HTTP POSTs. Failed deliveries are retried and every attempt is logged here.
            {canManage ? null : " Ask an owner or admin to add one."}
          </>
        }
        action={addButton}
      />
    );
  } else body = <EndpointsTable endpoints={endpoints.data} addButton={addButton} timeZone={timeZone} />;

  return (
    <div className="space-y-4">
      <OutboundNotices canManage={canManage} />
      {body}
    </div>
  );
}

function EndpointsTable({ endpoints, addButton, timeZone }: { endpoints: Endpoint[]; addButton: React.ReactNode; timeZone: string }) {
  return (
    <section className="space-y-4" aria-labelledby="endpoints-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="endpoints-heading" className="text-lg font-semibold">
          Endpoints
        </h2>
        {addButton}
      </div>
      <div className="overflow-x-auto rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Endpoint</TableHead>
              <TableHead>Events</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Success (24 h)</TableHead>
              <TableHead className="text-right">p95 latency</TableHead>
              <TableHead>Last 24 hours</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {endpoints.map((e) => (
              <TableRow key={e.id}>
                <TableCell className="max-w-80">
                  <Link href={`/webhooks/endpoints/${e.id}`} className="block truncate font-medium hover:underline" title={e.url}>
                    {e.url}
                  </Link>
                  {e.description ? <p className="truncate text-xs text-muted-foreground">{e.description}</p> : null}
                </TableCell>
                <TableCell className="max-w-56 truncate text-xs" title={eventFilterText(e.eventTypes)}>
                  {eventFilterText(e.eventTypes)}
                </TableCell>
                <TableCell>
                  <EndpointStatusBadge endpoint={e} />
                </TableCell>
                <TableCell className="text-right tabular-nums" title={e.stats24h ? `${e.stats24h.succeeded} of ${e.stats24h.attempts} attempts` : undefined}>
                  {rateText(e.stats24h?.successRate)}
                </TableCell>
                <TableCell className="text-right tabular-nums">{durationText(e.stats24h?.p95Ms)}</TableCell>
                <TableCell>
                  <HourlyChart endpointId={e.id} timeZone={timeZone} compact />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
