"use client";

import * as React from "react";
import { useMutation } from "@tanstack/react-query";
import { EyeIcon, EyeOffIcon, KeyRoundIcon, Loader2Icon, RotateCwIcon } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { outboundApi, type EndpointSecret } from "./api";
import { ConfirmButton } from "./confirm-button";
import { formatInZone } from "./format";

/**
 * The signing secret: admins fetch it on demand ("Reveal" — it never comes with the endpoint
 * itself) and rotate it; during the 24 hours after a rotation the previous one still signs.
 * Members see only that the endpoint has a secret.
 */
export function SecretPanel({ endpointId, canManage, timeZone }: { endpointId: string; canManage: boolean; timeZone: string }) {
  const [secret, setSecret] = React.useState<EndpointSecret | null>(null);
  const reveal = useMutation({
    mutationFn: () => outboundApi.getSecret(endpointId),
    onSuccess: (r) => (r.ok ? setSecret(r.data) : toast.error(r.message)),
  });
  const rotate = useMutation({
    mutationFn: () => outboundApi.rotateSecret(endpointId),
    onSuccess: (r) => {
      if (!r.ok) return void toast.error(r.message);
      setSecret(r.data);
      toast.success("Secret rotated. The previous secret keeps signing for 24 hours.");
    },
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <KeyRoundIcon className="size-4" aria-hidden="true" /> Signing secret
        </CardTitle>
        <CardDescription>
          Verify each delivery&apos;s <code>webhook-signature</code> with this secret (any Standard Webhooks library does it).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {!canManage ? (
          <p className="text-sm text-muted-foreground">Only owners and admins can see or rotate the secret.</p>
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded bg-muted px-2 py-1.5 font-mono text-xs" data-testid="endpoint-secret">
                {secret ? secret.secret : "whsec_••••••••••••••••••••••••"}
              </code>
              {secret ? (
                <Button variant="outline" size="sm" onClick={() => setSecret(null)}>
                  <EyeOffIcon aria-hidden="true" /> Hide
                </Button>
              ) : (
                <Button variant="outline" size="sm" onClick={() => reveal.mutate()} disabled={reveal.isPending}>
                  {reveal.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <EyeIcon aria-hidden="true" />} Reveal
                </Button>
              )}
              <ConfirmButton
                title="Rotate the signing secret?"
                description="A new secret is made now. The old one keeps signing beside it for 24 hours, so update your receiver within a day; after that only the new one signs."
                confirmLabel="Rotate secret"
                onConfirm={() => rotate.mutate()}
                trigger={
                  <Button variant="outline" size="sm" disabled={rotate.isPending}>
                    {rotate.isPending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : <RotateCwIcon aria-hidden="true" />} Rotate
                  </Button>
                }
              />
            </div>
            {secret?.previousSecret ? (
              <p className="text-xs text-muted-foreground">
                The previous secret <code className="font-mono">{secret.previousSecret}</code> also signs
                {secret.previousExpiresAt ? ` until ${formatInZone(secret.previousExpiresAt, timeZone)}` : ""}.
              </p>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
