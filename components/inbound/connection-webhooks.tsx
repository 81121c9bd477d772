"use client";

import * as React from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRoundIcon, Loader2Icon } from "lucide-react";
import { toast } from "sonner";
import { FormField } from "@/components/form-field";
import {
  AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription,
  AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { fetchConnectionWebhook, inboundKeys, putSigningSecret, type ConnectionWebhook } from "./api";
import { CopyField } from "./copy-field";
import { eventTime } from "./format";

/** Longest signing secret the form sends (the API refuses longer ones with a field error too). */
export const MAX_SECRET_LENGTH = 500;

/** Props of a connection's webhook set-up card. */
export interface ConnectionWebhooksProps {
  connectionId: string;
  providerName: string;
  timeZone: string;
  /** Owners and admins may set, replace and clear the signing secret. */
  canManage: boolean;
}

function secretText(w: ConnectionWebhook, providerName: string): string {
  if (w.secretSource === "connection") return "A signing secret is set for this connection. It is stored encrypted and never shown again.";
  if (w.secretSource === "environment") return `No secret is set here: deliveries are checked with the hub's ${providerName} secret from its environment.`;
  return `No signing secret: ${providerName}'s deliveries cannot be verified and are refused until one is set.`;
}

/** The URL to paste into the provider, the signing secret (set / replace / clear) and the rejected-attempt count. */
export function ConnectionWebhooks({ connectionId, providerName, timeZone, canManage }: ConnectionWebhooksProps) {
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: inboundKeys.connection(connectionId), queryFn: () => fetchConnectionWebhook(connectionId) });
  const [secret, setSecret] = React.useState("");
  const [error, setError] = React.useState<string | undefined>();
  const [confirmClear, setConfirmClear] = React.useState(false);
  const save = useMutation({
    mutationFn: async (value: string | null) => {
      const res = await putSigningSecret(connectionId, value);
      if (!res.ok) throw Object.assign(new Error(res.message), { field: res.fields.signingSecret?.[0] });
      return res.data;
    },
    onSuccess: (data, value) => {
      queryClient.setQueryData(inboundKeys.connection(connectionId), data);
      setSecret("");
      setError(undefined);
      setConfirmClear(false);
      toast.success(value === null ? "The signing secret is cleared." : "The signing secret is saved.");
    },
    onError: (err: Error & { field?: string }) => {
      if (err.field) setError(err.field);
      else toast.error(err.message);
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const value = secret.trim();
    if (!value) return setError("Signing secret is required");
    if (value.length > MAX_SECRET_LENGTH) return setError(`Signing secret must be at most ${MAX_SECRET_LENGTH} characters`);
    save.mutate(value);
  }

  if (q.isPending) return <Skeleton className="h-56 w-full" aria-label="Loading webhook settings" />;
  if (q.isError) return <p role="alert" className="rounded-md border border-destructive/40 p-4 text-sm text-destructive">The webhook settings could not be loaded: {q.error.message}</p>;
  const w = q.data;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Receiving {providerName} webhooks</CardTitle>
        <CardDescription>Paste this URL into {providerName}&apos;s webhook settings; the hub verifies each delivery&apos;s signature before storing it.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <CopyField id="webhook-url" label="Webhook URL" value={w.url} />
        {w.tokenUrl && w.tokenUrl !== w.url ? (
          <CopyField
            id="webhook-token-url"
            label="This connection's own URL"
            value={w.tokenUrl}
            hint={`Use this URL when ${providerName}'s payloads do not name the account, or to send deliveries to this connection only.`}
          />
        ) : null}
        <div className="grid gap-3 text-sm sm:grid-cols-2">
          <p>
            <span className="text-muted-foreground">Rejected attempts: </span>
            <span data-testid="rejected-count" className="tabular-nums">{w.rejectedCount}</span>
          </p>
          <p>
            <span className="text-muted-foreground">Last received: </span>
            {w.lastReceivedAt ? eventTime(w.lastReceivedAt, timeZone) : "never"}
          </p>
        </div>
        <div className="space-y-3 border-t pt-4">
          <h3 className="flex items-center gap-2 text-sm font-medium">
            <KeyRoundIcon className="size-4" aria-hidden="true" /> Signing secret
          </h3>
          <p className="text-sm text-muted-foreground" data-testid="secret-status">{secretText(w, providerName)}</p>
          {canManage ? (
            <form onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
              <FormField
                name="signingSecret"
                label={w.signingSecretSet && w.secretSource === "connection" ? "New signing secret" : "Signing secret"}
                type="password"
                autoComplete="off"
                value={secret}
                onChange={(e) => { setSecret(e.target.value); setError(undefined); }}
                error={error}
                hint={`Copied from ${providerName}'s webhook settings. At most ${MAX_SECRET_LENGTH} characters.`}
                className="sm:flex-1"
              />
              <div className="flex gap-2 sm:pt-6">
                <Button type="submit" disabled={save.isPending}>
                  {save.isPending && !confirmClear ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                  {w.secretSource === "connection" ? "Replace" : "Save"}
                </Button>
                {w.secretSource === "connection" ? (
                  <AlertDialog open={confirmClear} onOpenChange={(o) => !save.isPending && setConfirmClear(o)}>
                    <AlertDialogTrigger asChild>
                      <Button type="button" variant="outline" className="text-destructive hover:text-destructive">Clear</Button>
                    </AlertDialogTrigger>
                    <AlertDialogContent>
                      <AlertDialogHeader>
                        <AlertDialogTitle>Clear this connection&apos;s signing secret?</AlertDialogTitle>
                        <AlertDialogDescription>
                          Deliveries will then be checked with the hub&apos;s environment secret for {providerName}, if it has one, and refused otherwise.
                        </AlertDialogDescription>
                      </AlertDialogHeader>
                      <AlertDialogFooter>
                        <AlertDialogCancel disabled={save.isPending}>Cancel</AlertDialogCancel>
                        <AlertDialogAction
                          className={buttonVariants({ variant: "destructive" })}
                          disabled={save.isPending}
                          onClick={(e) => { e.preventDefault(); save.mutate(null); }}
                        >
                          {save.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
                          Clear secret
                        </AlertDialogAction>
                      </AlertDialogFooter>
                    </AlertDialogContent>
                  </AlertDialog>
                ) : null}
              </div>
            </form>
          ) : (
            <p className="text-sm text-muted-foreground">Only owners and admins can change the signing secret.</p>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
