"use client";

import * as React from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { InboxIcon, Loader2Icon, RotateCcwIcon } from "lucide-react";
import { EmptyState } from "@/components/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { outboundApi, outboundKeys, unwrap, type Attempt } from "./api";
import { durationText, formatInZone } from "./format";
import { LoadError, LoadingRows } from "./query-state";
import { useApiAction } from "./use-api-action";

const PAGE = 25;
const filters = [
  { value: "all", label: "All attempts" },
  { value: "failed", label: "Failed" },
  { value: "succeeded", label: "Succeeded" },
] as const;

/**
 * Every attempt to deliver to one endpoint, newest first, a cursor page at a time. It polls while
 * only the first page is shown, so an attempt made by the job runner appears without a reload.
 */
export function DeliveryLog({ endpointId, canManage, timeZone }: { endpointId: string; canManage: boolean; timeZone: string }) {
  const [status, setStatus] = React.useState<string>("all");
  const attempts = useInfiniteQuery({
    queryKey: outboundKeys.attempts(endpointId, status),
    queryFn: ({ pageParam }) =>
      unwrap(outboundApi.attempts(endpointId, { status: status === "all" ? undefined : status, cursor: pageParam, limit: PAGE })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (q) => ((q.state.data?.pages.length ?? 0) <= 1 ? 3000 : false),
  });
  const retry = useApiAction({
    run: (deliveryId: string) => outboundApi.retryDelivery(deliveryId),
    success: "Retry queued. Its attempt appears here in a moment.",
    refresh: [outboundKeys.endpoint(endpointId)],
  });

  const rows = attempts.data?.pages.flatMap((p) => p.data) ?? [];

  // A new attempt changes the endpoint's numbers and maybe its status (a 410 disables it):
  // refresh those when the newest attempt changes, not only on their own timer.
  const queryClient = useQueryClient();
  const newest = rows[0]?.id;
  const seenNewest = React.useRef<string | undefined>(undefined);
  React.useEffect(() => {
    if (newest === undefined || newest === seenNewest.current) return;
    const first = seenNewest.current === undefined;
    seenNewest.current = newest;
    if (first) return;
    void queryClient.invalidateQueries({ queryKey: outboundKeys.endpoint(endpointId), exact: true });
    void queryClient.invalidateQueries({ queryKey: outboundKeys.stats(endpointId) });
  }, [newest, endpointId, queryClient]);
  // "Retry now" sits on a delivery's newest attempt, and only when that attempt failed.
  const newestOfDelivery = new Map<string, string>();
  for (const a of rows) if (!newestOfDelivery.has(a.deliveryId)) newestOfDelivery.set(a.deliveryId, a.id);

  return (
    <section className="space-y-3" aria-labelledby="delivery-log-heading">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="delivery-log-heading" className="text-lg font-semibold">
          Delivery log
        </h2>
        <div className="grid gap-1">
          <Label htmlFor="attempt-status" className="sr-only">
            Show
          </Label>
          <Select value={status} onValueChange={setStatus}>
            <SelectTrigger id="attempt-status" className="w-44" aria-label="Show attempts">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {filters.map((f) => (
                <SelectItem key={f.value} value={f.value}>
                  {f.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </div>
      {attempts.isPending ? (
        <LoadingRows label="Loading attempts" />
      ) : attempts.isError ? (
        <LoadError error={attempts.error} onRetry={() => void attempts.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={InboxIcon}
          title={status === "all" ? "No deliveries yet" : `No ${status} attempts`}
          description="Each try at delivering an event to this endpoint is listed here, with the status code and response. Send a test event to see one."
        />
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border">
            <Table data-testid="delivery-log">
              <TableHeader>
                <TableRow>
                  <TableHead>Time ({timeZone})</TableHead>
                  <TableHead>Event</TableHead>
                  <TableHead>Result</TableHead>
                  <TableHead className="text-right">Duration</TableHead>
                  <TableHead>Response</TableHead>
                  {canManage ? <TableHead className="sr-only">Actions</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((a) => (
                  <AttemptRow
                    key={a.id}
                    attempt={a}
                    timeZone={timeZone}
                    retry={
                      canManage && !a.succeeded && newestOfDelivery.get(a.deliveryId) === a.id ? (
                        <Button
                          size="sm"
                          variant="outline"
                          disabled={retry.isPending && retry.variables === a.deliveryId}
                          onClick={() => retry.mutate(a.deliveryId)}
                        >
                          {retry.isPending && retry.variables === a.deliveryId ? (
                            <Loader2Icon className="animate-spin" aria-hidden="true" />
                          ) : (
                            <RotateCcwIcon aria-hidden="true" />
                          )}
                          Retry now
                        </Button>
                      ) : null
                    }
                    showActions={canManage}
                  />
                ))}
              </TableBody>
            </Table>
          </div>
          <div className="flex items-center justify-between gap-3">
            <p className="text-sm text-muted-foreground">
              {rows.length} {rows.length === 1 ? "attempt" : "attempts"} shown
            </p>
            {attempts.hasNextPage ? (
              <Button variant="outline" size="sm" onClick={() => void attempts.fetchNextPage()} disabled={attempts.isFetchingNextPage}>
                {attempts.isFetchingNextPage ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                Load older attempts
              </Button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}

function AttemptRow({ attempt: a, timeZone, retry, showActions }: { attempt: Attempt; timeZone: string; retry: React.ReactNode; showActions: boolean }) {
  return (
    <TableRow data-attempt={a.succeeded ? "succeeded" : "failed"} data-delivery-id={a.deliveryId} data-attempt-id={a.id}>
      <TableCell className="whitespace-nowrap tabular-nums">{formatInZone(a.createdAt, timeZone)}</TableCell>
      <TableCell>
        <span className="font-mono text-xs">{a.eventType}</span>
        <span className="block text-xs text-muted-foreground">attempt {a.attempt}</span>
      </TableCell>
      <TableCell>
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge variant={a.succeeded ? "success" : "destructive"}>{a.succeeded ? "Succeeded" : "Failed"}</Badge>
          {a.statusCode ? <span className="font-mono text-xs tabular-nums">HTTP {a.statusCode}</span> : null}
        </div>
        {a.error && a.error !== `HTTP ${a.statusCode}` ? <p className="mt-1 max-w-64 text-xs text-destructive">{a.error}</p> : null}
      </TableCell>
      <TableCell className="text-right tabular-nums">{durationText(a.durationMs)}</TableCell>
      <TableCell className="max-w-96">
        {a.responseBody ? (
          <details>
            <summary className="cursor-pointer text-xs text-muted-foreground">Response body ({a.responseBody.length.toLocaleString("en")} chars)</summary>
            <pre className="mt-2 max-h-64 overflow-auto rounded bg-muted p-2 text-xs whitespace-pre-wrap break-all">{a.responseBody}</pre>
          </details>
        ) : (
          <span className="text-xs text-muted-foreground">No body</span>
        )}
      </TableCell>
      {showActions ? <TableCell className="text-right">{retry}</TableCell> : null}
    </TableRow>
  );
}
