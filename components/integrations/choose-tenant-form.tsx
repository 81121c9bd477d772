"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Loader2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { apiPath, callApi, connectedSchema } from "./api-client";

/** Props of the provider-account choice (Xero tenants) that finishes a pending authorisation. */
export interface ChooseTenantFormProps {
  provider: string;
  providerName: string;
  /** `connected`: this organisation already has it; choosing it again reconnects it. */
  accounts: { id: string; name: string; connected: boolean }[];
}

/** A checkbox list of the authorised organisations: each one ticked becomes its own connection. */
export function ChooseTenantForm({ provider, providerName, accounts }: ChooseTenantFormProps) {
  const router = useRouter();
  const [selected, setSelected] = React.useState<Set<string>>(() => new Set(accounts.length === 1 ? [accounts[0]!.id] : []));
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    if (selected.size === 0) {
      setError("Choose at least one organisation.");
      return;
    }
    setPending(true);
    setError(null);
    const res = await callApi("POST", apiPath(provider, "/tenant"), connectedSchema, { tenantIds: [...selected] });
    if (!res.ok) {
      setPending(false);
      setError(res.message);
      return;
    }
    // One connection opens its own page; several are listed on the provider page. Both pages
    // announce ?connected=… themselves (banner + toast), so no toast here.
    const made = res.data.connections ?? [];
    router.push(made.length === 1 ? `/integrations/${provider}/${made[0]!.id}?connected=1` : `/integrations/${provider}?connected=${made.length}`);
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
              type="checkbox"
              name="tenant"
              value={a.id}
              checked={selected.has(a.id)}
              onChange={(e) => toggle(a.id, e.target.checked)}
              className="size-4 accent-primary"
            />
            <span className="font-medium">{a.name}</span>
            {a.connected ? <span className="text-xs text-muted-foreground">Already connected: choosing it reconnects it</span> : null}
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
        {selected.size > 1 ? `Connect ${selected.size} organisations` : "Connect organisation"}
      </Button>
    </form>
  );
}
