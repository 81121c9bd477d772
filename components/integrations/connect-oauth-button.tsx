"use client";

import * as React from "react";
import { ExternalLinkIcon, Loader2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { apiPath, callApi, redirectSchema } from "./api-client";

/** Props of the button that starts an OAuth connection. */
export interface ConnectOAuthButtonProps {
  provider: string;
  providerName: string;
  /** "Reconnect" when the provider stopped accepting the current tokens. */
  reconnect?: boolean;
}

/**
 * Asks the API to start the OAuth flow (it stores the single-use state server-side) and sends
 * the browser to the provider's consent page it returns. Failures stay on this page, announced.
 */
export function ConnectOAuthButton({ provider, providerName, reconnect }: ConnectOAuthButtonProps) {
  const [pending, setPending] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const label = `${reconnect ? "Reconnect" : "Connect"} ${providerName}`;

  async function start() {
    setPending(true);
    setError(null);
    const res = await callApi("POST", apiPath(provider, "/connect"), redirectSchema, {});
    if (res.ok) {
      // Full navigation: the consent page is on the provider's origin.
      window.location.assign(res.data.redirectUrl);
      return;
    }
    setError(res.message);
    setPending(false);
  }

  return (
    <div className="space-y-2">
      <Button onClick={start} disabled={pending} aria-describedby={error ? `${provider}-connect-error` : undefined}>
        {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <ExternalLinkIcon aria-hidden="true" />}
        {label}
      </Button>
      {error ? (
        <p id={`${provider}-connect-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
