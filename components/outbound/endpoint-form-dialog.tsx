"use client";

import * as React from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, PlusIcon, Trash2Icon } from "lucide-react";
import { toast } from "sonner";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { ApiFailure } from "@/components/integrations/api-client";
import { outboundApi, outboundKeys, type Endpoint, type EndpointInput } from "./api";
import { headersFromRows, rowsFromHeaders, type HeaderRow } from "./format";

/** Props of the dialog that adds an endpoint, or edits one when `endpoint` is given. */
export interface EndpointFormDialogProps {
  /** The catalogued event types, read on the server from lib/events/catalog.ts. */
  eventTypes: readonly string[];
  endpoint?: Endpoint;
  /** The button that opens the dialog. */
  trigger: React.ReactElement;
  /** Called with the saved endpoint (the list opens a new one's page). */
  onSaved?: (endpoint: Endpoint) => void;
}

/** The URL, description, event filter and custom headers of an endpoint, with the API's field errors. */
export function EndpointFormDialog({ eventTypes, endpoint, trigger, onSaved }: EndpointFormDialogProps) {
  const [open, setOpen] = React.useState(false);
  const queryClient = useQueryClient();
  const [url, setUrl] = React.useState(endpoint?.url ?? "");
  const [description, setDescription] = React.useState(endpoint?.description ?? "");
  const [types, setTypes] = React.useState<string[]>(endpoint?.eventTypes ?? ["*"]);
  const [headers, setHeaders] = React.useState<HeaderRow[]>(rowsFromHeaders(endpoint?.headers ?? {}));
  const [failure, setFailure] = React.useState<ApiFailure | null>(null);

  const reset = () => {
    setUrl(endpoint?.url ?? "");
    setDescription(endpoint?.description ?? "");
    setTypes(endpoint?.eventTypes ?? ["*"]);
    setHeaders(rowsFromHeaders(endpoint?.headers ?? {}));
    setFailure(null);
  };

  const save = useMutation({
    mutationFn: async (input: EndpointInput) => (endpoint ? outboundApi.updateEndpoint(endpoint.id, input) : outboundApi.createEndpoint(input)),
    onSuccess: (result) => {
      if (!result.ok) {
        setFailure(result);
        return;
      }
      toast.success(endpoint ? "Endpoint saved." : "Endpoint added. Its deliveries start with the next matching event.");
      void queryClient.invalidateQueries({ queryKey: outboundKeys.endpoints() });
      setOpen(false);
      onSaved?.(result.data);
    },
  });

  const all = types.includes("*");
  const toggle = (type: string, on: boolean) => setTypes((cur) => (on ? [...cur.filter((t) => t !== type), type] : cur.filter((t) => t !== type)));
  const fields = failure?.fields ?? {};
  const formError = failure && Object.keys(fields).length === 0 ? failure.message : null;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(null);
    save.mutate({ url: url.trim(), description: description.trim(), eventTypes: all ? ["*"] : types, headers: headersFromRows(headers) });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) reset();
        setOpen(next);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{endpoint ? "Edit endpoint" : "Add endpoint"}</DialogTitle>
          <DialogDescription>
            The hub POSTs each matching event to this URL, signed per Standard Webhooks, and retries failures for up to about a day and a half.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="grid gap-5" noValidate>
          <FormField
            name="url"
            label="Endpoint URL"
            type="url"
            required
            placeholder="https://example.com/webhooks/hub"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={fields.url}
            hint="An https URL on the public internet (local addresses only where this hub allows them)."
          />
          <FormField
            name="description"
            label="Description"
            placeholder="What receives these events"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={fields.description}
          />
          <fieldset className="grid gap-2" aria-describedby={fields.eventTypes ? "field-eventTypes-error" : undefined}>
            <legend className="mb-2 text-sm font-medium">Events to send</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={all} onChange={(e) => setTypes(e.target.checked ? ["*"] : [])} className="size-4 accent-primary" />
              All events (<code>*</code>), including types added later
            </label>
            <div className="grid max-h-48 gap-1.5 overflow-y-auto rounded-md border p-3 sm:grid-cols-2" role="group" aria-label="Event types">
              {eventTypes.map((type) => (
                <label key={type} className="flex items-center gap-2 font-mono text-xs aria-disabled:opacity-50" aria-disabled={all || undefined}>
                  <input
                    type="checkbox"
                    disabled={all}
                    checked={all || types.includes(type)}
                    onChange={(e) => toggle(type, e.target.checked)}
                    className="size-4 accent-primary"
                  />
                  {type}
                </label>
              ))}
            </div>
            {fields.eventTypes ? (
              <p id="field-eventTypes-error" className="text-sm text-destructive" role="alert">
                {fields.eventTypes[0]}
              </p>
            ) : null}
          </fieldset>
          <HeaderRows rows={headers} onChange={setHeaders} error={fields.headers?.[0]} />
          {formError ? (
            <p className="text-sm text-destructive" role="alert">
              {formError}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
              {endpoint ? "Save endpoint" : "Add endpoint"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Name/value rows for the custom headers sent with every delivery. */
function HeaderRows({ rows, onChange, error }: { rows: HeaderRow[]; onChange: (rows: HeaderRow[]) => void; error?: string }) {
  const set = (i: number, patch: Partial<HeaderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">Custom headers</legend>
      <p className="text-xs text-muted-foreground">Sent with every delivery, e.g. a token your receiver checks. The webhook-* headers are the hub&apos;s own.</p>
      {rows.map((row, i) => (
        <div key={i} className="flex items-end gap-2">
          <div className="grid flex-1 gap-1">
            <Label htmlFor={`header-name-${i}`} className="sr-only">
              Header name {i + 1}
            </Label>
            <Input id={`header-name-${i}`} placeholder="X-Header-Name" value={row.name} onChange={(e) => set(i, { name: e.target.value })} />
          </div>
          <div className="grid flex-1 gap-1">
            <Label htmlFor={`header-value-${i}`} className="sr-only">
              Header value {i + 1}
            </Label>
            <Input id={`header-value-${i}`} placeholder="value" value={row.value} onChange={(e) => set(i, { value: e.target.value })} />
          </div>
          <Button type="button" variant="ghost" size="icon" aria-label={`Remove header ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            <Trash2Icon aria-hidden="true" />
          </Button>
        </div>
      ))}
      <Button type="button" variant="outline" size="sm" className="w-fit" onClick={() => onChange([...rows, { name: "", value: "" }])}>
        <PlusIcon aria-hidden="true" /> Add header
      </Button>
      {error ? (
        <p className="text-sm text-destructive" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
