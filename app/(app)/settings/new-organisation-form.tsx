"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { BrowserTimeZoneInput } from "@/components/ui/browser-time-zone-input";
import { Button } from "@/components/ui/button";
import { createAnotherOrganisationAction } from "./actions";
import type { SettingsFormState } from "./form-state";

export function NewOrganisationForm() {
  const [state, action, pending] = useActionState(createAnotherOrganisationAction, {} as SettingsFormState);
  return (
    <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
      <BrowserTimeZoneInput />
      <FormField
        className="flex-1" id="new-organisation-name" name="name" label="Name" placeholder="e.g. Second Office Ltd"
        defaultValue={state.values?.name} error={state.fieldErrors?.name}
      />
      <Button type="submit" variant="outline" disabled={pending} className="sm:mt-[22px]">
        Create organisation
      </Button>
    </form>
  );
}
