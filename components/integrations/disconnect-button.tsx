"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Loader2Icon, UnplugIcon } from "lucide-react";
import { toast } from "sonner";
import {
  AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription,
  AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, buttonVariants } from "@/components/ui/button";
import { anyObject, callApi, connectionApiPath } from "./api-client";

/** Props of the guarded disconnect action. */
export interface DisconnectButtonProps {
  connectionId: string;
  providerName: string;
  /** What the confirmation calls this connection (its display name). */
  connectionName: string;
  /** Where to go afterwards (the provider page), since this connection's page then shows a disconnected row. */
  afterHref?: string;
  /** Other connections share this one's grant (Xero tenants of one sign-in): the grant is kept for them. */
  sharesGrant?: boolean;
  /** OAuth connections have a token to revoke; key-based ones only have stored credentials. */
  revokesToken: boolean;
}

/** "Disconnect" behind a confirmation that says what happens at the provider. */
export function DisconnectButton({ connectionId, providerName, connectionName, afterHref, sharesGrant, revokesToken }: DisconnectButtonProps) {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [pending, setPending] = React.useState(false);

  async function confirm(e: React.MouseEvent) {
    // Keep the dialog open while the request runs; close it ourselves on success.
    e.preventDefault();
    setPending(true);
    const res = await callApi("DELETE", connectionApiPath(connectionId), anyObject);
    setPending(false);
    if (!res.ok) {
      toast.error(res.message);
      return;
    }
    setOpen(false);
    toast.success(`${connectionName} is disconnected.`);
    if (afterHref) router.push(afterHref);
    router.refresh();
  }

  return (
    <AlertDialog open={open} onOpenChange={(o) => !pending && setOpen(o)}>
      <AlertDialogTrigger asChild>
        <Button variant="outline" className="text-destructive hover:text-destructive">
          <UnplugIcon aria-hidden="true" />
          Disconnect
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Disconnect {connectionName}?</AlertDialogTitle>
          <AlertDialogDescription>
            {revokesToken && sharesGrant
              ? `The stored credentials of ${connectionName} will be deleted. The ${providerName} sign-in stays valid for your other ${providerName} connections made with it, so it is not revoked.`
              : revokesToken
                ? `The hub's access token will be revoked at ${providerName} and the stored credentials deleted. Syncing stops until you connect again.`
                : `The stored credentials of ${connectionName} will be deleted from the hub. Syncing and notifications stop until you connect again.`}
            {" "}Your other {providerName} connections are not affected.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <AlertDialogAction className={buttonVariants({ variant: "destructive" })} onClick={confirm} disabled={pending}>
            {pending ? <Loader2Icon className="animate-spin" aria-hidden="true" /> : null}
            Disconnect
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
