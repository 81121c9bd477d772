"use client";

import * as React from "react";
import { FlaskConicalIcon, HistoryIcon, Loader2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { outboundApi, outboundKeys } from "./api";
import { fromLocalInput, toLocalInput } from "./format";
import { useApiAction } from "./use-api-action";

/** "Send test event" (a type's catalog sample) and "Recover failed since…", for admins. */
export function EndpointTools({ endpointId, eventTypes, timeZone }: { endpointId: string; eventTypes: readonly string[]; timeZone: string }) {
  const [type, setType] = React.useState(eventTypes.includes("invoice.paid") ? "invoice.paid" : (eventTypes[0] ?? ""));
  const [since, setSince] = React.useState(() => toLocalInput(new Date(Date.now() - 24 * 3600_000), timeZone));
  const [sinceError, setSinceError] = React.useState<string | null>(null);
  const refresh = [outboundKeys.endpoint(endpointId)];

  const test = useApiAction({
    run: (t: string) => outboundApi.sendTest(endpointId, t),
    success: "Test event sent. Its attempt appears in the delivery log.",
    refresh,
  });
  const recover = useApiAction({
    run: (iso: string) => outboundApi.recover(endpointId, iso),
    success: (d) => (d.requeued === 0 ? "No failed deliveries since then." : `${d.requeued} failed ${d.requeued === 1 ? "delivery" : "deliveries"} queued again.`),
    refresh,
  });

  const submitRecover = (e: React.FormEvent) => {
    e.preventDefault();
    const iso = fromLocalInput(since, timeZone);
    if (!iso) return setSinceError("Enter a date and time.");
    if (new Date(iso).getTime() > Date.now()) return setSinceError("Since must be in the past.");
    setSinceError(null);
    recover.mutate(iso);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Test and recover</CardTitle>
        <CardDescription>Send a sample event to check your receiver, or queue again what failed while it was down.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 sm:grid-cols-2">
        <form
          className="grid content-start gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            test.mutate(type);
          }}
        >
          <Label htmlFor="test-event-type">Test event type</Label>
          <div className="flex flex-wrap gap-2">
            <Select value={type} onValueChange={setType}>
              <SelectTrigger id="test-event-type" className="min-w-48 flex-1 font-mono text-xs">
                <SelectValue placeholder="Choose a type" />
              </SelectTrigger>
              <SelectContent>
                {eventTypes.map((t) => (
                  <SelectItem key={t} value={t} className="font-mono text-xs">
                    {t}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <Button type="submit" disabled={!type || test.isPending}>
              {test.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <FlaskConicalIcon aria-hidden="true" />}
              Send test event
            </Button>
          </div>
        </form>
        <form className="grid content-start gap-2" onSubmit={submitRecover} noValidate>
          <Label htmlFor="recover-since">Recover failed since ({timeZone})</Label>
          <div className="flex flex-wrap gap-2">
            <Input
              id="recover-since"
              type="datetime-local"
              value={since}
              onChange={(e) => setSince(e.target.value)}
              aria-invalid={sinceError ? true : undefined}
              aria-describedby={sinceError ? "recover-since-error" : undefined}
              className="min-w-48 flex-1"
            />
            <Button type="submit" variant="outline" disabled={recover.isPending}>
              {recover.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <HistoryIcon aria-hidden="true" />}
              Recover
            </Button>
          </div>
          {sinceError ? (
            <p id="recover-since-error" className="text-sm text-destructive" role="alert">
              {sinceError}
            </p>
          ) : null}
        </form>
      </CardContent>
    </Card>
  );
}
