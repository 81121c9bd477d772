"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { AccountingFormState } from "@/lib/accounting/form-errors";
import type { InvoiceFormInput } from "@/lib/accounting/form-schemas";
import { LineEditor, blankLine, type EditableLine } from "./line-editor";

/** Props of the invoice editor (new invoice, or a draft being edited when `initial` is set). */
export interface InvoiceFormProps {
  customers: { id: string; name: string; currency: string }[];
  taxRates: { id: string; name: string; rateBps: number }[];
  save: (input: InvoiceFormInput) => Promise<AccountingFormState>;
  initial?: {
    customerId: string; issueDate: string; dueDate: string; notes: string | null;
    lines: Omit<EditableLine, "key">[];
  };
  defaults: { customerId?: string; issueDate: string; dueDate: string };
  /** Offer "Save and send" (new invoices only). */
  canSend: boolean;
}

export function InvoiceForm({ customers, taxRates, save, initial, defaults, canSend }: InvoiceFormProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [customerId, setCustomerId] = useState(initial?.customerId ?? defaults.customerId ?? "");
  const [issueDate, setIssueDate] = useState(initial?.issueDate ?? defaults.issueDate);
  const [dueDate, setDueDate] = useState(initial?.dueDate ?? defaults.dueDate);
  const [notes, setNotes] = useState(initial?.notes ?? "");
  const [lines, setLines] = useState<EditableLine[]>(
    initial ? initial.lines.map((l) => ({ ...l, key: crypto.randomUUID() })) : [blankLine()],
  );
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const currency = customers.find((c) => c.id === customerId)?.currency ?? "USD";

  function submit(send: boolean) {
    startTransition(async () => {
      const result = await save({
        customerId, issueDate, dueDate, notes, send,
        lines: lines.map(({ description, quantity, unitPrice, taxRateId }) => ({ description, quantity, unitPrice, taxRateId })),
      });
      setErrors(result.fieldErrors ?? {});
      if (!result.ok) {
        toast.error(result.message ?? "The invoice was not saved.");
        return;
      }
      toast.success(result.message ?? "Invoice saved.");
      router.push(`/invoices/${result.id}`);
    });
  }

  return (
    <form
      className="grid gap-6" noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
    >
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="grid gap-2">
          <Label htmlFor="customerId">Customer</Label>
          <Select value={customerId} onValueChange={setCustomerId}>
            <SelectTrigger
              id="customerId" className="w-full" aria-invalid={errors.customerId ? true : undefined}
              aria-describedby={errors.customerId ? "customerId-error" : undefined}
            >
              <SelectValue placeholder="Choose a customer" />
            </SelectTrigger>
            <SelectContent>
              {customers.map((c) => <SelectItem key={c.id} value={c.id}>{c.name}</SelectItem>)}
            </SelectContent>
          </Select>
          {errors.customerId ? <p id="customerId-error" role="alert" className="text-sm text-destructive">{errors.customerId[0]}</p> : null}
        </div>
        <FormField name="issueDate" label="Issue date" type="date" value={issueDate} onChange={(e) => setIssueDate(e.target.value)} error={errors.issueDate} />
        <FormField name="dueDate" label="Due date" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={errors.dueDate} />
      </div>
      <div className="grid gap-2">
        <h2 className="text-sm font-medium">Lines</h2>
        {errors.lines ? <p role="alert" className="text-sm text-destructive">{errors.lines[0]}</p> : null}
        <LineEditor lines={lines} onChange={setLines} taxRates={taxRates} currency={currency} errors={errors} />
      </div>
      <FormField name="notes" label="Notes" error={errors.notes}>
        <Textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </FormField>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={canSend ? "outline" : "default"} disabled={pending}>
          {initial ? "Save changes" : "Save as draft"}
        </Button>
        {canSend ? (
          <Button type="button" disabled={pending} onClick={() => submit(true)}>
            Save and send
          </Button>
        ) : null}
      </div>
    </form>
  );
}
