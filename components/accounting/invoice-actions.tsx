"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import {
  AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription,
  AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { AccountingFormState } from "@/lib/accounting/form-errors";

/** Props of the invoice page's buttons; each action is bound to the invoice by the page. */
export interface InvoiceActionsProps {
  number: string;
  canSend: boolean;
  canVoid: boolean;
  markSent: () => Promise<AccountingFormState>;
  voidInvoice: () => Promise<AccountingFormState>;
}

/** "Mark as sent" and "Void" (behind a confirmation); the page re-renders from the server after each. */
export function InvoiceActions({ number, canSend, canVoid, markSent, voidInvoice }: InvoiceActionsProps) {
  const [pending, startTransition] = useTransition();
  const run = (fn: () => Promise<AccountingFormState>) =>
    startTransition(async () => {
      const r = await fn();
      if (r.ok) toast.success(r.message ?? "Done.");
      else toast.error(r.message ?? "That did not work.");
    });
  return (
    <>
      {canSend ? (
        <Button variant="outline" disabled={pending} onClick={() => run(markSent)}>Mark as sent</Button>
      ) : null}
      {canVoid ? (
        <AlertDialog>
          <AlertDialogTrigger asChild>
            <Button variant="outline" disabled={pending}>Void</Button>
          </AlertDialogTrigger>
          <AlertDialogContent>
            <AlertDialogHeader>
              <AlertDialogTitle>Void invoice {number}?</AlertDialogTitle>
              <AlertDialogDescription>
                A void invoice stays on record with its number but is no longer owed and accepts no payments. This cannot be undone.
              </AlertDialogDescription>
            </AlertDialogHeader>
            <AlertDialogFooter>
              <AlertDialogCancel>Keep it</AlertDialogCancel>
              <AlertDialogAction onClick={() => run(voidInvoice)}>Void invoice</AlertDialogAction>
            </AlertDialogFooter>
          </AlertDialogContent>
        </AlertDialog>
      ) : null}
    </>
  );
}
