"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import {
  AlertDialog, AlertDialogAction, AlertDialogCancel, AlertDialogContent, AlertDialogDescription,
  AlertDialogFooter, AlertDialogHeader, AlertDialogTitle, AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import type { AccountingFormState } from "@/lib/accounting/form-errors";

/** Props of one status-change button; the server action is bound to the record by the page. */
export interface StatusActionProps {
  label: string;
  action: () => Promise<AccountingFormState>;
  /** Ask first (final or destructive changes). */
  confirm?: { title: string; description: string; confirmLabel: string };
  /** Where to go after success (e.g. the list after a delete); otherwise the page re-renders. */
  redirectTo?: string;
  variant?: "outline" | "destructive";
}

/** A button that runs one change and toasts its outcome, behind a confirmation when asked. */
export function StatusAction({ label, action, confirm, redirectTo, variant = "outline" }: StatusActionProps) {
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const run = () =>
    startTransition(async () => {
      const r = await action();
      if (r.ok) {
        toast.success(r.message ?? "Done.");
        if (redirectTo) router.push(redirectTo);
      } else toast.error(r.message ?? "That did not work.");
    });
  const button = (onClick?: () => void) => (
    <Button size="sm" variant={variant} disabled={pending} onClick={onClick}>{label}</Button>
  );
  if (!confirm) return button(run);
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>{button()}</AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{confirm.title}</AlertDialogTitle>
          <AlertDialogDescription>{confirm.description}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction onClick={run}>{confirm.confirmLabel}</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
