"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { Button } from "@/components/ui/button";
import { setTimeZoneAction } from "./actions";
import type { SettingsFormState } from "./form-state";
import { useToastResult } from "./use-toast-result";

/** The organisation's time zone: a text field suggesting the IANA zones (typing filters them). */
export function TimeZoneForm({ timeZone, zones, canEdit }: { timeZone: string; zones: string[]; canEdit: boolean }) {
  const [state, action, pending] = useActionState(setTimeZoneAction, {} as SettingsFormState);
  useToastResult(state);
  return (
    <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
      <FormField
        className="flex-1" name="timeZone" label="Time zone" list="time-zones" autoComplete="off" readOnly={!canEdit}
        defaultValue={state.values?.timeZone ?? timeZone} error={state.fieldErrors?.timeZone}
        hint="“Today”, “Paid this month” and overdue invoices follow this zone."
      />
      <datalist id="time-zones">
        {zones.map((z) => <option key={z} value={z} />)}
      </datalist>
      {canEdit ? (
        <Button type="submit" disabled={pending} className="sm:mt-[22px]">
          Save
        </Button>
      ) : null}
    </form>
  );
}
