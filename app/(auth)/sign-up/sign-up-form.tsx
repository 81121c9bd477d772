"use client";

import { useActionState } from "react";
import { FormField } from "@/components/form-field";
import { signUpAction } from "../actions";
import type { AuthFormState } from "../form-state";
import { SubmitButton } from "../submit-button";

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, {} as AuthFormState);
  return (
    <form action={action} className="grid gap-4" noValidate>
      <FormField name="name" label="Name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <FormField
        name="email" label="Email" type="email" autoComplete="email" required
        defaultValue={state.values?.email} error={state.fieldErrors?.email}
      />
      <FormField
        name="password" label="Password" type="password" autoComplete="new-password" required
        hint="At least 8 characters." error={state.fieldErrors?.password}
      />
      <SubmitButton>Create account</SubmitButton>
    </form>
  );
}
