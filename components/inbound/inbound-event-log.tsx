"use client";

import * as React from "react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useInfiniteQuery } from "@tanstack/react-query";
import { FilterXIcon, Loader2Icon, WebhookIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Button, buttonVariants } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { fetchEventPage, inboundKeys, type InboundEvent } from "./api";
import { EventDetail } from "./event-detail";
import { EventFilters } from "./event-filters";
import { EventStatusBadge } from "./event-status-badge";
import { apiFilters, eventTime, filterKeys, hasFilters, readUrlFilters } from "./format";
import { ReplayButton } from "./replay-button";

/** Props of the inbound event log (the Webhooks section's Inbound tab and a connection's Webhooks tab). */
export interface InboundEventLogProps {
  /** The organisation's IANA time zone: times and the From/To days are read in it. */
  timeZone: string;
  /** Owners and admins: checkboxes and the Replay buttons. */
  canReplay: boolean;
  /** The page the filters submit to. */
  path: string;
  /** Provider filter options; omit on a connection's tab. */
  providers?: { value: string; label: string }[];
  /** The provider's name on a connection's tab (where `providers` is omitted). */
  providerLabel?: string;
  /** Only this connection's events (its Webhooks tab). */
  connectionId?: string;
  /** Query parameters the filter form keeps (the connection page's `tab=webhooks`). */
  hidden?: Record<string, string>;
  /** What the empty state says when nothing was ever received. */
  emptyHint: React.ReactNode;
}

/**
 * The inbound webhooks received, newest first, with filters from the URL, "Load more" cursor
 * pages, a detail panel per row and (admins) replay of one event or a selection.
 */
export function InboundEventLog({ timeZone, canReplay, path, providers, providerLabel, connectionId, hidden, emptyHint }: InboundEventLogProps) {
  const params = useSearchParams();
  const urlFilters = readUrlFilters(params);
  const filters = apiFilters(urlFilters, timeZone, connectionId);
  const query = useInfiniteQuery({
    queryKey: inboundKeys.list(filters),
    queryFn: ({ pageParam }) => fetchEventPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.page.nextCursor ?? null,
    // The log is live: new deliveries appear without a reload, and events still waiting for their
    // processing job (just received or replayed) are looked at again sooner.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.data.some((e) => e.status === "received")) ? 2_000 : 10_000),
    staleTime: 0,
  });
  const rows = React.useMemo(() => query.data?.pages.flatMap((p) => p.data) ?? [], [query.data]);
  const [open, setOpen] = React.useState<InboundEvent | null>(null);
  const filterKey = filterKeys.map((k) => urlFilters[k]).join("|");
  // The selection belongs to one filtered list: a new filter starts with nothing selected.
  const [selection, setSelection] = React.useState<{ key: string; ids: ReadonlySet<string> }>({ key: filterKey, ids: new Set() });
  const selected = selection.key === filterKey ? selection.ids : new Set<string>();
  const setSelected = (ids: ReadonlySet<string>) => setSelection({ key: filterKey, ids });

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };
  const allChecked = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggleAll = () => setSelected(allChecked ? new Set() : new Set(rows.map((r) => r.id)));
  const providerName = (id: string) => providers?.find((p) => p.value === id)?.label ?? providerLabel ?? id;
  const clearHref = hidden && Object.keys(hidden).length ? `${path}?${new URLSearchParams(hidden)}` : path;

  return (
    <div className="space-y-4">
      <EventFilters key={filterKey} action={path} current={urlFilters} providers={providers} hidden={hidden} />
      {canReplay && selected.size > 0 ? (
        <div className="flex items-center gap-3 rounded-md border bg-muted/40 px-3 py-2 text-sm">
          <span>{selected.size} selected</span>
          <ReplayButton ids={[...selected]} label={`Replay ${selected.size} selected`} onDone={() => setSelected(new Set())} />
          <Button variant="ghost" size="sm" onClick={() => setSelected(new Set())}>Clear selection</Button>
        </div>
      ) : null}

      {query.isPending ? (
        <div className="space-y-2" aria-busy="true" aria-label="Loading inbound events">
          {Array.from({ length: 5 }, (_, i) => <Skeleton key={i} className="h-10 w-full" />)}
        </div>
      ) : query.isError ? (
        <p role="alert" className="rounded-md border border-destructive/40 p-4 text-sm text-destructive">
          The inbound events could not be loaded: {query.error.message}
        </p>
      ) : rows.length === 0 ? (
        hasFilters(urlFilters) ? (
          <EmptyState
            icon={FilterXIcon}
            title="No events match these filters"
            description="Widen the time range or clear a filter."
            action={<Link href={clearHref} className={buttonVariants({ variant: "outline" })}>Clear filters</Link>}
          />
        ) : (
          <EmptyState icon={WebhookIcon} title="No webhooks received yet" description={emptyHint} />
        )
      ) : (
        <>
          <div className="overflow-x-auto rounded-md border">
            <Table aria-label="Inbound events">
              <TableHeader>
                <TableRow>
                  {canReplay ? (
                    <TableHead className="w-10">
                      <input type="checkbox" className="size-4 align-middle" aria-label="Select all shown events" checked={allChecked} onChange={toggleAll} />
                    </TableHead>
                  ) : null}
                  <TableHead>Received</TableHead>
                  {connectionId ? null : <TableHead>Provider</TableHead>}
                  {connectionId ? null : <TableHead>Connection</TableHead>}
                  <TableHead>Type</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">Attempts</TableHead>
                  <TableHead>Last error</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.id} className="cursor-pointer" data-state={selected.has(r.id) ? "selected" : undefined} onClick={() => setOpen(r)}>
                    {canReplay ? (
                      <TableCell onClick={(e) => e.stopPropagation()}>
                        <input type="checkbox" className="size-4 align-middle" aria-label={`Select ${r.type} received ${eventTime(r.receivedAt, timeZone)}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                      </TableCell>
                    ) : null}
                    <TableCell className="whitespace-nowrap tabular-nums">{eventTime(r.receivedAt, timeZone)}</TableCell>
                    {connectionId ? null : <TableCell>{providerName(r.provider)}</TableCell>}
                    {connectionId ? null : <TableCell className="max-w-48 truncate">{r.connectionName ?? "—"}</TableCell>}
                    <TableCell>
                      {/* A real button so the panel opens from the keyboard too. */}
                      <button type="button" className="font-mono text-xs underline-offset-4 hover:underline" onClick={(e) => { e.stopPropagation(); setOpen(r); }}>
                        {r.type}
                      </button>
                    </TableCell>
                    <TableCell><EventStatusBadge status={r.status} /></TableCell>
                    <TableCell className="text-right tabular-nums">{r.attempts}</TableCell>
                    <TableCell className="max-w-72 truncate text-muted-foreground" title={r.lastError ?? r.ignoredReason ?? undefined}>
                      {r.lastError ?? (r.ignoredReason ? `Ignored: ${r.ignoredReason}` : "—")}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <div className="flex items-center justify-between gap-4">
            <p className="text-sm text-muted-foreground">{rows.length === 1 ? "1 event shown" : `${rows.length} events shown`}</p>
            {query.hasNextPage ? (
              <Button variant="outline" size="sm" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                Load more
              </Button>
            ) : null}
          </div>
        </>
      )}
      <EventDetail event={open} providerName={open ? providerName(open.provider) : ""} timeZone={timeZone} canReplay={canReplay} onClose={() => setOpen(null)} />
    </div>
  );
}
