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
import { anyObject, apiPath, callApi } from "./api-client";

/** Props of the guarded disconnect action. */
export interface DisconnectButtonProps {
  provider: string;
  providerName: string;
  /** OAuth connections have a token to revoke; key-based ones only have stored credentials. */
  revokesToken: boolean;
}

/** "Disconnect" behind a confirmation that says what happens at the provider. */
export function DisconnectButton({ provider, providerName, revokesToken }: DisconnectButtonProps) {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [pending, setPending] = React.useState(false);

  async function confirm(e: React.MouseEvent) {
    // Keep the dialog open while the request runs; close it ourselves on success.
    e.preventDefault();
    setPending(true);
    const res = await callApi("DELETE", apiPath(provider), anyObject);
    setPending(false);
    if (!res.ok) {
      toast.error(res.message);
      return;
    }
    setOpen(false);
    toast.success(`${providerName} is disconnected.`);
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
          <AlertDialogTitle>Disconnect {providerName}?</AlertDialogTitle>
          <AlertDialogDescription>
            {revokesToken
              ? `The hub's access token will be revoked at ${providerName} and the stored credentials deleted. Syncing stops until you connect again.`
              : `The stored credentials for ${providerName} will be deleted from the hub. Syncing and notifications stop until you connect again.`}
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
