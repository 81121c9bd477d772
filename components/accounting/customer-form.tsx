"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useSyncExternalStore } from "react";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import type { AccountingFormState } from "@/lib/accounting/form-errors";
import { useToastResult } from "./use-toast-result";

// Suggestions only (the server validates): read in the browser after hydration, because the
// browser's ISO list can differ from the server's and must not make the markup mismatch.
const CURRENCY_CODES: string[] = Intl.supportedValuesOf("currency");
const NO_CODES: string[] = [];
const noSubscription = () => () => {};

/** The fields a customer form starts with (empty for a new customer). */
export interface CustomerFormValues {
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  taxNumber: string | null;
  currency: string;
}

/** Props of the create/edit customer form; the server action is bound to the record by the page. */
export interface CustomerFormProps {
  action: (prev: AccountingFormState, form: FormData) => Promise<AccountingFormState>;
  initial?: CustomerFormValues;
  submitLabel: string;
  /** Where to go after a successful create (the new id is appended); edits stay on the page. */
  redirectBase?: string;
}

export function CustomerForm({ action, initial, submitLabel, redirectBase }: CustomerFormProps) {
  const [state, formAction, pending] = useActionState(action, {} as AccountingFormState);
  const router = useRouter();
  useToastResult(state);
  useEffect(() => {
    if (state.ok && state.id && redirectBase) router.push(`${redirectBase}/${state.id}`);
  }, [state.ok, state.id, redirectBase, router]);
  const currencyCodes = useSyncExternalStore(noSubscription, () => CURRENCY_CODES, () => NO_CODES);
  const err = (k: string) => state.fieldErrors?.[k];
  // After a refused submit, show what was typed rather than the saved values.
  const v = (k: keyof CustomerFormValues) => state.values?.[k] ?? initial?.[k] ?? "";
  return (
    <form action={formAction} className="grid max-w-2xl gap-4" noValidate>
      <FormField name="name" label="Name" required defaultValue={v("name")} error={err("name")} autoComplete="organization" />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField name="email" label="Email" type="email" defaultValue={v("email")} error={err("email")} />
        <FormField name="phone" label="Phone" type="tel" defaultValue={v("phone")} error={err("phone")} />
      </div>
      <FormField name="address" label="Address" error={err("address")}>
        <Textarea defaultValue={v("address")} rows={3} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField name="taxNumber" label="Tax number" defaultValue={v("taxNumber")} error={err("taxNumber")} />
        <FormField
          name="currency" label="Currency" defaultValue={v("currency") || "USD"} maxLength={3} list="currency-codes"
          autoComplete="off" error={err("currency")} hint="ISO 4217 code such as USD, EUR or JPY; new invoices use it."
        />
        <datalist id="currency-codes">
          {currencyCodes.map((c) => <option key={c} value={c} />)}
        </datalist>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
