"use client";

import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { fetchEvent, inboundKeys, type InboundEvent } from "./api";
import { EventStatusBadge } from "./event-status-badge";
import { eventTime, prettyPayload } from "./format";
import { ReplayButton } from "./replay-button";

/** Props of the side panel showing one event; `event` is the row that was opened (null: closed). */
export interface EventDetailProps {
  event: InboundEvent | null;
  /** The provider's display name ("Stripe"). */
  providerName: string;
  timeZone: string;
  canReplay: boolean;
  onClose: () => void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** One inbound event: its facts from the row at once, then its headers and pretty-printed payload. */
export function EventDetail({ event, providerName, timeZone, canReplay, onClose }: EventDetailProps) {
  const detail = useQuery({
    queryKey: inboundKeys.detail(event?.id ?? ""),
    queryFn: () => fetchEvent(event!.id),
    enabled: Boolean(event),
  });
  const e = detail.data ?? event;

  return (
    <Sheet open={Boolean(event)} onOpenChange={(o) => !o && onClose()}>
      <SheetContent className="w-full overflow-y-auto sm:max-w-2xl">
        {e ? (
          <>
            <SheetHeader className="pr-10">
              <SheetTitle className="font-mono text-base">{e.type}</SheetTitle>
              <SheetDescription>
                {providerName}
                {e.connectionName ? ` · ${e.connectionName}` : ""} · received {eventTime(e.receivedAt, timeZone)}
              </SheetDescription>
            </SheetHeader>
            <div className="space-y-6 px-4 pb-6">
              <dl className="space-y-2">
                <Row label="Status"><EventStatusBadge status={e.status} /></Row>
                <Row label="Event id"><span className="font-mono text-xs">{e.eventId}</span></Row>
                <Row label="Attempts">{e.attempts}</Row>
                {e.processedAt ? <Row label="Processed">{eventTime(e.processedAt, timeZone)}</Row> : null}
                {e.ignoredReason ? <Row label="Ignored because">{e.ignoredReason}</Row> : null}
                {e.lastError ? <Row label="Last error"><span className="text-destructive">{e.lastError}</span></Row> : null}
              </dl>
              {canReplay ? <ReplayButton ids={[e.id]} label="Replay" /> : null}
              {detail.isPending ? (
                <p className="flex items-center gap-2 text-sm text-muted-foreground">
                  <Loader2Icon className="size-4 animate-spin" aria-hidden="true" /> Loading the payload…
                </p>
              ) : detail.isError ? (
                <p role="alert" className="text-sm text-destructive">{detail.error.message}</p>
              ) : (
                <>
                  <section className="space-y-2">
                    <h3 className="text-sm font-medium">Headers</h3>
                    {detail.data.headers && Object.keys(detail.data.headers).length ? (
                      <dl className="space-y-1 rounded-md border p-3 font-mono text-xs">
                        {Object.entries(detail.data.headers).map(([k, v]) => (
                          <div key={k} className="grid grid-cols-[minmax(8rem,auto)_1fr] gap-3">
                            <dt className="text-muted-foreground">{k}</dt>
                            <dd className="break-all">{String(v)}</dd>
                          </div>
                        ))}
                      </dl>
                    ) : (
                      <p className="text-sm text-muted-foreground">No headers were kept.</p>
                    )}
                  </section>
                  <section className="space-y-2">
                    <h3 className="text-sm font-medium">Payload</h3>
                    <pre data-testid="event-payload" className="max-h-[60vh] overflow-auto rounded-md border bg-muted/40 p-3 font-mono text-xs">
                      {prettyPayload(detail.data.payload)}
                    </pre>
                  </section>
                </>
              )}
            </div>
          </>
        ) : null}
      </SheetContent>
    </Sheet>
  );
}
