"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeftIcon, PauseIcon, PencilIcon, PlayIcon, Trash2Icon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { outboundApi, outboundKeys, unwrap, type Endpoint } from "./api";
import { ConfirmButton } from "./confirm-button";
import { DeliveryLog } from "./delivery-log";
import { EndpointFormDialog } from "./endpoint-form-dialog";
import { EndpointStatusBadge } from "./endpoint-status-badge";
import { EndpointTools } from "./endpoint-tools";
import { durationText, eventFilterText, formatInZone, rateText } from "./format";
import { HourlyChart } from "./hourly-chart";
import { LoadError, LoadingRows } from "./query-state";
import { SecretPanel } from "./secret-panel";
import { useApiAction } from "./use-api-action";

/** Props of one endpoint's page. */
export interface EndpointDetailProps {
  endpointId: string;
  eventTypes: readonly string[];
  canManage: boolean;
  timeZone: string;
}

/** One endpoint: its settings and actions, 24-hour health, secret, test/recover and delivery log. */
export function EndpointDetail({ endpointId, eventTypes, canManage, timeZone }: EndpointDetailProps) {
  // Refreshed now and then: the job runner changes the 24-hour numbers (and may disable it).
  const endpoint = useQuery({
    queryKey: outboundKeys.endpoint(endpointId),
    queryFn: () => unwrap(outboundApi.getEndpoint(endpointId)),
    refetchInterval: 15_000,
  });

  const back = (
    <Link href="/webhooks" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeftIcon className="size-4" aria-hidden="true" /> All endpoints
    </Link>
  );
  if (endpoint.isPending) return <LoadingRows label="Loading endpoint" rows={4} />;
  if (endpoint.isError) {
    const failure = (endpoint.error as Error & { failure?: { status: number } }).failure;
    if (failure?.status === 404) {
      return (
        <div className="space-y-4">
          {back}
          <EmptyState title="Endpoint not found" description="It was deleted, or it belongs to another organisation." />
        </div>
      );
    }
    return <LoadError error={endpoint.error} onRetry={() => void endpoint.refetch()} />;
  }
  const e = endpoint.data;

  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0 space-y-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="truncate font-mono text-lg font-semibold" title={e.url}>
              {e.url}
            </h2>
            <EndpointStatusBadge endpoint={e} />
          </div>
          {e.description ? <p className="text-sm text-muted-foreground">{e.description}</p> : null}
          {e.status === "disabled" && e.disabledReason ? (
            <p className="text-sm text-destructive" role="status">
              Disabled: {e.disabledReason}
            </p>
          ) : null}
        </div>
        {canManage ? <EndpointActions endpoint={e} eventTypes={eventTypes} /> : null}
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Settings</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3 text-sm">
              <div>
                <dt className="text-muted-foreground">Events</dt>
                <dd className="font-mono text-xs break-words">{eventFilterText(e.eventTypes)}</dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Custom headers</dt>
                <dd>
                  {Object.keys(e.headers).length === 0 ? (
                    "None"
                  ) : (
                    <ul className="font-mono text-xs">
                      {Object.entries(e.headers).map(([k, v]) => (
                        <li key={k} className="break-all">
                          {k}: {v}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Created</dt>
                <dd className="tabular-nums">{formatInZone(e.createdAt, timeZone)}</dd>
              </div>
            </dl>
          </CardContent>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle className="text-base">Last 24 hours</CardTitle>
          </CardHeader>
          <CardContent className="space-y-3">
            <dl className="flex flex-wrap gap-6 text-sm">
              <Stat label="Success rate" value={rateText(e.stats24h?.successRate)} />
              <Stat label="Attempts" value={String(e.stats24h?.attempts ?? 0)} />
              <Stat label="Failed" value={String(e.stats24h?.failed ?? 0)} />
              <Stat label="p50 latency" value={durationText(e.stats24h?.p50Ms)} />
              <Stat label="p95 latency" value={durationText(e.stats24h?.p95Ms)} />
            </dl>
            <HourlyChart endpointId={e.id} timeZone={timeZone} />
          </CardContent>
        </Card>
      </div>

      <SecretPanel endpointId={e.id} canManage={canManage} timeZone={timeZone} />
      {canManage ? <EndpointTools endpointId={e.id} eventTypes={eventTypes} timeZone={timeZone} /> : null}
      <DeliveryLog endpointId={e.id} canManage={canManage} timeZone={timeZone} />
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

/** Edit, Pause/Resume and Delete (with confirmation), for owners and admins. */
function EndpointActions({ endpoint: e, eventTypes }: { endpoint: Endpoint; eventTypes: readonly string[] }) {
  const router = useRouter();
  const paused = e.status !== "active";
  const setStatus = useApiAction({
    run: (status: "active" | "paused") => outboundApi.updateEndpoint(e.id, { status }),
    success: (d) => (d.status === "paused" ? "Endpoint paused. Events wait until you resume it." : "Endpoint resumed."),
    refresh: [outboundKeys.endpoints()],
  });
  const remove = useApiAction({
    run: () => outboundApi.deleteEndpoint(e.id),
    success: "Endpoint deleted.",
    refresh: [outboundKeys.endpoints()],
    onDone: () => router.push("/webhooks"),
  });
  return (
    <div className="flex shrink-0 flex-wrap gap-2">
      <EndpointFormDialog
        eventTypes={eventTypes}
        endpoint={e}
        trigger={
          <Button variant="outline">
            <PencilIcon aria-hidden="true" /> Edit
          </Button>
        }
      />
      <Button variant="outline" onClick={() => setStatus.mutate(paused ? "active" : "paused")} disabled={setStatus.isPending}>
        {paused ? <PlayIcon aria-hidden="true" /> : <PauseIcon aria-hidden="true" />}
        {paused ? "Resume" : "Pause"}
      </Button>
      <ConfirmButton
        destructive
        title="Delete this endpoint?"
        description={`${e.url} stops receiving events at once, and its delivery log is deleted with it. This cannot be undone.`}
        confirmLabel="Delete endpoint"
        onConfirm={() => remove.mutate(undefined)}
        trigger={
          <Button variant="outline" className="text-destructive" disabled={remove.isPending}>
            <Trash2Icon aria-hidden="true" /> Delete
          </Button>
        }
      />
    </div>
  );
}
