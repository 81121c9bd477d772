"use client";

import { startTransition, useActionState } from "react";
import {
  AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription, AlertDialogFooter, AlertDialogHeader,
  AlertDialogTitle, AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { SettingsFormState } from "./form-state";
import { revokeApiKeyAction } from "./api-key-actions";
import { useToastResult } from "./use-toast-result";

/** Revokes one key after a confirmation that says what stops working. */
export function RevokeApiKeyButton({ keyId, name }: { keyId: string; name: string }) {
  const [state, action, pending] = useActionState(revokeApiKeyAction, {} as SettingsFormState);
  useToastResult(state);
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" size="sm" disabled={pending} aria-label={`Revoke the API key ${name}`}>
          Revoke
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke “{name}”?</AlertDialogTitle>
          <AlertDialogDescription>
            Every automation using this key stops working at once and gets “invalid API key”. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction
            onClick={() => {
              const data = new FormData();
              data.set("keyId", keyId);
              startTransition(() => action(data));
            }}
          >
            Revoke key
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
