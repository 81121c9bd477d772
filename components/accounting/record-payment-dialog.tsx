"use client";

import { useActionState, useState } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import type { AccountingFormState } from "@/lib/accounting/form-errors";
import { formatMoney, toDecimalString } from "@/lib/accounting/money";
import { PAYMENT_METHODS } from "@/lib/accounting/schemas";

const METHOD_LABEL: Record<(typeof PAYMENT_METHODS)[number], string> = {
  bank_transfer: "Bank transfer", card: "Card", cash: "Cash", cheque: "Cheque", other: "Other",
};

/** Props of the record-payment dialog; the action is bound to the invoice by the page. */
export interface RecordPaymentDialogProps {
  action: (prev: AccountingFormState, form: FormData) => Promise<AccountingFormState>;
  balance: number;
  currency: string;
  today: string;
}

/** "Record payment": amount prefilled to the balance; closes and toasts on success. */
export function RecordPaymentDialog({ action, balance, currency, today }: RecordPaymentDialogProps) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: AccountingFormState, form: FormData) => {
    const result = await action(prev, form);
    // Toast here, not in an effect: a full payment removes this dialog from the page at once.
    if (result.ok) {
      setOpen(false);
      toast.success(result.message ?? "Payment recorded.");
    } else {
      toast.error(result.message ?? "The payment was not recorded.");
    }
    return result;
  }, {} as AccountingFormState);
  const err = (k: string) => state.fieldErrors?.[k];
  const v = (k: string, d: string) => (state.ok ? d : state.values?.[k] ?? d);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>Record payment</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Record payment</DialogTitle>
          <DialogDescription>Balance due: {formatMoney(balance, currency)}</DialogDescription>
        </DialogHeader>
        <form action={formAction} className="grid gap-4" noValidate>
          <FormField name="amount" label={`Amount (${currency})`} inputMode="decimal" defaultValue={v("amount", toDecimalString(balance, currency))} error={err("amount")} />
          <FormField name="paidAt" label="Date" type="date" defaultValue={v("paidAt", today)} error={err("paidAt")} />
          <div className="grid gap-2">
            <Label htmlFor="payment-method">Method</Label>
            <Select name="method" defaultValue={v("method", "bank_transfer")}>
              <SelectTrigger id="payment-method" className="w-full"><SelectValue /></SelectTrigger>
              <SelectContent>
                {PAYMENT_METHODS.map((m) => <SelectItem key={m} value={m}>{METHOD_LABEL[m]}</SelectItem>)}
              </SelectContent>
            </Select>
          </div>
          <FormField name="reference" label="Reference" defaultValue={v("reference", "")} error={err("reference")} />
          <DialogFooter>
            <Button type="submit" disabled={pending}>{pending ? "Recording…" : "Record payment"}</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
