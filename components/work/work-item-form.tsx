"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { useToastResult } from "@/components/accounting/use-toast-result";
import type { AccountingFormState } from "@/lib/accounting/form-errors";

/** One field of a work item form (project, ticket, quote). */
export interface WorkField {
  name: string;
  label: string;
  kind?: "text" | "textarea" | "date" | "select" | "checkbox";
  required?: boolean;
  hint?: string;
  /** Choices of a `select`; an empty value means "none". */
  options?: { value: string; label: string }[];
  inputMode?: "decimal";
}

/** Props of the create/edit form; the server action is bound to the record by the page. */
export interface WorkItemFormProps {
  action: (prev: AccountingFormState, form: FormData) => Promise<AccountingFormState>;
  fields: WorkField[];
  initial?: Record<string, string>;
  submitLabel: string;
  /** Where to go after a successful create; edits stay on the page. */
  redirectTo?: string;
}

const selectClass =
  "flex h-9 w-full rounded-md border border-input bg-transparent px-3 py-1 text-base shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 aria-invalid:border-destructive md:text-sm dark:bg-input/30";

/** A form of labelled fields; each refused field shows its message under it, the rest toasts. */
export function WorkItemForm({ action, fields, initial, submitLabel, redirectTo }: WorkItemFormProps) {
  const [state, formAction, pending] = useActionState(action, {} as AccountingFormState);
  const router = useRouter();
  useToastResult(state);
  useEffect(() => {
    if (state.ok && redirectTo) router.push(redirectTo);
  }, [state.ok, state.at, redirectTo, router]);
  // After a refused submit, show what was typed rather than the saved values. React resets the
  // form after an action, and a <select> or checkbox does not take a new default on re-render:
  // a fresh key per submit remounts the fields with these values.
  const v = (k: string) => state.values?.[k] ?? initial?.[k] ?? "";
  return (
    <form key={state.at ?? 0} action={formAction} className="grid max-w-2xl gap-4" noValidate>
      {fields.map((f) => {
        const common = { key: f.name, name: f.name, label: f.label, required: f.required, hint: f.hint, error: state.fieldErrors?.[f.name] };
        switch (f.kind) {
          case "textarea":
            return <FormField {...common}><Textarea defaultValue={v(f.name)} rows={3} /></FormField>;
          case "select":
            return (
              <FormField {...common}>
                <select defaultValue={v(f.name)} className={selectClass}>
                  {f.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              </FormField>
            );
          case "checkbox":
            return (
              <label key={f.name} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name={f.name} defaultChecked={v(f.name) === "on"} className="size-4" />
                {f.label}
              </label>
            );
          default:
            return <FormField {...common} type={f.kind === "date" ? "date" : "text"} inputMode={f.inputMode} defaultValue={v(f.name)} />;
        }
      })}
      <div>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : submitLabel}</Button>
      </div>
    </form>
  );
}
