"use client";

import * as React from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ActivityIcon, Loader2Icon, SendIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { outboundApi, outboundKeys, unwrap, type OutboundEvent } from "./api";
import { formatInZone } from "./format";
import { LoadError, LoadingRows } from "./query-state";
import { useApiAction } from "./use-api-action";

const PAGE = 50;
const ALL = "all";

/** Props of the Event log tab. */
export interface EventLogProps {
  eventTypes: readonly string[];
  canManage: boolean;
  timeZone: string;
}

/** The organisation's events, newest first, with their delivery counts; admins can resend one. */
export function EventLog({ eventTypes, canManage, timeZone }: EventLogProps) {
  const [type, setType] = React.useState(ALL);
  const events = useInfiniteQuery({
    queryKey: outboundKeys.events(type),
    queryFn: ({ pageParam }) => unwrap(outboundApi.events({ type: type === ALL ? undefined : type, cursor: pageParam, limit: PAGE })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const resend = useApiAction({
    run: (eventId: string) => outboundApi.resendEvent(eventId),
    success: (d) => (d.deliveries === 0 ? "No active endpoint takes this event type." : `Resent to ${d.deliveries} ${d.deliveries === 1 ? "endpoint" : "endpoints"}.`),
    refresh: [outboundKeys.all],
  });
  const rows = events.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <section className="space-y-4" aria-labelledby="event-log-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="event-log-heading" className="text-lg font-semibold">
          Event log
        </h2>
        <div className="grid gap-1">
          <Label htmlFor="event-type-filter">Event type</Label>
          <Select value={type} onValueChange={setType}>
            <SelectTrigger id="event-type-filter" className="w-56 font-mono text-xs">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>All types</SelectItem>
              {eventTypes.map((t) => (
                <SelectItem key={t} value={t} className="font-mono text-xs">
                  {t}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </div>
      {events.isPending ? (
        <LoadingRows label="Loading events" />
      ) : events.isError ? (
        <LoadError error={events.error} onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={ActivityIcon}
          title={type === ALL ? "No events yet" : `No ${type} events`}
          description="Events happen when invoices, payments, customers and the rest change. Each one is delivered to the endpoints that subscribe to its type."
        />
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Event</TableHead>
                  <TableHead>Time ({timeZone})</TableHead>
                  <TableHead className="text-right">Deliveries</TableHead>
                  <TableHead className="text-right">Succeeded</TableHead>
                  <TableHead className="text-right">Failed</TableHead>
                  <TableHead className="text-right">Pending</TableHead>
                  {canManage ? <TableHead className="sr-only">Actions</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((ev) => (
                  <EventRow
                    key={ev.id}
                    event={ev}
                    timeZone={timeZone}
                    action={
                      canManage ? (
                        <Button size="sm" variant="outline" onClick={() => resend.mutate(ev.id)} disabled={resend.isPending && resend.variables === ev.id}>
                          {resend.isPending && resend.variables === ev.id ? (
                            <Loader2Icon className="animate-spin" aria-hidden="true" />
                          ) : (
                            <SendIcon aria-hidden="true" />
                          )}
                          Resend
                        </Button>
                      ) : undefined
                    }
                  />
                ))}
              </TableBody>
            </Table>
          </div>
          <div className="flex items-center justify-between gap-3">
            <p className="text-sm text-muted-foreground">
              {rows.length} {rows.length === 1 ? "event" : "events"} shown
            </p>
            {events.hasNextPage ? (
              <Button variant="outline" size="sm" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                {events.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                Load older events
              </Button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}

function EventRow({ event: ev, timeZone, action }: { event: OutboundEvent; timeZone: string; action?: React.ReactNode }) {
  const d = ev.deliveries;
  return (
    <TableRow>
      <TableCell>
        <span className="font-mono text-xs">{ev.type}</span>
        <span className="block font-mono text-[11px] text-muted-foreground">{ev.id}</span>
      </TableCell>
      <TableCell className="whitespace-nowrap tabular-nums">{formatInZone(ev.createdAt, timeZone)}</TableCell>
      <TableCell className="text-right tabular-nums">{d.total}</TableCell>
      <TableCell className="text-right tabular-nums text-success">{d.succeeded}</TableCell>
      <TableCell className={`text-right tabular-nums ${d.failed ? "text-destructive" : ""}`}>{d.failed}</TableCell>
      <TableCell className="text-right tabular-nums">{d.pending}</TableCell>
      {action !== undefined ? <TableCell className="text-right">{action}</TableCell> : null}
    </TableRow>
  );
}
