"use client";

import { useActionState, useState } from "react";
import { toast } from "sonner";
import { TriangleAlert } from "lucide-react";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { createApiKeyAction } from "./api-key-actions";
import type { ApiKeyFormState } from "./api-key-form-state";
import { useToastResult } from "./use-toast-result";

/** A select with its label and error, for the dialog's role and expiry choices. */
function Choice({ name, label, value, options, error }: { name: string; label: string; value: string; options: [string, string][]; error?: string }) {
  // Prefixed: the settings page has other forms with "name" and "role" fields.
  const id = `api-key-${name}`;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Select name={name} defaultValue={value}>
        <SelectTrigger id={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {options.map(([v, text]) => <SelectItem key={v} value={v}>{text}</SelectItem>)}
        </SelectContent>
      </Select>
      {error ? <p id={`${id}-error`} role="alert" className="text-sm text-destructive">{error}</p> : null}
    </div>
  );
}

/**
 * Owners and admins: names a new key, picks its role and expiry, and then shows the key once with
 * a copy button. Closing the dialog forgets it; only its prefix is ever shown again.
 */
export function CreateApiKeyDialog() {
  const [open, setOpen] = useState(false);
  const [run, setRun] = useState(0);
  const [state, action, pending] = useActionState(createApiKeyAction, {} as ApiKeyFormState);
  useToastResult(state);
  // The secret belongs to the run that made it; reopening the dialog starts a fresh form.
  const secret = state.ok && state.at && state.at > run ? state.secret : undefined;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setRun(Date.now());
      }}
    >
      <DialogTrigger asChild>
        <Button>Create API key</Button>
      </DialogTrigger>
      <DialogContent>
        {secret ? (
          <>
            <DialogHeader>
              <DialogTitle>Copy your new API key</DialogTitle>
              <DialogDescription>Send it as <code>Authorization: Bearer …</code> to the customer and invoice API.</DialogDescription>
            </DialogHeader>
            <div className="flex gap-2">
              <Input aria-label="New API key" readOnly value={secret} className="font-mono text-xs" onFocus={(e) => e.currentTarget.select()} />
              <Button
                type="button"
                variant="outline"
                onClick={() => void navigator.clipboard.writeText(secret).then(() => toast.success("API key copied."), () => toast.error("Copy the key by hand."))}
              >
                Copy
              </Button>
            </div>
            <p role="alert" className="flex gap-2 rounded-md border border-amber-500/50 bg-amber-500/10 p-3 text-sm">
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              This is the only time the key is shown. Store it in your automation tool or a password manager now; if it is lost, revoke it and create another.
            </p>
            <DialogFooter>
              <Button type="button" onClick={() => { setOpen(false); setRun(Date.now()); }}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form action={action} className="space-y-4" noValidate>
            <DialogHeader>
              <DialogTitle>Create an API key</DialogTitle>
              <DialogDescription>For Zapier, Make, n8n or your own scripts. It acts for this organisation with the role you choose.</DialogDescription>
            </DialogHeader>
            <FormField id="api-key-name" name="name" label="Name" placeholder="Zapier" maxLength={100} defaultValue={state.values?.name} error={state.fieldErrors?.name} hint="Up to 100 characters, so you can tell keys apart." />
            <div className="grid gap-4 sm:grid-cols-2">
              <Choice name="role" label="Role" value={state.values?.role ?? "member"} error={state.fieldErrors?.role?.[0]} options={[["member", "Member"], ["admin", "Admin"]]} />
              <Choice
                name="expires"
                label="Expires"
                value={state.values?.expires ?? "90"}
                error={state.fieldErrors?.expires?.[0] ?? state.fieldErrors?.expiresAt?.[0]}
                options={[["30", "In 30 days"], ["90", "In 90 days"], ["365", "In a year"], ["never", "Never (until revoked)"]]}
              />
            </div>
            <DialogFooter>
              <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create key"}</Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
