"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { BrowserTimeZoneInput } from "@/components/ui/browser-time-zone-input";
import { createOrganisationAction } from "../actions";
import type { AuthFormState } from "../form-state";
import { SubmitButton } from "../submit-button";

export function OrganisationForm() {
  const [state, action] = useActionState(createOrganisationAction, {} as AuthFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <BrowserTimeZoneInput />
      <FormField
        name="name" label="Organisation name" placeholder="e.g. Smith & Co Accounting" required
        defaultValue={state.values?.name} error={state.fieldErrors?.name}
      />
      <SubmitButton>Create organisation</SubmitButton>
    </form>
  );
}
