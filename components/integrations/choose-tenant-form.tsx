"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Loader2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { anyObject, apiPath, callApi } from "./api-client";

/** Props of the provider-account choice (Xero tenants) that finishes a pending connection. */
export interface ChooseTenantFormProps {
  provider: string;
  providerName: string;
  accounts: { id: string; name: string }[];
}

/** A radio list of the authorised organisations and "Use this organisation". */
export function ChooseTenantForm({ provider, providerName, accounts }: ChooseTenantFormProps) {
  const router = useRouter();
  const [selected, setSelected] = React.useState(accounts.length === 1 ? accounts[0]!.id : "");
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (!selected) {
      setError("Choose one of the organisations.");
      return;
    }
    setPending(true);
    setError(null);
    const res = await callApi("POST", apiPath(provider, "/tenant"), anyObject, { tenantId: selected });
    if (!res.ok) {
      setPending(false);
      setError(res.message);
      return;
    }
    // The detail page announces ?connected=1 itself (banner + toast), so no toast here.
    router.push(`/integrations/${provider}?connected=1`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <fieldset className="space-y-2" aria-describedby={error ? "choose-tenant-error" : undefined}>
        <legend className="mb-2 text-sm font-medium">{providerName} organisations you authorised</legend>
        {accounts.map((a) => (
          <label
            key={a.id}
            className="flex cursor-pointer items-center gap-3 rounded-lg border px-4 py-3 text-sm transition-colors hover:bg-accent/40 has-[:checked]:border-primary has-[:checked]:bg-accent/60 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
          >
            <input
              type="radio"
              name="tenant"
              value={a.id}
              checked={selected === a.id}
              onChange={() => setSelected(a.id)}
              className="size-4 accent-primary"
            />
            <span className="font-medium">{a.name}</span>
          </label>
        ))}
      </fieldset>
      {error ? (
        <p id="choose-tenant-error" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
        Use this organisation
      </Button>
    </form>
  );
}
